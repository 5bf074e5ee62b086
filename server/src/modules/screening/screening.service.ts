/**
 * Early detection (visitation): each municipality sets, per benefit type, the week of the period
 * in which citizens are screened (Rebild: sygedagpenge, week 5). The queue holds open periods
 * whose week N starts within 14 days, or has passed, until the screening is done or marked not
 * relevant with a reason. The screening form records findings per discipline (social,
 * psychological, physical) and one overall recommendation that goes on the citizen's timeline.
 */
import { audit, auditMany } from '../../platform/audit.js';
import { type AuthedContext, tenantTx } from '../../platform/context.js';
import { AppError, notFound } from '../../platform/errors.js';
import { authorize } from '../../platform/policy.js';
import { loadCitizenFor } from '../citizens/citizens.service.js';
import './screening.policy.js';
import type { Tx } from '../../platform/context.js';
import { danishToday } from '../../platform/dates.js';
import { absenceWeek } from '../followup/engine.js';
import { rulesInForce } from '../followup/followup.service.js';
import * as repo from './screening.repo.js';

/**
 * Week N of a period and its due date from the follow-up rules engine (one engine for every
 * deadline, decision 1030): weeks count from the period's first day, and a due date on a
 * non-working day moves to the working day before under the municipality's rules in force.
 */
async function weekDue(tx: Tx, m: string, startDate: string, n: number, today = danishToday()) {
  return absenceWeek(startDate, n, (await rulesInForce(tx, m, today)).parameters);
}

export async function listRules(ctx: AuthedContext) {
  authorize(ctx.actor, 'screening.rules.read');
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => ({
    items: (await repo.listRules(tx)).map((r) => ({
      benefitType: r.benefit_type,
      benefitTypeName: r.benefit_type_name,
      weekNumber: r.week_number,
      active: r.active,
      updatedAt: r.updated_at.toISOString(),
    })),
  }));
}

export async function setRule(
  ctx: AuthedContext,
  benefitType: string,
  input: { weekNumber: number; active?: boolean },
) {
  authorize(ctx.actor, 'screening.rules.write');
  await tenantTx(ctx, ctx.actor.municipalityCode, (tx) =>
    repo.upsertRule(
      tx,
      ctx.actor.municipalityCode,
      benefitType,
      input.weekNumber,
      input.active ?? true,
      ctx.actor.userId,
    ),
  );
  return listRules(ctx);
}

export interface QueueQuery {
  benefitType?: string;
  status?: 'to_do' | 'booked';
  assignedTo?: string;
  due?: 'now' | 'coming';
  limit?: number;
  offset?: number;
}

export async function getQueue(ctx: AuthedContext, q: QueueQuery, today = danishToday()) {
  const grant = authorize(ctx.actor, 'screening.queue');
  const limit = q.limit ?? 50;
  const offset = q.offset ?? 0;
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const rows = await repo.queue(tx, {
      municipalityCode: ctx.actor.municipalityCode,
      today,
      benefitType: q.benefitType,
      status: q.status,
      assignedTo: q.assignedTo,
      due: q.due,
      limit,
      offset,
    });
    const rules = await rulesInForce(tx, ctx.actor.municipalityCode, today);
    await auditMany(
      tx,
      ctx,
      rows.map((r) => ({
        action: 'search' as const,
        policyAction: 'screening.queue',
        resourceType: 'screening_queue',
        resourceId: r.period_id,
        citizenId: r.citizen_id,
        grant,
      })),
    );
    return {
      today,
      items: rows.map((r) => {
        const week = absenceWeek(r.start_date, r.week_number, rules.parameters);
        return {
          periodId: r.period_id,
          citizenId: r.citizen_id,
          citizenName: `${r.first_name} ${r.last_name}`,
          benefitType: r.benefit_type,
          benefitTypeName: r.benefit_type_name,
          startDate: r.start_date,
          weekNumber: r.week_number,
          weekStart: week.weekStart,
          dueDate: week.dueDate,
          dueNow: week.weekStart <= today,
          overdue: week.dueDate < today,
          screeningId: r.screening_id,
          status: r.status,
          assignedTo: r.assigned_to,
          assignedToName: r.assigned_to_name,
          bookedAt: r.booked_at?.toISOString() ?? null,
        };
      }),
      total: rows[0]?.total ?? 0,
      limit,
      offset,
    };
  });
}

export async function listCaseworkers(ctx: AuthedContext) {
  authorize(ctx.actor, 'screening.queue');
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => ({
    items: (await repo.caseworkers(tx)).map((u) => ({ id: u.id, name: u.display_name })),
  }));
}

async function loadPeriod(
  tx: Parameters<typeof repo.findByPeriod>[0],
  ctx: AuthedContext,
  periodId: string,
  action: string,
) {
  const row = await repo.findByPeriod(tx, periodId);
  if (!row) throw notFound({ da: 'Forløbet findes ikke.', en: 'Benefit period not found.' });
  const { grant } = await loadCitizenFor(tx, ctx, row.citizen_id, action);
  return { row, grant };
}

async function present(tx: Tx, m: string, row: repo.ScreeningRow) {
  const week = row.week_number ?? row.rule_week_number;
  const due = week ? await weekDue(tx, m, row.start_date, week) : null;
  const findings = row.id ? await repo.findings(tx, row.id) : [];
  return {
    screeningId: row.id,
    periodId: row.period_id,
    citizenId: row.citizen_id,
    citizenName: row.citizen_name,
    benefitType: row.benefit_type,
    benefitTypeName: row.benefit_type_name,
    startDate: row.start_date,
    weekNumber: week,
    weekStart: due?.weekStart ?? null,
    dueDate: due?.dueDate ?? null,
    status: row.status,
    statusReason: row.status_reason,
    assignedTo: row.assigned_to,
    assignedToName: row.assigned_to_name,
    bookedAt: row.booked_at?.toISOString() ?? null,
    overallRecommendation: row.overall_recommendation,
    recommendationNote: row.recommendation_note,
    completedAt: row.completed_at?.toISOString() ?? null,
    completedByName: row.completed_by_name,
    findings: findings.map((f) => ({
      discipline: f.discipline,
      findings: f.findings,
      recommendation: f.recommendation,
      filledByName: f.filled_by_name,
      recordedAt: f.recorded_at.toISOString(),
    })),
  };
}

export async function getScreening(ctx: AuthedContext, periodId: string) {
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const { row, grant } = await loadPeriod(tx, ctx, periodId, 'screening.read');
    await audit(tx, ctx, {
      action: 'read',
      policyAction: 'screening.read',
      resourceType: 'screening',
      resourceId: periodId,
      citizenId: row.citizen_id,
      grant,
    });
    return present(tx, ctx.actor.municipalityCode, row);
  });
}

async function ensure(
  tx: Parameters<typeof repo.ensureScreening>[0],
  ctx: AuthedContext,
  row: repo.ScreeningRow,
) {
  if (row.id) return row.id;
  if (!row.rule_week_number) {
    throw new AppError('conflict', {
      da: `Kommunen har ingen screeningsregel for ${row.benefit_type_name}.`,
      en: `The municipality has no screening rule for ${row.benefit_type}.`,
    });
  }
  return repo.ensureScreening(tx, {
    municipalityCode: ctx.actor.municipalityCode,
    periodId: row.period_id,
    citizenId: row.citizen_id,
    weekNumber: row.rule_week_number,
    dueDate: (await weekDue(tx, ctx.actor.municipalityCode, row.start_date, row.rule_week_number))
      .dueDate,
  });
}

function alreadyDone() {
  return new AppError('conflict', {
    da: 'Screeningen er allerede gennemført.',
    en: 'The screening has already been completed.',
  });
}

export interface ScreeningPatch {
  status?: 'to_do' | 'booked' | 'not_relevant';
  reason?: string | null;
  assignedTo?: string | null;
}

export async function updateScreening(ctx: AuthedContext, periodId: string, patch: ScreeningPatch) {
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const { row, grant } = await loadPeriod(tx, ctx, periodId, 'screening.update');
    if (row.status === 'screened') throw alreadyDone();
    const reason = patch.reason?.trim() || null;
    if (patch.status === 'not_relevant' && !reason) {
      throw new AppError(
        'validation',
        { da: 'Skriv hvorfor screeningen ikke er relevant.', en: 'Give a reason.' },
        { errors: [{ in: 'body', pointer: '/reason', message: 'Begrundelse mangler' }] },
      );
    }
    if (patch.assignedTo && !(await repo.staffUserExists(tx, patch.assignedTo))) {
      throw new AppError(
        'validation',
        { da: 'Den valgte sagsbehandler findes ikke i kommunen.', en: 'Unknown caseworker.' },
        { errors: [{ in: 'body', pointer: '/assignedTo', message: 'Ukendt sagsbehandler' }] },
      );
    }
    const id = await ensure(tx, ctx, row);
    await repo.updateScreening(tx, id, {
      assignedTo: patch.assignedTo,
      status: patch.status,
      statusReason: patch.status ? (patch.status === 'not_relevant' ? reason : null) : undefined,
      bookedAt: patch.status === 'booked' ? new Date() : patch.status ? null : undefined,
    });
    await audit(tx, ctx, {
      action: 'update',
      policyAction: 'screening.update',
      resourceType: 'screening',
      resourceId: id,
      citizenId: row.citizen_id,
      grant,
      details: { status: patch.status, assigned: patch.assignedTo !== undefined },
    });
    return present(tx, ctx.actor.municipalityCode, (await repo.findByPeriod(tx, periodId))!);
  });
}

export interface CompleteInput {
  findings: {
    discipline: 'social' | 'psychological' | 'physical';
    findings: string;
    recommendation: string;
    filledByName: string;
  }[];
  overallRecommendation: 'course' | 'further_clarification' | 'no_action';
  note?: string | null;
}

export async function completeScreening(
  ctx: AuthedContext,
  periodId: string,
  input: CompleteInput,
) {
  const disciplines = new Set(input.findings.map((f) => f.discipline));
  if (disciplines.size !== input.findings.length) {
    throw new AppError(
      'validation',
      { da: 'Hver faglighed må kun udfyldes én gang.', en: 'Each discipline at most once.' },
      { errors: [{ in: 'body', pointer: '/findings', message: 'Samme faglighed to gange' }] },
    );
  }
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const { row, grant } = await loadPeriod(tx, ctx, periodId, 'screening.update');
    if (row.status === 'screened') throw alreadyDone();
    const id = await ensure(tx, ctx, row);
    for (const f of input.findings) {
      await repo.upsertFinding(tx, ctx.actor.municipalityCode, id, f, ctx.actor.userId);
    }
    await repo.updateScreening(tx, id, {
      status: 'screened',
      statusReason: null,
      overallRecommendation: input.overallRecommendation,
      recommendationNote: input.note?.trim() || null,
      completedAt: new Date(),
      completedBy: ctx.actor.userId,
    });
    await audit(tx, ctx, {
      action: 'update',
      policyAction: 'screening.update',
      resourceType: 'screening',
      resourceId: id,
      citizenId: row.citizen_id,
      grant,
      details: { completed: true, disciplines: [...disciplines] },
    });
    return present(tx, ctx.actor.municipalityCode, (await repo.findByPeriod(tx, periodId))!);
  });
}
