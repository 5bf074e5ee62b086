/**
 * Courses (hold): an offer runs as course instances with a weekly pattern over a number of weeks.
 * Sessions are generated from the pattern, skipping Danish public holidays. A full course puts
 * people on a waiting list; a freed place goes to the first in line at once. The provider
 * registers attendance for the whole group per session, and after each course the outcome
 * (Rebild: declared fit, or the next step; the follow-on course is stage 2).
 */
import { audit, auditMany } from '../../platform/audit.js';
import {
  type AuthedContext,
  type Grant,
  hasRole,
  orgIds,
  type Tx,
  tenantTx,
} from '../../platform/context.js';
import { danishPublicHoliday, danishToday } from '../../platform/dates.js';
import { AppError, notFound } from '../../platform/errors.js';
import { allowedActions, authorize, type RowScope } from '../../platform/policy.js';
import * as repo from './courses.repo.js';
import type { CourseInput, OutcomeInput } from './courses.schema.js';
import { participantWeeks, type RuleSession, ruleWeeks } from './weekly-rule.js';

const iso = (d: Date | string) => new Date(d).toISOString();

/** The Danish public holiday on a date (YYYY-MM-DD), or null. */
export const publicHoliday = danishPublicHoliday;

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** ISO weekday, Monday = 1. */
function weekday(date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

export interface PatternEntry {
  weekday: number;
  start: string;
  end: string;
}

/** Session dates from the start date over the weeks, and the public holidays skipped. */
export function plannedSessions(startDate: string, weeks: number, pattern: PatternEntry[]) {
  const sessions: { date: string; start: string; end: string }[] = [];
  const skipped: { date: string; name: string }[] = [];
  for (let d = 0; d < weeks * 7; d++) {
    const date = addDays(startDate, d);
    for (const p of pattern.filter((x) => x.weekday === weekday(date))) {
      const holiday = publicHoliday(date);
      if (holiday) {
        if (!skipped.some((s) => s.date === date)) skipped.push({ date, name: holiday });
      } else sessions.push({ date, start: p.start, end: p.end });
    }
  }
  return { sessions, skipped };
}

export function courseScope(row: { municipality_code: string; provider_organisation_id: string }) {
  return {
    municipalityCode: row.municipality_code,
    organisationIds: [row.provider_organisation_id],
  } satisfies RowScope;
}

async function loadCourse(tx: Tx, ctx: AuthedContext, id: string, action: string, lock = false) {
  const row = await repo.findCourse(tx, id, lock);
  if (!row) throw notFound({ da: 'Holdet findes ikke.', en: 'Course not found.' });
  const grant = authorize(ctx.actor, action, courseScope(row));
  return { row, grant };
}

function summary(row: repo.CourseRow) {
  return {
    id: row.id,
    offerId: row.offer_id,
    offerTitle: row.offer_title,
    offerReferralType: row.offer_referral_type,
    providerOrganisationId: row.provider_organisation_id,
    providerName: row.provider_name,
    title: row.title,
    startDate: row.start_date,
    weeks: Number(row.weeks),
    weeklyPattern: row.weekly_pattern,
    place: row.place,
    capacity: Number(row.capacity),
    status: row.status,
    enrolled: Number(row.enrolled),
    waitlisted: Number(row.waitlisted),
    followOnCourseId: row.follow_on_course_id,
    introRequired: row.intro_required,
  };
}

function presentSession(s: repo.SessionRow) {
  return {
    id: s.id,
    startsAt: iso(s.starts_at),
    endsAt: iso(s.ends_at),
    status: s.status,
    note: s.note,
    registered: Number(s.registered),
  };
}

async function detail(tx: Tx, ctx: AuthedContext, row: repo.CourseRow) {
  const sessions = await repo.listSessions(tx, row.id);
  const enrolments = await repo.listEnrolments(tx, row.id);
  const instructors = await repo.userNames(tx, row.instructor_user_ids ?? []);
  return {
    ...summary(row),
    instructors,
    sessions: sessions.map(presentSession),
    skippedHolidays: plannedSessions(row.start_date, Number(row.weeks), row.weekly_pattern).skipped,
    enrolments: enrolments.map((e) => ({
      id: e.id,
      citizenId: e.citizen_id,
      citizenName: e.citizen_name,
      language: e.citizen_language,
      needsInterpreter: e.needs_interpreter,
      status: e.status,
      waitlistPosition: e.waitlist_position === null ? null : Number(e.waitlist_position),
      referralId: e.referral_id,
      dropOutReasonCode: e.drop_out_reason_code,
      outcome: e.has_outcome
        ? {
            declaredFit: !!e.outcome_declared_fit,
            nextStep: e.outcome_next_step,
            satisfaction: e.outcome_satisfaction === null ? null : Number(e.outcome_satisfaction),
            followOnReferralId: e.outcome_follow_on_referral_id,
          }
        : null,
    })),
    allowedActions: allowedActions(
      ctx.actor,
      [
        'course.session_update',
        'course.attendance',
        'course.drop_out',
        'course.outcome',
        'course.overview',
        'course.signup',
        // The provider's side of the bridge to a club and the citizens' feedback (issue 18).
        'continuation.course_bridge',
        'feedback.course',
      ],
      courseScope(row),
    ),
  };
}

export async function createCourse(ctx: AuthedContext, input: CourseInput) {
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const offer = await repo.findOffer(tx, input.offerId);
    if (!offer) throw notFound({ da: 'Tilbuddet findes ikke.', en: 'Offer not found.' });
    const grant = authorize(ctx.actor, 'course.create', {
      municipalityCode: ctx.actor.municipalityCode,
      organisationIds: [offer.provider_organisation_id],
    });
    for (const [i, p] of input.weeklyPattern.entries()) {
      if (p.end <= p.start) {
        throw new AppError(
          'validation',
          {
            da: 'En gang skal slutte efter den starter.',
            en: 'A session must end after it starts.',
          },
          { errors: [{ in: 'body', pointer: `/weeklyPattern/${i}/end`, message: 'Før start' }] },
        );
      }
    }
    if (input.followOnCourseId && !(await repo.findCourse(tx, input.followOnCourseId))) {
      throw new AppError(
        'validation',
        { da: 'Opfølgningsholdet findes ikke.', en: 'The follow-on course does not exist.' },
        { errors: [{ in: 'body', pointer: '/followOnCourseId', message: 'Findes ikke' }] },
      );
    }
    const id = await repo.insertCourse(tx, {
      municipalityCode: ctx.actor.municipalityCode,
      offerId: offer.id,
      title: input.title ?? offer.title,
      startDate: input.startDate,
      weeks: input.weeks,
      weeklyPattern: input.weeklyPattern,
      place: input.place ?? null,
      instructorUserIds: input.instructorUserIds ?? [ctx.actor.userId],
      capacity: input.capacity,
      followOnCourseId: input.followOnCourseId ?? null,
    });
    const { sessions } = plannedSessions(input.startDate, input.weeks, input.weeklyPattern);
    for (const s of sessions) {
      await repo.insertSession(tx, {
        municipalityCode: ctx.actor.municipalityCode,
        courseId: id,
        ...s,
      });
    }
    await audit(tx, ctx, {
      action: 'create',
      policyAction: 'course.create',
      resourceType: 'course',
      resourceId: id,
      grant,
    });
    return detail(tx, ctx, (await repo.findCourse(tx, id))!);
  });
}

export async function listCourses(ctx: AuthedContext, q: { offerId?: string }) {
  authorize(ctx.actor, 'course.list');
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    let filter: Parameters<typeof repo.listCourses>[1] = { offerId: q.offerId };
    if (hasRole(ctx.actor, 'caseworker', 'coordinating_caseworker')) {
      // The job center sees every course in the municipality (no participants in the list).
    } else if (hasRole(ctx.actor, 'health_professional', 'provider_staff')) {
      filter = {
        ...filter,
        providerOrganisationIds: [
          ...orgIds(ctx.actor, 'health_professional'),
          ...orgIds(ctx.actor, 'provider_staff'),
        ],
      };
    } else {
      filter = { ...filter, openOnly: true };
      // The citizen sees their own place on each open course (not logged: their own data).
      if (ctx.actor.citizenId) {
        const mine = await repo.enrolmentStatusesOf(tx, ctx.actor.citizenId);
        const intro = await repo.introStatusesOf(tx, ctx.actor.citizenId);
        return (await repo.listCourses(tx, filter)).map((row) => {
          const i = intro.get(row.offer_id);
          return {
            ...summary(row),
            myStatus: mine.get(row.id) ?? null,
            myIntro: !i
              ? null
              : i.attended_on
                ? ('attended' as const)
                : i.requested
                  ? ('requested' as const)
                  : ('needed' as const),
          };
        });
      }
    }
    return (await repo.listCourses(tx, filter)).map(summary);
  });
}

export async function getCourse(ctx: AuthedContext, id: string) {
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const { row, grant } = await loadCourse(tx, ctx, id, 'course.read');
    const result = await detail(tx, ctx, row);
    await auditMany(
      tx,
      ctx,
      result.enrolments.map((e) => ({
        action: 'read' as const,
        policyAction: 'course.read',
        resourceType: 'enrolment',
        resourceId: e.id,
        citizenId: e.citizenId,
        grant,
      })),
    );
    return result;
  });
}

export async function updateSession(
  ctx: AuthedContext,
  courseId: string,
  sessionId: string,
  patch: { startsAt?: string; endsAt?: string; status?: string; note?: string | null },
) {
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const { row, grant } = await loadCourse(tx, ctx, courseId, 'course.session_update');
    const session = await repo.findSession(tx, sessionId);
    if (!session || session.course_id !== row.id) throw notFound();
    const starts = patch.startsAt ?? iso(session.starts_at);
    const ends = patch.endsAt ?? iso(session.ends_at);
    if (new Date(ends) <= new Date(starts)) {
      throw new AppError(
        'validation',
        {
          da: 'Gangen skal slutte efter den starter.',
          en: 'The session must end after it starts.',
        },
        { errors: [{ in: 'body', pointer: '/endsAt', message: 'Før start' }] },
      );
    }
    await repo.updateSession(tx, sessionId, patch);
    await audit(tx, ctx, {
      action: 'update',
      policyAction: 'course.session_update',
      resourceType: 'course_session',
      resourceId: sessionId,
      grant,
      details: { fields: Object.keys(patch) },
    });
    return presentSession((await repo.findSession(tx, sessionId))!);
  });
}

/**
 * The places on a course. This module records who holds a place, who waits and in which order;
 * it does not know about referrals. Every change of the places goes through the enrolment
 * lifecycle (modules/enrolment), which asks the referral machine what the change means and
 * tells it who moved up (decision 0840). All of these run inside the caller's transaction with
 * the course row locked, so the waiting list is renumbered together with the change that moved it.
 */

/** An enrolment moved from the waiting list onto the course by a freed place. */
export interface Promoted {
  enrolmentId: string;
  citizenId: string;
  referralId: string | null;
}

export type Placement = 'enrolled' | 'waitlisted';

/** The course row, locked for the change of places, or 404. */
async function lockCourse(tx: Tx, courseId: string) {
  const course = await repo.findCourse(tx, courseId, true);
  if (!course) throw notFound({ da: 'Holdet findes ikke.', en: 'Course not found.' });
  return course;
}

/**
 * Free places go to the first in line, one at a time; then the line is numbered 1..n again.
 * Returns who moved up, in order.
 */
async function fillFreedPlaces(tx: Tx, course: repo.CourseRow): Promise<Promoted[]> {
  const promoted: Promoted[] = [];
  while ((await repo.countEnrolled(tx, course.id)) < Number(course.capacity)) {
    const next = await repo.firstInLine(tx, course.id);
    if (!next) break;
    await repo.promote(tx, next.id);
    promoted.push({
      enrolmentId: next.id,
      citizenId: next.citizen_id,
      referralId: next.referral_id,
    });
  }
  await repo.renumberWaitlist(tx, course.id);
  return promoted;
}

/**
 * Puts the citizen on the course, or at the back of its waiting list when it is full. Someone
 * already waiting keeps their place in line: they get a place only when they are first.
 */
export async function takePlace(
  tx: Tx,
  e: {
    courseId: string;
    offerId: string | null;
    citizenId: string;
    referralId: string | null;
    /** A bought place (decision 1100): the enrolment names the purchase. */
    placePurchaseId?: string | null;
  },
): Promise<{ placement: Placement; enrolmentId: string; promoted: Promoted[] }> {
  const course = await repo.findCourse(tx, e.courseId, true);
  if (!course || (e.offerId && course.offer_id !== e.offerId)) {
    throw new AppError(
      'validation',
      {
        da: 'Holdet findes ikke eller hører ikke til henvisningens tilbud.',
        en: 'The course does not exist or does not belong to the referral’s offer.',
      },
      { errors: [{ in: 'body', pointer: '/courseId', message: 'Ukendt hold' }] },
    );
  }
  if (course.status === 'cancelled' || course.status === 'completed') {
    throw new AppError('conflict', {
      da: 'Holdet er afsluttet eller aflyst.',
      en: 'The course has ended or been cancelled.',
    });
  }
  const existing = await repo.findEnrolmentOf(tx, course.id, e.citizenId);
  if (existing?.status === 'enrolled') {
    throw new AppError('conflict', {
      da: 'Borgeren er allerede tilmeldt holdet.',
      en: 'The citizen is already enrolled in the course.',
    });
  }
  // A place that is free while people wait belongs to those first in line, not to a newcomer.
  const promoted = await fillFreedPlaces(tx, course);
  if (existing?.status === 'waitlisted') {
    const movedUp = promoted.some((p) => p.enrolmentId === existing.id);
    return {
      placement: movedUp ? 'enrolled' : 'waitlisted',
      enrolmentId: existing.id,
      promoted: promoted.filter((p) => p.enrolmentId !== existing.id),
    };
  }
  const full = (await repo.countEnrolled(tx, course.id)) >= Number(course.capacity);
  const placement: Placement = full ? 'waitlisted' : 'enrolled';
  const position = full ? await repo.nextWaitlistPosition(tx, course.id) : null;
  let enrolmentId: string;
  if (existing) {
    enrolmentId = existing.id;
    await repo.reopenEnrolment(tx, existing.id, {
      referralId: e.referralId,
      status: placement,
      waitlistPosition: position,
      placePurchaseId: e.placePurchaseId ?? null,
    });
  } else {
    enrolmentId = await repo.insertEnrolment(tx, {
      municipalityCode: course.municipality_code,
      courseId: course.id,
      citizenId: e.citizenId,
      referralId: e.referralId,
      status: placement,
      waitlistPosition: position,
      placePurchaseId: e.placePurchaseId ?? null,
    });
  }
  return { placement, enrolmentId, promoted };
}

/**
 * Ends an enrolment. Leaving the waiting list is a cancellation, not a drop-out from the course.
 * A place freed by someone who left goes to the first in line; a completed course frees none.
 */
export async function leavePlace(
  tx: Tx,
  enrolmentId: string,
  status: 'dropped_out' | 'cancelled' | 'completed',
  reasonCode: string | null,
  reason: string | null = null,
): Promise<Promoted[]> {
  const found = await repo.findEnrolment(tx, enrolmentId);
  if (!found) return [];
  const course = await lockCourse(tx, found.course_id);
  // Read again under the course lock: another change of places may have just committed.
  const enrolment = (await repo.findEnrolment(tx, enrolmentId))!;
  if (enrolment.status !== 'enrolled' && enrolment.status !== 'waitlisted') return [];
  if (enrolment.status === 'waitlisted' && status === 'completed') return [];
  const final = enrolment.status === 'waitlisted' ? 'cancelled' : status;
  await repo.endEnrolment(tx, enrolment.id, final, reasonCode, reason);
  if (final === 'completed') return [];
  return fillFreedPlaces(tx, course);
}

/**
 * Locks course rows in id order. A change of places that also steps a referral takes the
 * courses' locks before the referral's, as the drop-out route does, so a drop-out and a
 * cancellation on the same course wait for each other instead of deadlocking.
 */
export async function lockCourses(tx: Tx, courseIds: (string | null | undefined)[]) {
  const ids = [...new Set(courseIds.filter((id): id is string => !!id))].sort();
  for (const id of ids) await repo.lockCourse(tx, id);
}

/** The enrolment a referral holds a place or waits with (at most one), or undefined. */
export async function liveEnrolmentOfReferral(tx: Tx, referralId: string) {
  const e = await repo.liveEnrolmentOfReferral(tx, referralId);
  return e && { id: e.id, courseId: e.course_id, status: e.status as Placement };
}

/**
 * Loads an enrolment on a course for a change by the course's staff: the course row is locked
 * and the actor authorised for the action on it (404 outside their scope).
 */
export async function enrolmentForChange(
  tx: Tx,
  ctx: AuthedContext,
  courseId: string,
  enrolmentId: string,
  action: 'course.drop_out' | 'course.outcome' | 'continuation.course_bridge',
) {
  const { row, grant } = await loadCourse(tx, ctx, courseId, action, true);
  const enrolment = await repo.findEnrolment(tx, enrolmentId);
  if (!enrolment || enrolment.course_id !== row.id) throw notFound();
  return { course: row, grant, enrolment };
}

/** An enrolment on a bought place, for its buyer: the course row is locked, not authorised. */
async function enrolmentForBuyer(tx: Tx, courseId: string, enrolmentId: string, grant: Grant) {
  const row = await repo.findCourse(tx, courseId, true);
  const enrolment = await repo.findEnrolment(tx, enrolmentId);
  if (!row || !enrolment || enrolment.course_id !== row.id || !enrolment.place_purchase_id) {
    throw notFound();
  }
  return { course: row, grant, enrolment };
}

/** The course as its page shows it, after a change made in the same transaction. */
export async function courseDetail(tx: Tx, ctx: AuthedContext, courseId: string) {
  return detail(tx, ctx, (await repo.findCourse(tx, courseId))!);
}

/** An open offer's course the citizen may sign up for, with the grant; 404 or 403 otherwise. */
export async function courseForSignUp(tx: Tx, ctx: AuthedContext, courseId: string) {
  const course = await repo.findCourse(tx, courseId);
  if (!course) throw notFound({ da: 'Holdet findes ikke.', en: 'Course not found.' });
  const grant = authorize(ctx.actor, 'course.signup', {
    municipalityCode: course.municipality_code,
    citizenId: ctx.actor.citizenId,
  });
  if (course.offer_referral_type !== 'open' || course.offer_status !== 'published') {
    throw new AppError('forbidden', {
      da: 'Dette tilbud kræver en henvisning fra jobcentret.',
      en: 'This offer needs a referral from the job center.',
    });
  }
  return { course, grant };
}

/** The status of the citizen's enrolment on the course (enrolled, waitlisted, …), or null. */
export async function enrolmentStatusOf(tx: Tx, courseId: string, citizenId: string) {
  return (await repo.findEnrolmentOf(tx, courseId, citizenId))?.status ?? null;
}

/** The citizen's place in line on the course, or null when not waiting. */
export async function waitlistPosition(tx: Tx, enrolmentId: string): Promise<number | null> {
  const e = await repo.findEnrolment(tx, enrolmentId);
  return e?.waitlist_position == null ? null : Number(e.waitlist_position);
}

async function loadSession(tx: Tx, courseId: string, sessionId: string) {
  const session = await repo.findSession(tx, sessionId);
  if (!session || session.course_id !== courseId) {
    throw notFound({ da: 'Gangen findes ikke.', en: 'Session not found.' });
  }
  return session;
}

export async function getAttendance(ctx: AuthedContext, courseId: string, sessionId: string) {
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const { row, grant } = await loadCourse(tx, ctx, courseId, 'course.attendance');
    const session = await loadSession(tx, row.id, sessionId);
    const participants = await repo.attendanceSheet(tx, row.id, sessionId);
    await auditMany(
      tx,
      ctx,
      participants.map((p) => ({
        action: 'read' as const,
        policyAction: 'course.attendance',
        resourceType: 'attendance',
        resourceId: sessionId,
        citizenId: p.citizen_id,
        grant,
      })),
    );
    return {
      session: presentSession(session),
      courseTitle: row.title,
      participants: participants.map((p) => ({
        enrolmentId: p.enrolment_id,
        citizenId: p.citizen_id,
        citizenName: p.citizen_name,
        status: p.status,
      })),
    };
  });
}

/** Two planned sessions in a row absent without notice raise one flag to the caseworker. */
async function checkAbsences(tx: Tx, enrolment: repo.EnrolmentRow) {
  const seq = await repo.attendanceSequence(tx, enrolment.course_id, enrolment.id);
  for (let i = 1; i < seq.length; i++) {
    if (seq[i - 1]!.status === 'absent_no_notice' && seq[i]!.status === 'absent_no_notice') {
      await repo.raiseFlag(tx, {
        municipalityCode: enrolment.municipality_code,
        enrolmentId: enrolment.id,
        citizenId: enrolment.citizen_id,
        courseId: enrolment.course_id,
        referralId: enrolment.referral_id,
        sessionId: seq[i]!.session_id,
      });
    }
  }
}

export async function recordAttendance(
  ctx: AuthedContext,
  courseId: string,
  sessionId: string,
  records: { enrolmentId: string; status: string }[],
) {
  await tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const { row, grant } = await loadCourse(tx, ctx, courseId, 'course.attendance');
    const session = await loadSession(tx, row.id, sessionId);
    if (session.status === 'cancelled') {
      throw new AppError('conflict', {
        da: 'Gangen er aflyst; der kan ikke registreres fremmøde.',
        en: 'The session is cancelled; attendance cannot be registered.',
      });
    }
    const enrolments = new Map((await repo.listEnrolments(tx, row.id)).map((e) => [e.id, e]));
    for (const [i, r] of records.entries()) {
      const e = enrolments.get(r.enrolmentId);
      if (!e || e.status === 'waitlisted' || e.status === 'cancelled') {
        throw new AppError(
          'validation',
          { da: 'Borgeren er ikke tilmeldt holdet.', en: 'The citizen is not enrolled.' },
          {
            errors: [
              { in: 'body', pointer: `/records/${i}/enrolmentId`, message: 'Ikke tilmeldt' },
            ],
          },
        );
      }
    }
    for (const r of records) {
      await repo.upsertAttendance(tx, {
        municipalityCode: row.municipality_code,
        sessionId,
        enrolmentId: r.enrolmentId,
        status: r.status,
        userId: ctx.actor.userId,
      });
      await checkAbsences(tx, enrolments.get(r.enrolmentId)!);
    }
    await auditMany(
      tx,
      ctx,
      records.map((r) => ({
        action: 'update' as const,
        policyAction: 'course.attendance',
        resourceType: 'attendance',
        resourceId: sessionId,
        citizenId: enrolments.get(r.enrolmentId)!.citizen_id,
        grant,
        details: { status: r.status },
      })),
    );
  });
  return getAttendance(ctx, courseId, sessionId);
}

export interface PreparedOutcome {
  course: repo.CourseRow;
  grant: Grant;
  enrolment: repo.EnrolmentRow;
  followOnOfferId: string | null;
  /** The action the outcome is recorded under: the course's staff's, or the buyer's. */
  policyAction: 'course.outcome' | 'purchase.outcome';
}

/**
 * Checks an outcome before anything is written: the enrolment is on the actor's course, has no
 * outcome yet, was enrolled or completed, and the next step is complete (the follow-on offer
 * defaults to the follow-on course's).
 */
export async function prepareOutcome(
  tx: Tx,
  ctx: AuthedContext,
  courseId: string,
  enrolmentId: string,
  input: OutcomeInput,
  /**
   * The buyer of the enrolment's bought place records the outcome under its own grant (decision
   * 1100): the caller has checked the purchase and the referral; the course is only loaded.
   */
  buyer?: Grant,
): Promise<PreparedOutcome> {
  const {
    course: row,
    grant,
    enrolment,
  } = buyer
    ? await enrolmentForBuyer(tx, courseId, enrolmentId, buyer)
    : await enrolmentForChange(tx, ctx, courseId, enrolmentId, 'course.outcome');
  if (enrolment.has_outcome) {
    throw new AppError('conflict', {
      da: 'Resultatet er allerede registreret.',
      en: 'The outcome has already been recorded.',
    });
  }
  if (enrolment.status !== 'enrolled' && enrolment.status !== 'completed') {
    throw new AppError(
      'conflict',
      {
        da: `Tilmeldingen er ${enrolment.status}; resultat registreres kun for gennemførte forløb.`,
        en: `The enrolment is ${enrolment.status}; outcomes are recorded for finished courses only.`,
      },
      { currentStatus: enrolment.status },
    );
  }
  const invalid = (pointer: string, da: string, en: string) =>
    new AppError('validation', { da, en }, { errors: [{ in: 'body', pointer, message: da }] });
  if (input.declaredFit && input.nextStep) {
    throw invalid(
      '/nextStep',
      'Ingen næste skridt når borgeren er raskmeldt.',
      'No next step when declared fit.',
    );
  }
  if (!input.declaredFit && !input.nextStep) {
    throw invalid('/nextStep', 'Vælg næste skridt.', 'Choose the next step.');
  }
  let followOnOfferId: string | null = null;
  if (input.nextStep === 'follow_on_course') {
    followOnOfferId =
      input.followOnOfferId ??
      (row.follow_on_course_id
        ? ((await repo.findCourse(tx, row.follow_on_course_id))?.offer_id ?? null)
        : null);
    if (!followOnOfferId) {
      throw invalid(
        '/followOnOfferId',
        'Vælg opfølgningstilbuddet.',
        'Choose the follow-on offer.',
      );
    }
  }
  return {
    course: row,
    grant,
    enrolment,
    followOnOfferId,
    policyAction: buyer ? 'purchase.outcome' : 'course.outcome',
  };
}

/** Records the outcome (the enrolment is completed if it was not yet) and its audit row. */
export async function saveOutcome(
  tx: Tx,
  ctx: AuthedContext,
  p: PreparedOutcome,
  input: OutcomeInput,
): Promise<string> {
  await leavePlace(tx, p.enrolment.id, 'completed', null);
  const id = await repo.insertOutcome(tx, {
    municipalityCode: p.course.municipality_code,
    enrolmentId: p.enrolment.id,
    citizenId: p.enrolment.citizen_id,
    courseId: p.course.id,
    declaredFit: input.declaredFit,
    nextStep: input.nextStep ?? null,
    satisfaction: input.satisfaction ?? null,
    comment: input.comment?.trim() || null,
    userId: ctx.actor.userId,
    organisationId: p.grant.organisationId,
  });
  await audit(tx, ctx, {
    action: 'create',
    policyAction: p.policyAction,
    resourceType: 'course_outcome',
    resourceId: id,
    citizenId: p.enrolment.citizen_id,
    grant: p.grant,
    details: { declaredFit: input.declaredFit, nextStep: input.nextStep ?? null },
  });
  return id;
}

/** Links the outcome to the follow-on referral it led to. */
export async function linkOutcomeFollowOn(tx: Tx, outcomeId: string, referralId: string) {
  await repo.setOutcomeFollowOn(tx, outcomeId, referralId);
}

const rate = (present: number, registered: number) =>
  registered > 0 ? Math.round((present / registered) * 1000) / 1000 : null;

export async function overview(ctx: AuthedContext, courseId: string) {
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const { row, grant } = await loadCourse(tx, ctx, courseId, 'course.overview');
    const perCitizen = await repo.overviewPerCitizen(tx, row.id);
    const perSession = await repo.overviewPerSession(tx, row.id);
    const outcomes = await repo.outcomeDistribution(tx, row.id);
    const count = (key: string) => Number(outcomes.rows.find((r) => r.key === key)?.n ?? 0);
    await auditMany(
      tx,
      ctx,
      perCitizen.map((p) => ({
        action: 'read' as const,
        policyAction: 'course.overview',
        resourceType: 'enrolment',
        resourceId: p.enrolment_id,
        citizenId: p.citizen_id,
        grant,
      })),
    );
    return {
      courseId: row.id,
      title: row.title,
      capacity: Number(row.capacity),
      enrolled: perCitizen.filter((p) => p.status === 'enrolled').length,
      waitlisted: Number(row.waitlisted),
      completed: perCitizen.filter((p) => p.status === 'completed').length,
      droppedOut: perCitizen.filter((p) => p.status === 'dropped_out').length,
      perCitizen: perCitizen.map((p) => ({
        enrolmentId: p.enrolment_id,
        citizenName: p.citizen_name,
        status: p.status,
        registered: Number(p.registered),
        present: Number(p.present),
        rate: rate(Number(p.present), Number(p.registered)),
      })),
      perSession: perSession.map((s) => ({
        sessionId: s.session_id,
        startsAt: iso(s.starts_at),
        status: s.status,
        registered: Number(s.registered),
        present: Number(s.present),
        rate: rate(Number(s.present), Number(s.registered)),
      })),
      outcomes: {
        declaredFit: count('declared_fit'),
        resourceClarification: count('resource_clarification'),
        jobReady: count('job_ready'),
        treatment: count('treatment'),
        followOnCourse: count('follow_on_course'),
        averageSatisfaction:
          outcomes.average === null ? null : Math.round(Number(outcomes.average) * 10) / 10,
      },
    };
  });
}

/**
 * Middelfart's weekly rule on a mandatory activation offer: per Monday week, what was on offer
 * (holidays and cancelled sessions lower it), what is required, and per participant whether the
 * week's minimum was met. An offer without a rule answers with rule null and no weeks.
 */
export async function weeklyRule(ctx: AuthedContext, courseId: string) {
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const { row, grant } = await loadCourse(tx, ctx, courseId, 'course.attendance');
    const base = {
      courseId: row.id,
      title: row.title,
      offerTitle: row.offer_title,
      mandatoryActivation: row.mandatory_activation,
    };
    if (row.min_hours_per_week === null && row.min_days_per_week === null) {
      return { ...base, rule: null, weeks: [], participants: [] };
    }
    const rule = {
      minHours: row.min_hours_per_week === null ? 0 : Number(row.min_hours_per_week),
      minDays: row.min_days_per_week ?? 0,
    };
    const sessions: RuleSession[] = (await repo.listSessions(tx, row.id)).map((s) => ({
      id: s.id,
      date: danishToday(new Date(s.starts_at)),
      hours: (new Date(s.ends_at).getTime() - new Date(s.starts_at).getTime()) / 3_600_000,
      cancelled: s.status === 'cancelled',
    }));
    const weeks = ruleWeeks(rule, row.start_date, Number(row.weeks), sessions);
    const present = new Map<string, Set<string>>();
    for (const a of await repo.presentAttendance(tx, row.id)) {
      if (!present.has(a.enrolment_id)) present.set(a.enrolment_id, new Set());
      present.get(a.enrolment_id)!.add(a.session_id);
    }
    const today = danishToday();
    const enrolments = (await repo.listEnrolments(tx, row.id)).filter(
      (e) => e.status !== 'waitlisted' && e.status !== 'cancelled',
    );
    await auditMany(
      tx,
      ctx,
      enrolments.map((e) => ({
        action: 'read' as const,
        policyAction: 'course.attendance',
        resourceType: 'attendance',
        resourceId: e.id,
        citizenId: e.citizen_id,
        grant,
      })),
    );
    return {
      ...base,
      rule: { minHoursPerWeek: rule.minHours, minDaysPerWeek: rule.minDays },
      weeks,
      participants: enrolments.map((e) => {
        const ws = participantWeeks(weeks, sessions, present.get(e.id) ?? new Set(), today);
        return {
          enrolmentId: e.id,
          citizenName: e.citizen_name,
          status: e.status,
          weeks: ws,
          weeksMet: ws.filter((w) => w.result === 'met').length,
          weeksNotMet: ws.filter((w) => w.result === 'not_met').length,
        };
      }),
    };
  });
}

/**
 * Randers' intro meeting before sign-up: refuses (409) a place on a course whose offer requires
 * an intro meeting the citizen has not attended. Called by the enrolment service, the one owner
 * of the lifecycle, before any place changes.
 */
export async function requireIntroMeeting(tx: Tx, offerId: string, citizenId: string) {
  if (await repo.introPending(tx, offerId, citizenId)) {
    throw new AppError(
      'conflict',
      {
        da: 'Tilbuddet begynder med et intromøde. Borgeren kan først tilmeldes, når borgeren har deltaget i det.',
        en: 'The offer starts with an intro meeting. The citizen can be enrolled once they have attended it.',
      },
      { reason: 'intro_meeting_pending' },
    );
  }
}

export async function recordIntroAttendance(
  tx: Tx,
  ctx: AuthedContext,
  v: { offerId: string; citizenId: string; attendedOn: string },
) {
  return repo.recordIntroAttendance(tx, {
    municipalityCode: ctx.actor.municipalityCode,
    userId: ctx.actor.userId,
    ...v,
  });
}

/** The course for a read by its staff under another module's action (404 outside their scope). */
export async function courseFor(tx: Tx, ctx: AuthedContext, courseId: string, action: string) {
  const { row, grant } = await loadCourse(tx, ctx, courseId, action);
  return { id: row.id, title: row.title, grant };
}

/**
 * POST /api/courses/:id/intro-meeting/request: a citizen who found an open offer that begins
 * with an intro meeting asks to come to it (Randers, decision 1110). The provider sees the
 * request on the course page and records the attendance, which opens the sign-up.
 */
export async function requestIntroMeeting(ctx: AuthedContext, courseId: string) {
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const { course, grant } = await courseForSignUp(tx, ctx, courseId);
    const citizenId = ctx.actor.citizenId!;
    const status = (await repo.introStatusesOf(tx, citizenId)).get(course.offer_id);
    if (!status) {
      throw new AppError('conflict', {
        da: 'Tilbuddet har intet intromøde. Du kan tilmelde dig holdet direkte.',
        en: 'The offer has no intro meeting. You can sign up for the course directly.',
      });
    }
    if (status.attended_on) {
      throw new AppError('conflict', {
        da: 'Du har allerede deltaget i intromødet. Du kan tilmelde dig holdet.',
        en: 'You have already attended the intro meeting. You can sign up for the course.',
      });
    }
    await repo.requestIntroMeeting(tx, {
      municipalityCode: course.municipality_code,
      offerId: course.offer_id,
      citizenId,
      courseId,
    });
    await audit(tx, ctx, {
      action: 'create',
      policyAction: 'course.signup',
      resourceType: 'intro_meeting_request',
      resourceId: courseId,
      citizenId,
      grant,
      details: { offerId: course.offer_id },
    });
    return { myIntro: 'requested' as const };
  });
}

async function introList(tx: Tx, ctx: AuthedContext, row: repo.CourseRow, grant: Grant) {
  const rows = row.intro_required ? await repo.introRequests(tx, row.offer_id) : [];
  await auditMany(
    tx,
    ctx,
    rows.map((r) => ({
      action: 'read' as const,
      policyAction: 'course.attendance',
      resourceType: 'intro_meeting_request',
      resourceId: row.id,
      citizenId: r.citizen_id,
      grant,
    })),
  );
  return {
    introRequired: row.intro_required,
    items: rows.map((r) => ({
      citizenId: r.citizen_id,
      citizenName: r.citizen_name,
      requestedAt: r.requested_at.toISOString(),
      attendedOn: r.attended_on,
    })),
  };
}

/** GET /api/courses/:id/intro-meeting: who asked for the offer's intro meeting, who attended. */
export async function introMeeting(ctx: AuthedContext, courseId: string) {
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const { row, grant } = await loadCourse(tx, ctx, courseId, 'course.attendance');
    return introList(tx, ctx, row, grant);
  });
}

/**
 * POST /api/courses/:id/intro-meeting: the provider records that a citizen who asked attended
 * the intro meeting. Only for a citizen who asked: the request is the provider's relation to a
 * citizen who came by themself (a referred citizen's is recorded on the referral).
 */
export async function recordIntroMeetingOnCourse(
  ctx: AuthedContext,
  courseId: string,
  input: { citizenId: string; attendedOn: string },
) {
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const { row, grant } = await loadCourse(tx, ctx, courseId, 'course.attendance');
    const asked = row.intro_required
      ? (await repo.introRequests(tx, row.offer_id)).some((r) => r.citizen_id === input.citizenId)
      : false;
    if (!asked) {
      throw notFound({
        da: 'Borgeren har ikke bedt om at komme til intromødet.',
        en: 'The citizen has not asked to come to the intro meeting.',
      });
    }
    const id = await recordIntroAttendance(tx, ctx, {
      offerId: row.offer_id,
      citizenId: input.citizenId,
      attendedOn: input.attendedOn,
    });
    await audit(tx, ctx, {
      action: 'create',
      policyAction: 'course.attendance',
      resourceType: 'intro_meeting_attendance',
      resourceId: id,
      citizenId: input.citizenId,
      grant,
      details: { attendedOn: input.attendedOn },
    });
    return introList(tx, ctx, row, grant);
  });
}
