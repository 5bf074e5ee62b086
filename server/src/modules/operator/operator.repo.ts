import { sql } from 'kysely';
import type { Tx } from '../../platform/context.js';

export interface MunicipalityRow {
  code: string;
  name: string;
  region: string | null;
  onboarded_at: Date | null;
  offboarded_at: Date | null;
}

/** The reference table: not tenant data, readable without a tenant. */
export async function listMunicipalities(tx: Tx) {
  const { rows } = await sql<MunicipalityRow>`
    select code, name, region, onboarded_at, offboarded_at from municipality
    order by name collate "C"`.execute(tx);
  return rows;
}

export async function findMunicipality(tx: Tx, code: string) {
  const { rows } = await sql<MunicipalityRow>`
    select code, name, region, onboarded_at, offboarded_at from municipality
    where code = ${code}`.execute(tx);
  return rows[0];
}

/** The administrators of the tenant in the transaction who have not set a password yet. */
export async function administratorsWithoutPassword(tx: Tx) {
  const { rows } = await sql<{
    id: string;
    username: string;
    display_name: string;
    email: string | null;
  }>`
    select u.id, u.username, u.display_name, u.email from app_user u
    where u.kind = 'staff' and u.active and u.password_hash is null
      and exists (select 1 from user_role r where r.user_id = u.id and r.role = 'administrator')
    order by u.created_at`.execute(tx);
  return rows;
}
