/**
 * Min Plan: one living plan per citizen with a job or education goal, SMART goals and
 * sub-goals, activities linked to referrals and courses, progress notes and versions the
 * citizen accepts in the portal. Every save publishes a new version.
 *
 * The legal guardrail (seed 001, section 5): a goal or activity about weight, BMI, smoking or
 * another lifestyle outcome may be the citizen's own voluntary goal, never a requirement. Every
 * path that can set `requirement` (create, update, import) goes through guardRequirement().
 */
import { guardrailRule, isLifestyleOutcome } from '@helhed/shared/plans';
import { audit } from '../../platform/audit.js';
import { type AuthedContext, type Grant, type Tx, tenantTx } from '../../platform/context.js';
import { AppError, notFound } from '../../platform/errors.js';
import { allowedActions } from '../../platform/policy.js';
import { parseCsvText, readTable, type Table, TabularFormatError } from '../../platform/tabular.js';
import { citizenScope, loadCitizenFor } from '../citizens/citizens.service.js';
import * as repo from './plans.repo.js';
import type * as s from './plans.schema.js';

/** As many goals as the JSON import takes (ImportInput's rows: maxItems). */
export const MAX_IMPORT_GOALS = 200;

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** Throws 422 legal_guardrail when a lifestyle outcome is marked as a requirement. */
export function guardRequirement(
  v: { requirement?: boolean; category?: string; texts: (string | null | undefined)[] },
  pointer: string,
  where: 'body' = 'body',
): void {
  if (!v.requirement) return;
  if (!isLifestyleOutcome(v.category, ...v.texts)) return;
  throw new AppError(
    'legal_guardrail',
    { da: guardrailRule.da, en: guardrailRule.en },
    {
      errors: [
        {
          in: where,
          pointer,
          message:
            'Et livsstilsresultat (fx vægt, BMI eller rygestop) kan ikke være et krav. Gem det som borgerens eget frivillige mål.',
        },
      ],
      rule: 'Seed 001, afsnit 5: Etiske overvejelser og juridiske rammer',
    },
  );
}

const planActions = ['plan.write', 'plan.import'] as const;

/** The plan as the staff page and the portal show it. */
export async function planView(tx: Tx, citizenId: string, allowed: string[]): Promise<s.PlanView> {
  const plan = await repo.findPlan(tx, citizenId);
  const referrals = (await repo.referralsOf(tx, citizenId)).map((r) => ({
    id: r.id,
    title: r.title,
    state: r.state,
    participation: r.participation,
    courseId: r.course_id,
  }));
  if (!plan) {
    return {
      citizenId,
      id: null,
      goalKind: 'job',
      jobGoal: '',
      reviewDue: null,
      currentVersion: 0,
      acceptedVersion: null,
      acceptedAt: null,
      acceptedByProxy: false,
      unseenByCitizen: false,
      goals: [],
      activities: [],
      notes: [],
      versions: [],
      referrals,
      allowedActions: allowed,
    };
  }
  const versions = await repo.versions(tx, plan.id);
  const accepted = versions.find((v) => v.accepted_at !== null);
  const acceptedPublishedAt = accepted ? new Date(accepted.published_at).getTime() : null;
  const latest = versions[0];
  return {
    citizenId,
    id: plan.id,
    goalKind: plan.goal_kind,
    jobGoal: plan.job_goal,
    reviewDue: plan.review_due,
    currentVersion: Number(plan.current_version),
    acceptedVersion: accepted ? Number(accepted.version) : null,
    acceptedAt: accepted ? iso(accepted.accepted_at) : null,
    acceptedByProxy: accepted?.accepted_by_proxy ?? false,
    unseenByCitizen: !!latest && latest.seen_by_citizen_at === null,
    goals: (await repo.goals(tx, plan.id)).map((g) => ({
      id: g.id,
      parentGoalId: g.parent_goal_id,
      specific: g.specific,
      measurable: g.measurable,
      agreedWithCitizen: g.agreed_with_citizen,
      relevance: g.relevance,
      dueDate: g.due_date,
      category: g.category,
      requirement: g.requirement,
      status: g.status,
      lifestyleOutcome: isLifestyleOutcome(g.category, g.specific, g.measurable),
      updatedAt: iso(g.updated_at)!,
      changedSinceAccepted:
        acceptedPublishedAt === null || new Date(g.updated_at).getTime() > acceptedPublishedAt,
    })),
    activities: (await repo.activities(tx, plan.id)).map((a) => ({
      id: a.id,
      goalId: a.goal_id,
      title: a.title,
      category: a.category,
      requirement: a.requirement,
      referralId: a.referral_id,
      referralState: a.referral_state,
      referralTitle: a.referral_title,
      courseId: a.course_id,
      courseTitle: a.course_title,
      status: a.status,
      // Middelfart: the linked offer is a mandatory part of activation, with its weekly rule.
      mandatoryActivation: a.mandatory_activation ?? false,
      minHoursPerWeek:
        a.min_hours_per_week === null || a.min_hours_per_week === undefined
          ? null
          : Number(a.min_hours_per_week),
      minDaysPerWeek: a.min_days_per_week ?? null,
    })),
    notes: (await repo.notes(tx, plan.id)).map((n) => ({
      id: n.id,
      goalId: n.goal_id,
      body: n.body,
      authorName: n.author_name,
      createdAt: iso(n.created_at)!,
    })),
    versions: versions.map((v) => ({
      version: Number(v.version),
      publishedAt: iso(v.published_at)!,
      acceptedAt: iso(v.accepted_at),
    })),
    referrals,
    allowedActions: allowed,
  };
}

async function withPlan<T>(
  ctx: AuthedContext,
  citizenId: string,
  action: string,
  fn: (tx: Tx, plan: repo.PlanRow, grant: Grant) => Promise<T>,
) {
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const { grant } = await loadCitizenFor(tx, ctx, citizenId, action);
    const plan = await repo.ensurePlan(tx, ctx.actor.municipalityCode, citizenId, ctx.actor.userId);
    return fn(tx, plan, grant);
  });
}

async function afterWrite(
  tx: Tx,
  ctx: AuthedContext,
  plan: repo.PlanRow,
  grant: Grant,
  action: 'create' | 'update' | 'import',
  resourceType: string,
  resourceId: string,
  policyAction = 'plan.write',
) {
  const version = await repo.publishVersion(
    tx,
    ctx.actor.municipalityCode,
    plan.id,
    ctx.actor.userId,
  );
  await audit(tx, ctx, {
    action,
    policyAction,
    resourceType,
    resourceId,
    citizenId: plan.citizen_id,
    grant,
    details: { version },
  });
  const citizen = await loadCitizenFor(tx, ctx, plan.citizen_id, 'plan.read').catch(() => null);
  const allowed = citizen ? allowedActions(ctx.actor, planActions, citizenScope(citizen.row)) : [];
  return planView(tx, plan.citizen_id, allowed);
}

export async function getPlan(ctx: AuthedContext, citizenId: string) {
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const { row, grant } = await loadCitizenFor(tx, ctx, citizenId, 'plan.read');
    await audit(tx, ctx, {
      action: 'read',
      policyAction: 'plan.read',
      resourceType: 'plan',
      resourceId: citizenId,
      citizenId,
      grant,
    });
    return planView(tx, citizenId, allowedActions(ctx.actor, planActions, citizenScope(row)));
  });
}

export async function saveHeader(ctx: AuthedContext, citizenId: string, input: s.PlanHeader) {
  return withPlan(ctx, citizenId, 'plan.write', async (tx, plan, grant) => {
    await repo.updateHeader(tx, plan.id, input);
    return afterWrite(tx, ctx, plan, grant, 'update', 'plan', plan.id);
  });
}

async function checkParent(tx: Tx, planId: string, parentGoalId: string | null | undefined) {
  if (!parentGoalId) return null;
  const parent = await repo.findGoal(tx, planId, parentGoalId);
  if (!parent) {
    throw new AppError(
      'validation',
      { da: 'Overmålet findes ikke i planen.', en: 'Parent goal not in plan.' },
      {
        errors: [
          { in: 'body', pointer: '/parentGoalId', message: 'Overmålet findes ikke i planen' },
        ],
      },
    );
  }
  return parentGoalId;
}

export async function createGoal(ctx: AuthedContext, citizenId: string, input: s.GoalInput) {
  guardRequirement(
    {
      requirement: input.requirement,
      category: input.category,
      texts: [input.specific, input.measurable],
    },
    '/requirement',
  );
  return withPlan(ctx, citizenId, 'plan.write', async (tx, plan, grant) => {
    const id = await repo.insertGoal(tx, ctx.actor.municipalityCode, plan.id, {
      parentGoalId: await checkParent(tx, plan.id, input.parentGoalId),
      specific: input.specific,
      measurable: input.measurable,
      agreedWithCitizen: input.agreedWithCitizen,
      relevance: input.relevance,
      dueDate: input.dueDate,
      category: input.category,
      requirement: input.requirement,
      status: input.status ?? 'open',
    });
    return afterWrite(tx, ctx, plan, grant, 'create', 'plan_goal', id);
  });
}

export async function updateGoal(
  ctx: AuthedContext,
  citizenId: string,
  goalId: string,
  patch: s.GoalPatch,
) {
  return withPlan(ctx, citizenId, 'plan.write', async (tx, plan, grant) => {
    const current = await repo.findGoal(tx, plan.id, goalId);
    if (!current) throw notFound({ da: 'Målet findes ikke.', en: 'Goal not found.' });
    const next = {
      parentGoalId: current.parent_goal_id,
      specific: patch.specific ?? current.specific,
      measurable: patch.measurable ?? current.measurable,
      agreedWithCitizen: patch.agreedWithCitizen ?? current.agreed_with_citizen,
      relevance: patch.relevance ?? current.relevance,
      dueDate: patch.dueDate === undefined ? current.due_date : patch.dueDate,
      category: patch.category ?? current.category,
      requirement: patch.requirement ?? current.requirement,
      status: patch.status ?? current.status,
    };
    // The merged goal is checked: a requirement set earlier plus new lifestyle words is refused.
    guardRequirement(
      {
        requirement: next.requirement,
        category: next.category,
        texts: [next.specific, next.measurable],
      },
      '/requirement',
    );
    await repo.updateGoal(tx, goalId, next);
    return afterWrite(tx, ctx, plan, grant, 'update', 'plan_goal', goalId);
  });
}

async function activityLinks(
  tx: Tx,
  citizenId: string,
  planId: string,
  a: { goalId?: string | null; referralId?: string | null; courseId?: string | null },
) {
  const bad = (pointer: string, da: string) =>
    new AppError(
      'validation',
      { da, en: 'Invalid link.' },
      {
        errors: [{ in: 'body', pointer, message: da }],
      },
    );
  if (a.goalId && !(await repo.findGoal(tx, planId, a.goalId))) {
    throw bad('/goalId', 'Målet findes ikke i planen');
  }
  let courseId = a.courseId ?? null;
  if (a.referralId) {
    const r = await repo.citizenReferral(tx, citizenId, a.referralId);
    if (!r) throw bad('/referralId', 'Henvisningen tilhører ikke borgeren');
    courseId = courseId ?? r.course_id;
  }
  if (courseId && !(await repo.citizenCourse(tx, citizenId, courseId))) {
    throw bad('/courseId', 'Borgeren er ikke tilmeldt eller henvist til holdet');
  }
  return { goalId: a.goalId ?? null, referralId: a.referralId ?? null, courseId };
}

export async function createActivity(
  ctx: AuthedContext,
  citizenId: string,
  input: s.ActivityInput,
) {
  guardRequirement(
    { requirement: input.requirement, category: input.category, texts: [input.title] },
    '/requirement',
  );
  return withPlan(ctx, citizenId, 'plan.write', async (tx, plan, grant) => {
    const links = await activityLinks(tx, citizenId, plan.id, input);
    const id = await repo.insertActivity(tx, ctx.actor.municipalityCode, plan.id, {
      ...links,
      title: input.title,
      category: input.category,
      requirement: input.requirement,
      status: input.status ?? 'planned',
    });
    return afterWrite(tx, ctx, plan, grant, 'create', 'plan_activity', id);
  });
}

export async function updateActivity(
  ctx: AuthedContext,
  citizenId: string,
  activityId: string,
  patch: s.ActivityPatch,
) {
  return withPlan(ctx, citizenId, 'plan.write', async (tx, plan, grant) => {
    const current = await repo.findActivity(tx, plan.id, activityId);
    if (!current) throw notFound({ da: 'Aktiviteten findes ikke.', en: 'Activity not found.' });
    const merged = {
      goalId: patch.goalId === undefined ? current.goal_id : patch.goalId,
      referralId: patch.referralId === undefined ? current.referral_id : patch.referralId,
      courseId: patch.courseId === undefined ? current.course_id : patch.courseId,
      title: patch.title ?? current.title,
      category: patch.category ?? current.category,
      requirement: patch.requirement ?? current.requirement,
      status: patch.status ?? current.status,
    };
    guardRequirement(
      { requirement: merged.requirement, category: merged.category, texts: [merged.title] },
      '/requirement',
    );
    const links = await activityLinks(tx, citizenId, plan.id, merged);
    await repo.updateActivity(tx, activityId, { ...merged, ...links });
    return afterWrite(tx, ctx, plan, grant, 'update', 'plan_activity', activityId);
  });
}

export async function addNote(
  ctx: AuthedContext,
  citizenId: string,
  input: { body: string; goalId?: string | null },
) {
  return withPlan(ctx, citizenId, 'plan.write', async (tx, plan, grant) => {
    if (input.goalId && !(await repo.findGoal(tx, plan.id, input.goalId))) {
      throw notFound({ da: 'Målet findes ikke.', en: 'Goal not found.' });
    }
    await repo.insertNote(
      tx,
      ctx.actor.municipalityCode,
      plan.id,
      input.goalId ?? null,
      input.body,
      ctx.actor.userId,
    );
    return afterWrite(tx, ctx, plan, grant, 'update', 'plan_note', plan.id);
  });
}

const csvColumns = [
  'specific',
  'measurable',
  'relevance',
  'dueDate',
  'category',
  'requirement',
  'agreedWithCitizen',
] as const;

/** Where a goal import's rows came from: decides the error pointers and the row wording. */
type ImportSource = 'rows' | 'csv' | 'file';

function fileFormatError(source: ImportSource, message: string): AppError {
  return new AppError(
    'validation',
    { da: message, en: 'The file could not be read as a table.' },
    { errors: [{ in: 'body', pointer: `/${source}`, message }] },
  );
}

/** A table (CSV or XLSX, read by platform/tabular) → goal rows and the line each starts on. */
function goalRows(table: Table, source: ImportSource): { rows: s.ImportRow[]; lines: number[] } {
  const unknown = table.headers.filter((n) => !(csvColumns as readonly string[]).includes(n));
  if (!table.headers.includes('specific') || unknown.length > 0) {
    throw new AppError(
      'validation',
      {
        da: `Overskriften skal indeholde ${csvColumns.join(';')} (ukendt: ${unknown.join(', ') || '–'}).`,
        en: 'The header is not valid.',
      },
      { errors: [{ in: 'body', pointer: `/${source}`, message: 'Ugyldig overskrift' }] },
    );
  }
  const yes = (v: string | undefined) => /^(1|ja|true|x|yes)$/i.test(v ?? '');
  return {
    rows: table.rows.map(({ values: v }) => ({
      specific: v.specific ?? '',
      measurable: v.measurable ?? '',
      relevance: v.relevance ?? '',
      dueDate: v.dueDate || null,
      category: (v.category || 'participation') as s.ImportRow['category'],
      requirement: yes(v.requirement),
      agreedWithCitizen: yes(v.agreedWithCitizen),
    })),
    lines: table.rows.map((r) => r.line),
  };
}

/** CSV text with a header row (; , or tab); a quoted field may hold a line break. */
export function parseGoalCsv(text: string): { rows: s.ImportRow[]; lines: number[] } {
  try {
    return goalRows(parseCsvText(text), 'csv');
  } catch (error) {
    if (error instanceof TabularFormatError) throw fileFormatError('csv', error.message);
    throw error;
  }
}

const categories = new Set(['participation', 'lifestyle_outcome', 'job', 'education', 'other']);

/** Imports goals from rows or CSV text: all or nothing, every row through the guardrail. */
export async function importGoals(
  ctx: AuthedContext,
  citizenId: string,
  input: { rows?: s.ImportRow[]; csv?: string },
) {
  if (input.csv !== undefined) {
    const { rows, lines } = parseGoalCsv(input.csv);
    return importGoalRows(ctx, citizenId, rows, lines, 'csv');
  }
  const rows = input.rows ?? [];
  return importGoalRows(
    ctx,
    citizenId,
    rows,
    rows.map((_, i) => i),
    'rows',
  );
}

/** Imports goals from an uploaded CSV (any of the usual encodings) or XLSX file. */
export async function importGoalsFile(
  ctx: AuthedContext,
  citizenId: string,
  file: { bytes: Buffer; fileName: string; contentType?: string },
) {
  let table: Table;
  try {
    table = await readTable(file);
  } catch (error) {
    if (error instanceof TabularFormatError) throw fileFormatError('file', error.message);
    throw error;
  }
  const { rows, lines } = goalRows(table, 'file');
  return importGoalRows(ctx, citizenId, rows, lines, 'file');
}

async function importGoalRows(
  ctx: AuthedContext,
  citizenId: string,
  rows: s.ImportRow[],
  lines: number[],
  source: ImportSource,
) {
  if (rows.length === 0) {
    throw new AppError(
      'validation',
      { da: 'Der er ingen rækker at importere.', en: 'No rows.' },
      { errors: [{ in: 'body', pointer: `/${source}`, message: 'Ingen rækker' }] },
    );
  }
  if (rows.length > MAX_IMPORT_GOALS) {
    throw new AppError(
      'validation',
      {
        da: `Filen har ${rows.length} mål; højst ${MAX_IMPORT_GOALS} ad gangen.`,
        en: `The file has ${rows.length} goals; at most ${MAX_IMPORT_GOALS} at a time.`,
      },
      { errors: [{ in: 'body', pointer: `/${source}`, message: 'For mange rækker' }] },
    );
  }
  rows.forEach((r, i) => {
    const where = source === 'rows' ? `/rows/${i}` : `/${source}/line/${lines[i]}`;
    const invalid =
      !r.specific.trim() ||
      r.specific.length > 1000 ||
      (r.measurable ?? '').length > 1000 ||
      (r.relevance ?? '').length > 1000 ||
      (r.category && !categories.has(r.category)) ||
      (r.dueDate && !/^\d{4}-\d{2}-\d{2}$/.test(r.dueDate));
    if (invalid) {
      throw new AppError(
        'validation',
        {
          da: `Række ${source === 'rows' ? i + 1 : `på linje ${lines[i]}`} er ugyldig.`,
          en: 'Invalid row.',
        },
        { errors: [{ in: 'body', pointer: where, message: 'Ugyldig række' }] },
      );
    }
    guardRequirement(
      { requirement: r.requirement, category: r.category, texts: [r.specific, r.measurable] },
      `${where}/requirement`,
    );
  });
  return withPlan(ctx, citizenId, 'plan.import', async (tx, plan, grant) => {
    for (const r of rows) {
      await repo.insertGoal(tx, ctx.actor.municipalityCode, plan.id, {
        parentGoalId: null,
        specific: r.specific,
        measurable: r.measurable ?? '',
        agreedWithCitizen: r.agreedWithCitizen ?? false,
        relevance: r.relevance ?? '',
        dueDate: r.dueDate ?? null,
        category: r.category ?? 'participation',
        requirement: r.requirement ?? false,
        status: 'open',
      });
    }
    return afterWrite(tx, ctx, plan, grant, 'import', 'plan', plan.id, 'plan.import');
  });
}

/** For the portal: the citizen (or a proxy) accepts the current version. */
export async function acceptCurrentVersion(
  tx: Tx,
  citizenId: string,
  version: number,
  userId: string,
  byProxy: boolean,
) {
  const plan = await repo.findPlan(tx, citizenId);
  if (!plan || plan.current_version === 0) {
    throw notFound({ da: 'Du har endnu ingen plan.', en: 'No plan yet.' });
  }
  if (Number(plan.current_version) !== version) {
    throw new AppError('conflict', {
      da: 'Planen er ændret siden du åbnede den. Se den nye udgave, før du accepterer.',
      en: 'The plan changed since you opened it. Review the new version before accepting.',
    });
  }
  await repo.acceptVersion(tx, plan.id, version, userId, byProxy);
  return plan.id;
}

export async function markPlanSeen(tx: Tx, citizenId: string) {
  const plan = await repo.findPlan(tx, citizenId);
  if (plan && plan.current_version > 0)
    await repo.markSeen(tx, plan.id, Number(plan.current_version));
}
