/**
 * The citizen's own consents (Danish Health Act §15, GDPR art. 9). A small stand-in that writes
 * the shared consent rows directly; when the consent module (#7) lands, replace these two
 * functions with calls to its service – the portal calls nothing else.
 */
import { sql } from 'kysely';
import type { Tx } from '../../platform/context.js';

export const consentCategories = [
  'health_profile',
  'health_tests',
  'screening_notes',
  'attendance',
  'outcome',
] as const;

export async function giveConsent(
  tx: Tx,
  m: string,
  citizenId: string,
  input: {
    recipientOrganisationId: string;
    categories: string[];
    purpose: string;
    validTo?: string | null;
  },
  recordedBy: string,
) {
  const { rows } = await sql<{ id: string }>`insert into consent (municipality_code, citizen_id,
      recipient_organisation_id, categories, purpose, valid_to, given_how, recorded_by, status)
    values (${m}, ${citizenId}, ${input.recipientOrganisationId}, ${input.categories}::text[],
      ${input.purpose}, ${input.validTo ?? null}, 'portal', ${recordedBy}, 'given') returning id`.execute(
    tx,
  );
  return rows[0]!.id;
}

/** A withdrawal takes effect at once: status and time are set in the same statement. */
export async function withdrawConsent(tx: Tx, citizenId: string, consentId: string) {
  const { rows } = await sql<{
    id: string;
  }>`update consent set status = 'withdrawn', withdrawn_at = now()
    where id = ${consentId} and citizen_id = ${citizenId} and status = 'given' returning id`.execute(
    tx,
  );
  return rows[0];
}
