/**
 * Referrals (henvisninger): the job center refers a citizen to an offer run by the health center
 * or a private provider. Health data goes along only within the citizen's consent to the
 * recipient (checked when the referral is made, when it is sent, and again at every read of the
 * shared data). Both sides see the same history (referral_event: who, which organisation, when).
 */
import { sql } from 'kysely';
import { audit, auditMany } from '../../platform/audit.js';
import { consentedCategories } from '../../platform/consent.js';
import {
  type AuthedContext,
  type Grant,
  hasRole,
  orgIds,
  type Tx,
  tenantTx,
} from '../../platform/context.js';
import { AppError, notFound } from '../../platform/errors.js';
import { allowedActions, authorize, type RowScope } from '../../platform/policy.js';
import { loadCitizenFor } from '../citizens/citizens.service.js';
import { mayReadProfile } from '../health/health.service.js';
import * as sharing from '../sharing/sharing.service.js';
import {
  available,
  isAllowed,
  type ReferralState,
  type Side,
  type TransitionName,
  transitions,
} from './referrals.machine.js';
import * as repo from './referrals.repo.js';
import type { ReferralInput, TransitionInput } from './referrals.schema.js';

const iso = (d: Date | string) => new Date(d).toISOString();

export function referralScope(row: repo.ReferralRow): RowScope {
  return {
    municipalityCode: row.municipality_code,
    citizenId: row.citizen_id,
    // The recipient does not see the sender's drafts.
    organisationIds: row.state === 'draft' ? [] : [row.to_organisation_id],
  };
}

/** The sides of the referral the actor stands on. */
function sidesOf(ctx: AuthedContext, row: repo.ReferralRow): Side[] {
  const sides: Side[] = [];
  if (hasRole(ctx.actor, 'caseworker', 'coordinating_caseworker')) sides.push('caseworker');
  const providerOrgs = [
    ...orgIds(ctx.actor, 'provider_staff'),
    ...orgIds(ctx.actor, 'health_professional'),
  ];
  if (row.state !== 'draft' && providerOrgs.includes(row.to_organisation_id)) {
    sides.push('provider');
  }
  return sides;
}

function present(
  ctx: AuthedContext,
  row: repo.ReferralRow,
  history?: Awaited<ReturnType<typeof repo.listEvents>>,
) {
  const scope = referralScope(row);
  return {
    id: row.id,
    citizenId: row.citizen_id,
    citizenName: row.citizen_name,
    citizenLanguage: row.citizen_language,
    needsInterpreter: row.needs_interpreter,
    offerId: row.offer_id,
    offerTitle: row.offer_title,
    fromOrganisationId: row.from_organisation_id,
    fromOrganisationName: row.from_organisation_name,
    toOrganisationId: row.to_organisation_id,
    toOrganisationName: row.to_organisation_name,
    createdByName: row.created_by_name,
    reason: row.reason,
    participation: row.participation,
    sharedCategories: row.shared_categories,
    consentId: row.consent_id,
    state: row.state,
    stateReason: row.state_reason,
    stateReasonCode: row.state_reason_code,
    courseId: row.course_id,
    courseTitle: row.course_title,
    previousReferralId: row.previous_referral_id,
    introRequired: row.intro_required,
    introAttendedOn: row.intro_attended_on,
    mandatoryActivation: row.mandatory_activation,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    allowedTransitions: allowedActions(ctx.actor, ['referral.transition'], scope).length
      ? available(row.state as ReferralState, sidesOf(ctx, row))
      : [],
    allowedActions: allowedActions(
      ctx.actor,
      [
        'referral.transition',
        'referral.message',
        'referral.shared',
        ...(row.intro_required && !row.intro_attended_on ? ['referral.intro_meeting'] : []),
      ],
      scope,
    ),
    ...(history
      ? {
          history: history.map((e) => ({
            id: Number(e.id),
            fromState: e.from_state,
            toState: e.to_state,
            reason: e.reason,
            actorName: e.actor_name,
            actorOrganisationName: e.actor_organisation_name,
            occurredAt: iso(e.occurred_at),
          })),
        }
      : {}),
  };
}

async function loadReferral(tx: Tx, ctx: AuthedContext, id: string, action: string, lock = false) {
  const row = await repo.findReferral(tx, id, lock);
  if (!row) throw notFound({ da: 'Henvisningen findes ikke.', en: 'Referral not found.' });
  const grant = authorize(ctx.actor, action, referralScope(row));
  return { row, grant };
}

async function loadReferralForSubcontractor(tx: Tx, id: string, grant: Grant) {
  const row = await repo.findReferral(tx, id, true);
  if (!row) throw notFound({ da: 'Henvisningen findes ikke.', en: 'Referral not found.' });
  return { row, grant };
}

/** The steps the course's own work decides: the subcontractor stands on the provider side there. */
function subcontractorSteps(name: TransitionName): Side[] {
  return name === 'start' || name === 'complete' || name === 'drop_out' ? ['provider'] : [];
}

function consentMissing(missing: string[]) {
  return new AppError(
    'consent_required',
    {
      da: `Borgeren har ikke givet modtageren samtykke til at dele: ${missing.join(', ')}.`,
      en: `The citizen has not consented to sharing with the recipient: ${missing.join(', ')}.`,
    },
    { missingCategories: missing },
  );
}

async function checkConsent(tx: Tx, citizenId: string, toOrg: string, categories: string[]) {
  const consented = await consentedCategories(tx, citizenId, toOrg);
  const missing = categories.filter((c) => !consented.categories.includes(c));
  if (missing.length) throw consentMissing(missing);
  return consented.consentId;
}

export async function createReferral(ctx: AuthedContext, input: ReferralInput) {
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const { grant } = await loadCitizenFor(tx, ctx, input.citizenId, 'referral.create');
    if (!grant.organisationId) {
      throw new AppError('forbidden', {
        da: 'Du skal høre til en organisation for at henvise.',
        en: 'You must belong to an organisation to refer.',
      });
    }
    const offer = await repo.findOffer(tx, input.offerId);
    if (!offer) {
      throw new AppError(
        'validation',
        { da: 'Tilbuddet findes ikke.', en: 'The offer does not exist.' },
        { errors: [{ in: 'body', pointer: '/offerId', message: 'Findes ikke' }] },
      );
    }
    const consentId = await checkConsent(
      tx,
      input.citizenId,
      offer.provider_organisation_id,
      input.sharedCategories,
    );
    const id = await repo.insertReferral(tx, {
      municipalityCode: ctx.actor.municipalityCode,
      citizenId: input.citizenId,
      offerId: offer.id,
      fromOrganisationId: grant.organisationId,
      toOrganisationId: offer.provider_organisation_id,
      createdBy: ctx.actor.userId,
      reason: input.reason,
      participation: input.participation,
      sharedCategories: input.sharedCategories,
      consentId: input.sharedCategories.length ? consentId : null,
    });
    await repo.insertEvent(tx, {
      municipalityCode: ctx.actor.municipalityCode,
      referralId: id,
      fromState: null,
      toState: 'draft',
      actorUserId: ctx.actor.userId,
      actorOrganisationId: grant.organisationId,
    });
    await audit(tx, ctx, {
      action: 'create',
      policyAction: 'referral.create',
      resourceType: 'referral',
      resourceId: id,
      citizenId: input.citizenId,
      grant,
      details: { offerId: offer.id, sharedCategories: input.sharedCategories },
    });
    // Sending touches no course, so it needs no part of the enrolment lifecycle.
    if (input.send) {
      await recordTransition(tx, ctx, await checkTransition(tx, ctx, id, { action: 'send' }));
    }
    const row = (await repo.findReferral(tx, id))!;
    return present(ctx, row, await repo.listEvents(tx, id));
  });
}

/**
 * A draft created by the provider as the outcome of a course (Rebild's stage 2): the same citizen,
 * sender and participation, to the follow-on offer. The caseworker sends it; the shared categories
 * are those the citizen has consented to share with the new recipient.
 */
export async function createFollowOnDraft(
  tx: Tx,
  ctx: AuthedContext,
  grant: Grant,
  previousReferralId: string,
  offerId: string,
  courseTitle: string,
): Promise<string> {
  const previous = await repo.findReferral(tx, previousReferralId);
  const offer = await repo.findOffer(tx, offerId);
  if (!previous || !offer) {
    throw new AppError(
      'validation',
      { da: 'Opfølgningstilbuddet findes ikke.', en: 'The follow-on offer does not exist.' },
      { errors: [{ in: 'body', pointer: '/followOnOfferId', message: 'Findes ikke' }] },
    );
  }
  const consented = await consentedCategories(
    tx,
    previous.citizen_id,
    offer.provider_organisation_id,
  );
  const shared = previous.shared_categories.filter((c) => consented.categories.includes(c));
  const id = await repo.insertReferral(tx, {
    municipalityCode: ctx.actor.municipalityCode,
    citizenId: previous.citizen_id,
    offerId: offer.id,
    fromOrganisationId: previous.from_organisation_id,
    toOrganisationId: offer.provider_organisation_id,
    createdBy: ctx.actor.userId,
    reason: `Fortsættelse efter ${courseTitle}: ${previous.reason}`,
    participation: previous.participation,
    sharedCategories: shared,
    consentId: shared.length ? consented.consentId : null,
    previousReferralId,
  });
  await repo.insertEvent(tx, {
    municipalityCode: ctx.actor.municipalityCode,
    referralId: id,
    fromState: null,
    toState: 'draft',
    reason: `Opfølgningsforløb efter ${courseTitle}`,
    actorUserId: ctx.actor.userId,
    actorOrganisationId: grant.organisationId,
  });
  await audit(tx, ctx, {
    action: 'create',
    policyAction: 'referral.transition',
    resourceType: 'referral',
    resourceId: id,
    citizenId: previous.citizen_id,
    grant,
    details: { followOnFrom: previousReferralId, offerId },
  });
  return id;
}

/** A step of the machine that has passed every check and has not been written yet. */
export interface CheckedTransition {
  name: TransitionName;
  referralId: string;
  municipalityCode: string;
  citizenId: string;
  offerId: string;
  from: ReferralState;
  /** Where the machine goes unless the course is full ('enroll' then waits). */
  to: ReferralState;
  /** The course the referral waits for or is enrolled in, before this step. */
  courseId: string | null;
  input: TransitionInput;
  grant: Grant;
  consentId: string | null;
}

/**
 * The machine decides whether a step may be taken. Checks, in this order: the row is in scope
 * (404), the actor's side may take the step (403), the step is allowed from the current state
 * (409 naming it), the step's required input (400), and for 'send' the citizen's consent. Locks
 * the referral row and writes nothing: the caller makes the step's change to the course places
 * and then records it with recordTransition, in the same transaction.
 */
export async function checkTransition(
  tx: Tx,
  ctx: AuthedContext,
  id: string,
  input: TransitionInput,
  /**
   * The health department running the course on which the buyer bought the citizen's place
   * (decision 1100) takes the course's steps (start, complete, drop out) on the buyer's referral
   * under its grant on the course; the enrolment lifecycle passes it only for such a place.
   */
  subcontractor?: Grant,
): Promise<CheckedTransition> {
  const { row, grant } = subcontractor
    ? await loadReferralForSubcontractor(tx, id, subcontractor)
    : await loadReferral(tx, ctx, id, 'referral.transition', true);
  const name = input.action as TransitionName;
  const t = transitions[name];
  const sides: Side[] = subcontractor ? subcontractorSteps(name) : sidesOf(ctx, row);
  if (!sides.includes(t.side)) {
    throw new AppError(
      'forbidden',
      t.side === 'caseworker'
        ? {
            da: 'Kun jobcentret kan sende eller annullere en henvisning.',
            en: 'Only the job center can send or cancel a referral.',
          }
        : {
            da: 'Kun modtageren af henvisningen kan tage dette skridt.',
            en: 'Only the recipient of the referral can take this step.',
          },
    );
  }
  const state = row.state as ReferralState;
  if (!isAllowed(name, state)) {
    throw new AppError(
      'conflict',
      {
        da: `Henvisningen er i tilstanden "${state}"; "${name}" er ikke muligt herfra.`,
        en: `The referral is in state "${state}"; "${name}" is not possible from there.`,
      },
      { currentState: state, transition: name },
    );
  }
  const need = (t as { needs?: string }).needs;
  if (need === 'reason' && !input.reason?.trim()) {
    throw new AppError(
      'validation',
      { da: 'Angiv en begrundelse.', en: 'Give a reason.' },
      { errors: [{ in: 'body', pointer: '/reason', message: 'Feltet skal udfyldes' }] },
    );
  }
  if (need === 'reasonCode' && !input.reasonCode) {
    throw new AppError(
      'validation',
      { da: 'Vælg en årsag til frafaldet.', en: 'Choose a drop-out reason.' },
      { errors: [{ in: 'body', pointer: '/reasonCode', message: 'Feltet skal udfyldes' }] },
    );
  }
  if (need === 'courseId' && !input.courseId) {
    throw new AppError(
      'validation',
      { da: 'Vælg et hold.', en: 'Choose a course.' },
      { errors: [{ in: 'body', pointer: '/courseId', message: 'Feltet skal udfyldes' }] },
    );
  }
  const consentId =
    name === 'send'
      ? await checkConsent(tx, row.citizen_id, row.to_organisation_id, row.shared_categories)
      : null;
  return {
    name,
    referralId: row.id,
    municipalityCode: row.municipality_code,
    citizenId: row.citizen_id,
    offerId: row.offer_id,
    from: state,
    to: t.to,
    courseId: row.course_id,
    input,
    grant,
    consentId,
  };
}

/**
 * Writes a checked step: the new state, one history event and the audit row. For 'enroll' the
 * course's answer decides between enrolled and waitlisted; asking again for a place on the course
 * the referral already waits for, while it is still full, is a conflict and changes nothing.
 */
export async function recordTransition(
  tx: Tx,
  ctx: AuthedContext,
  c: CheckedTransition,
  placement?: 'enrolled' | 'waitlisted',
): Promise<ReferralState> {
  const { name, input } = c;
  let to = c.to;
  let eventReason = input.reason ?? input.reasonCode ?? null;
  if (name === 'enroll' && placement === 'waitlisted') {
    if (c.from === 'waitlisted' && c.courseId === input.courseId) {
      throw new AppError(
        'conflict',
        {
          da: 'Holdet er stadig fuldt; borgeren står på ventelisten.',
          en: 'The course is still full; the citizen is on the waiting list.',
        },
        { currentState: c.from, transition: name },
      );
    }
    to = 'waitlisted';
    eventReason = 'Holdet er fuldt: venteliste';
  }
  await repo.setState(tx, c.referralId, {
    state: to,
    reason: name === 'reject' || name === 'cancel' || name === 'drop_out' ? input.reason : null,
    reasonCode: name === 'drop_out' ? input.reasonCode : null,
    courseId: name === 'enroll' ? input.courseId : null,
    consentId: c.consentId,
  });
  await repo.insertEvent(tx, {
    municipalityCode: c.municipalityCode,
    referralId: c.referralId,
    fromState: c.from,
    toState: to,
    reason: eventReason,
    actorUserId: ctx.actor.userId,
    actorOrganisationId: c.grant.organisationId,
  });
  await audit(tx, ctx, {
    action: 'update',
    policyAction: 'referral.transition',
    resourceType: 'referral',
    resourceId: c.referralId,
    citizenId: c.citizenId,
    grant: c.grant,
    details: { transition: name, from: c.from, to },
  });
  return to;
}

/**
 * A waitlisted referral whose citizen got a freed place on the course: enrolled, with the reason
 * in the history. The enrolment lifecycle calls it for each one the course moved up.
 */
export async function recordPromotion(
  tx: Tx,
  ctx: AuthedContext,
  referralId: string,
): Promise<void> {
  const row = await repo.findReferral(tx, referralId, true);
  if (row?.state !== 'waitlisted') return;
  await repo.setState(tx, referralId, { state: 'enrolled' });
  const grant = ctx.actor.grants[0] ?? null;
  await repo.insertEvent(tx, {
    municipalityCode: row.municipality_code,
    referralId,
    fromState: 'waitlisted',
    toState: 'enrolled',
    reason: 'Ledig plads: først på ventelisten',
    actorUserId: ctx.actor.userId,
    actorOrganisationId: grant?.organisationId ?? null,
  });
}

/** The referral's state, for the lifecycle (no audit: the caller's step writes it). */
/**
 * Randers' intro meeting: the recipient records that the citizen attended it (the enrolment
 * service writes the attendance through the course module). Loads and authorizes the referral.
 */
export async function loadForIntroMeeting(tx: Tx, ctx: AuthedContext, id: string) {
  const { row, grant } = await loadReferral(tx, ctx, id, 'referral.intro_meeting', true);
  if (!row.intro_required) {
    throw new AppError('conflict', {
      da: 'Tilbuddet har ikke et intromøde før tilmelding.',
      en: 'The offer has no intro meeting before sign-up.',
    });
  }
  return { citizenId: row.citizen_id, offerId: row.offer_id, grant };
}

export async function stateOf(tx: Tx, referralId: string): Promise<ReferralState | null> {
  return ((await repo.findReferral(tx, referralId))?.state as ReferralState) ?? null;
}

/** The referral with its history, as the transition route answers, after the step. */
export async function presentReferral(tx: Tx, ctx: AuthedContext, id: string) {
  const row = (await repo.findReferral(tx, id))!;
  return present(ctx, row, await repo.listEvents(tx, id));
}

export async function getReferral(ctx: AuthedContext, id: string) {
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const { row, grant } = await loadReferral(tx, ctx, id, 'referral.read');
    await audit(tx, ctx, {
      action: 'read',
      policyAction: 'referral.read',
      resourceType: 'referral',
      resourceId: id,
      citizenId: row.citizen_id,
      grant,
    });
    const shown = present(ctx, row, await repo.listEvents(tx, id));
    // The recipient's shared view depends on the consent, read now: the page offers it only then.
    const shared = allowedActions(
      ctx.actor,
      ['referral.shared'],
      (await sharedScope(tx, row)).scope,
    );
    shown.allowedActions = [
      ...shown.allowedActions.filter((a) => a !== 'referral.shared'),
      ...shared,
    ];
    // The page links to the citizen's health profile for those who may open it.
    if (await mayReadProfile(tx, ctx, row.citizen_id))
      shown.allowedActions = [...shown.allowedActions, 'health.profile.read'];
    return shown;
  });
}

export async function listReferrals(
  ctx: AuthedContext,
  q: { state?: string; citizenId?: string; offerId?: string; limit?: number; offset?: number },
) {
  const grant = authorize(ctx.actor, 'referral.list');
  const limit = q.limit ?? 25;
  const offset = q.offset ?? 0;
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    let filter: repo.ListFilter = { ...q, limit, offset };
    if (hasRole(ctx.actor, 'caseworker', 'coordinating_caseworker')) {
      if (q.citizenId) await loadCitizenFor(tx, ctx, q.citizenId, 'referral.read');
    } else if (hasRole(ctx.actor, 'health_professional', 'provider_staff')) {
      filter = {
        ...filter,
        toOrganisationIds: [
          ...orgIds(ctx.actor, 'provider_staff'),
          ...orgIds(ctx.actor, 'health_professional'),
        ],
      };
    } else {
      filter = {
        ...filter,
        citizenId: ctx.actor.citizenId ?? '00000000-0000-0000-0000-000000000000',
      };
    }
    const { rows, total, counts } = await repo.listReferrals(tx, filter);
    await auditMany(
      tx,
      ctx,
      rows.map((r) => ({
        action: 'search' as const,
        policyAction: 'referral.list',
        resourceType: 'referral',
        resourceId: r.id,
        citizenId: r.citizen_id,
        grant,
      })),
    );
    return {
      items: rows.map((r) => present(ctx, r)),
      total,
      limit,
      offset,
      counts: Object.fromEntries(counts.map((c) => [c.state, Number(c.n)])),
    };
  });
}

/**
 * The row scope of the shared view: the recipient is in it while the citizen's valid consent to
 * it covers at least one category the referral names (any valid consent when it names none).
 */
async function sharedScope(tx: Tx, row: repo.ReferralRow) {
  const consented =
    row.state === 'draft'
      ? { categories: [] as string[], consentId: null }
      : await consentedCategories(tx, row.citizen_id, row.to_organisation_id);
  const covers = row.shared_categories.length
    ? row.shared_categories.some((c) => consented.categories.includes(c))
    : consented.categories.length > 0;
  const scope: RowScope = {
    ...referralScope(row),
    consentOrganisationIds: covers ? [row.to_organisation_id] : [],
  };
  return { scope, consented };
}

/**
 * What the referral shares, as the reader may see it: built by the one cross-organisation view
 * builder (modules/sharing). The recipient reaches the view while the citizen's valid consent to
 * it covers at least one category the referral names; inside, each category and each course's
 * data only where the builder gives a basis (consent and the recipient's own courses).
 */
export async function getSharedData(ctx: AuthedContext, id: string) {
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const row = await repo.findReferral(tx, id);
    if (!row) throw notFound({ da: 'Henvisningen findes ikke.', en: 'Referral not found.' });
    const { scope, consented } = await sharedScope(tx, row);
    const grant = authorize(ctx.actor, 'referral.shared', scope);
    const { rows: citizens } = await sql<{
      birth_date: string;
      phone: string | null;
      email: string | null;
      address: string | null;
    }>`select birth_date::text as birth_date, phone, email,
        nullif(concat_ws(', ', address, concat_ws(' ', postal_code, city)), '') as address
      from citizen where id = ${row.citizen_id}`.execute(tx);
    const c = citizens[0]!;
    const { rows: consentRows } = consented.consentId
      ? await sql<{ id: string; purpose: string; valid_to: string | null; categories: string[] }>`
          select id, purpose, valid_to::text as valid_to, categories from consent
          where id = ${consented.consentId}`.execute(tx)
      : { rows: [] };
    await audit(tx, ctx, {
      action: 'read',
      policyAction: 'referral.shared',
      resourceType: 'referral_shared_data',
      resourceId: id,
      citizenId: row.citizen_id,
      grant,
      details: { categories: row.shared_categories },
    });
    const built = await sharing.referralView(tx, ctx, grant, row);
    return {
      referralId: row.id,
      citizen: {
        id: row.citizen_id,
        name: row.citizen_name,
        birthDate: c.birth_date,
        phone: c.phone,
        email: c.email,
        address: c.address,
      },
      reason: row.reason,
      participation: row.participation,
      sharedCategories: row.shared_categories,
      consent: consentRows[0]
        ? {
            id: consentRows[0].id,
            purpose: consentRows[0].purpose,
            validTo: consentRows[0].valid_to,
            categories: consentRows[0].categories,
          }
        : null,
      ...built,
    };
  });
}

export async function listMessages(ctx: AuthedContext, id: string) {
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const { row, grant } = await loadReferral(tx, ctx, id, 'referral.message');
    const rows = await repo.listMessages(tx, id);
    await audit(tx, ctx, {
      action: 'read',
      policyAction: 'referral.message',
      resourceType: 'referral_message',
      resourceId: id,
      citizenId: row.citizen_id,
      grant,
    });
    return rows.map((m) => ({
      id: m.id,
      body: m.body,
      authorName: m.author_name,
      authorOrganisationName: m.author_organisation_name,
      createdAt: iso(m.created_at),
    }));
  });
}

export async function postMessage(ctx: AuthedContext, id: string, body: string) {
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const { row, grant } = await loadReferral(tx, ctx, id, 'referral.message');
    const messageId = await repo.insertMessage(tx, {
      municipalityCode: row.municipality_code,
      referralId: id,
      authorUserId: ctx.actor.userId,
      authorOrganisationId: grant.organisationId,
      body: body.trim(),
    });
    await audit(tx, ctx, {
      action: 'create',
      policyAction: 'referral.message',
      resourceType: 'referral_message',
      resourceId: messageId,
      citizenId: row.citizen_id,
      grant,
      details: { referralId: id },
    });
    const m = (await repo.listMessages(tx, id)).find((x) => x.id === messageId)!;
    return {
      id: m.id,
      body: m.body,
      authorName: m.author_name,
      authorOrganisationName: m.author_organisation_name,
      createdAt: iso(m.created_at),
    };
  });
}

export async function listOffers(ctx: AuthedContext) {
  authorize(ctx.actor, 'referral.offers');
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) =>
    (await repo.listOffers(tx)).map((o) => ({
      id: o.id,
      title: o.title,
      providerOrganisationId: o.provider_organisation_id,
      providerName: o.provider_name,
      referralType: o.referral_type,
      weeks: o.weeks === null ? null : Number(o.weeks),
    })),
  );
}

/** Open flags: a citizen missed two sessions in a row without notice. */
export async function listFlags(ctx: AuthedContext) {
  const grant = authorize(ctx.actor, 'referral.flags.list');
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    // Absence is attendance data: the builder lets a flag through by law (mandatory activation
    // the job centre referred to) or under the citizen's consent to 'attendance'.
    const open = await repo.listOpenFlags(tx);
    const shown = await sharing.visibleFlagIds(
      tx,
      grant,
      ctx.actor.municipalityCode,
      open.map((r) => r.id),
    );
    const rows = open.filter((r) => shown.has(r.id));
    await auditMany(
      tx,
      ctx,
      rows.map((r) => ({
        action: 'search' as const,
        policyAction: 'referral.flags.list',
        resourceType: 'attendance',
        resourceId: r.id,
        citizenId: r.citizen_id,
        grant,
        details: { view: 'absence_flags', basis: sharing.presentBasis(shown.get(r.id)!) },
      })),
    );
    return rows.map((r) => ({
      id: r.id,
      citizenId: r.citizen_id,
      citizenName: r.citizen_name,
      courseId: r.course_id,
      courseTitle: r.course_title,
      referralId: r.referral_id,
      sessionStartsAt: iso(r.session_starts_at),
      raisedAt: iso(r.raised_at),
      basis: sharing.presentBasis(shown.get(r.id)!),
    }));
  });
}

export async function resolveFlag(ctx: AuthedContext, id: string) {
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const flag = await repo.findFlag(tx, id);
    if (!flag) throw notFound();
    const grant = authorize(ctx.actor, 'referral.flags.resolve', {
      municipalityCode: flag.municipality_code,
      citizenId: flag.citizen_id,
    });
    // A flag the caseworker may not see (voluntary offer, no consent to attendance) is not there.
    const shown = await sharing.visibleFlagIds(tx, grant, flag.municipality_code, [id]);
    if (!shown.has(id)) throw notFound();
    await repo.resolveFlag(tx, id, ctx.actor.userId);
    await audit(tx, ctx, {
      action: 'update',
      policyAction: 'referral.flags.resolve',
      resourceType: 'attendance_flag',
      resourceId: id,
      citizenId: flag.citizen_id,
      grant,
    });
    return null;
  });
}
