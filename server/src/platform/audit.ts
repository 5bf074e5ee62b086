/**
 * The audit helper. Every read, search, change or export of a citizen's personal data calls
 * audit() inside the same transaction as the work, so the two commit together or not at all.
 */
import { sql } from 'kysely';
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
  await sql`insert into audit_event (municipality_code, actor_user_id, actor_role,
      actor_organisation_id, citizen_id, action, resource_type, resource_id, purpose, request_id,
      ip, details) values (${municipalityCode}, ${ctx.actor.userId}, 'operator', null, null,
      ${entry.action}, ${entry.resourceType}, ${entry.resourceId ?? null}, ${purpose},
      ${ctx.requestId}, ${ctx.ip}, ${entry.details ? JSON.stringify(entry.details) : null}::jsonb)`.execute(
    tx,
  );
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
  await sql`insert into audit_event (municipality_code, actor_user_id, actor_role,
      actor_organisation_id, citizen_id, action, resource_type, resource_id, purpose, request_id,
      ip, details) values ${sql.join(rows)}`.execute(tx);
}
