/**
 * Server-side sessions. The cookie carries a random token; the table stores its SHA-256, so a
 * leaked table does not give working sessions. Idle and absolute timeouts are checked on every
 * lookup; a revoked session (logout, logout everywhere, deactivated user) is refused at once
 * because nothing about a session is cached.
 */
import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import { type Actor, type Grant, retriedRead } from './context.js';

export const SESSION_COOKIE = 'helhed_session';

export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

export async function createSession(
  database: Database,
  config: Config,
  userId: string,
  /** Null for the platform operator, who is outside every municipality. */
  municipalityCode: string | null,
  meta: { ip: string | null; userAgent: string | null; via: 'password' | 'oidc' },
): Promise<{ token: string; csrfToken: string }> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  await sql`insert into user_session (token_hash, user_id, municipality_code, csrf_token, expires_at, ip, user_agent, via)
    values (${tokenHash(token)}, ${userId}, ${municipalityCode}, ${csrfToken},
      now() + make_interval(hours => ${config.sessionAbsoluteHours}), ${meta.ip}, ${meta.userAgent?.slice(0, 300) ?? null}, ${meta.via})`.execute(
    database.db,
  );
  return { token, csrfToken };
}

interface SessionRow {
  token_hash: string;
  csrf_token: string;
  user_id: string;
  kind: 'staff' | 'citizen' | 'operator';
  display_name: string;
  municipality_code: string | null;
  municipality_name: string | null;
  citizen_id: string | null;
  idle: boolean;
  touch: boolean;
  grants: Grant[] | string;
}

/**
 * One round trip: the session, its user, the user's roles with their organisations, and whether
 * the idle timeout has passed. Touches last_seen_at at most once a minute.
 */
export async function lookupSession(
  database: Database,
  config: Config,
  token: string,
): Promise<Actor | null> {
  const hash = tokenHash(token);
  const { rows } = await retriedRead(() =>
    sql<SessionRow>`
    select s.token_hash, s.csrf_token, u.id as user_id, u.kind, u.display_name,
      u.municipality_code, m.name as municipality_name, u.citizen_id,
      s.last_seen_at < now() - make_interval(mins => ${config.sessionIdleMinutes}) as idle,
      s.last_seen_at < now() - interval '60 seconds' as touch,
      coalesce((
        select json_agg(json_build_object('role', r.role, 'organisationId', r.organisation_id,
          'organisationName', o.name, 'organisationType', o.type) order by r.role, o.name)
        from user_role r
        left join organisation o on o.municipality_code = r.municipality_code and o.id = r.organisation_id
        where r.user_id = u.id and r.municipality_code = u.municipality_code
      ), '[]'::json) as grants
    from user_session s
    join app_user u on u.id = s.user_id
    left join municipality m on m.code = u.municipality_code
    where s.token_hash = ${hash} and s.revoked_at is null and s.expires_at > now() and u.active`.execute(
      database.db,
    ),
  );
  const row = rows[0];
  if (!row) return null;
  if (row.idle) {
    await revokeSession(database, hash);
    return null;
  }
  if (row.touch) {
    await sql`update user_session set last_seen_at = now() where token_hash = ${hash}`.execute(
      database.db,
    );
  }
  // The platform operator has no municipality and no user_role row: its one grant is its kind's.
  const operatorGrant: Grant = {
    role: 'operator',
    organisationId: null,
    organisationName: null,
    organisationType: null,
  };
  return {
    userId: row.user_id,
    kind: row.kind,
    displayName: row.display_name,
    municipalityCode: row.municipality_code ?? '',
    municipalityName: row.municipality_name ?? 'Helhed',
    citizenId: row.citizen_id,
    grants:
      row.kind === 'operator'
        ? [operatorGrant]
        : typeof row.grants === 'string'
          ? JSON.parse(row.grants)
          : row.grants,
    sessionTokenHash: row.token_hash,
    csrfToken: row.csrf_token,
  };
}

export async function revokeSession(database: Database, hash: string): Promise<void> {
  await sql`update user_session set revoked_at = now() where token_hash = ${hash} and revoked_at is null`.execute(
    database.db,
  );
}

/** Logout everywhere, and what deactivating a user does: every session of the user ends now. */
export async function revokeAllSessions(database: Database, userId: string): Promise<number> {
  const result =
    await sql`update user_session set revoked_at = now() where user_id = ${userId} and revoked_at is null`.execute(
      database.db,
    );
  return Number(result.numAffectedRows ?? 0);
}
