import { sql } from 'kysely';
import type { Tx } from '../../platform/context.js';

export interface OrganisationRow {
  id: string;
  municipality_code: string;
  name: string;
  type: string;
  local_type: string | null;
  local_type_name: string | null;
  address: string | null;
  active: boolean;
}

const organisationColumns = sql`o.id, o.municipality_code, o.name, o.type, o.local_type,
  t.name as local_type_name, o.address, o.active from organisation o
  left join organisation_type t on t.municipality_code = o.municipality_code and t.code = o.local_type`;

export async function listOrganisations(tx: Tx) {
  const { rows } = await sql<OrganisationRow>`
    select ${organisationColumns} order by o.name`.execute(tx);
  return rows;
}

export async function findOrganisation(tx: Tx, id: string) {
  const { rows } = await sql<OrganisationRow>`
    select ${organisationColumns} where o.id = ${id}`.execute(tx);
  return rows[0];
}

export async function insertOrganisation(
  tx: Tx,
  m: string,
  o: { name: string; type: string; localType: string | null; address?: string | null },
) {
  const { rows } = await sql<{ id: string }>`
    insert into organisation (municipality_code, name, type, local_type, address)
    values (${m}, ${o.name}, ${o.type}, ${o.localType}, ${o.address ?? null}) returning id`.execute(
    tx,
  );
  return rows[0]!.id;
}

export interface OrganisationTypeRow {
  code: string;
  name: string;
  profile: string;
}

export async function listOrganisationTypes(tx: Tx) {
  const { rows } = await sql<OrganisationTypeRow>`
    select code, name, profile from organisation_type order by name`.execute(tx);
  return rows;
}

export async function findOrganisationType(tx: Tx, code: string) {
  const { rows } = await sql<OrganisationTypeRow>`
    select code, name, profile from organisation_type where code = ${code}`.execute(tx);
  return rows[0];
}

export async function insertOrganisationType(tx: Tx, m: string, t: OrganisationTypeRow) {
  await sql`insert into organisation_type (municipality_code, code, name, profile)
    values (${m}, ${t.code}, ${t.name}, ${t.profile})`.execute(tx);
}

/** Ids of the tenant's citizens (an export of the citizen table audits each one). */
export async function citizenIds(tx: Tx) {
  const { rows } = await sql<{ id: string }>`select id from citizen order by id`.execute(tx);
  return rows.map((r) => r.id);
}

export async function updateOrganisation(
  tx: Tx,
  id: string,
  o: { name?: string; address?: string | null; active?: boolean },
) {
  await sql`update organisation set
    name = coalesce(${o.name ?? null}, name),
    address = case when ${o.address !== undefined} then ${o.address ?? null} else address end,
    active = coalesce(${o.active ?? null}, active)
    where id = ${id}`.execute(tx);
}

export interface UserRow {
  id: string;
  username: string | null;
  display_name: string;
  email: string | null;
  kind: string;
  active: boolean;
  roles: {
    id: string;
    role: string;
    organisationId: string | null;
    organisationName: string | null;
  }[];
}

export async function listUsers(tx: Tx, q: string | undefined, limit: number, offset: number) {
  const like = q ? `%${q.toLowerCase().replace(/[\\%_]/g, (m) => `\\${m}`)}%` : null;
  const { rows } = await sql<UserRow & { total: number }>`
    select u.id, u.username, u.display_name, u.email, u.kind, u.active,
      coalesce((select json_agg(json_build_object('id', r.id, 'role', r.role,
        'organisationId', r.organisation_id, 'organisationName', o.name) order by r.role)
        from user_role r left join organisation o on o.municipality_code = r.municipality_code
          and o.id = r.organisation_id
        where r.user_id = u.id), '[]'::json) as roles,
      count(*) over () as total
    from app_user u
    where u.kind = 'staff'
      and (${like}::text is null or lower(u.display_name) like ${like} or lower(u.username) like ${like})
    order by lower(u.display_name), u.id
    limit ${limit} offset ${offset}`.execute(tx);
  return rows.map((r) => ({
    ...r,
    roles: typeof r.roles === 'string' ? JSON.parse(r.roles) : r.roles,
  }));
}

export async function findUser(tx: Tx, id: string) {
  const { rows } = await sql<{
    id: string;
    municipality_code: string;
    kind: string;
    active: boolean;
  }>`
    select id, municipality_code, kind, active from app_user where id = ${id}`.execute(tx);
  return rows[0];
}

export async function insertUser(
  tx: Tx,
  m: string,
  u: { username: string; displayName: string; email?: string | null; passwordHash: string | null },
) {
  const { rows } = await sql<{ id: string }>`
    insert into app_user (municipality_code, kind, username, display_name, email, password_hash)
    values (${m}, 'staff', ${u.username.toLowerCase()}, ${u.displayName}, ${u.email ?? null}, ${u.passwordHash})
    returning id`.execute(tx);
  return rows[0]!.id;
}

export async function usernameTaken(tx: Tx, username: string) {
  // app_user is filtered by tenant for the app role; uniqueness is global, so ask the function.
  const { rows } = await sql<{
    taken: boolean;
  }>`select helhed_username_taken(${username}) as taken`.execute(tx);
  return rows[0]?.taken ?? false;
}

export async function addRole(
  tx: Tx,
  m: string,
  userId: string,
  role: string,
  organisationId: string | null,
) {
  await sql`insert into user_role (municipality_code, user_id, role, organisation_id)
    values (${m}, ${userId}, ${role}, ${organisationId}) on conflict do nothing`.execute(tx);
}

export async function removeRole(tx: Tx, userId: string, roleId: string) {
  const r = await sql`delete from user_role where id = ${roleId} and user_id = ${userId}`.execute(
    tx,
  );
  return Number(r.numAffectedRows ?? 0);
}

export async function setActive(tx: Tx, id: string, active: boolean) {
  await sql`update app_user set active = ${active},
    deactivated_at = case when ${active} then null else now() end where id = ${id}`.execute(tx);
}

export interface EgressRow {
  cidr: string;
  note: string | null;
}

export async function listEgress(tx: Tx) {
  const { rows } = await sql<EgressRow>`
    select cidr::text as cidr, note from municipality_egress order by cidr`.execute(tx);
  return rows;
}

/** Replaces the municipality's list; each address is stored as its network (host bits cleared). */
export async function replaceEgress(tx: Tx, m: string, entries: EgressRow[]) {
  await sql`delete from municipality_egress where municipality_code = ${m}`.execute(tx);
  for (const e of entries) {
    await sql`insert into municipality_egress (municipality_code, cidr, note)
      values (${m}, network(${e.cidr}::inet), ${e.note})
      on conflict (municipality_code, cidr) do update set note = excluded.note`.execute(tx);
  }
}

export async function renameOrganisationType(tx: Tx, code: string, name: string) {
  await sql`update organisation_type set name = ${name} where code = ${code}`.execute(tx);
}

/** The organisations of the municipality that are of the own type. */
export async function organisationsOfType(tx: Tx, code: string) {
  const { rows } = await sql<{ name: string }>`
    select name from organisation where local_type = ${code} order by name`.execute(tx);
  return rows.map((r) => r.name);
}

export async function deleteOrganisationType(tx: Tx, code: string) {
  await sql`delete from organisation_type where code = ${code}`.execute(tx);
}
