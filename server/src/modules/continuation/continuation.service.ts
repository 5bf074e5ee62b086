/**
 * Continuation after job or education: lifestyle change outlasts the job center's involvement.
 * When a benefit period ends with job or education, the citizen's active health activities
 * continue with the health organisation as owner (each change recorded), bridges to
 * associations can be recorded, and follow-ups at 3, 6 and 12 months land in the owner's
 * task list. Ending one benefit period with the reason job does not start this by itself: the
 * web app leads from that period to the continuation page, where the caseworker confirms the
 * job start (decision 1010); onBenefitPeriodEnded() is the step both share.
 */
import { audit } from '../../platform/audit.js';
import { type AuthedContext, type Tx, tenantTx } from '../../platform/context.js';
import { addDays, danishToday } from '../../platform/dates.js';
import { AppError, notFound } from '../../platform/errors.js';
import { allowedActions, authorize, type RowScope } from '../../platform/policy.js';
import { citizenScope, loadCitizenFor } from '../citizens/citizens.service.js';
import * as courses from '../courses/courses.service.js';
import * as repo from './continuation.repo.js';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export type EndReason = 'job' | 'education' | string;

/**
 * The hook for the benefit module: call it in the transaction that ended the period. Does
 * nothing for other reasons than job and education. Idempotent (follow-ups are unique per
 * citizen, reason and month; an enrolment already owned by the health organisation is kept).
 */
export async function onBenefitPeriodEnded(
  tx: Tx,
  ctx: AuthedContext,
  citizenId: string,
  reason: EndReason,
  endDate: string = danishToday(),
) {
  if (reason !== 'job' && reason !== 'education') {
    return {
      continued: [] as string[],
      continuedUntil: [] as { enrolmentId: string; until: string }[],
      followUps: [] as { months: number; dueDate: string }[],
    };
  }
  const health = await repo.healthOrganisation(tx);
  if (!health) {
    throw new AppError('conflict', {
      da: 'Kommunen har intet sundhedscenter at overdrage aktiviteterne til.',
      en: 'No health centre to hand the activities to.',
    });
  }
  const m = ctx.actor.municipalityCode;
  const continued: string[] = [];
  const continuedUntil: { enrolmentId: string; until: string }[] = [];
  for (const e of await repo.activeHealthEnrolments(tx, citizenId)) {
    // Middelfart: the offer says how long the citizen may keep using it after returning to work.
    if (e.continue_after_work_weeks !== null) {
      const until = addDays(endDate, 7 * Number(e.continue_after_work_weeks));
      await repo.setContinueUntil(tx, e.id, until);
      continuedUntil.push({ enrolmentId: e.id, until });
    }
    if (e.owner === health) continue;
    await repo.changeOwner(tx, m, {
      citizenId,
      enrolmentId: e.id,
      referralId: e.referral_id,
      from: e.owner,
      to: health,
      reason: reason === 'job' ? 'Borgeren er startet i job' : 'Borgeren er startet på uddannelse',
      userId: ctx.actor.userId,
    });
    continued.push(e.id);
  }
  const followUps = await repo.createFollowUps(
    tx,
    m,
    citizenId,
    health,
    endDate,
    `${reason}:${endDate}`,
  );
  return {
    continued,
    continuedUntil,
    followUps: followUps.map((f) => ({ months: Number(f.months), dueDate: f.due_date })),
  };
}

export async function jobStart(
  ctx: AuthedContext,
  citizenId: string,
  input: { reason: 'job' | 'education'; endDate?: string },
) {
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const { grant } = await loadCitizenFor(tx, ctx, citizenId, 'continuation.job_start');
    const endDate = input.endDate ?? danishToday();
    const ended = await repo.endOpenPeriods(tx, citizenId, endDate, input.reason);
    const result = await onBenefitPeriodEnded(tx, ctx, citizenId, input.reason, endDate);
    await audit(tx, ctx, {
      action: 'update',
      policyAction: 'continuation.job_start',
      resourceType: 'benefit_period',
      resourceId: ended[0] ?? null,
      citizenId,
      grant,
      details: {
        reason: input.reason,
        endedPeriods: ended.length,
        continued: result.continued.length,
      },
    });
    return { endedPeriods: ended.length, ...result };
  });
}

function presentBridge(b: repo.BridgeRow) {
  return {
    id: b.id,
    offerId: b.offer_id,
    offerTitle: b.offer_title,
    enrolmentId: b.enrolment_id,
    courseTitle: b.course_title,
    clubName: b.club_name,
    discount: b.discount,
    firstVisit: b.first_visit,
    continued: b.continued,
    note: b.note,
    createdAt: iso(b.created_at)!,
  };
}

const citizenActions = ['continuation.job_start', 'continuation.bridge'] as const;

/**
 * The page's data: what happened, what a bridge can lead to, and what this user may do here
 * (the citizen's actions, and per follow-up whether the user may mark it done: a follow-up
 * belongs to its owner organisation, so a role allowing it at all is not enough).
 */
async function present(
  tx: Tx,
  ctx: AuthedContext,
  citizenId: string,
  row: Parameters<typeof citizenScope>[0],
) {
  const o = await repo.overview(tx, citizenId);
  const followUpScope = (owner: string): RowScope => ({
    municipalityCode: ctx.actor.municipalityCode,
    organisationIds: [owner],
    citizenId,
  });
  return {
    citizenName: `${row.first_name} ${row.last_name}`,
    allowedActions: allowedActions(ctx.actor, citizenActions, citizenScope(row)),
    associations: (await repo.associationOffers(tx)).map((a) => ({
      id: a.id,
      title: a.title,
      providerName: a.provider_name,
    })),
    ownerChanges: o.changes.map((c) => ({
      id: c.id,
      enrolmentId: c.enrolment_id,
      fromName: c.from_name,
      toName: c.to_name,
      reason: c.reason,
      changedAt: iso(c.changed_at)!,
    })),
    bridges: o.bridges.map(presentBridge),
    continuing: o.continuing.map((c) => ({
      enrolmentId: c.enrolment_id,
      courseTitle: c.course_title,
      until: c.continue_until,
    })),
    followUps: o.followUps.map((f) => ({
      id: f.id,
      months: Number(f.months),
      dueDate: f.due_date,
      ownerName: f.owner_name,
      ownerOrganisationId: f.owner_organisation_id,
      doneAt: iso(f.done_at),
      allowedActions: allowedActions(
        ctx.actor,
        ['continuation.follow_up'],
        followUpScope(f.owner_organisation_id),
      ),
    })),
  };
}

export async function getContinuation(ctx: AuthedContext, citizenId: string) {
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const { row, grant } = await loadCitizenFor(tx, ctx, citizenId, 'continuation.read');
    await audit(tx, ctx, {
      action: 'read',
      policyAction: 'continuation.read',
      resourceType: 'continuation',
      resourceId: citizenId,
      citizenId,
      grant,
    });
    return present(tx, ctx, citizenId, row);
  });
}

export async function addBridge(
  ctx: AuthedContext,
  citizenId: string,
  input: { offerId: string; note?: string },
) {
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const { row, grant } = await loadCitizenFor(tx, ctx, citizenId, 'continuation.bridge');
    const offer = await repo.associationOffer(tx, input.offerId);
    if (!offer) {
      throw new AppError(
        'validation',
        {
          da: 'Tilbuddet findes ikke eller er ikke en forening.',
          en: 'The offer is not an association.',
        },
        { errors: [{ in: 'body', pointer: '/offerId', message: 'Skal være et foreningstilbud' }] },
      );
    }
    const id = await repo.insertBridge(
      tx,
      ctx.actor.municipalityCode,
      citizenId,
      input.offerId,
      input.note ?? '',
      ctx.actor.userId,
    );
    await audit(tx, ctx, {
      action: 'create',
      policyAction: 'continuation.bridge',
      resourceType: 'association_bridge',
      resourceId: id,
      citizenId,
      grant,
    });
    return present(tx, ctx, citizenId, row);
  });
}

export async function completeFollowUp(ctx: AuthedContext, id: string) {
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const f = await repo.findFollowUp(tx, id);
    if (!f) throw notFound({ da: 'Opfølgningen findes ikke.', en: 'Follow-up not found.' });
    const scope: RowScope = {
      municipalityCode: f.municipality_code,
      organisationIds: [f.owner_organisation_id],
      citizenId: f.citizen_id,
    };
    const grant = authorize(ctx.actor, 'continuation.follow_up', scope);
    await repo.markFollowUpDone(tx, id);
    await audit(tx, ctx, {
      action: 'update',
      policyAction: 'continuation.follow_up',
      resourceType: 'follow_up',
      resourceId: id,
      citizenId: f.citizen_id,
      grant,
    });
    return { id, done: true };
  });
}

async function checkAssociation(tx: Tx, offerId: string) {
  if (!(await repo.associationOffer(tx, offerId))) {
    throw new AppError(
      'validation',
      {
        da: 'Tilbuddet findes ikke eller er ikke en forening.',
        en: 'The offer is not an association.',
      },
      { errors: [{ in: 'body', pointer: '/offerId', message: 'Skal være et foreningstilbud' }] },
    );
  }
}

export interface CourseBridgeInput {
  offerId?: string;
  clubName?: string;
  discount?: string;
  firstVisit?: string;
  note?: string;
}

/**
 * Skive, København: at the course's end the provider records the bridge to a local club (from
 * the catalogue's associations or by name), the discount agreed and the first visit.
 */
export async function addCourseBridge(
  ctx: AuthedContext,
  courseId: string,
  enrolmentId: string,
  input: CourseBridgeInput,
) {
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const { course, grant, enrolment } = await courses.enrolmentForChange(
      tx,
      ctx,
      courseId,
      enrolmentId,
      'continuation.course_bridge',
    );
    const clubName = input.clubName?.trim() || null;
    if (!input.offerId && !clubName) {
      throw new AppError(
        'validation',
        {
          da: 'Vælg en forening eller skriv klubbens navn.',
          en: 'Choose an association or name the club.',
        },
        { errors: [{ in: 'body', pointer: '/clubName', message: 'Feltet skal udfyldes' }] },
      );
    }
    if (input.offerId) await checkAssociation(tx, input.offerId);
    const id = await repo.insertCourseBridge(tx, ctx.actor.municipalityCode, {
      citizenId: enrolment.citizen_id,
      enrolmentId,
      offerId: input.offerId ?? null,
      clubName,
      discount: input.discount?.trim() || null,
      firstVisit: input.firstVisit ?? null,
      note: input.note?.trim() ?? '',
      userId: ctx.actor.userId,
      organisationId: course.provider_organisation_id,
    });
    await audit(tx, ctx, {
      action: 'create',
      policyAction: 'continuation.course_bridge',
      resourceType: 'association_bridge',
      resourceId: id,
      citizenId: enrolment.citizen_id,
      grant,
    });
    return presentBridge((await repo.findBridge(tx, id))!);
  });
}

/** The bridges recorded on a course, for its provider. */
export async function courseBridges(ctx: AuthedContext, courseId: string) {
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const { grant } = await courses.courseFor(tx, ctx, courseId, 'continuation.course_bridge');
    const rows = await repo.courseBridges(tx, courseId);
    for (const b of rows) {
      await audit(tx, ctx, {
        action: 'read',
        policyAction: 'continuation.course_bridge',
        resourceType: 'association_bridge',
        resourceId: b.id,
        citizenId: b.citizen_id,
        grant,
      });
    }
    return rows.map((b) => ({ ...presentBridge(b), citizenName: b.citizen_name }));
  });
}

/** At the follow-up: did the citizen continue in the club? */
export async function recordContinued(
  ctx: AuthedContext,
  citizenId: string,
  bridgeId: string,
  continued: boolean,
) {
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const { row, grant } = await loadCitizenFor(tx, ctx, citizenId, 'continuation.bridge');
    const b = await repo.findBridge(tx, bridgeId);
    if (!b || b.citizen_id !== citizenId) {
      throw notFound({ da: 'Brobygningen findes ikke.', en: 'Bridge not found.' });
    }
    await repo.setContinued(tx, bridgeId, continued);
    await audit(tx, ctx, {
      action: 'update',
      policyAction: 'continuation.bridge',
      resourceType: 'association_bridge',
      resourceId: bridgeId,
      citizenId,
      grant,
      details: { continued },
    });
    return present(tx, ctx, citizenId, row);
  });
}
