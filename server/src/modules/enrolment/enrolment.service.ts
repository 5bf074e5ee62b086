/**
 * The enrolment lifecycle: the one owner of enrol, wait, move up, drop out, cancel and complete.
 * The referral's state machine (modules/referrals) decides whether a step may be taken and where
 * the referral goes; the course (modules/courses) records places, the waiting list, sessions and
 * attendance. This service calls both, one way: neither of them calls back into the other, or
 * into this one (decision 0840). Every use case is one transaction, so the referral's state, the
 * course's places and the renumbered waiting list commit together or not at all.
 */
import { audit, auditMany } from '../../platform/audit.js';
import { type AuthedContext, type Grant, type Tx, tenantTx } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import type { OutcomeInput } from '../courses/courses.schema.js';
import * as courses from '../courses/courses.service.js';
import type { ReferralState } from '../referrals/referrals.machine.js';
import type { TransitionInput } from '../referrals/referrals.schema.js';
import * as referrals from '../referrals/referrals.service.js';

/** The referral states in which the citizen holds a place on a course or waits for one. */
const holdsPlace: readonly ReferralState[] = ['waitlisted', 'enrolled', 'started'];

/**
 * The referrals of those the course moved up from the waiting list follow them to enrolled. The
 * move changes another citizen's enrolment, so it is audited against that citizen, under the
 * action and grant of the request that freed the place.
 */
async function followPromotions(
  tx: Tx,
  ctx: AuthedContext,
  promoted: courses.Promoted[],
  cause: { policyAction: string; grant: Grant },
) {
  for (const p of promoted) {
    if (p.referralId) await referrals.recordPromotion(tx, ctx, p.referralId);
  }
  await auditMany(
    tx,
    ctx,
    promoted.map((p) => ({
      action: 'update' as const,
      policyAction: cause.policyAction,
      resourceType: 'enrolment',
      resourceId: p.enrolmentId,
      citizenId: p.citizenId,
      grant: cause.grant,
      details: { movedUpFromWaitingList: true },
    })),
  );
}

/**
 * One step of the referral's machine and what it means for the course, inside the caller's
 * transaction. The machine checks the step first (nothing is written if it refuses); then the
 * course's places change; then the step is recorded; then those who moved up are enrolled.
 */
export async function step(
  tx: Tx,
  ctx: AuthedContext,
  referralId: string,
  input: TransitionInput,
  via: {
    /** Enrol on a bought place of this purchase (decision 1100): the course is the purchase's. */
    purchase?: { id: string; offerId: string };
    /** The course's provider steps a bought place's referral (decision 1100). */
    subcontractor?: Grant;
  } = {},
): Promise<ReferralState> {
  // Course rows first, then the referral's (checkTransition locks it): the order every change
  // of places takes, so concurrent steps on one course cannot deadlock.
  const held = await courses.liveEnrolmentOfReferral(tx, referralId);
  await courses.lockCourses(tx, [
    held?.courseId,
    input.action === 'enroll' ? input.courseId : null,
  ]);
  const checked = await referrals.checkTransition(tx, ctx, referralId, input, via.subcontractor);
  // On a bought place the course belongs to the seller's offer, not the referral's.
  const placedOffer = via.purchase?.offerId ?? checked.offerId;
  const live = await courses.liveEnrolmentOfReferral(tx, referralId);
  let placement: courses.Placement | undefined;
  const promoted: courses.Promoted[] = [];
  if (checked.name === 'enroll') {
    // Randers: no place (nor a place in line) before the intro meeting.
    await courses.requireIntroMeeting(tx, placedOffer, checked.citizenId);
    // Waiting for one course and enrolled on another: the citizen leaves the first line.
    if (live && live.courseId !== input.courseId) {
      promoted.push(...(await courses.leavePlace(tx, live.id, 'cancelled', null)));
    }
    const taken = await courses.takePlace(tx, {
      courseId: input.courseId!,
      offerId: placedOffer,
      citizenId: checked.citizenId,
      referralId,
      placePurchaseId: via.purchase?.id ?? null,
    });
    placement = taken.placement;
    promoted.push(...taken.promoted);
  } else if (live && checked.to === 'completed') {
    promoted.push(...(await courses.leavePlace(tx, live.id, 'completed', null)));
  } else if (live && !holdsPlace.includes(checked.to)) {
    // Dropped out, cancelled, rejected or taken off the course's line back to accepted: the
    // place (or the place in line) is freed for the next.
    const reasonCode = checked.name === 'drop_out' ? (input.reasonCode ?? null) : null;
    const leaving = checked.name === 'drop_out' ? 'dropped_out' : 'cancelled';
    promoted.push(...(await courses.leavePlace(tx, live.id, leaving, reasonCode)));
  }
  const to = await referrals.recordTransition(tx, ctx, checked, placement);
  await followPromotions(tx, ctx, promoted, {
    policyAction: 'referral.transition',
    grant: checked.grant,
  });
  return to;
}

/** POST /api/referrals/:id/transitions. */
export async function transition(ctx: AuthedContext, referralId: string, input: TransitionInput) {
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    await step(tx, ctx, referralId, input);
    return referrals.presentReferral(tx, ctx, referralId);
  });
}

/**
 * POST /api/courses/:id/enrolments/:enrolmentId/drop-out: the provider takes someone off the
 * course or its waiting list. An enrolled citizen with a referral drops out through the
 * referral's machine; without a referral (an open offer) or from the waiting list, only the
 * course's places change.
 */
export async function dropOut(
  ctx: AuthedContext,
  courseId: string,
  enrolmentId: string,
  input: { reasonCode: string; reason?: string },
) {
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const { grant, enrolment } = await courses.enrolmentForChange(
      tx,
      ctx,
      courseId,
      enrolmentId,
      'course.drop_out',
    );
    if (enrolment.status !== 'enrolled' && enrolment.status !== 'waitlisted') {
      throw new AppError(
        'conflict',
        {
          da: `Tilmeldingen er ${enrolment.status} og kan ikke afbrydes.`,
          en: `The enrolment is ${enrolment.status} and cannot be ended.`,
        },
        { currentStatus: enrolment.status },
      );
    }
    if (enrolment.referral_id && enrolment.status === 'enrolled') {
      await step(
        tx,
        ctx,
        enrolment.referral_id,
        { action: 'drop_out', reasonCode: input.reasonCode as never, reason: input.reason },
        enrolment.place_purchase_id ? { subcontractor: grant } : {},
      );
    } else {
      const promoted = await courses.leavePlace(
        tx,
        enrolment.id,
        'dropped_out',
        input.reasonCode,
        input.reason ?? null,
      );
      await followPromotions(tx, ctx, promoted, { policyAction: 'course.drop_out', grant });
    }
    await audit(tx, ctx, {
      action: 'update',
      policyAction: 'course.drop_out',
      resourceType: 'enrolment',
      resourceId: enrolmentId,
      citizenId: enrolment.citizen_id,
      grant,
      details: { reasonCode: input.reasonCode },
    });
    return courses.courseDetail(tx, ctx, courseId);
  });
}

/**
 * A citizen takes a place (or a place in line) on an open offer's course, inside the caller's
 * transaction: the course's places and line change here, those who moved up follow, and the
 * caller writes its own audit row for the sign-up (the portal's names a proxy). Both ways in,
 * `POST /api/courses/:id/signup` and the portal's `POST /api/portal/offers/:id/signup`, come
 * through here, so the waiting list has one owner (decision 0840, 1020).
 */
export async function placeCitizen(
  tx: Tx,
  ctx: AuthedContext,
  input: { courseId: string; offerId: string; citizenId: string },
  cause: { policyAction: string; grant: Grant },
) {
  // An offer that begins with an intro meeting takes no sign-up before it (decision 1060).
  await courses.requireIntroMeeting(tx, input.offerId, input.citizenId);
  await courses.lockCourses(tx, [input.courseId]);
  const held = await courses.enrolmentStatusOf(tx, input.courseId, input.citizenId);
  if (held === 'enrolled' || held === 'waitlisted') {
    throw new AppError(
      'conflict',
      {
        da:
          held === 'enrolled'
            ? 'Du er allerede tilmeldt holdet.'
            : 'Du er allerede på ventelisten.',
        en:
          held === 'enrolled' ? 'Already enrolled on the course.' : 'Already on the waiting list.',
      },
      { currentStatus: held },
    );
  }
  const taken = await courses.takePlace(tx, {
    courseId: input.courseId,
    offerId: null,
    citizenId: input.citizenId,
    referralId: null,
  });
  await followPromotions(tx, ctx, taken.promoted, cause);
  return {
    enrolmentId: taken.enrolmentId,
    status: taken.placement,
    waitlistPosition: await courses.waitlistPosition(tx, taken.enrolmentId),
  };
}

/** POST /api/courses/:id/signup: a citizen takes a place (or a place in line) on an open offer. */
export async function signUp(ctx: AuthedContext, courseId: string) {
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const { course, grant } = await courses.courseForSignUp(tx, ctx, courseId);
    const placed = await placeCitizen(
      tx,
      ctx,
      { courseId, offerId: course.offer_id, citizenId: ctx.actor.citizenId! },
      { policyAction: 'course.signup', grant },
    );
    await audit(tx, ctx, {
      action: 'create',
      policyAction: 'course.signup',
      resourceType: 'enrolment',
      resourceId: placed.enrolmentId,
      citizenId: ctx.actor.citizenId,
      grant,
      details: { status: placed.status },
    });
    return placed;
  });
}

/**
 * POST /api/courses/:id/enrolments/:enrolmentId/outcome: the provider records how the course
 * went. The referral is started (if it was only enrolled) and completed by its machine; a
 * follow-on course makes a draft referral to the next offer (Rebild's stage 2).
 */
export async function recordOutcome(
  ctx: AuthedContext,
  courseId: string,
  enrolmentId: string,
  input: OutcomeInput,
) {
  return tenantTx(ctx, ctx.actor.municipalityCode, (tx) =>
    recordOutcomeIn(tx, ctx, courseId, enrolmentId, input),
  );
}

/**
 * The outcome, inside the caller's transaction. On a bought place (decision 1100) either side
 * records it, once: the course's provider (the seller, stepping the buyer's referral as its
 * subcontractor) or the buyer (passing its grant on the purchase, checked by the caller). Both
 * write the one `course_outcome` row of the enrolment, so the statistics count it once.
 */
export async function recordOutcomeIn(
  tx: Tx,
  ctx: AuthedContext,
  courseId: string,
  enrolmentId: string,
  input: OutcomeInput,
  buyer?: Grant,
) {
  const prepared = await courses.prepareOutcome(tx, ctx, courseId, enrolmentId, input, buyer);
  const referralId = prepared.enrolment.referral_id;
  if (prepared.enrolment.place_purchase_id && prepared.followOnOfferId) {
    throw new AppError(
      'validation',
      {
        da: 'Et opfølgende forløb efter en købt plads henviser køberen selv til.',
        en: 'A follow-on course after a bought place is referred by the buyer.',
      },
      { errors: [{ in: 'body', pointer: '/nextStep', message: 'Ikke på en købt plads' }] },
    );
  }
  const via =
    prepared.enrolment.place_purchase_id && !buyer ? { subcontractor: prepared.grant } : {};
  if (referralId) {
    if ((await referrals.stateOf(tx, referralId)) === 'enrolled') {
      await step(tx, ctx, referralId, { action: 'start' }, via);
    }
    if ((await referrals.stateOf(tx, referralId)) === 'started') {
      await step(tx, ctx, referralId, { action: 'complete' }, via);
    }
  }
  const id = await courses.saveOutcome(tx, ctx, prepared, input);
  let followOnReferralId: string | null = null;
  if (prepared.followOnOfferId && referralId) {
    followOnReferralId = await referrals.createFollowOnDraft(
      tx,
      ctx,
      prepared.grant,
      referralId,
      prepared.followOnOfferId,
      prepared.course.title,
    );
    await courses.linkOutcomeFollowOn(tx, id, followOnReferralId);
  }
  return {
    id,
    enrolmentId,
    declaredFit: input.declaredFit,
    nextStep: input.nextStep ?? null,
    satisfaction: input.satisfaction ?? null,
    comment: input.comment?.trim() || null,
    followOnReferralId,
  };
}

/**
 * POST /api/referrals/:id/intro-meeting: the recipient records that the citizen attended the
 * offer's intro meeting (Randers); from then on the referral can be enrolled.
 */
export async function recordIntroMeeting(
  ctx: AuthedContext,
  referralId: string,
  input: { attendedOn: string },
) {
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const r = await referrals.loadForIntroMeeting(tx, ctx, referralId);
    const id = await courses.recordIntroAttendance(tx, ctx, {
      offerId: r.offerId,
      citizenId: r.citizenId,
      attendedOn: input.attendedOn,
    });
    await audit(tx, ctx, {
      action: 'create',
      policyAction: 'referral.intro_meeting',
      resourceType: 'intro_meeting_attendance',
      resourceId: id,
      citizenId: r.citizenId,
      grant: r.grant,
      details: { attendedOn: input.attendedOn },
    });
    return referrals.presentReferral(tx, ctx, referralId);
  });
}
