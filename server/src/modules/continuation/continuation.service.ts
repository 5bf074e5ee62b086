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
import { danishToday } from '../../platform/dates.js';
import { AppError, notFound } from '../../platform/errors.js';
import { allowedActions, authorize, type RowScope } from '../../platform/policy.js';
import { citizenScope, loadCitizenFor } from '../citizens/citizens.service.js';
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
    return { continued: [] as string[], followUps: [] as { months: number; dueDate: string }[] };
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
  for (const e of await repo.activeHealthEnrolments(tx, citizenId)) {
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
    bridges: o.bridges.map((b) => ({
      id: b.id,
      offerId: b.offer_id,
      offerTitle: b.offer_title,
      note: b.note,
      createdAt: iso(b.created_at)!,
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
