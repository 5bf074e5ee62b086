/**
 * Consent at read time (Danish Health Act §15, GDPR art. 9). Health data crosses to another
 * organisation only while the citizen's consent to that organisation is given, valid today and
 * not withdrawn. Services call this inside their transaction, right before authorize(), and pass
 * the answer as RowScope.consentOrganisationIds: a withdrawal is therefore felt by the very next
 * read, with no cache between.
 */
import { sql } from 'kysely';
import type { Tx } from './context.js';

export const consentCategories = [
  'health_profile',
  'health_tests',
  'screening_notes',
  'attendance',
  'outcome',
] as const;
export type ConsentCategory = (typeof consentCategories)[number];

/** Organisations holding a valid consent from the citizen that covers the category. */
export async function consentingOrganisations(
  tx: Tx,
  citizenId: string,
  category: ConsentCategory | string,
): Promise<string[]> {
  return consentingOrganisationsForAll(tx, citizenId, [category]);
}

/**
 * Organisations whose valid consents from the citizen together cover every given category. With
 * no categories: organisations holding any valid consent from the citizen.
 */
export async function consentingOrganisationsForAll(
  tx: Tx,
  citizenId: string,
  categories: readonly string[],
): Promise<string[]> {
  const { rows } = await sql<{ organisation_id: string; categories: string[] }>`
    select recipient_organisation_id as organisation_id,
      array_agg(distinct cat) as categories
    from consent, unnest(categories) as cat
    where citizen_id = ${citizenId} and status = 'given' and withdrawn_at is null
      and valid_from <= current_date and (valid_to is null or valid_to >= current_date)
    group by recipient_organisation_id`.execute(tx);
  return rows
    .filter((r) => categories.every((c) => r.categories.includes(c)))
    .map((r) => r.organisation_id);
}

/** The categories the citizen has validly consented to share with one organisation. */
export async function consentedCategories(
  tx: Tx,
  citizenId: string,
  organisationId: string,
): Promise<{ categories: string[]; consentId: string | null }> {
  const { rows } = await sql<{ id: string; categories: string[] }>`
    select id, categories from consent
    where citizen_id = ${citizenId} and recipient_organisation_id = ${organisationId}
      and status = 'given' and withdrawn_at is null
      and valid_from <= current_date and (valid_to is null or valid_to >= current_date)
    order by created_at desc`.execute(tx);
  const categories = [...new Set(rows.flatMap((r) => r.categories))];
  return { categories, consentId: rows[0]?.id ?? null };
}
