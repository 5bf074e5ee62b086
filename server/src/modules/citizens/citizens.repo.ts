import { sql } from 'kysely';
import type { Tx } from '../../platform/context.js';

export interface CitizenRow {
  id: string;
  municipality_code: string;
  cpr_encrypted: Uint8Array;
  birth_date: string;
  gender: string | null;
  first_name: string;
  last_name: string;
  address: string | null;
  postal_code: string | null;
  city: string | null;
  phone: string | null;
  email: string | null;
  preferred_language: string;
  needs_interpreter: boolean;
  responsible_caseworker_id: string | null;
  responsible_caseworker_name: string | null;
  organisation_id: string | null;
  /** Organisations that hold the citizen through an active referral, course or meeting. */
  linked_organisation_ids: string[];
}

const selectCitizen = sql`
  select c.id, c.municipality_code, c.cpr_encrypted, c.birth_date, c.gender, c.first_name,
    c.last_name, c.address, c.postal_code, c.city, c.phone, c.email, c.preferred_language,
    c.needs_interpreter, c.responsible_caseworker_id, u.display_name as responsible_caseworker_name,
    c.organisation_id, helhed_citizen_organisations(c.municipality_code, c.id) as linked_organisation_ids
  from citizen c left join app_user u on u.id = c.responsible_caseworker_id`;

export async function findCitizen(tx: Tx, id: string): Promise<CitizenRow | undefined> {
  const { rows } = await sql<CitizenRow>`${selectCitizen} where c.id = ${id}`.execute(tx);
  return rows[0];
}

export async function findCitizenIdByCprHash(tx: Tx, hash: Buffer): Promise<string | undefined> {
  const { rows } = await sql<{
    id: string;
  }>`select id from citizen where cpr_hash = ${hash}`.execute(tx);
  return rows[0]?.id;
}

export interface NewCitizen {
  municipalityCode: string;
  cprHash: Buffer;
  cprEncrypted: Buffer;
  birthDate: string;
  gender: string;
  firstName: string;
  lastName: string;
  address?: string | null;
  postalCode?: string | null;
  city?: string | null;
  phone?: string | null;
  email?: string | null;
  preferredLanguage?: string;
  needsInterpreter?: boolean;
  responsibleCaseworkerId?: string | null;
  organisationId?: string | null;
}

export async function insertCitizen(tx: Tx, c: NewCitizen): Promise<string> {
  const { rows } = await sql<{ id: string }>`
    insert into citizen (municipality_code, cpr_hash, cpr_encrypted, birth_date, gender, first_name,
      last_name, address, postal_code, city, phone, email, preferred_language, needs_interpreter,
      responsible_caseworker_id, organisation_id)
    values (${c.municipalityCode}, ${c.cprHash}, ${c.cprEncrypted}, ${c.birthDate}, ${c.gender},
      ${c.firstName}, ${c.lastName}, ${c.address ?? null}, ${c.postalCode ?? null}, ${c.city ?? null},
      ${c.phone ?? null}, ${c.email ?? null}, ${c.preferredLanguage ?? 'da'}, ${c.needsInterpreter ?? false},
      ${c.responsibleCaseworkerId ?? null}, ${c.organisationId ?? null})
    returning id`.execute(tx);
  return rows[0]!.id;
}

const columns: Record<string, string> = {
  firstName: 'first_name',
  lastName: 'last_name',
  address: 'address',
  postalCode: 'postal_code',
  city: 'city',
  phone: 'phone',
  email: 'email',
  preferredLanguage: 'preferred_language',
  needsInterpreter: 'needs_interpreter',
  responsibleCaseworkerId: 'responsible_caseworker_id',
  organisationId: 'organisation_id',
};

export async function updateCitizen(
  tx: Tx,
  id: string,
  patch: Record<string, unknown>,
): Promise<void> {
  const sets = Object.entries(patch)
    .filter(([k, v]) => columns[k] && v !== undefined)
    .map(([k, v]) => sql`${sql.ref(columns[k]!)} = ${v}`);
  if (sets.length === 0) return;
  await sql`update citizen set ${sql.join(sets)}, updated_at = now() where id = ${id}`.execute(tx);
}

export interface SearchFilter {
  cprHash?: Buffer;
  name?: string;
  caseworkerId?: string;
  sort: 'name' | 'birthDate' | 'created';
  direction: 'asc' | 'desc';
  limit: number;
  offset: number;
}

/**
 * The name as one lower-case string, "first last" and "last first" on two lines: a search term
 * without a line break is in it exactly when it is in one of the two orders. The index
 * citizen_search (migration 1130) holds it, so counting the matches of a municipality reads the
 * index only, with no lower() per row (issue 20, decision 1130).
 */
const searchName = sql`lower(c.first_name || ' ' || c.last_name || E'\\n' || c.last_name || ' ' || c.first_name)`;

export async function searchCitizens(tx: Tx, f: SearchFilter) {
  const where = [sql`true`];
  if (f.cprHash) where.push(sql`c.cpr_hash = ${f.cprHash}`);
  if (f.name) {
    // Partial and case-insensitive over "first last" and "last first"; lower() handles æ, ø, å.
    const like = `%${f.name.toLowerCase().replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    where.push(
      f.name.includes('\n')
        ? sql`(lower(c.first_name || ' ' || c.last_name) like ${like} or lower(c.last_name || ' ' || c.first_name) like ${like})`
        : sql`${searchName} like ${like}`,
    );
  }
  if (f.caseworkerId) where.push(sql`c.responsible_caseworker_id = ${f.caseworkerId}`);
  const filter = sql.join(where, sql` and `);
  const dir = f.direction === 'desc' ? sql`desc` : sql`asc`;
  // The page's sort keys, named k1 and k2 so the outer query orders by them again.
  const keys =
    f.sort === 'birthDate'
      ? sql`c.birth_date as k1, null::text as k2`
      : f.sort === 'created'
        ? sql`c.created_at as k1, null::text as k2`
        : sql`lower(c.last_name) as k1, lower(c.first_name) as k2`;
  const order =
    f.sort === 'birthDate'
      ? sql`c.birth_date ${dir}, c.id`
      : f.sort === 'created'
        ? sql`c.created_at ${dir}, c.id`
        : sql`lower(c.last_name) ${dir}, lower(c.first_name) ${dir}, c.id`;
  // The page's ids first, from the index alone, then its rows; the total is one count of the
  // same filter (what count(*) over () gave, without sorting and joining every match).
  const { rows } = await sql<{
    id: string;
    cpr_encrypted: Uint8Array;
    birth_date: string;
    first_name: string;
    last_name: string;
    responsible_caseworker_name: string | null;
    total: number;
  }>`
    select c.id, c.cpr_encrypted, c.birth_date, c.first_name, c.last_name,
      u.display_name as responsible_caseworker_name,
      (select count(*) from citizen c where ${filter}) as total
    from (select c.id, ${keys} from citizen c where ${filter}
      order by ${order} limit ${f.limit} offset ${f.offset}) p
    join citizen c on c.id = p.id
    left join app_user u on u.id = c.responsible_caseworker_id
    order by p.k1 ${dir}, p.k2 ${dir}, p.id`.execute(tx);
  return rows;
}
