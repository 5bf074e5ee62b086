/**
 * Failed-login throttling per account and per IP, kept in the database so it holds across
 * processes and restarts. Keys are hashed. A locked key answers 429 with Retry-After until the
 * lock ends, even for the right password.
 */
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Database } from '../db/database.js';

export const throttleLimits = {
  account: { failures: 10, windowMinutes: 15, lockMinutes: 15 },
  ip: { failures: 50, windowMinutes: 15, lockMinutes: 15 },
};

const keyOf = (kind: 'account' | 'ip', value: string) =>
  `${kind}:${createHash('sha256').update(value.toLowerCase()).digest('hex')}`;

/** Seconds until the lock on any of the keys ends, or 0 when none is locked. */
export async function lockedFor(
  database: Database,
  username: string,
  ip: string | null,
): Promise<number> {
  const keys = [keyOf('account', username), ...(ip ? [keyOf('ip', ip)] : [])];
  const { rows } = await sql<{ seconds: number | null }>`
    select ceil(extract(epoch from max(locked_until) - now()))::int as seconds
    from login_throttle where key in (${sql.join(keys)}) and locked_until > now()`.execute(
    database.db,
  );
  return rows[0]?.seconds ?? 0;
}

export async function recordFailure(
  database: Database,
  username: string,
  ip: string | null,
): Promise<void> {
  const entries: [string, (typeof throttleLimits)['account']][] = [
    [keyOf('account', username), throttleLimits.account],
  ];
  if (ip) entries.push([keyOf('ip', ip), throttleLimits.ip]);
  for (const [key, limit] of entries) {
    await sql`
      insert into login_throttle as t (key, failures, window_start)
      values (${key}, 1, now())
      on conflict (key) do update set
        failures = case when t.window_start < now() - make_interval(mins => ${limit.windowMinutes})
          then 1 else t.failures + 1 end,
        window_start = case when t.window_start < now() - make_interval(mins => ${limit.windowMinutes})
          then now() else t.window_start end,
        locked_until = case
          when t.window_start >= now() - make_interval(mins => ${limit.windowMinutes})
            and t.failures + 1 >= ${limit.failures}
          then now() + make_interval(mins => ${limit.lockMinutes}) else t.locked_until end`.execute(
      database.db,
    );
  }
}

export async function clearFailures(database: Database, username: string): Promise<void> {
  await sql`delete from login_throttle where key = ${keyOf('account', username)}`.execute(
    database.db,
  );
}
