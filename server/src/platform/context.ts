/**
 * Who is asking and in which tenant. Every service call gets a RequestContext; every query on
 * tenant data runs inside tenantTx, which sets the application role and the municipality for
 * the transaction so row-level security holds even where a query forgets its WHERE.
 */
import { sql, type Transaction } from 'kysely';
import type { Config } from '../config.js';
import { type Database, isDatabaseUnavailable } from '../db/database.js';

export const roles = [
  'caseworker',
  'coordinating_caseworker',
  'health_professional',
  'provider_staff',
  'team_member',
  'manager',
  'administrator',
  'citizen',
  // The platform operator (decision 1050): outside every municipality, never in user_role; the
  // session gives an operator user this one grant.
  'operator',
] as const;
export type Role = (typeof roles)[number];

export interface Grant {
  role: Role;
  organisationId: string | null;
  organisationName: string | null;
  organisationType: string | null;
}

export interface Actor {
  userId: string;
  kind: 'staff' | 'citizen' | 'operator';
  displayName: string;
  /** The user's municipality; '' for the platform operator, whose tenant is none. */
  municipalityCode: string;
  municipalityName: string;
  /** Set for citizen users: the citizen row they are. */
  citizenId: string | null;
  grants: Grant[];
  sessionTokenHash: string;
  csrfToken: string;
}

export interface RequestContext {
  database: Database;
  config: Config;
  actor: Actor | null;
  requestId: string;
  ip: string | null;
  /**
   * The request only reads (GET, HEAD): its transactions may run once more on a fresh
   * connection when the first attempt lost the database before committing.
   */
  readOnly?: boolean;
  /**
   * Where the evaluation and dashboard reads go: a hot-standby replica (DATABASE_READ_URL), or
   * `database` itself when none is configured. Only through tenantReadThenAudit().
   */
  readDatabase?: Database;
  /**
   * The session's and the user's request-limit counters after this request, when the session
   * lookup counted them in its statement (PostgreSQL; platform/rate-limit.ts compares them).
   */
  rateCounts?: { key: string; hits: number; ttl: number }[];
}

export type Tx = Transaction<any>;

export interface AuthedContext extends RequestContext {
  actor: Actor;
}

/** Runs fn in one transaction as helhed_app with the actor's municipality as tenant. */
export async function tenantTx<T>(
  ctx: { database: Database; readOnly?: boolean },
  municipalityCode: string,
  fn: (tx: Tx) => Promise<T>,
): Promise<T> {
  return transaction(ctx, async (tx) => {
    await tenantStatement(municipalityCode).execute(tx);
    return fn(tx);
  });
}

/**
 * The transaction's first statement: role and tenant. A municipality code is three digits
 * (checked by the database too, `municipality.code`), so it is written into the text as a
 * literal: a statement without parameters goes to PostgreSQL in the same round trip as BEGIN
 * (db/database.ts, FoldingClient). Anything else is sent as a parameter, as before.
 */
export function tenantStatement(municipalityCode: string) {
  return /^[0-9]{3}$/.test(municipalityCode)
    ? sql.raw(
        `select set_config('role', 'helhed_app', true), set_config('app.municipality_code', '${municipalityCode}', true)`,
      )
    : sql`select set_config('role', 'helhed_app', true), set_config('app.municipality_code', ${municipalityCode}, true)`;
}

/**
 * A heavy read that may run on the hot-standby replica (DATABASE_READ_URL), audited on the
 * primary. Without a replica both run in one tenant transaction, as everywhere else. With one,
 * `read` runs in a read-only tenant transaction on the replica, then `writeAudit` commits the
 * audit row on the primary (a standby cannot write), and only then is the result returned: no
 * answer leaves without its committed audit row. A read the replica refuses (not found,
 * forbidden) writes nothing, as in one transaction. The replica may lag the primary by its
 * replication delay (milliseconds on a local stream), which aggregate views tolerate.
 */
export async function tenantReadThenAudit<T>(
  ctx: RequestContext,
  municipalityCode: string,
  read: (tx: Tx) => Promise<T>,
  writeAudit: (tx: Tx, result: T) => Promise<void>,
): Promise<T> {
  const replica = ctx.readDatabase;
  if (!replica || replica === ctx.database) {
    return tenantTx(ctx, municipalityCode, async (tx) => {
      const result = await read(tx);
      await writeAudit(tx, result);
      return result;
    });
  }
  const result = await tenantTx({ database: replica, readOnly: true }, municipalityCode, read);
  await tenantTx(ctx, municipalityCode, (tx) => writeAudit(tx, result));
  return result;
}

/**
 * A transaction as the connecting role, across tenants. For platform work only: login, session
 * lookup, the audit sealer, seeding and migrations. Module services never use it.
 */
export async function systemTx<T>(
  ctx: { database: Database; readOnly?: boolean },
  fn: (tx: Tx) => Promise<T>,
): Promise<T> {
  return transaction(ctx, fn);
}

/**
 * The one place a transaction is retried (docs/decisions/0820-database-unavailable.md). A
 * restart or failover of PostgreSQL kills the pool's open connections; a request that happened
 * to hold one would fail although the next connection works. A read runs once more on a fresh
 * connection (the pool drops the dead one on release), but only when the first attempt failed
 * before COMMIT was sent: then nothing of it can have been committed, so its audit row is not
 * written twice. A write is never re-run.
 */
async function transaction<T>(
  ctx: { database: Database; readOnly?: boolean },
  fn: (tx: Tx) => Promise<T>,
): Promise<T> {
  let committing = false;
  const attempt = () =>
    ctx.database.db.transaction().execute(async (tx) => {
      const result = await fn(tx);
      committing = true;
      return result;
    });
  if (!ctx.readOnly) return attempt();
  try {
    return await attempt();
  } catch (error) {
    if (committing || !isDatabaseUnavailable(error)) throw error;
    return attempt();
  }
}

/** A single read statement outside a transaction (the session lookup), retried the same way. */
export async function retriedRead<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    return read();
  }
}

export function orgIds(actor: Actor, role?: Role): string[] {
  return actor.grants
    .filter((g) => g.organisationId && (!role || g.role === role))
    .map((g) => g.organisationId as string);
}

export function hasRole(actor: Actor, ...wanted: Role[]): boolean {
  return actor.grants.some((g) => wanted.includes(g.role));
}
