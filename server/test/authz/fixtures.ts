/**
 * Rows for authorization cases, created as the database owner (past RLS) in the run's own
 * throwaway database. "own", "other_org" and "other_municipality" are always seen from the
 * caller's side: own is the caller's organisation in Rebild, other_org another Rebild
 * organisation the caller holds no role in, other_municipality an organisation in Odense.
 */
import { randomInt } from 'node:crypto';
import { sql } from 'kysely';
import type { Config } from '../../src/config.js';
import type { Database } from '../../src/db/database.js';
import type { Role } from '../../src/platform/context.js';
import { encryptCpr, hashCpr, parseCpr } from '../../src/platform/cpr.js';
import type { AuthzCaller, AuthzContext, Owner } from './types.js';

export const REBILD = '840';
export const ODENSE = '461';

async function orgIdByType(database: Database, m: string, type: string): Promise<string> {
  const { rows } = await sql<{ id: string }>`
    select id from organisation where municipality_code = ${m} and type = ${type}
    order by created_at limit 1`.execute(database.db);
  if (!rows[0]) throw new Error(`no ${type} in ${m}`);
  return rows[0].id;
}

/** The municipality and organisation a row must belong to for the given owner cell. */
export async function ownerOrganisation(
  ctx: AuthzContext,
  caller: AuthzCaller,
  owner: Owner,
): Promise<{ municipalityCode: string; organisationId: string }> {
  if (owner === 'other_municipality') {
    return {
      municipalityCode: ODENSE,
      organisationId: await orgIdByType(ctx.database, ODENSE, 'jobcenter'),
    };
  }
  const mine = caller.session.user.roles
    .filter((r) => r.role === caller.role && r.organisationId)
    .map((r) => r.organisationId as string);
  const allMine = caller.session.user.roles
    .map((r) => r.organisationId)
    .filter((x): x is string => !!x);
  const own = mine[0] ?? allMine[0] ?? (await orgIdByType(ctx.database, REBILD, 'jobcenter'));
  if (owner === 'own') return { municipalityCode: REBILD, organisationId: own };
  const { rows } = await sql<{ id: string }>`
    select id from organisation where municipality_code = ${REBILD}
    order by created_at, name`.execute(ctx.database.db);
  const other = rows.find((r) => r.id !== own && !allMine.includes(r.id));
  if (!other) throw new Error('no other organisation in Rebild');
  return { municipalityCode: REBILD, organisationId: other.id };
}

/** A valid, random CPR number of someone born 1950–1999 (seventh digit 0–3: 1900s). */
export function randomCpr(): string {
  for (;;) {
    const day = String(randomInt(1, 29)).padStart(2, '0');
    const month = String(randomInt(1, 13)).padStart(2, '0');
    const year = String(randomInt(50, 100)).padStart(2, '0');
    const serial = `${randomInt(0, 4)}${String(randomInt(0, 1000)).padStart(3, '0')}`;
    const cpr = `${day}${month}${year}${serial}`;
    if (parseCpr(cpr)) return cpr;
  }
}

export async function insertCitizen(
  database: Database,
  config: Config,
  m: string,
  organisationId: string | null,
  name = { first: 'Test', last: 'Borger' },
): Promise<string> {
  const keys = { encryptionKey: config.cprEncryptionKey, hashKey: config.cprHashKey };
  const parsed = parseCpr(randomCpr())!;
  const { rows } = await sql<{ id: string }>`
    insert into citizen (municipality_code, cpr_hash, cpr_encrypted, birth_date, gender,
      first_name, last_name, organisation_id)
    values (${m}, ${hashCpr(keys, parsed.cpr)}, ${encryptCpr(keys, parsed.cpr)}, ${parsed.birthDate},
      ${parsed.gender}, ${name.first}, ${name.last}, ${organisationId})
    returning id`.execute(database.db);
  return rows[0]!.id;
}

/**
 * Links a citizen to an organisation the way the domain does: a sent referral to an offer the
 * organisation provides, so helhed_citizen_organisations() lists it.
 */
export async function linkCitizen(
  database: Database,
  m: string,
  citizenId: string,
  organisationId: string,
): Promise<void> {
  const from = await orgIdByType(database, m, 'jobcenter');
  const { rows: offers } = await sql<{ id: string }>`
    insert into offer (municipality_code, provider_organisation_id, title, referral_type, format)
    values (${m}, ${organisationId}, 'Testtilbud', 'referred', 'group') returning id`.execute(
    database.db,
  );
  const { rows: users } = await sql<{ id: string }>`
    select id from app_user where municipality_code = ${m} and kind = 'staff' limit 1`.execute(
    database.db,
  );
  await sql`insert into referral (municipality_code, citizen_id, offer_id, from_organisation_id,
      to_organisation_id, created_by, reason, participation, state)
    values (${m}, ${citizenId}, ${offers[0]!.id}, ${from}, ${organisationId}, ${users[0]!.id},
      'Test', 'voluntary', 'sent')`.execute(database.db);
}

/**
 * A citizen that is `owner` from the caller's side. For a citizen caller, own is their own
 * record and the others are other people. For staff, the citizen belongs to and is referred to
 * the owner organisation, so organisation-scoped roles reach exactly the 'own' one.
 */
export async function citizenFor(
  ctx: AuthzContext,
  caller: AuthzCaller,
  owner: Owner,
): Promise<string> {
  if (caller.role === 'citizen' && owner === 'own') {
    const id = caller.session.user.citizenId;
    if (!id) throw new Error(`${caller.username} is not a citizen`);
    return id;
  }
  const { municipalityCode, organisationId } = await ownerOrganisation(ctx, caller, owner);
  const id = await insertCitizen(ctx.database, ctx.config, municipalityCode, organisationId);
  await linkCitizen(ctx.database, municipalityCode, id, organisationId);
  return id;
}

export async function insertOrganisation(
  database: Database,
  m: string,
  type = 'association',
): Promise<string> {
  const { rows } = await sql<{ id: string }>`
    insert into organisation (municipality_code, name, type)
    values (${m}, ${`Testforening ${randomInt(1e9)}`}, ${type}) returning id`.execute(database.db);
  return rows[0]!.id;
}

export async function insertStaffUser(
  database: Database,
  m: string,
  role: Role,
  organisationId: string | null,
): Promise<{ id: string; roleId: string; username: string }> {
  const username = `test.${randomInt(1e9)}`;
  const { rows } = await sql<{ id: string }>`
    insert into app_user (municipality_code, kind, username, display_name)
    values (${m}, 'staff', ${username}, 'Test Testesen') returning id`.execute(database.db);
  const id = rows[0]!.id;
  const { rows: r } = await sql<{ id: string }>`
    insert into user_role (municipality_code, user_id, role, organisation_id)
    values (${m}, ${id}, ${role}, ${organisationId}) returning id`.execute(database.db);
  return { id, roleId: r[0]!.id, username };
}
