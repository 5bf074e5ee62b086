/**
 * The audit helper. Every read, search, change or export of a citizen's personal data calls
 * audit() inside the same transaction as the work, so the two commit together or not at all.
 */
import { type RawBuilder, sql } from 'kysely';
import { AT_COMMIT, inlineParameters } from '../db/database.js';
import type { AuthedContext, Grant, Tx } from './context.js';
import { ruleFor } from './policy.js';

export const auditActions = [
  'read',
  'search',
  'create',
  'update',
  'delete',
  'export',
  'import',
  'reveal_cpr',
  'login',
  'logout',
] as const;
export type AuditAction = (typeof auditActions)[number];

export interface AuditEntry {
  action: AuditAction;
  /** The policy action that allowed it; its purpose is what the citizen reads. */
  policyAction: string;
  resourceType: string;
  resourceId?: string | null;
  citizenId?: string | null;
  grant: Grant | null;
  details?: Record<string, unknown>;
}

export async function audit(tx: Tx, ctx: AuthedContext, entry: AuditEntry): Promise<void> {
  await auditMany(tx, ctx, [entry]);
}

/**
 * The platform operator's action on a municipality (decision 1050): the row goes into that
 * municipality's own audit chain, so its administrators and auditors see who onboarded or
 * offboarded it, and the sealer chains it like any other. The operator is outside every
 * municipality, so its actor's own municipality cannot be used.
 */
export async function auditOperator(
  tx: Tx,
  ctx: AuthedContext,
  municipalityCode: string,
  entry: Omit<AuditEntry, 'grant' | 'citizenId'>,
): Promise<void> {
  const purpose = ruleFor(entry.policyAction)?.purpose.da ?? entry.policyAction;
  const query = sql`insert into audit_event (municipality_code, actor_user_id, actor_role,
      actor_organisation_id, citizen_id, action, resource_type, resource_id, purpose, request_id,
      ip, details) values (${municipalityCode}, ${ctx.actor.userId}, 'operator', null, null,
      ${entry.action}, ${entry.resourceType}, ${entry.resourceId ?? null}, ${purpose},
      ${ctx.requestId}, ${ctx.ip}, ${entry.details ? JSON.stringify(entry.details) : null}::jsonb)`;
  await atCommit(tx, query);
}

/** One insert for several rows (a search that returns many citizens writes one row each). */
export async function auditMany(tx: Tx, ctx: AuthedContext, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const rows = entries.map((e) => {
    const purpose = ruleFor(e.policyAction)?.purpose.da ?? e.policyAction;
    return sql`(${ctx.actor.municipalityCode}, ${ctx.actor.userId}, ${e.grant?.role ?? null},
      ${e.grant?.organisationId ?? null}, ${e.citizenId ?? null}, ${e.action}, ${e.resourceType},
      ${e.resourceId ?? null}, ${purpose}, ${ctx.requestId}, ${ctx.ip},
      ${e.details ? JSON.stringify(e.details) : null}::jsonb)`;
  });
  await atCommit(
    tx,
    sql`insert into audit_event (municipality_code, actor_user_id, actor_role,
      actor_organisation_id, citizen_id, action, resource_type, resource_id, purpose, request_id,
      ip, details) values ${sql.join(rows)}`,
  );
}

/**
 * Runs the audit insert with the transaction's COMMIT, in the same round trip and the same
 * transaction (db/database.ts, AT_COMMIT): the row commits with the work or not at all, and a
 * request no longer pays a round trip of its own for it. Its values are written in as literals
 * (the statement is ours; each value quoted as libpq does); a value that cannot be (none of the
 * audit's today) falls back to an ordinary statement with parameters.
 */
async function atCommit(tx: Tx, query: RawBuilder<unknown>): Promise<void> {
  const compiled = query.compile(tx);
  const text = inlineParameters(compiled.sql, compiled.parameters);
  if (text === null) await query.execute(tx);
  else await sql.raw(AT_COMMIT + text).execute(tx);
}
