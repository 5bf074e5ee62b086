/**
 * The staff task list: screenings due, attendance flags, referrals waiting, follow-ups due and
 * plan reviews, for the caller's organisations and (for caseworkers) their own citizens.
 */
import { auditMany } from '../../platform/audit.js';
import { type AuthedContext, hasRole, orgIds, tenantTx } from '../../platform/context.js';
import { authorize } from '../../platform/policy.js';
import * as repo from './tasks.repo.js';

export async function myTasks(ctx: AuthedContext) {
  const grant = authorize(ctx.actor, 'tasks.read');
  const orgs = orgIds(ctx.actor);
  const caseworker = hasRole(ctx.actor, 'caseworker');
  const coordinating = hasRole(ctx.actor, 'coordinating_caseworker');
  // A coordinating caseworker sees the whole municipality's plan reviews and screenings.
  const mine = coordinating ? null : ctx.actor.userId;
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const jobSide = caseworker || coordinating;
    const rows = [
      ...(jobSide ? await repo.screeningsDue(tx, mine) : []),
      ...(await repo.attendanceFlags(tx, orgs, jobSide ? (mine ?? ctx.actor.userId) : null)),
      ...(await repo.referralsWaiting(tx, orgs)),
      ...(await repo.followUpsDue(tx, orgs)),
      ...(jobSide ? await repo.planReviews(tx, mine) : []),
    ];
    await auditMany(
      tx,
      ctx,
      rows.map((r) => ({
        action: 'search' as const,
        policyAction: 'tasks.read',
        resourceType: r.kind,
        resourceId: r.ref_id,
        citizenId: r.citizen_id,
        grant,
      })),
    );
    const count = (k: repo.TaskRow['kind']) => rows.filter((r) => r.kind === k).length;
    return {
      counts: {
        screeningsDue: count('screening_due'),
        attendanceFlags: count('attendance_flag'),
        referralsWaiting: count('referral_waiting'),
        followUpsDue: count('follow_up_due'),
        planReviews: count('plan_review'),
        total: rows.length,
      },
      items: rows.map((r) => ({
        kind: r.kind,
        refId: r.ref_id,
        citizenId: r.citizen_id,
        citizenName: r.citizen_name,
        due: r.due,
        detail: r.detail,
      })),
    };
  });
}
