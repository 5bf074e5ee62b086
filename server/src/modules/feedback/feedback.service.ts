/**
 * Citizen feedback after every course (Skive adapts its offers on each citizen's feedback;
 * Vordingborg and København use satisfaction surveys). The citizen answers three short questions
 * and may write a comment in the portal, once per course. The provider and the managers see the
 * answers per course only as counts, with the evaluation module's disclosure control: counts of
 * 1–4 are hidden, and so is what would let them be worked out from the total; the average and the
 * comments appear only from five answers.
 */
import { audit, auditMany } from '../../platform/audit.js';
import { type AuthedContext, hasRole, orgIds, tenantTx } from '../../platform/context.js';
import { danishToday } from '../../platform/dates.js';
import { AppError, notFound } from '../../platform/errors.js';
import { allowedActions, authorize } from '../../platform/policy.js';
import {
  isSmall,
  published,
  type Shown,
  suppress,
  suppressCount,
} from '../evaluation/stats/suppression.js';
import * as repo from './feedback.repo.js';

export const madeDifferenceAnswers = ['yes', 'partly', 'no'] as const;

/** Fewer answers than this and no average or comment is shown: one answer could be recognised. */
const MIN_RESPONDENTS = 5;

export interface FeedbackInput {
  satisfaction: number;
  madeDifference: (typeof madeDifferenceAnswers)[number];
  wouldContinue: boolean;
  comment?: string;
}

function selfScope(ctx: AuthedContext) {
  return { municipalityCode: ctx.actor.municipalityCode, citizenId: ctx.actor.citizenId };
}

export async function mine(ctx: AuthedContext) {
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const grant = authorize(ctx.actor, 'feedback.mine', selfScope(ctx));
    const rows = await repo.feedbackDue(tx, ctx.actor.citizenId!, danishToday());
    await audit(tx, ctx, {
      action: 'read',
      policyAction: 'feedback.mine',
      resourceType: 'course_feedback',
      citizenId: ctx.actor.citizenId,
      grant,
    });
    return rows.map((r) => ({
      enrolmentId: r.enrolment_id,
      courseId: r.course_id,
      courseTitle: r.course_title,
      offerTitle: r.offer_title,
      providerName: r.provider_name,
      endDate: r.end_date,
      answered: r.submitted_at !== null,
    }));
  });
}

export async function give(ctx: AuthedContext, enrolmentId: string, input: FeedbackInput) {
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const e = await repo.enrolment(tx, enrolmentId);
    if (!e) throw notFound({ da: 'Forløbet findes ikke.', en: 'Course not found.' });
    const grant = authorize(ctx.actor, 'feedback.give', {
      municipalityCode: e.municipality_code,
      citizenId: e.citizen_id,
    });
    if (!e.over) {
      throw new AppError('conflict', {
        da: 'Du kan give feedback, når forløbet er slut.',
        en: 'You can give feedback when the course has ended.',
      });
    }
    const id = await repo.insertFeedback(tx, {
      municipalityCode: e.municipality_code,
      courseId: e.course_id,
      enrolmentId,
      citizenId: e.citizen_id,
      satisfaction: input.satisfaction,
      madeDifference: input.madeDifference,
      wouldContinue: input.wouldContinue,
      comment: input.comment?.trim() || null,
    });
    if (!id) {
      throw new AppError('conflict', {
        da: 'Du har allerede givet feedback på dette forløb.',
        en: 'You have already given feedback on this course.',
      });
    }
    await audit(tx, ctx, {
      action: 'create',
      policyAction: 'feedback.give',
      resourceType: 'course_feedback',
      resourceId: id,
      citizenId: e.citizen_id,
      grant,
    });
    return { enrolmentId, answered: true };
  });
}

function courseScope(row: repo.CourseRow) {
  return {
    municipalityCode: row.municipality_code,
    organisationIds: [row.provider_organisation_id],
  };
}

function summary(row: repo.CourseRow) {
  return {
    courseId: row.id,
    title: row.title,
    offerTitle: row.offer_title,
    providerName: row.provider_name,
    startDate: row.start_date,
    participants: suppressCount(Number(row.participants)),
    respondents: suppressCount(Number(row.respondents)),
  };
}

/** One question's answers as a one-line table with its total, small counts suppressed. */
export function distribution(columns: string[], values: string[]) {
  const cells = [columns.map((c) => values.filter((v) => v === c).length)];
  const table = published(
    suppress({ rows: ['all'], columns, cells, rowTotals: true, columnTotals: false }),
  );
  const line = table.grid[0]!;
  return { columns, counts: line.slice(0, columns.length), total: line[columns.length] as Shown };
}

export async function listCourses(ctx: AuthedContext) {
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const grant = authorize(ctx.actor, 'feedback.list');
    const providers = hasRole(ctx.actor, 'manager')
      ? null
      : [...orgIds(ctx.actor, 'provider_staff'), ...orgIds(ctx.actor, 'health_professional')];
    const rows = await repo.coursesWithFeedback(tx, providers);
    await audit(tx, ctx, {
      action: 'read',
      policyAction: 'feedback.list',
      resourceType: 'course_feedback',
      grant,
      details: { courses: rows.length },
    });
    return rows.map((r) => ({
      ...summary(r),
      allowedActions: allowedActions(ctx.actor, ['feedback.course'], courseScope(r)),
    }));
  });
}

export async function courseFeedback(ctx: AuthedContext, courseId: string) {
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const row = await repo.findCourse(tx, courseId);
    if (!row) throw notFound({ da: 'Holdet findes ikke.', en: 'Course not found.' });
    const grant = authorize(ctx.actor, 'feedback.course', courseScope(row));
    const answers = await repo.answers(tx, courseId);
    const n = answers.length;
    const enough = n >= MIN_RESPONDENTS;
    // Aggregated figures only: no citizen is read, so the row names the course, not a citizen.
    await auditMany(tx, ctx, [
      {
        action: 'read',
        policyAction: 'feedback.course',
        resourceType: 'course_feedback',
        resourceId: courseId,
        grant,
      },
    ]);
    const mean = n ? answers.reduce((a, r) => a + Number(r.satisfaction), 0) / n : null;
    return {
      ...summary(row),
      satisfaction: distribution(
        ['1', '2', '3', '4', '5'],
        answers.map((a) => String(a.satisfaction)),
      ),
      madeDifference: distribution(
        [...madeDifferenceAnswers],
        answers.map((a) => a.made_difference),
      ),
      wouldContinue: distribution(
        ['yes', 'no'],
        answers.map((a) => (a.would_continue ? 'yes' : 'no')),
      ),
      averageSatisfaction: enough && mean !== null ? Math.round(mean * 10) / 10 : null,
      // Comments in alphabetical order (never in the order given) and only from five answers.
      comments: enough
        ? answers
            .map((a) => a.comment)
            .filter((c): c is string => !!c)
            .sort((a, b) => a.localeCompare(b, 'da'))
        : [],
      commentsHidden: !enough && answers.some((a) => !!a.comment),
      suppressed: isSmall(n),
    };
  });
}
