/**
 * The authorization matrix: every /api route × every role × own organisation / other organisation
 * in the same municipality / other municipality. Each module describes how to call its routes in
 * `server/src/modules/<m>/<m>.authz.ts` (export const authzCases: AuthzCase[]); the runner
 * (matrix.test.ts) logs in as the Rebild demo user of each role, derives the expected status of
 * every cell from the policy table (the route's `config.access` rule), and fails when an /api
 * route has no case.
 *
 * Derivation (the runner's rules), for a role with the action's scopes S:
 * - no scope for the role            → 403 (role-level refusal, before any row is looked at);
 *                                      404 for the platform operator (outside every municipality)
 * - 'any' / 'municipality'           → own: ok, other_org: ok, other_municipality: 404
 * - 'organisation'                   → own: ok, other_org: 404, other_municipality: 404
 * - 'consent'                        → own (consent given to the caller's org): ok, others: 404
 * - 'self' (citizens)                → own (the caller's own data): ok, others: 404
 * Collection routes (row: false) have only the 'own' cell: ok when the role has any scope, else 403.
 */
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../src/config.js';
import type { Database } from '../../src/db/database.js';
import type { Role } from '../../src/platform/context.js';
import type { Session } from '../helper.js';

export type Owner = 'own' | 'other_org' | 'other_municipality';

export interface AuthzContext {
  app: FastifyInstance;
  /** The database as its owner (past RLS), for creating the rows a case needs. */
  database: Database;
  config: Config;
  /** A logged-in session for a demo username, e.g. 'odense.sagsbehandler' (cached). */
  session(username: string): Promise<Session>;
}

export interface AuthzCaller {
  role: Role;
  /** The Rebild demo user holding the role, e.g. 'rebild.udbyder'. */
  username: string;
  session: Session;
}

export interface AuthzRequest {
  /** Concrete URL with ids filled in, e.g. '/api/citizens/1b9…'. */
  url: string;
  payload?: unknown;
  headers?: Record<string, string>;
}

export interface AuthzCase {
  /** Exactly as registered: 'GET /api/citizens/:id'. */
  route: string;
  /** True when the route acts on one row (an :id), so it has all three owner cells. */
  row: boolean;
  /**
   * The request the caller sends against a row that is, from the caller's side, `owner`:
   * 'own' = a row of the caller's organisation (or the caller's own data for a citizen),
   * 'other_org' = a row of another organisation in Rebild, 'other_municipality' = a row in Odense.
   * Create fresh rows as needed: each run has its own throwaway database.
   */
  request(ctx: AuthzContext, caller: AuthzCaller, owner: Owner): Promise<AuthzRequest>;
  /** Success status; default 200. */
  ok?: number;
  /** Cells whose expected status differs from the derivation, with the reason in a comment. */
  override?: Partial<Record<Role, Partial<Record<Owner, number>>>>;
}
