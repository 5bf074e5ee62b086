/**
 * The citizen's right of access (GDPR art. 15; CJEU C-579/21): who read or changed my data,
 * when and why. Citizens see the organisation and the role, not the employee's name; an action
 * a proxy (fuldmagt) took for them is marked as such with the proxy's name, whom they chose.
 */
import { audit } from '../../platform/audit.js';
import { type AuthedContext, tenantTx } from '../../platform/context.js';
import { authorize } from '../../platform/policy.js';
import { loadCitizenFor } from '../citizens/citizens.service.js';
import * as repo from './audit.repo.js';

function present(rows: repo.AccessLogRow[], withNames: boolean, limit: number, offset: number) {
  return {
    items: rows.map((r) => ({
      id: Number(r.id),
      occurredAt: new Date(r.occurred_at).toISOString(),
      action: r.action,
      resourceType: r.resource_type,
      purpose: r.purpose,
      role: r.actor_role,
      organisationName: r.organisation_name,
      organisationType: r.organisation_type,
      byProxy: r.by_proxy,
      proxyName: r.by_proxy ? r.actor_name : null,
      ...(withNames ? { actorName: r.actor_name } : {}),
    })),
    total: Number(rows[0]?.total ?? 0),
    limit,
    offset,
  };
}

export async function myAccessLog(ctx: AuthedContext, limit: number, offset: number) {
  const citizenId = ctx.actor.citizenId;
  authorize(ctx.actor, 'audit.read_own', {
    municipalityCode: ctx.actor.municipalityCode,
    citizenId,
  });
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    // Reading one's own log is not itself logged: it would fill the log the citizen reads.
    const rows = await repo.accessLog(tx, citizenId!, limit, offset);
    return present(rows, false, limit, offset);
  });
}

export async function citizenAccessLog(
  ctx: AuthedContext,
  citizenId: string,
  limit: number,
  offset: number,
) {
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const { grant } = await loadCitizenFor(tx, ctx, citizenId, 'audit.read_citizen');
    const rows = await repo.accessLog(tx, citizenId, limit, offset);
    // An administrator looking into a citizen's log is itself an access the citizen sees.
    await audit(tx, ctx, {
      action: 'read',
      policyAction: 'audit.read_citizen',
      resourceType: 'access_log',
      resourceId: citizenId,
      citizenId,
      grant,
    });
    return present(rows, true, limit, offset);
  });
}
