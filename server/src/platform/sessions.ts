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
  grants: Grant[] | string;
  counts: RateCount[] | string | null;
}

/** A request-limit counter after this request's increment (rate_limit_counter, decision 0830). */
export interface RateCount {
  key: string;
  hits: number;
  ttl: number;
}

/**
 * One round trip: the session, its user, the user's roles with their organisations, and whether
 * the idle timeout has passed. In the same statement an idle session is revoked and a live one's
 * last_seen_at is touched at most once a minute (both used to be a second statement).
 */
export async function lookupSession(
  database: Database,
  config: Config,
  token: string,
): Promise<Actor | null> {
  return (await lookupCountedSession(database, config, token)).actor;
}

/**
 * lookupSession that, with `count`, also counts the request against the session's and the user's
 * request limits in the same statement (PostgreSQL's shared counters, platform/rate-limit.ts):
 * the session check and the limiter cost one round trip instead of two. A session that is not
 * valid counts nothing here (the request is refused, or counted by address).
 */
export async function lookupCountedSession(
  database: Database,
  config: Config,
  token: string,
  count?: { windowMs: number },
): Promise<{ actor: Actor | null; counts: RateCount[] | null }> {
  const hash = tokenHash(token);
  const counting = count
    ? sql`, counted as (
        insert into rate_limit_counter as c (key, hits, expires_at)
        select v.k, 1, now() + make_interval(secs => ${count.windowMs}::int / 1000.0)
        from s cross join lateral (values (1, 's:' || s.token_hash), (2, 'u:' || s.user_id)) as v(o, k)
        where not s.idle
        order by v.o
        on conflict (key) do update set
          hits = case when c.expires_at <= now() then excluded.hits else c.hits + excluded.hits end,
          expires_at = case when c.expires_at <= now() then excluded.expires_at else c.expires_at end
        returning key, hits,
          greatest(0, ceil(extract(epoch from expires_at - now()) * 1000))::int as ttl_ms)`
    : sql``;
  const counts = count
    ? sql`(select json_agg(json_build_object('key', key, 'hits', hits, 'ttl', ttl_ms)) from counted)`
    : sql`null::json`;
  // Retried once like a read when the database was away (decision 0820): at worst a request
  // whose first attempt committed before the connection broke is counted twice.
  const { rows } = await retriedRead(() =>
    sql<SessionRow>`
    with s as (
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
      where s.token_hash = ${hash} and s.revoked_at is null and s.expires_at > now() and u.active
    ), kept as (
      update user_session set
        revoked_at = case when s.idle then now() else user_session.revoked_at end,
        last_seen_at = case when s.idle then user_session.last_seen_at else now() end
      from s
      where user_session.token_hash = s.token_hash and (s.idle or s.touch)
    )${counting}
    select s.token_hash, s.csrf_token, s.user_id, s.kind, s.display_name, s.municipality_code,
      s.municipality_name, s.citizen_id, s.idle, s.grants, ${counts} as counts
    from s`.execute(database.db),
  );
  const row = rows[0];
  // An idle session was revoked by the statement itself.
  if (!row || row.idle) return { actor: null, counts: null };
  // The platform operator has no municipality and no user_role row: its one grant is its kind's.
  const operatorGrant: Grant = {
    role: 'operator',
    organisationId: null,
    organisationName: null,
    organisationType: null,
  };
  const parse = <T>(v: T | string): T => (typeof v === 'string' ? JSON.parse(v) : v);
  return {
    actor: {
      userId: row.user_id,
      kind: row.kind,
      displayName: row.display_name,
      municipalityCode: row.municipality_code ?? '',
      municipalityName: row.municipality_name ?? 'Helhed',
      citizenId: row.citizen_id,
      grants: row.kind === 'operator' ? [operatorGrant] : parse(row.grants),
      sessionTokenHash: row.token_hash,
      csrfToken: row.csrf_token,
    },
    counts: row.counts === null ? null : parse(row.counts),
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
