/**
 * Places bought from the municipal health department (Randers, Rebild; seed 001 "Privat aktør";
 * decision 1100). A private actor running an activation project buys places on one of the health
 * department's courses; the department accepts or declines; the buyer places citizens it holds a
 * referral for. The referral stays the buyer's: the seller sees the citizen only as a participant
 * on its own course (as any course provider does), never the referral; the buyer sees only the
 * citizens on its own places, never the seller's other participants. The outcome after the course
 * is the enrolment's one `course_outcome`, recorded by whichever side gets there first.
 */
import { audit, auditMany } from '../../platform/audit.js';
import { type AuthedContext, orgIds, type Tx, tenantTx } from '../../platform/context.js';
import { AppError, notFound } from '../../platform/errors.js';
import { allowedActions, authorize } from '../../platform/policy.js';
import type { OutcomeInput } from '../courses/courses.schema.js';
import * as enrolment from '../enrolment/enrolment.service.js';
import * as repo from './purchases.repo.js';

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

const scopeOf = (p: repo.PurchaseRow) => ({
  municipalityCode: p.municipality_code,
  organisationIds: [p.buyer_organisation_id, p.seller_organisation_id],
});
const buyerScope = (p: repo.PurchaseRow) => ({
  municipalityCode: p.municipality_code,
  organisationIds: [p.buyer_organisation_id],
});
const sellerScope = (p: repo.PurchaseRow) => ({
  municipalityCode: p.municipality_code,
  organisationIds: [p.seller_organisation_id],
});

/** The actor's side of the purchase: buyer when one of its provider organisations bought it. */
function sideOf(ctx: AuthedContext, p: repo.PurchaseRow): 'buyer' | 'seller' {
  return orgIds(ctx.actor, 'provider_staff').includes(p.buyer_organisation_id) ? 'buyer' : 'seller';
}

function summary(ctx: AuthedContext, p: repo.PurchaseRow) {
  return {
    id: p.id,
    side: sideOf(ctx, p),
    buyerOrganisationName: p.buyer_name,
    sellerOrganisationName: p.seller_name,
    courseId: p.course_id,
    courseTitle: p.course_title,
    courseStart: p.course_start,
    offerTitle: p.offer_title,
    places: Number(p.places),
    used: Number(p.used),
    note: p.note,
    status: p.status,
    decisionReason: p.decision_reason,
    decidedAt: iso(p.decided_at),
    createdAt: iso(p.created_at)!,
  };
}

async function load(tx: Tx, ctx: AuthedContext, id: string, action: string, lock = false) {
  const p = await repo.find(tx, id, lock);
  if (!p) throw notFound({ da: 'Købet findes ikke.', en: 'Purchase not found.' });
  const scope =
    action === 'purchase.read'
      ? scopeOf(p)
      : action === 'purchase.decide'
        ? sellerScope(p)
        : buyerScope(p);
  const grant = authorize(ctx.actor, action, scope);
  return { p, grant };
}

/** The purchase as either side sees it; every citizen shown is audited as a read. */
async function detail(tx: Tx, ctx: AuthedContext, p: repo.PurchaseRow) {
  const grant = authorize(ctx.actor, 'purchase.read', scopeOf(p));
  const side = sideOf(ctx, p);
  const placements = await repo.placements(tx, p.id);
  const placeable =
    side === 'buyer' && p.status === 'accepted' && Number(p.used) < Number(p.places)
      ? await repo.placeable(tx, p.buyer_organisation_id)
      : [];
  await auditMany(tx, ctx, [
    ...placements.map((x) => ({
      action: 'read' as const,
      policyAction: 'purchase.read',
      resourceType: 'enrolment',
      resourceId: x.enrolment_id,
      citizenId: x.citizen_id,
      grant,
      details: { placePurchaseId: p.id },
    })),
    ...placeable.map((x) => ({
      action: 'read' as const,
      policyAction: 'purchase.read',
      resourceType: 'referral',
      resourceId: x.referral_id,
      citizenId: x.citizen_id,
      grant,
      details: { placePurchaseId: p.id, placeable: true },
    })),
  ]);
  return {
    ...summary(ctx, p),
    placements: placements.map((x) => ({
      enrolmentId: x.enrolment_id,
      citizenName: x.citizen_name,
      // The referral is the buyer's: the seller has no way into it.
      referralId: side === 'buyer' ? x.referral_id : null,
      status: x.status,
      outcome:
        x.declared_fit === null
          ? null
          : {
              declaredFit: x.declared_fit,
              nextStep: x.next_step,
              recordedByOrganisationName: x.outcome_recorded_by_organisation,
            },
    })),
    placeable: placeable.map((x) => ({
      referralId: x.referral_id,
      citizenName: x.citizen_name,
      offerTitle: x.offer_title,
      state: x.state,
    })),
    allowedActions: [
      ...(p.status === 'requested'
        ? allowedActions(ctx.actor, ['purchase.decide'], sellerScope(p))
        : []),
      ...(p.status === 'accepted'
        ? allowedActions(ctx.actor, ['purchase.place', 'purchase.outcome'], buyerScope(p))
        : []),
    ],
  };
}

/** GET /api/place-purchases: the buyer's purchases and the purchases made from the seller. */
export async function list(ctx: AuthedContext) {
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    authorize(ctx.actor, 'purchase.list');
    const orgs = [
      ...orgIds(ctx.actor, 'provider_staff'),
      ...orgIds(ctx.actor, 'health_professional'),
    ];
    const rows = await repo.listFor(tx, orgs);
    return {
      items: rows.map((p) => summary(ctx, p)),
      allowedActions: allowedActions(ctx.actor, ['purchase.create'], {
        municipalityCode: ctx.actor.municipalityCode,
        organisationIds: orgIds(ctx.actor, 'provider_staff'),
      }),
    };
  });
}

function buyerOrg(ctx: AuthedContext) {
  const buyer = orgIds(ctx.actor, 'provider_staff')[0];
  authorize(ctx.actor, 'purchase.create', {
    municipalityCode: ctx.actor.municipalityCode,
    organisationIds: buyer ? [buyer] : [],
  });
  return buyer!;
}

/** GET /api/place-purchases/courses: the health department's courses places can be bought on. */
export async function coursesForSale(ctx: AuthedContext) {
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    buyerOrg(ctx);
    return {
      items: (await repo.coursesForSale(tx)).map((c) => ({
        courseId: c.course_id,
        courseTitle: c.course_title,
        courseStart: c.course_start,
        offerTitle: c.offer_title,
        sellerOrganisationName: c.seller_name,
        capacity: Number(c.capacity),
      })),
    };
  });
}

/** POST /api/place-purchases: the buyer orders places on a course; the seller decides. */
export async function create(
  ctx: AuthedContext,
  input: { courseId: string; places: number; note?: string },
) {
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const buyer = buyerOrg(ctx);
    const course = (await repo.coursesForSale(tx, input.courseId))[0];
    if (!course) {
      throw new AppError(
        'validation',
        {
          da: 'Holdet findes ikke, er afsluttet eller hører ikke til sundhedsafdelingen.',
          en: 'The course does not exist, has ended or is not the health department’s.',
        },
        { errors: [{ in: 'body', pointer: '/courseId', message: 'Ukendt hold' }] },
      );
    }
    const id = await repo.insert(tx, {
      municipalityCode: ctx.actor.municipalityCode,
      buyerId: buyer,
      sellerId: course.seller_organisation_id,
      courseId: course.course_id,
      places: input.places,
      note: input.note?.trim() ?? '',
      userId: ctx.actor.userId,
    });
    const p = (await repo.find(tx, id))!;
    await audit(tx, ctx, {
      action: 'create',
      policyAction: 'purchase.create',
      resourceType: 'place_purchase',
      resourceId: id,
      grant: authorize(ctx.actor, 'purchase.create', buyerScope(p)),
      details: { courseId: course.course_id, places: input.places },
    });
    return detail(tx, ctx, p);
  });
}

export async function get(ctx: AuthedContext, id: string) {
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const { p } = await load(tx, ctx, id, 'purchase.read');
    return detail(tx, ctx, p);
  });
}

/** POST /api/place-purchases/:id/decision: the health department accepts or declines. */
export async function decide(
  ctx: AuthedContext,
  id: string,
  input: { decision: 'accepted' | 'declined'; reason?: string },
) {
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const { p, grant } = await load(tx, ctx, id, 'purchase.decide', true);
    if (p.status !== 'requested') {
      throw new AppError(
        'conflict',
        {
          da: `Købet er allerede ${p.status === 'accepted' ? 'accepteret' : 'afvist'}.`,
          en: `The purchase is already ${p.status}.`,
        },
        { currentStatus: p.status },
      );
    }
    const reason = input.reason?.trim() || null;
    if (input.decision === 'declined' && !reason) {
      throw new AppError(
        'validation',
        { da: 'Angiv en begrundelse for afvisningen.', en: 'Give a reason for declining.' },
        { errors: [{ in: 'body', pointer: '/reason', message: 'Feltet skal udfyldes' }] },
      );
    }
    await repo.decide(tx, id, { status: input.decision, reason, userId: ctx.actor.userId });
    await audit(tx, ctx, {
      action: 'update',
      policyAction: 'purchase.decide',
      resourceType: 'place_purchase',
      resourceId: id,
      grant,
      details: { decision: input.decision },
    });
    return detail(tx, ctx, (await repo.find(tx, id))!);
  });
}

/**
 * POST /api/place-purchases/:id/placements: the buyer puts a citizen it holds a referral for on a
 * bought place. The referral's machine enrols it on the purchase's course (decision 0840's one
 * owner); a referral made to anyone else is 404, as is a purchase of another buyer.
 */
export async function place(ctx: AuthedContext, id: string, input: { referralId: string }) {
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const { p, grant } = await load(tx, ctx, id, 'purchase.place', true);
    if ((await repo.referralRecipient(tx, input.referralId)) !== p.buyer_organisation_id) {
      throw notFound({ da: 'Henvisningen findes ikke.', en: 'Referral not found.' });
    }
    if (p.status !== 'accepted') {
      throw new AppError(
        'conflict',
        {
          da: 'Sundhedsafdelingen har ikke accepteret købet.',
          en: 'The health department has not accepted the purchase.',
        },
        { currentStatus: p.status },
      );
    }
    if (Number(p.used) >= Number(p.places)) {
      throw new AppError('conflict', {
        da: `Alle ${p.places} købte pladser er brugt.`,
        en: `All ${p.places} bought places are taken.`,
      });
    }
    await enrolment.step(
      tx,
      ctx,
      input.referralId,
      { action: 'enroll', courseId: p.course_id },
      { purchase: { id: p.id, offerId: p.offer_id } },
    );
    const placed = await repo.enrolmentOfReferral(tx, p.id, input.referralId);
    await audit(tx, ctx, {
      action: 'create',
      policyAction: 'purchase.place',
      resourceType: 'enrolment',
      resourceId: placed!.id,
      citizenId: placed!.citizen_id,
      grant,
      details: { placePurchaseId: p.id, status: placed!.status },
    });
    return detail(tx, ctx, (await repo.find(tx, id))!);
  });
}

/**
 * POST /api/place-purchases/:id/placements/:enrolmentId/outcome: the buyer records the outcome
 * after the course. The same row as when the health department records it from its course page:
 * whoever comes second gets 409, and the statistics count the outcome once.
 */
export async function recordOutcome(
  ctx: AuthedContext,
  id: string,
  enrolmentId: string,
  input: OutcomeInput,
) {
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const { p, grant } = await load(tx, ctx, id, 'purchase.outcome', true);
    if (!(await repo.placements(tx, p.id)).some((x) => x.enrolment_id === enrolmentId)) {
      throw notFound();
    }
    await enrolment.recordOutcomeIn(tx, ctx, p.course_id, enrolmentId, input, grant);
    return detail(tx, ctx, (await repo.find(tx, id))!);
  });
}
