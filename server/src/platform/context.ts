/**
 * Who is asking and in which tenant. Every service call gets a RequestContext; every query on
 * tenant data runs inside tenantTx, which sets the application role and the municipality for
 * the transaction so row-level security holds even where a query forgets its WHERE.
 */
import { sql, type Transaction } from 'kysely';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';

export const roles = [
  'caseworker',
  'coordinating_caseworker',
  'health_professional',
  'provider_staff',
  'team_member',
  'manager',
  'administrator',
  'citizen',
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
  kind: 'staff' | 'citizen';
  displayName: string;
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
}

export type Tx = Transaction<any>;

export interface AuthedContext extends RequestContext {
  actor: Actor;
}

/** Runs fn in one transaction as helhed_app with the actor's municipality as tenant. */
export async function tenantTx<T>(
  ctx: { database: Database },
  municipalityCode: string,
  fn: (tx: Tx) => Promise<T>,
): Promise<T> {
  return ctx.database.db.transaction().execute(async (tx) => {
    await sql`select set_config('role', 'helhed_app', true), set_config('app.municipality_code', ${municipalityCode}, true)`.execute(
      tx,
    );
    return fn(tx);
  });
}

/**
 * A transaction as the connecting role, across tenants. For platform work only: login, session
 * lookup, the audit sealer, seeding and migrations. Module services never use it.
 */
export async function systemTx<T>(
  ctx: { database: Database },
  fn: (tx: Tx) => Promise<T>,
): Promise<T> {
  return ctx.database.db.transaction().execute(fn);
}

export function orgIds(actor: Actor, role?: Role): string[] {
  return actor.grants
    .filter((g) => g.organisationId && (!role || g.role === role))
    .map((g) => g.organisationId as string);
}

export function hasRole(actor: Actor, ...wanted: Role[]): boolean {
  return actor.grants.some((g) => wanted.includes(g.role));
}
