import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, login, type Session, type TestApp } from '../../../test/helper.js';
import {
  act,
  createCourse,
  createOffer,
  createReferral,
  driveTo,
  extraFor,
  giveConsent,
  type Municipality,
  municipality,
} from './referrals.fixtures.js';
import {
  isAllowed,
  type ReferralState,
  referralStates,
  transitionNames,
  transitions,
} from './referrals.machine.js';

let t: TestApp;
let caseworker: Session;
let provider: Session;
let health: Session;
let odenseProvider: Session;
let rebild: Municipality;
let offer: string;
let healthOffer: string;

beforeAll(async () => {
  t = await buildTestApp();
  caseworker = await login(t.app, 'rebild.sagsbehandler');
  provider = await login(t.app, 'rebild.udbyder');
  health = await login(t.app, 'rebild.sundhed');
  odenseProvider = await login(t.app, 'odense.udbyder');
  rebild = await municipality(t, '840');
  offer = await createOffer(t, rebild, rebild.provider, 'Motion og træning – trin 1 (test)');
  healthOffer = await createOffer(t, rebild, rebild.sundhedscenter, 'Motion – trin 2 (test)');
});

afterAll(async () => {
  await t?.close();
});

const get = (s: Session, id: string) => s.inject({ method: 'GET', url: `/api/referrals/${id}` });

describe('consent before referral', () => {
  it('refuses shared categories the citizen has not consented to, with consent_required', async () => {
    const citizen = rebild.citizens[1]!;
    const res = await caseworker.inject({
      method: 'POST',
      url: '/api/referrals',
      payload: {
        citizenId: citizen,
        offerId: offer,
        reason: 'Sygemeldt, ønsker træning',
        participation: 'voluntary',
        sharedCategories: ['attendance'],
      },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({
      code: 'consent_required',
      missingCategories: ['attendance'],
    });

    await giveConsent(caseworker, citizen, rebild.provider, ['attendance']);
    const limited = await caseworker.inject({
      method: 'POST',
      url: '/api/referrals',
      payload: {
        citizenId: citizen,
        offerId: offer,
        reason: 'Sygemeldt, ønsker træning',
        participation: 'mandatory',
        sharedCategories: ['attendance', 'health_profile'],
      },
    });
    expect(limited.statusCode).toBe(403);
    expect(limited.json().missingCategories).toEqual(['health_profile']);

    const ok = await createReferral(caseworker, citizen, offer, ['attendance']);
    expect(ok.state).toBe('draft');
    const body = (await get(caseworker, ok.id)).json();
    expect(body).toMatchObject({
      toOrganisationId: rebild.provider,
      fromOrganisationId: rebild.jobcenter,
      participation: 'voluntary',
      sharedCategories: ['attendance'],
    });
  });

  it('records a refusal, which gives no access', async () => {
    const citizen = rebild.citizens[2]!;
    const res = await caseworker.inject({
      method: 'POST',
      url: '/api/consents',
      payload: {
        citizenId: citizen,
        recipientOrganisationId: rebild.provider,
        categories: ['attendance'],
        purpose: 'Henvisning',
        givenHow: 'signed_paper',
        status: 'refused',
      },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      status: 'refused',
      active: false,
      recordedByName: expect.any(String),
    });
    const list = await caseworker.inject({
      method: 'GET',
      url: `/api/consents?citizenId=${citizen}`,
    });
    expect(list.json()).toHaveLength(1);
    const refused = await caseworker.inject({
      method: 'POST',
      url: '/api/referrals',
      payload: {
        citizenId: citizen,
        offerId: offer,
        reason: 'x'.repeat(10),
        participation: 'voluntary',
        sharedCategories: ['attendance'],
      },
    });
    expect(refused.json().code).toBe('consent_required');
  });

  it('withdrawing the consent makes the provider’s next read of the shared data answer 404', async () => {
    const citizen = rebild.citizens[3]!;
    const consentId = await giveConsent(caseworker, citizen, rebild.provider, [
      'attendance',
      'outcome',
    ]);
    const r = await createReferral(caseworker, citizen, offer, ['attendance', 'outcome']);
    expect((await act(caseworker, r.id, 'send')).statusCode).toBe(200);

    const before = await provider.inject({ method: 'GET', url: `/api/referrals/${r.id}/shared` });
    expect(before.statusCode).toBe(200);
    expect(before.json()).toMatchObject({
      sharedCategories: ['attendance', 'outcome'],
      citizen: { id: citizen },
      consent: { id: consentId },
    });

    const withdrawn = await caseworker.inject({
      method: 'POST',
      url: `/api/consents/${consentId}/withdraw`,
    });
    expect(withdrawn.statusCode).toBe(200);
    expect(withdrawn.json()).toMatchObject({ status: 'withdrawn', active: false });

    const after = await provider.inject({ method: 'GET', url: `/api/referrals/${r.id}/shared` });
    expect(after.statusCode).toBe(404);
    expect(after.headers['content-type']).toContain('application/problem+json');
    // The job center, who holds the data, still reads it.
    expect(
      (await caseworker.inject({ method: 'GET', url: `/api/referrals/${r.id}/shared` })).statusCode,
    ).toBe(200);
    // Sending another referral with the same categories now needs a new consent.
    const again = await caseworker.inject({
      method: 'POST',
      url: '/api/referrals',
      payload: {
        citizenId: citizen,
        offerId: offer,
        reason: 'Igen',
        participation: 'voluntary',
        sharedCategories: ['outcome'],
      },
    });
    expect(again.json().code).toBe('consent_required');
  });

  it('a citizen withdraws their own consent in the portal', async () => {
    const borger = await login(t.app, 'rebild.borger');
    const citizen = borger.user.citizenId!;
    const consentId = await giveConsent(caseworker, citizen, rebild.sundhedscenter, ['outcome']);
    const mine = await borger.inject({ method: 'GET', url: `/api/consents?citizenId=${citizen}` });
    expect(mine.json().map((c: { id: string }) => c.id)).toContain(consentId);
    const res = await borger.inject({ method: 'POST', url: `/api/consents/${consentId}/withdraw` });
    expect(res.statusCode).toBe(200);
    const other = await borger.inject({
      method: 'GET',
      url: `/api/consents?citizenId=${rebild.citizens.find((c) => c !== citizen)}`,
    });
    expect(other.statusCode).toBe(404);
  });
});

describe('the referral state machine', () => {
  const citizenFor = () => rebild.citizens[0]!;
  beforeAll(async () => {
    await giveConsent(caseworker, citizenFor(), rebild.provider, ['attendance']);
  });

  for (const state of referralStates) {
    it(`from ${state}: legal steps succeed, illegal ones answer 409 and change nothing`, async () => {
      for (const name of transitionNames) {
        const r = await createReferral(caseworker, citizenFor(), offer);
        const course = await createCourse(provider, offer, { weeks: 1, capacity: 5 });
        await driveTo({ caseworker, provider }, r.id, state as ReferralState, course.id);
        const before = (await get(caseworker, r.id)).json();
        expect(before.state).toBe(state);
        const actor = transitions[name].side === 'caseworker' ? caseworker : provider;
        const res = await act(actor, r.id, name, extraFor(name, course.id));
        const after = (await get(caseworker, r.id)).json();
        if (isAllowed(name, state as ReferralState)) {
          expect(res.statusCode, `${state} → ${name}: ${res.body}`).toBe(200);
          expect(res.json().state).toBe(transitions[name].to);
          expect(after.history).toHaveLength(before.history.length + 1);
          expect(after.history.at(-1)).toMatchObject({
            fromState: state,
            toState: transitions[name].to,
            actorName: expect.any(String),
          });
        } else if (state === 'draft' && transitions[name].side === 'provider') {
          // A draft is the job center's own: the recipient cannot see it at all.
          expect(res.statusCode, `${state} → ${name}`).toBe(404);
          expect(after.history).toEqual(before.history);
        } else {
          expect(res.statusCode, `${state} → ${name}`).toBe(409);
          expect(res.headers['content-type']).toContain('application/problem+json');
          expect(res.json()).toMatchObject({
            code: 'conflict',
            currentState: state,
            transition: name,
          });
          expect(res.json().detail).toContain(state);
          expect(after.state).toBe(state);
          expect(after.history).toEqual(before.history);
          expect(after.updatedAt).toBe(before.updatedAt);
        }
      }
    });
  }

  it('each side takes only its own steps (403), and reasons are required', async () => {
    const r = await createReferral(caseworker, citizenFor(), offer);
    expect((await act(provider, r.id, 'send')).statusCode).toBe(404); // drafts are not the recipient's
    expect((await act(caseworker, r.id, 'send')).statusCode).toBe(200);
    expect((await act(caseworker, r.id, 'receive')).statusCode).toBe(403);
    expect((await act(provider, r.id, 'cancel')).statusCode).toBe(403);
    expect((await act(provider, r.id, 'receive')).statusCode).toBe(200);
    const noReason = await act(provider, r.id, 'reject');
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors[0].pointer).toBe('/reason');
    const rejected = await act(provider, r.id, 'reject', { reason: 'Ingen plads i år' });
    expect(rejected.json()).toMatchObject({ state: 'rejected', stateReason: 'Ingen plads i år' });
  });

  it('both sides see the same history with who and when', async () => {
    const r = await createReferral(caseworker, citizenFor(), offer);
    const course = await createCourse(provider, offer, { weeks: 1 });
    await driveTo({ caseworker, provider }, r.id, 'started', course.id);
    const mine = (await get(caseworker, r.id)).json();
    const theirs = (await get(provider, r.id)).json();
    expect(theirs.history).toEqual(mine.history);
    expect(mine.history.map((e: { toState: string }) => e.toState)).toEqual([
      'draft',
      'sent',
      'received',
      'accepted',
      'enrolled',
      'started',
    ]);
    expect(mine.history[1]).toMatchObject({
      actorName: 'Sara Sagsbehandler',
      actorOrganisationName: 'Jobcenter Rebild',
    });
    expect(mine.history[2]).toMatchObject({ actorName: 'Ulla Udbyder' });
    expect(new Date(mine.history[2].occurredAt).getTime()).toBeGreaterThan(0);
  });
});

describe('who sees which referral', () => {
  it('a provider never sees referrals to another provider; the inbox has filters and counts', async () => {
    const citizen = rebild.citizens[6]!;
    await giveConsent(caseworker, citizen, rebild.sundhedscenter, ['attendance']);
    const toHealth = await createReferral(caseworker, citizen, healthOffer);
    await act(caseworker, toHealth.id, 'send');

    expect((await get(provider, toHealth.id)).statusCode).toBe(404);
    expect((await get(odenseProvider, toHealth.id)).statusCode).toBe(404);
    expect((await get(health, toHealth.id)).statusCode).toBe(200);
    // The receiving health professional is offered the citizen's health profile from the
    // referral, and may open it; a provider receiving a referral is not offered it.
    expect((await get(health, toHealth.id)).json().allowedActions).toContain('health.profile.read');
    expect(
      (
        await health.inject({
          method: 'GET',
          url: `/api/health/citizens/${citizen}/profile`,
        })
      ).statusCode,
    ).toBe(200);
    const toProvider = await createReferral(caseworker, rebild.citizens[7]!, offer, []);
    await act(caseworker, toProvider.id, 'send');
    expect((await get(provider, toProvider.id)).json().allowedActions).not.toContain(
      'health.profile.read',
    );
    expect(
      (await provider.inject({ method: 'GET', url: `/api/referrals/${toHealth.id}/messages` }))
        .statusCode,
    ).toBe(404);

    const inbox = (
      await provider.inject({ method: 'GET', url: '/api/referrals?limit=200' })
    ).json();
    expect(inbox.items.length).toBeGreaterThan(0);
    expect(
      inbox.items.every(
        (r: { toOrganisationId: string }) => r.toOrganisationId === rebild.provider,
      ),
    ).toBe(true);
    expect(inbox.items.some((r: { state: string }) => r.state === 'draft')).toBe(false);
    expect(inbox.counts.draft).toBeUndefined();
    expect(inbox.total).toBe(
      Object.values(inbox.counts as Record<string, number>).reduce((a, b) => a + b, 0),
    );

    const sent = (
      await provider.inject({ method: 'GET', url: '/api/referrals?state=sent' })
    ).json();
    expect(sent.items.every((r: { state: string }) => r.state === 'sent')).toBe(true);
    expect(sent.total).toBe(inbox.counts.sent ?? 0);

    const healthInbox = (await health.inject({ method: 'GET', url: '/api/referrals' })).json();
    expect(healthInbox.items.map((r: { id: string }) => r.id)).toContain(toHealth.id);
    expect(
      healthInbox.items.every(
        (r: { toOrganisationId: string }) => r.toOrganisationId === rebild.sundhedscenter,
      ),
    ).toBe(true);

    const odense = (await odenseProvider.inject({ method: 'GET', url: '/api/referrals' })).json();
    expect(odense.total).toBe(0);
  });
});

describe('messages', () => {
  it('caseworker and provider write on the referral; each message is audited', async () => {
    const citizen = rebild.citizens[7]!;
    await giveConsent(caseworker, citizen, rebild.provider);
    const r = await createReferral(caseworker, citizen, offer);
    await act(caseworker, r.id, 'send');
    const post = await caseworker.inject({
      method: 'POST',
      url: `/api/referrals/${r.id}/messages`,
      payload: { body: 'Borgeren kan først møde fra uge 18.' },
    });
    expect(post.statusCode).toBe(201);
    await provider.inject({
      method: 'POST',
      url: `/api/referrals/${r.id}/messages`,
      payload: { body: 'Tak, vi starter hende på holdet 27. april.' },
    });
    const list = (
      await provider.inject({ method: 'GET', url: `/api/referrals/${r.id}/messages` })
    ).json();
    expect(list.map((m: { authorName: string }) => m.authorName)).toEqual([
      'Sara Sagsbehandler',
      'Ulla Udbyder',
    ]);
    const auditRes = await import('kysely').then(({ sql }) =>
      sql<{ n: number }>`select count(*)::int as n from audit_event
        where resource_type = 'referral_message' and citizen_id = ${citizen}`.execute(
        t.database.db,
      ),
    );
    expect(Number(auditRes.rows[0]!.n)).toBeGreaterThanOrEqual(3);
  });
});
