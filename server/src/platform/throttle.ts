/**
 * Failed-login throttling, kept in the database so it holds across processes and restarts. Keys
 * are hashed. Decision 0830 explains the two halves:
 *
 * - Per account: after repeated failures the account is locked for a while and answers 429 with
 *   Retry-After, even for the right password (that is what stops guessing one password).
 * - Per address: an address is often a whole office behind NAT, so its failures never lock
 *   anything. They only slow the *failed* answers down (an increasing delay, capped); a right
 *   password from the same address is answered at once. An address a municipality named as its
 *   egress gets many more failures before the delay starts.
 */
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Database } from '../db/database.js';

export const throttleLimits = {
  account: { failures: 10, windowMinutes: 15, lockMinutes: 15 },
  address: {
    windowMinutes: 15,
    /** Failures in the window before failed answers are slowed down. */
    freeFailures: 10,
    /** The same for a municipality's named egress address (many people, many typos). */
    egressFreeFailures: 100,
    firstDelayMs: 250,
    /** The delay doubles every this many further failures ... */
    doublingEvery: 10,
    /** ... up to this much. */
    maxDelayMs: 4000,
  },
};

const keyOf = (kind: 'account' | 'ip', value: string) =>
  `${kind}:${createHash('sha256').update(value.toLowerCase()).digest('hex')}`;

/** How long to hold a failed answer after the address's `failures` in the window. */
export function failureDelayMs(failures: number, egress: boolean): number {
  const limit = throttleLimits.address;
  const free = egress ? limit.egressFreeFailures : limit.freeFailures;
  if (failures <= free) return 0;
  const doublings = Math.floor((failures - free - 1) / limit.doublingEvery);
  return Math.min(limit.maxDelayMs, limit.firstDelayMs * 2 ** Math.min(doublings, 20));
}

/** The waiting itself, replaceable in tests so they need not wait. */
export const loginDelay = {
  sleep: (ms: number) =>
    ms > 0 ? new Promise<void>((resolve) => setTimeout(resolve, ms)) : Promise.resolve(),
};

/** Seconds until the account's lock ends, or 0 when it is not locked. */
export async function lockedFor(database: Database, username: string): Promise<number> {
  const { rows } = await sql<{ seconds: number | null }>`
    select ceil(extract(epoch from locked_until - now()))::int as seconds
    from login_throttle where key = ${keyOf('account', username)} and locked_until > now()`.execute(
    database.db,
  );
  return rows[0]?.seconds ?? 0;
}

/**
 * Counts one failure for the account (locking it at its limit) and for the address (never
 * locked). Returns the address's failures in its window.
 */
export async function recordFailure(
  database: Database,
  username: string,
  ip: string | null,
): Promise<number> {
  const account = throttleLimits.account;
  await sql`
    insert into login_throttle as t (key, failures, window_start)
    values (${keyOf('account', username)}, 1, now())
    on conflict (key) do update set
      failures = case when t.window_start < now() - make_interval(mins => ${account.windowMinutes})
        then 1 else t.failures + 1 end,
      window_start = case when t.window_start < now() - make_interval(mins => ${account.windowMinutes})
        then now() else t.window_start end,
      locked_until = case
        when t.window_start >= now() - make_interval(mins => ${account.windowMinutes})
          and t.failures + 1 >= ${account.failures}
        then now() + make_interval(mins => ${account.lockMinutes}) else t.locked_until end`.execute(
    database.db,
  );
  if (!ip) return 0;
  const window = throttleLimits.address.windowMinutes;
  const { rows } = await sql<{ failures: number }>`
    insert into login_throttle as t (key, failures, window_start)
    values (${keyOf('ip', ip)}, 1, now())
    on conflict (key) do update set
      failures = case when t.window_start < now() - make_interval(mins => ${window})
        then 1 else t.failures + 1 end,
      window_start = case when t.window_start < now() - make_interval(mins => ${window})
        then now() else t.window_start end,
      locked_until = null
    returning failures`.execute(database.db);
  return rows[0]?.failures ?? 0;
}

export async function clearFailures(database: Database, username: string): Promise<void> {
  await sql`delete from login_throttle where key = ${keyOf('account', username)}`.execute(
    database.db,
  );
}
