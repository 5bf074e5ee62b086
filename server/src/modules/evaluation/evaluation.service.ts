/**
 * Evaluation ("Virker det?"): success criteria fixed before a course starts (Rødovre), actual
 * against criteria, satisfaction and feedback (Skive), management dashboards, an observational
 * effect estimate against a matched comparison group, and anonymous needs surveys. Everything
 * leaves the module aggregated with counts of 1–4 suppressed; every view and export is audited
 * as resource type 'dashboard' without a citizen.
 */
import type {
  CourseEvaluation,
  CourseSummary,
  CriteriaInput,
  CriteriaSet,
  Criterion,
  CriterionResult,
  Dashboard,
  DashboardQuery,
  EffectEstimate,
  StatTable,
} from '@helhed/shared/evaluation';
import { audit } from '../../platform/audit.js';
import {
  type AuthedContext,
  type Tx,
  tenantReadThenAudit,
  tenantTx,
} from '../../platform/context.js';
import { addYears, danishToday } from '../../platform/dates.js';
import { AppError, notFound } from '../../platform/errors.js';
import { authorize, type RowScope } from '../../platform/policy.js';
import * as followup from '../followup/followup.service.js';
import { riskGroupLabels } from './evaluation.labels.js';
import * as repo from './evaluation.repo.js';
import { advanceDemoCourse } from './evaluation.seed.js';
import {
  type CountTable,
  isSmall,
  published,
  suppress,
  suppressCount,
  suppressShare,
} from './stats/suppression.js';
import {
  kaplanMeier,
  logRank,
  medianTime,
  type Observation,
  shareWithEventAt,
  stepAt,
} from './stats/survival.js';

export const EFFECT_LABEL = 'observationel sammenligning – ikke bevis for årsag';
export const CURVE_WEEKS = [0, 4, 8, 13, 17, 21, 26, 30, 34, 39, 43, 47, 52];
export const SHARE_WEEKS = [13, 26, 52];

const municipalityRow = (ctx: AuthedContext): RowScope => ({
  municipalityCode: ctx.actor.municipalityCode,
});

async function auditDashboard(
  tx: Tx,
  ctx: AuthedContext,
  policyAction: string,
  action: 'read' | 'export' | 'update',
  resourceId: string,
  grant: ReturnType<typeof authorize>,
  details?: Record<string, unknown>,
) {
  await audit(tx, ctx, {
    action,
    policyAction,
    resourceType: 'dashboard',
    resourceId,
    citizenId: null,
    grant,
    details,
  });
}

// ---------- courses and criteria ----------

function summary(row: repo.CourseRow): CourseSummary {
  return {
    id: row.id,
    title: row.title,
    offerId: row.offer_id,
    offerTitle: row.offer_title,
    providerName: row.provider_name,
    startDate: row.start_date,
    weeks: row.weeks,
    status: row.status,
    locked: row.locked,
    hasCriteria: row.has_criteria,
  };
}

async function loadCourse(tx: Tx, ctx: AuthedContext, id: string, action: string) {
  const row = await repo.getCourse(tx, ctx.actor.municipalityCode, id);
  if (!row) throw notFound();
  const grant = authorize(ctx.actor, action, { municipalityCode: row.municipality_code });
  return { row, grant };
}

export async function listCourses(ctx: AuthedContext): Promise<CourseSummary[]> {
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const grant = authorize(ctx.actor, 'evaluation.course.read', municipalityRow(ctx));
    const rows = await repo.listCourses(tx, ctx.actor.municipalityCode);
    await auditDashboard(tx, ctx, 'evaluation.course.read', 'read', 'courses', grant);
    return rows.map(summary);
  });
}

function criteriaSet(row: repo.CriteriaRow, locked: boolean): CriteriaSet {
  return {
    id: row.id,
    scope: row.course_id ? 'course' : 'offer',
    version: row.version,
    criteria: row.criteria,
    note: row.note,
    locked,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

function validateCriteria(input: CriteriaInput) {
  const errors = input.criteria.flatMap((c, i) => {
    if (c.metric === 'satisfaction_mean' && (c.threshold < 1 || c.threshold > 5))
      return [
        {
          in: 'body' as const,
          pointer: `/criteria/${i}/threshold`,
          message: 'Tilfredshed måles på en skala fra 1 til 5',
        },
      ];
    return [];
  });
  const metrics = input.criteria.map((c) => c.metric);
  metrics.forEach((m, i) => {
    if (metrics.indexOf(m) !== i)
      errors.push({
        in: 'body',
        pointer: `/criteria/${i}/metric`,
        message: 'Hvert mål må kun have ét kriterium',
      });
  });
  if (errors.length)
    throw new AppError(
      'validation',
      { da: 'Kriterierne er ikke gyldige.', en: 'The criteria are not valid.' },
      { errors },
    );
}

const lockedError = () =>
  new AppError('conflict', {
    da: 'Succeskriterierne er låst, fordi holdet er startet. Lav en ny version til næste hold.',
    en: 'The success criteria are locked because the course has started. Make a new version for the next course.',
  });

export async function getCourseCriteria(
  ctx: AuthedContext,
  courseId: string,
): Promise<CriteriaSet | null> {
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const { row } = await loadCourse(tx, ctx, courseId, 'evaluation.course.read');
    const set = await repo.criteriaForCourse(tx, row);
    return set ? criteriaSet(set, row.locked) : null;
  });
}

export async function setCourseCriteria(
  ctx: AuthedContext,
  courseId: string,
  input: CriteriaInput,
): Promise<CriteriaSet> {
  validateCriteria(input);
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const { row, grant } = await loadCourse(tx, ctx, courseId, 'evaluation.criteria.write');
    if (row.locked) throw lockedError();
    await repo.upsertCourseCriteria(
      tx,
      row,
      { criteria: input.criteria, note: input.note ?? '' },
      ctx.actor.userId,
    );
    const set = (await repo.criteriaForCourse(tx, row))!;
    await auditDashboard(
      tx,
      ctx,
      'evaluation.criteria.write',
      'update',
      `course:${row.id}`,
      grant,
      {
        criteria: input.criteria,
      },
    );
    return criteriaSet(set, false);
  });
}

/** The offer's newest criteria set (null when none is set), for the manager's offer criteria page. */
export async function getOfferCriteria(
  ctx: AuthedContext,
  offerId: string,
): Promise<{ offerId: string; offerTitle: string; criteria: CriteriaSet | null }> {
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const offer = await repo.getOffer(tx, ctx.actor.municipalityCode, offerId);
    if (!offer) throw notFound();
    authorize(ctx.actor, 'evaluation.course.read', { municipalityCode: offer.municipality_code });
    const latest = await repo.latestOfferCriteria(tx, offer.municipality_code, offer.id);
    return {
      offerId: offer.id,
      offerTitle: offer.title,
      criteria: latest ? criteriaSet(latest, latest.locked) : null,
    };
  });
}

/** Offer-level criteria: edits the newest version until a course under it starts; then 409. */
export async function setOfferCriteria(
  ctx: AuthedContext,
  offerId: string,
  input: CriteriaInput & { newVersion?: boolean },
): Promise<CriteriaSet> {
  validateCriteria(input);
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const offer = await repo.getOffer(tx, ctx.actor.municipalityCode, offerId);
    if (!offer) throw notFound();
    const grant = authorize(ctx.actor, 'evaluation.criteria.write', {
      municipalityCode: offer.municipality_code,
    });
    const latest = await repo.latestOfferCriteria(tx, offer.municipality_code, offer.id);
    const body = { criteria: input.criteria, note: input.note ?? '' };
    if (latest && !input.newVersion) {
      if (latest.locked) throw lockedError();
      await repo.updateCriteria(tx, offer.municipality_code, latest.id, body);
    } else {
      await repo.insertOfferCriteria(
        tx,
        offer.municipality_code,
        offer.id,
        (latest?.version ?? 0) + 1,
        latest?.id ?? null,
        body,
        ctx.actor.userId,
      );
    }
    const now = (await repo.latestOfferCriteria(tx, offer.municipality_code, offer.id))!;
    await auditDashboard(
      tx,
      ctx,
      'evaluation.criteria.write',
      'update',
      `offer:${offer.id}`,
      grant,
      {
        version: now.version,
      },
    );
    return criteriaSet(now, now.locked);
  });
}

// ---------- course evaluation ----------

function compare(actual: number, c: Criterion): boolean {
  return c.operator === '>=' ? actual >= c.threshold - 1e-12 : actual <= c.threshold + 1e-12;
}

function criterionResult(c: Criterion, m: repo.CourseMetrics): CriterionResult {
  if (c.metric === 'satisfaction_mean') {
    const n = m.satisfaction_n;
    const hidden = n < 5;
    const mean = n > 0 ? m.satisfaction_sum / n : null;
    return {
      ...c,
      actual: hidden || mean === null ? null : Math.round(mean * 100) / 100,
      numerator: hidden ? (n === 0 ? 0 : 'x') : Math.round(m.satisfaction_sum),
      denominator: suppressCount(n),
      met: mean === null || hidden ? null : compare(mean, c),
    };
  }
  const [num, den] =
    c.metric === 'attendance_rate'
      ? [m.attendance_present, m.attendance_total]
      : c.metric === 'dropout_rate'
        ? [m.dropped_out, m.participants]
        : [m.self_sufficient, m.participants];
  const share = suppressShare(num, den);
  const pct = den > 0 ? (100 * num) / den : null;
  return {
    ...c,
    actual: share.share === null ? null : Math.round(share.share * 1000) / 10,
    numerator: share.numerator,
    denominator: share.denominator,
    // Whether the criterion is met is shown even where the counts are hidden: it tells a range,
    // never a count.
    met: pct === null || isSmall(den) ? null : compare(pct, c),
  };
}

function groupEstimate(group: 'participants' | 'comparison', data: Observation[]) {
  const curve = kaplanMeier(data);
  const atRisk = (week: number) => data.filter((o) => o.time >= week).length;
  const events = data.filter((o) => o.event).length;
  const enough = data.length >= 5;
  const points = CURVE_WEEKS.map((week) => {
    const n = atRisk(week);
    const step = stepAt(curve, week);
    // The curve stops where fewer than 5 are still followed.
    const shownPoint = enough && n >= 5;
    return {
      week,
      survival: shownPoint ? (step?.survival ?? 1) : null,
      lower: shownPoint ? (step?.lower ?? 1) : null,
      upper: shownPoint ? (step?.upper ?? 1) : null,
      atRisk: suppressCount(n),
    };
  });
  const shares = SHARE_WEEKS.map((week) => {
    const s = shareWithEventAt(curve, week);
    const shownPoint = enough && atRisk(week) >= 5;
    return {
      week,
      share: shownPoint ? s.share : null,
      lower: shownPoint ? s.lower : null,
      upper: shownPoint ? s.upper : null,
    };
  });
  return {
    group,
    n: suppressCount(data.length),
    events: suppressShare(events, data.length).numerator,
    medianWeeks: enough ? medianTime(curve) : null,
    shares,
    curve: points,
  };
}

export async function effectFor(tx: Tx, course: repo.CourseRow): Promise<EffectEstimate> {
  const rows = await repo.effectCohort(tx, course);
  const toObs = (g: string) =>
    rows.filter((r) => r.grp === g).map((r) => ({ time: Math.max(0, r.days) / 7, event: r.event }));
  const participants = toObs('participants');
  const comparison = toObs('comparison');
  const enough = participants.length >= 5 && comparison.length >= 5;
  const lr = enough ? logRank(participants, comparison) : null;
  return {
    label: EFFECT_LABEL,
    matchedOn: ['benefit_type', 'age_band', 'weeks_on_benefit', 'risk_group'],
    riskGroupAvailable: true,
    groups: [groupEstimate('participants', participants), groupEstimate('comparison', comparison)],
    logRank: lr ? { chiSquare: lr.chiSquare, df: 1, pValue: lr.pValue } : null,
    enough,
  };
}

async function buildEvaluation(tx: Tx, row: repo.CourseRow): Promise<CourseEvaluation> {
  const set = await repo.criteriaForCourse(tx, row);
  const metrics = await repo.courseMetrics(tx, row);
  const details = await repo.satisfactionDetails(tx, row);
  const respondents = metrics.satisfaction_n;
  const distribution = published(
    suppress({
      rows: ['1', '2', '3', '4', '5'],
      columns: ['count'],
      cells: [1, 2, 3, 4, 5].map((r) => [details.distribution.get(r) ?? 0]),
      rowTotals: false,
      columnTotals: true,
    }),
  ).grid;
  return {
    course: summary(row),
    criteria: set ? criteriaSet(set, row.locked) : null,
    results: set ? set.criteria.map((c) => criterionResult(c, metrics)) : [],
    followUpComplete: row.follow_up_complete,
    participants: suppressCount(metrics.participants),
    satisfaction: {
      respondents: suppressCount(respondents),
      mean:
        respondents >= 5 ? Math.round((metrics.satisfaction_sum / respondents) * 100) / 100 : null,
      distribution: [1, 2, 3, 4, 5].map((rating, i) => ({ rating, count: distribution[i]![0]! })),
      // Comments only with five or more, alphabetically, never tied to a person.
      comments: details.comments.length >= 5 ? details.comments : [],
    },
    effect: await effectFor(tx, row),
  };
}

export async function courseEvaluation(
  ctx: AuthedContext,
  courseId: string,
): Promise<CourseEvaluation> {
  // On the replica when DATABASE_READ_URL is set; the audit row on the primary.
  const { result } = await tenantReadThenAudit(
    ctx,
    ctx.actor.municipalityCode,
    async (tx) => {
      const { row, grant } = await loadCourse(tx, ctx, courseId, 'evaluation.course.read');
      return { row, grant, result: await buildEvaluation(tx, row) };
    },
    (tx, { row, grant }) =>
      auditDashboard(tx, ctx, 'evaluation.course.read', 'read', `course:${row.id}`, grant),
  );
  return result;
}

export async function courseEvaluationForExport(
  ctx: AuthedContext,
  courseId: string,
  format: 'xlsx' | 'pdf',
): Promise<CourseEvaluation> {
  const { result } = await tenantReadThenAudit(
    ctx,
    ctx.actor.municipalityCode,
    async (tx) => {
      const { row, grant } = await loadCourse(tx, ctx, courseId, 'evaluation.course.export');
      return { row, grant, result: await buildEvaluation(tx, row) };
    },
    (tx, { row, grant }) =>
      auditDashboard(tx, ctx, 'evaluation.course.export', 'export', `course:${row.id}`, grant, {
        format,
      }),
  );
  return result;
}

// ---------- dashboard ----------

const referralStates = [
  'sent',
  'received',
  'accepted',
  'waitlisted',
  'rejected',
  'enrolled',
  'started',
  'completed',
  'dropped_out',
  'cancelled',
];
const attendanceStatuses = ['present', 'absent_notice', 'absent_no_notice', 'sick'];
const enrolmentStatuses = ['enrolled', 'completed', 'dropped_out'];
const outcomeCategories = [
  'declared_fit',
  'resource_clarification',
  'job_ready',
  'treatment',
  'follow_on_course',
  'not_set',
];

function pivot(
  key: string,
  data: { offer: string; n: number; [k: string]: unknown }[],
  field: string,
  columns: string[],
  options: { rowTotals: boolean; columnTotals: boolean } = { rowTotals: true, columnTotals: true },
): StatTable {
  const rows = [...new Set(data.map((d) => d.offer))].sort((a, b) => a.localeCompare(b, 'da'));
  const cells = rows.map((r) =>
    columns.map((c) =>
      data.filter((d) => d.offer === r && d[field] === c).reduce((a, d) => a + d.n, 0),
    ),
  );
  const table: CountTable = { rows, columns, cells, ...options };
  return { key, ...published(suppress(table)) };
}

function defaultPeriod(q: DashboardQuery): repo.DashboardFilters {
  const today = danishToday();
  return { ...q, from: q.from ?? addYears(today, -2), to: q.to ?? today };
}

async function buildDashboard(
  tx: Tx,
  ctx: AuthedContext,
  query: DashboardQuery,
): Promise<Dashboard> {
  const m = ctx.actor.municipalityCode;
  const f = defaultPeriod(query);
  if (f.from > f.to)
    throw new AppError(
      'validation',
      { da: 'Perioden slutter før den starter.', en: 'The period ends before it starts.' },
      {
        errors: [
          { in: 'querystring', pointer: '/to', message: 'Slutdatoen skal ligge efter startdatoen' },
        ],
      },
    );
  const tables: StatTable[] = [];
  tables.push(
    pivot('referrals', await repo.referralsByOfferAndState(tx, m, f), 'state', referralStates),
  );
  tables.push(
    pivot('attendance', await repo.attendanceByOffer(tx, m, f), 'status', attendanceStatuses),
  );
  tables.push(
    pivot('enrolments', await repo.enrolmentsByOffer(tx, m, f), 'status', enrolmentStatuses),
  );
  tables.push(
    pivot('outcomes', await repo.outcomesByOffer(tx, m, f), 'category', outcomeCategories),
  );
  // Risk groups from the risk module (#5); the citizens screened are the table's total, so the
  // figure beside it is suppressed exactly as the total is.
  const groups = await repo.riskGroups(tx, m, f);
  const riskTable = published(
    suppress({
      rows: groups.map((g) => riskGroupLabels[g.risk_group]),
      columns: ['citizens'],
      cells: groups.map((g) => [g.n]),
      rowTotals: false,
      columnTotals: true,
    }),
  );
  tables.push({ key: 'riskGroups', ...riskTable });
  const screened = riskTable.grid[groups.length]![0]!;
  const waiting = (await repo.waitingTimes(tx, m, f)).map((w) => ({
    offer: w.offer,
    n: suppressCount(w.n),
    medianDays: w.n >= 5 ? w.median : null,
    meanDays: w.n >= 5 && w.mean !== null ? Math.round(w.mean * 10) / 10 : null,
  }));
  // Timeliness of sickness-benefit follow-up (the follow-up module's deadlines, met or not),
  // by the dashboard's period only: its other filters are about courses and offers.
  const timeliness = (await followup.timeliness(tx, f.from!, f.to!)).map((r) => {
    const s = suppressShare(r.onTime, r.held);
    return {
      month: r.month,
      team: r.team,
      kind: r.kind,
      held: s.denominator,
      onTime: s.numerator,
      late: s.complement,
      percent: s.share === null ? null : Math.round(s.share * 1000) / 10,
    };
  });
  return {
    filters: f,
    screened,
    riskGroupsAvailable: true,
    tables,
    waiting,
    timeliness,
    catalogueGaps: await repo.catalogueGaps(tx, m),
    options: await repo.filterOptions(tx, m),
  };
}

export async function dashboard(ctx: AuthedContext, query: DashboardQuery): Promise<Dashboard> {
  const grant = authorize(ctx.actor, 'evaluation.dashboard.read', municipalityRow(ctx));
  return tenantReadThenAudit(
    ctx,
    ctx.actor.municipalityCode,
    (tx) => buildDashboard(tx, ctx, query),
    (tx, result) =>
      auditDashboard(tx, ctx, 'evaluation.dashboard.read', 'read', 'municipality', grant, {
        filters: result.filters,
      }),
  );
}

export async function dashboardForExport(
  ctx: AuthedContext,
  query: DashboardQuery,
): Promise<Dashboard> {
  const grant = authorize(ctx.actor, 'evaluation.dashboard.export', municipalityRow(ctx));
  return tenantReadThenAudit(
    ctx,
    ctx.actor.municipalityCode,
    (tx) => buildDashboard(tx, ctx, query),
    (tx, result) =>
      auditDashboard(tx, ctx, 'evaluation.dashboard.export', 'export', 'municipality', grant, {
        filters: result.filters,
        format: 'xlsx',
      }),
  );
}

/** Demo only (SEED_DEMO): starts or completes a planned course with fictitious data. */
export async function advanceDemo(
  ctx: AuthedContext,
  courseId: string,
  to: 'running' | 'completed',
): Promise<void> {
  if (!ctx.config.seedDemo) throw notFound();
  await tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const { row, grant } = await loadCourse(tx, ctx, courseId, 'evaluation.demo.advance');
    if (row.status === 'completed' || row.status === 'cancelled')
      throw new AppError('conflict', {
        da: 'Holdet er allerede afsluttet.',
        en: 'The course has already ended.',
      });
    await advanceDemoCourse(tx, ctx.config, row.municipality_code, row.id, to);
    await auditDashboard(tx, ctx, 'evaluation.demo.advance', 'update', `course:${row.id}`, grant, {
      to,
    });
  });
}
