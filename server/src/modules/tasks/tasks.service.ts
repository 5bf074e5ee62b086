/**
 * The staff task list: screenings due, attendance flags, referrals waiting, follow-ups due and
 * plan reviews, for the caller's organisations and (for caseworkers) their own citizens.
 */
import { auditMany } from '../../platform/audit.js';
import { type AuthedContext, hasRole, orgIds, type Tx, tenantTx } from '../../platform/context.js';
import { addDays, danishToday } from '../../platform/dates.js';
import { authorize } from '../../platform/policy.js';
import { absenceWeek } from '../followup/engine.js';
import { rulesInForce, stepsForPeriods } from '../followup/followup.service.js';
import * as sharing from '../sharing/sharing.service.js';
import * as repo from './tasks.repo.js';

/**
 * Screenings whose week N (the municipality's screening rule) has begun, due by the week's last
 * working day: the follow-up rules engine's week, as the screening queue (decision 1030).
 */
async function screeningsDue(tx: Tx, m: string, caseworkerId: string | null, today: string) {
  const rows = await repo.screeningCandidates(tx, caseworkerId);
  const rules = await rulesInForce(tx, m, today);
  return rows
    .flatMap(({ start_date, week_number, ...r }) => {
      const week = absenceWeek(start_date, week_number, rules.parameters);
      return week.weekStart <= today ? [{ ...r, due: week.dueDate }] : [];
    })
    .slice(0, 100);
}

/**
 * Sickness-benefit follow-up deadlines overdue or due within a week, from the follow-up rules
 * engine (the same one the citizen page and the deadlines list use).
 */
async function sicknessFollowUps(
  tx: Tx,
  municipalityCode: string,
  caseworkerId: string | null,
  today: string,
): Promise<repo.TaskRow[]> {
  const periods = await repo.sicknessPeriods(tx, caseworkerId);
  const steps = await stepsForPeriods(tx, municipalityCode, periods, today);
  const soon = addDays(today, 7);
  return periods
    .flatMap((p) =>
      (steps.get(p.id) ?? [])
        .filter(
          (s) => s.dueDate && s.dueDate <= soon && (s.status === 'open' || s.status === 'overdue'),
        )
        .map((s) => ({
          kind: 'sickness_follow_up' as const,
          ref_id: p.id,
          citizen_id: p.citizen_id,
          citizen_name: p.citizen_name,
          due: s.dueDate,
          detail: s.kind,
        })),
    )
    .slice(0, 100);
}

export async function myTasks(ctx: AuthedContext) {
  const grant = authorize(ctx.actor, 'tasks.read');
  const orgs = orgIds(ctx.actor);
  const caseworker = hasRole(ctx.actor, 'caseworker');
  const coordinating = hasRole(ctx.actor, 'coordinating_caseworker');
  // A coordinating caseworker sees the whole municipality's plan reviews and screenings.
  const mine = coordinating ? null : ctx.actor.userId;
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const jobSide = caseworker || coordinating;
    let absence = await repo.attendanceFlags(tx, orgs, jobSide ? (mine ?? ctx.actor.userId) : null);
    const jobGrant = ctx.actor.grants.find(
      (g) => g.role === 'caseworker' || g.role === 'coordinating_caseworker',
    );
    if (jobGrant) {
      // Absence reaches the job centre by law (mandatory activation) or under the citizen's
      // consent to 'attendance' (the cross-organisation view builder, decision 0801); rows of
      // the caller's own courses stay.
      const shown = await sharing.visibleAbsenceEnrolmentIds(
        tx,
        jobGrant,
        ctx.actor.municipalityCode,
        absence.map((r) => r.ref_id),
      );
      const ownCourses = new Set(
        await repo.enrolmentsInCoursesOf(
          tx,
          absence.map((r) => r.ref_id),
          orgs,
        ),
      );
      absence = absence.filter((r) => shown.has(r.ref_id) || ownCourses.has(r.ref_id));
    }
    const today = danishToday();
    const rows = [
      ...(jobSide ? await screeningsDue(tx, ctx.actor.municipalityCode, mine, today) : []),
      ...(jobSide ? await sicknessFollowUps(tx, ctx.actor.municipalityCode, mine, today) : []),
      ...absence,
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
        sicknessFollowUps: count('sickness_follow_up'),
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
