/**
 * Min side: the citizen's own view, mobile first. A proxy (fuldmagt) acts for a citizen by
 * naming them in the X-Act-For header; the grant's scopes decide what the proxy may do, and
 * every action a proxy takes is written to the audit log with proxy_for_citizen_id.
 */
import { sql } from 'kysely';
import { type AuditEntry, audit } from '../../platform/audit.js';
import { type AuthedContext, type Grant, type Tx, tenantTx } from '../../platform/context.js';
import { danishToday } from '../../platform/dates.js';
import { AppError, notFound } from '../../platform/errors.js';
import { authorize, ruleFor } from '../../platform/policy.js';
import { loadCitizenFor } from '../citizens/citizens.service.js';
import * as consents from '../consents/consents.service.js';
import * as enrolment from '../enrolment/enrolment.service.js';
import * as plans from '../plans/plans.service.js';
import { calendar } from './portal.ics.js';
import * as repo from './portal.repo.js';

export type ProxyScope = 'plan' | 'sessions' | 'referrals' | 'consents' | 'offers' | 'messages';

interface Subject {
  citizenId: string;
  /** Set when a proxy acts: the citizen acted for. */
  proxyFor: string | null;
  grant: Grant;
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** Writes audit rows with proxy_for_citizen_id (the platform helper has no such field). */
async function portalAudit(
  tx: Tx,
  ctx: AuthedContext,
  subject: Subject,
  e: Omit<AuditEntry, 'grant' | 'citizenId'>,
) {
  const purpose = ruleFor(e.policyAction)?.purpose.da ?? e.policyAction;
  await sql`insert into audit_event (municipality_code, actor_user_id, actor_role, actor_organisation_id,
      proxy_for_citizen_id, citizen_id, action, resource_type, resource_id, purpose, request_id, ip, details)
    values (${ctx.actor.municipalityCode}, ${ctx.actor.userId}, ${subject.grant.role},
      ${subject.grant.organisationId}, ${subject.proxyFor}, ${subject.citizenId}, ${e.action},
      ${e.resourceType}, ${e.resourceId ?? null}, ${purpose}, ${ctx.requestId}, ${ctx.ip},
      ${e.details ? JSON.stringify(e.details) : null}::jsonb)`.execute(tx);
}

async function subjectOf(
  tx: Tx,
  ctx: AuthedContext,
  actFor: string | undefined,
  scope: ProxyScope,
  action: 'portal.read' | 'portal.act',
): Promise<Subject> {
  const own = ctx.actor.citizenId;
  if (!actFor || actFor === own) {
    const grant = authorize(ctx.actor, action, {
      municipalityCode: ctx.actor.municipalityCode,
      citizenId: own,
    });
    if (!own) throw notFound();
    return { citizenId: own, proxyFor: null, grant };
  }
  if (
    !/^[0-9a-f-]{36}$/i.test(actFor) ||
    !(await repo.proxyGrant(tx, ctx.actor.userId, actFor, scope))
  ) {
    throw notFound({ da: 'Du har ikke fuldmagt til dette.', en: 'No proxy grant for this.' });
  }
  // The grant stands in for the citizen: authorise as if the proxy were the citizen.
  const grant = authorize({ ...ctx.actor, citizenId: actFor }, action, {
    municipalityCode: ctx.actor.municipalityCode,
    citizenId: actFor,
  });
  return { citizenId: actFor, proxyFor: actFor, grant };
}

async function run<T>(
  ctx: AuthedContext,
  actFor: string | undefined,
  scope: ProxyScope,
  action: 'portal.read' | 'portal.act',
  resourceType: string,
  fn: (tx: Tx, subject: Subject) => Promise<T>,
): Promise<T> {
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const subject = await subjectOf(tx, ctx, actFor, scope, action);
    const result = await fn(tx, subject);
    // The citizen's own reads are not logged (they would flood the log they read); a proxy's
    // reads are, so the citizen sees them.
    if (action === 'portal.read' && subject.proxyFor) {
      await portalAudit(tx, ctx, subject, { action: 'read', policyAction: action, resourceType });
    }
    return result;
  });
}

/**
 * One entry per citizen the user acts for: a citizen may give the same person a second proxy
 * (say, consents for a month on top of a standing one); the proxy may do what any of them allows,
 * as `proxyGrant` checks per scope.
 */
function mergeByCitizen(rows: { citizen_id: string; name: string; scopes: string[] }[]) {
  const byCitizen = new Map<string, { citizenId: string; name: string; scopes: string[] }>();
  for (const r of rows) {
    const seen = byCitizen.get(r.citizen_id);
    if (seen) seen.scopes = [...new Set([...seen.scopes, ...r.scopes])];
    else byCitizen.set(r.citizen_id, { citizenId: r.citizen_id, name: r.name, scopes: r.scopes });
  }
  return [...byCitizen.values()];
}

export async function me(ctx: AuthedContext) {
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    if (!ctx.actor.citizenId && !ctx.actor.grants.some((g) => g.role === 'citizen')) {
      throw new AppError('forbidden');
    }
    const p = await repo.proxiesFor(tx, ctx.actor.userId, ctx.actor.citizenId);
    return {
      citizenId: ctx.actor.citizenId,
      actingFor: mergeByCitizen(p.actingFor),
      grantedTo: p.grantedTo.map((g) => ({
        id: g.id,
        name: g.name,
        scopes: g.scopes,
        validTo: g.valid_to,
      })),
    };
  });
}

export async function myPlan(ctx: AuthedContext, actFor?: string) {
  return run(ctx, actFor, 'plan', 'portal.read', 'plan', async (tx, subject) => {
    const view = await plans.planView(tx, subject.citizenId, []);
    await plans.markPlanSeen(tx, subject.citizenId);
    return view;
  });
}

export async function acceptPlan(ctx: AuthedContext, version: number, actFor?: string) {
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const subject = await subjectOf(tx, ctx, actFor, 'plan', 'portal.act');
    const planId = await plans.acceptCurrentVersion(
      tx,
      subject.citizenId,
      version,
      ctx.actor.userId,
      !!subject.proxyFor,
    );
    await portalAudit(tx, ctx, subject, {
      action: 'update',
      policyAction: 'portal.act',
      resourceType: 'plan_version',
      resourceId: planId,
      details: { accepted: version },
    });
    return plans.planView(tx, subject.citizenId, []);
  });
}

async function sessionsOf(tx: Tx, citizenId: string) {
  return (await repo.upcomingSessions(tx, citizenId)).map((s) => ({
    id: s.id,
    startsAt: iso(s.starts_at)!,
    endsAt: iso(s.ends_at)!,
    cancelled: s.status === 'cancelled',
    title: s.course_title,
    offerTitle: s.offer_title,
    place: s.place,
    providerName: s.provider_name,
  }));
}

export async function mySessions(ctx: AuthedContext, actFor?: string) {
  return run(ctx, actFor, 'sessions', 'portal.read', 'course_session', async (tx, subject) => ({
    items: await sessionsOf(tx, subject.citizenId),
  }));
}

export async function mySessionsIcs(ctx: AuthedContext, actFor?: string) {
  return run(ctx, actFor, 'sessions', 'portal.read', 'course_session', async (tx, subject) => {
    const items = await sessionsOf(tx, subject.citizenId);
    return calendar(
      items.map((s) => ({
        uid: `${s.id}@helhed.dk`,
        start: new Date(s.startsAt),
        end: new Date(s.endsAt),
        summary: s.title,
        location: s.place,
        description: `${s.offerTitle} – ${s.providerName}`,
        cancelled: s.cancelled,
      })),
    );
  });
}

export async function myReferrals(ctx: AuthedContext, actFor?: string) {
  return run(ctx, actFor, 'referrals', 'portal.read', 'referral', async (tx, subject) => ({
    items: (await repo.referrals(tx, subject.citizenId)).map((r) => ({
      id: r.id,
      offerTitle: r.offer_title,
      toOrganisationName: r.to_name,
      state: r.state,
      participation: r.participation,
      updatedAt: iso(r.updated_at)!,
    })),
  }));
}

export async function myConsents(ctx: AuthedContext, actFor?: string) {
  return run(ctx, actFor, 'consents', 'portal.read', 'consent', async (tx, subject) => ({
    items: (await repo.consents(tx, subject.citizenId)).map((c) => ({
      id: c.id,
      recipientOrganisationId: c.recipient_organisation_id,
      recipientName: c.recipient_name,
      categories: c.categories,
      purpose: c.purpose,
      validFrom: c.valid_from,
      validTo: c.valid_to,
      givenHow: c.given_how,
      status: c.status,
      withdrawnAt: iso(c.withdrawn_at),
      createdAt: iso(c.created_at)!,
    })),
    organisations: (await repo.organisations(tx)).filter((o) => o.type !== 'association'),
  }));
}

export async function giveMyConsent(
  ctx: AuthedContext,
  input: {
    recipientOrganisationId: string;
    categories: string[];
    purpose: string;
    validTo?: string | null;
  },
  actFor?: string,
) {
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const subject = await subjectOf(tx, ctx, actFor, 'consents', 'portal.act');
    const orgs = await repo.organisations(tx);
    if (!orgs.some((o) => o.id === input.recipientOrganisationId)) {
      throw new AppError(
        'validation',
        { da: 'Modtageren findes ikke.', en: 'Unknown recipient.' },
        {
          errors: [{ in: 'body', pointer: '/recipientOrganisationId', message: 'Findes ikke' }],
        },
      );
    }
    // Recorded by the consent module: the citizen (or their proxy) is the one who gave it, in
    // the portal.
    const id = await consents.recordPortalConsent(tx, ctx, {
      citizenId: subject.citizenId,
      recipientOrganisationId: input.recipientOrganisationId,
      categories: input.categories,
      purpose: input.purpose,
      validTo: input.validTo ?? null,
    });
    await portalAudit(tx, ctx, subject, {
      action: 'create',
      policyAction: 'portal.act',
      resourceType: 'consent',
      resourceId: id,
      details: { categories: input.categories },
    });
    return { id };
  });
}

export async function withdrawMyConsent(ctx: AuthedContext, consentId: string, actFor?: string) {
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const subject = await subjectOf(tx, ctx, actFor, 'consents', 'portal.act');
    const found = await repo.findConsent(tx, subject.citizenId, consentId);
    if (!found) throw notFound({ da: 'Samtykket findes ikke.', en: 'Consent not found.' });
    if (found.status !== 'given') {
      throw new AppError('conflict', {
        da: 'Samtykket er allerede trukket tilbage eller ikke givet.',
        en: 'The consent is not in force.',
      });
    }
    await consents.withdrawPortalConsent(tx, ctx, consentId);
    await portalAudit(tx, ctx, subject, {
      action: 'update',
      policyAction: 'portal.act',
      resourceType: 'consent',
      resourceId: consentId,
      details: { withdrawn: true },
    });
    return { id: consentId, status: 'withdrawn' };
  });
}

export async function myOffers(ctx: AuthedContext, actFor?: string) {
  return run(ctx, actFor, 'offers', 'portal.read', 'offer', async (tx, subject) => ({
    items: (await repo.openOffers(tx, subject.citizenId)).map((o) => ({
      id: o.id,
      title: o.title,
      description: o.description,
      kind: o.kind,
      place: o.place_name,
      providerName: o.provider_name,
      courseId: o.course_id,
      startDate: o.start_date,
      freeSeats: o.capacity === null ? null : Math.max(0, Number(o.capacity) - Number(o.enrolled)),
      myStatus: o.my_status,
    })),
  }));
}

export async function signUpForOffer(ctx: AuthedContext, offerId: string, actFor?: string) {
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const subject = await subjectOf(tx, ctx, actFor, 'offers', 'portal.act');
    const offer = await repo.offerCourse(tx, offerId);
    if (!offer)
      throw notFound({ da: 'Tilbuddet findes ikke eller er ikke åbent.', en: 'Offer not found.' });
    if (!offer.course_id) {
      throw new AppError('conflict', {
        da: 'Der er ikke noget hold at tilmelde sig lige nu.',
        en: 'No course to sign up for right now.',
      });
    }
    // The enrolment lifecycle's one owner takes the place (or the place in line) and moves the
    // line; the portal only finds the offer's next course and audits the proxy (decision 1020).
    const result = await enrolment.placeCitizen(
      tx,
      ctx,
      { courseId: offer.course_id, offerId, citizenId: subject.citizenId },
      { policyAction: 'portal.act', grant: subject.grant },
    );
    await portalAudit(tx, ctx, subject, {
      action: 'create',
      policyAction: 'portal.act',
      resourceType: 'enrolment',
      resourceId: result.enrolmentId,
      details: { offerId, status: result.status },
    });
    return { status: result.status, waitlistPosition: result.waitlistPosition };
  });
}

function presentMessages(rows: Awaited<ReturnType<typeof repo.messages>>) {
  return {
    items: rows.map((m) => ({
      id: m.id,
      body: m.body,
      fromCitizen: m.from_citizen,
      byProxy: m.proxy_for_citizen_id !== null,
      senderName: m.sender_name,
      createdAt: iso(m.created_at)!,
    })),
  };
}

export async function myMessages(ctx: AuthedContext, actFor?: string) {
  return run(ctx, actFor, 'messages', 'portal.read', 'portal_message', async (tx, subject) =>
    presentMessages(await repo.messages(tx, subject.citizenId)),
  );
}

export async function sendMyMessage(ctx: AuthedContext, body: string, actFor?: string) {
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const subject = await subjectOf(tx, ctx, actFor, 'messages', 'portal.act');
    const id = await repo.insertMessage(
      tx,
      ctx.actor.municipalityCode,
      subject.citizenId,
      ctx.actor.userId,
      true,
      subject.proxyFor,
      body,
    );
    await portalAudit(tx, ctx, subject, {
      action: 'create',
      policyAction: 'portal.act',
      resourceType: 'portal_message',
      resourceId: id,
    });
    return presentMessages(await repo.messages(tx, subject.citizenId));
  });
}

export async function staffMessages(ctx: AuthedContext, citizenId: string, body?: string) {
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const { grant } = await loadCitizenFor(tx, ctx, citizenId, 'portal.staff_messages');
    let id: string | null = null;
    if (body !== undefined) {
      id = await repo.insertMessage(
        tx,
        ctx.actor.municipalityCode,
        citizenId,
        ctx.actor.userId,
        false,
        null,
        body,
      );
    }
    await audit(tx, ctx, {
      action: body === undefined ? 'read' : 'create',
      policyAction: 'portal.staff_messages',
      resourceType: 'portal_message',
      resourceId: id,
      citizenId,
      grant,
    });
    return presentMessages(await repo.messages(tx, citizenId));
  });
}

/** The citizen grants a fuldmagt to another citizen user, with the scopes they choose. */
export async function grantProxy(
  ctx: AuthedContext,
  input: { username: string; scopes: ProxyScope[]; validTo?: string | null },
) {
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    // Only the citizen themself grants a proxy; a proxy cannot pass its access on.
    const subject = await subjectOf(tx, ctx, undefined, 'plan', 'portal.act');
    if (input.validTo && input.validTo < danishToday()) {
      throw new AppError(
        'validation',
        {
          da: 'Fuldmagten kan ikke slutte før i dag.',
          en: 'The proxy cannot end before today.',
        },
        { errors: [{ in: 'body', pointer: '/validTo', message: 'Før i dag' }] },
      );
    }
    const user = await repo.citizenUserByUsername(tx, input.username.trim());
    if (!user || user.id === ctx.actor.userId) {
      throw new AppError(
        'validation',
        { da: 'Brugeren findes ikke.', en: 'No such user.' },
        {
          errors: [{ in: 'body', pointer: '/username', message: 'Findes ikke' }],
        },
      );
    }
    const id = await repo.insertProxyGrant(
      tx,
      ctx.actor.municipalityCode,
      subject.citizenId,
      user.id,
      input.scopes,
      input.validTo ?? null,
    );
    await portalAudit(tx, ctx, subject, {
      action: 'create',
      policyAction: 'portal.act',
      resourceType: 'proxy_grant',
      resourceId: id,
      details: { scopes: input.scopes },
    });
    return { id, name: user.display_name, scopes: input.scopes, validTo: input.validTo ?? null };
  });
}

export async function revokeProxy(ctx: AuthedContext, id: string) {
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const subject = await subjectOf(tx, ctx, undefined, 'plan', 'portal.act');
    if (!(await repo.revokeProxyGrant(tx, subject.citizenId, id))) {
      throw notFound({ da: 'Fuldmagten findes ikke.', en: 'Proxy grant not found.' });
    }
    await portalAudit(tx, ctx, subject, {
      action: 'update',
      policyAction: 'portal.act',
      resourceType: 'proxy_grant',
      resourceId: id,
      details: { revoked: true },
    });
    return { id, revoked: true };
  });
}
