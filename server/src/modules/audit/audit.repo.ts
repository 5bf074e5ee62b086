import { sql } from 'kysely';
import type { Tx } from '../../platform/context.js';

export interface AccessLogRow {
  id: number;
  occurred_at: Date;
  action: string;
  resource_type: string;
  purpose: string;
  actor_role: string | null;
  organisation_name: string | null;
  organisation_type: string | null;
  actor_name: string | null;
  by_proxy: boolean;
  total: number;
}

/** Who did what with the citizen's data, newest first. */
export async function accessLog(tx: Tx, citizenId: string, limit: number, offset: number) {
  const { rows } = await sql<AccessLogRow>`
    select e.id, e.occurred_at, e.action, e.resource_type, e.purpose, e.actor_role,
      o.name as organisation_name, o.type as organisation_type, u.display_name as actor_name,
      e.proxy_for_citizen_id is not null as by_proxy,
      count(*) over () as total
    from audit_event e
    left join organisation o on o.municipality_code = e.municipality_code and o.id = e.actor_organisation_id
    left join app_user u on u.id = e.actor_user_id
    where e.citizen_id = ${citizenId}
    order by e.occurred_at desc, e.id desc
    limit ${limit} offset ${offset}`.execute(tx);
  return rows;
}
