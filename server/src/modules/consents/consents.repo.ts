import { sql } from 'kysely';
import type { Tx } from '../../platform/context.js';

export interface ConsentRow {
  id: string;
  municipality_code: string;
  citizen_id: string;
  recipient_organisation_id: string;
  recipient_organisation_name: string;
  categories: string[];
  purpose: string;
  valid_from: string;
  valid_to: string | null;
  given_how: string;
  status: string;
  active: boolean;
  recorded_by_name: string | null;
  withdrawn_at: Date | null;
  created_at: Date;
}

const select = sql`
  select k.id, k.municipality_code, k.citizen_id, k.recipient_organisation_id,
    o.name as recipient_organisation_name, k.categories, k.purpose, k.valid_from::text as valid_from,
    k.valid_to::text as valid_to, k.given_how, k.status,
    (k.status = 'given' and k.withdrawn_at is null and k.valid_from <= current_date
      and (k.valid_to is null or k.valid_to >= current_date)) as active,
    coalesce(k.recorded_by_name, u.display_name) as recorded_by_name, k.withdrawn_at, k.created_at
  from consent k
  join organisation o on o.municipality_code = k.municipality_code and o.id = k.recipient_organisation_id
  left join app_user u on u.id = k.recorded_by`;

export async function findConsent(tx: Tx, id: string): Promise<ConsentRow | undefined> {
  const { rows } = await sql<ConsentRow>`${select} where k.id = ${id}`.execute(tx);
  return rows[0];
}

export async function listForCitizen(tx: Tx, citizenId: string): Promise<ConsentRow[]> {
  const { rows } = await sql<ConsentRow>`${select} where k.citizen_id = ${citizenId}
    order by k.created_at desc, k.id`.execute(tx);
  return rows;
}

export async function insertConsent(
  tx: Tx,
  c: {
    municipalityCode: string;
    citizenId: string;
    recipientOrganisationId: string;
    categories: string[];
    purpose: string;
    validFrom: string | null;
    validTo: string | null;
    givenHow: string;
    status: string;
    recordedBy: string;
    recordedByName: string;
  },
): Promise<string> {
  const { rows } = await sql<{ id: string }>`
    insert into consent (municipality_code, citizen_id, recipient_organisation_id, categories,
      purpose, valid_from, valid_to, given_how, recorded_by, recorded_by_name, status)
    values (${c.municipalityCode}, ${c.citizenId}, ${c.recipientOrganisationId}, ${c.categories},
      ${c.purpose}, coalesce(${c.validFrom}::date, current_date), ${c.validTo}::date, ${c.givenHow},
      ${c.recordedBy}, ${c.recordedByName}, ${c.status})
    returning id`.execute(tx);
  return rows[0]!.id;
}

export async function withdrawConsent(tx: Tx, id: string, userId: string): Promise<void> {
  await sql`update consent set status = 'withdrawn', withdrawn_at = now(), withdrawn_by = ${userId}
    where id = ${id}`.execute(tx);
}

export async function findOrganisation(tx: Tx, id: string) {
  const { rows } = await sql<{ id: string; name: string; type: string }>`
    select id, name, type from organisation where id = ${id}`.execute(tx);
  return rows[0];
}

export async function listOrganisations(tx: Tx) {
  const { rows } = await sql<{ id: string; name: string; type: string }>`
    select id, name, type from organisation order by name`.execute(tx);
  return rows;
}
