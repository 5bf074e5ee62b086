/**
 * Randers and Rebild (seed 001, "Privat aktør"; decision 1100): a private actor buys places on the
 * municipal health department's course, which becomes its subcontractor. The buyer sees only the
 * referrals made to it and the citizens on its own places; the health department sees those
 * citizens only as participants on its course, never the buyer's referral; an outcome recorded by
 * either side is the enrolment's one outcome, counted once by the evaluation.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, login, type Session, type TestApp } from '../../../test/helper.js';
import { DEMO_PASSWORD } from '../../db/seed/demo.js';
import { hashPassword } from '../../platform/passwords.js';
import {
  createCourse,
  createOffer,
  createReferral,
  driveTo,
  giveConsent,
  type Municipality,
  municipality,
} from '../referrals/referrals.fixtures.js';

let t: TestApp;
let caseworker: Session;
let buyer: Session;
let health: Session;
let manager: Session;
let rebild: Municipality;
let activation: string;
let healthCourse: { id: string };

beforeAll(async () => {
  t = await buildTestApp();
  caseworker = await login(t.app, 'rebild.sagsbehandler');
  buyer = await login(t.app, 'rebild.udbyder');
  health = await login(t.app, 'rebild.sundhed');
  manager = await login(t.app, 'rebild.leder');
  rebild = await municipality(t, '840');
  // The private actor's activation project, to which the job centre refers.
  activation = await createOffer(t, rebild, rebild.provider, 'Aktiveringsprojekt Sund i job');
  const healthOffer = await createOffer(
    t,
    rebild,
    rebild.sundhedscenter,
    'Motion i Sundhedscentret',
  );
  healthCourse = await createCourse(health, healthOffer, { capacity: 12 });
});
afterAll(() => t?.close());

/** A citizen referred by the job centre to the private actor, accepted by it. */
async function referredToBuyer(citizen: string) {
  await giveConsent(caseworker, citizen, rebild.provider);
  const r = await createReferral(caseworker, citizen, activation);
  await driveTo({ caseworker, provider: buyer }, r.id, 'accepted', '');
  return r.id;
}

async function buy(places: number) {
  const res = await buyer.inject({
    method: 'POST',
    url: '/api/place-purchases',
    payload: { courseId: healthCourse.id, places, note: 'Sundhedsdelen af Sund i job' },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

const accept = (id: string) =>
  health.inject({
    method: 'POST',
    url: `/api/place-purchases/${id}/decision`,
    payload: { decision: 'accepted' },
  });
const place = (session: Session, id: string, referralId: string) =>
  session.inject({
    method: 'POST',
    url: `/api/place-purchases/${id}/placements`,
    payload: { referralId },
  });

/** Another private provider in Rebild with its own staff user. */
async function thirdProvider(): Promise<Session> {
  const db = t.database.db;
  const { rows } = await sql<{ id: string }>`
    insert into organisation (municipality_code, name, type)
    values ('840', 'Anden Aktør Nord ApS', 'provider') returning id`.execute(db);
  const { rows: u } = await sql<{ id: string }>`
    insert into app_user (municipality_code, kind, username, password_hash, display_name)
    values ('840', 'staff', 'rebild.andenaktoer', ${await hashPassword(DEMO_PASSWORD)}, 'Anna Aktør')
    returning id`.execute(db);
  await sql`insert into user_role (municipality_code, user_id, role, organisation_id)
    values ('840', ${u[0]!.id}, 'provider_staff', ${rows[0]!.id})`.execute(db);
  return login(t.app, 'rebild.andenaktoer');
}

describe('buying places from the health department', () => {
  it('has Rebild’s demo purchase: the private provider’s places at the health centre, accepted', async () => {
    const items = (await buyer.inject({ method: 'GET', url: '/api/place-purchases' })).json().items;
    expect(items).toEqual([
      expect.objectContaining({ side: 'buyer', status: 'accepted', places: 4, used: 0 }),
    ]);
    const sold = (await health.inject({ method: 'GET', url: '/api/place-purchases' })).json().items;
    expect(sold).toEqual([expect.objectContaining({ side: 'seller', id: items[0].id })]);
  });

  it('is ordered by the buyer, decided by the health department, and only then placed on', async () => {
    const r = await referredToBuyer(rebild.citizens[0]!);
    const p = await buy(1);
    expect(p).toMatchObject({ side: 'buyer', status: 'requested', places: 1, used: 0 });
    expect(p.sellerOrganisationName).toMatch(/Sundhed/);

    const early = await place(buyer, p.id, r);
    expect(early.statusCode, early.body).toBe(409);
    // The buyer cannot accept its own order: its role has no such step.
    const self = await buyer.inject({
      method: 'POST',
      url: `/api/place-purchases/${p.id}/decision`,
      payload: { decision: 'accepted' },
    });
    expect(self.statusCode).toBe(403);
    const noReason = await health.inject({
      method: 'POST',
      url: `/api/place-purchases/${p.id}/decision`,
      payload: { decision: 'declined' },
    });
    expect(noReason.statusCode).toBe(400);

    const seen = (await health.inject({ method: 'GET', url: '/api/place-purchases' })).json();
    expect(seen.items.find((x: { id: string }) => x.id === p.id)).toMatchObject({
      side: 'seller',
      status: 'requested',
    });
    const accepted = await accept(p.id);
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect((await accept(p.id)).statusCode).toBe(409);

    const placed = await place(buyer, p.id, r);
    expect(placed.statusCode, placed.body).toBe(200);
    expect(placed.json()).toMatchObject({
      used: 1,
      placements: [{ referralId: r, status: 'enrolled' }],
    });
    // The referral stays the buyer's, now enrolled on the health department's course.
    const referral = (await buyer.inject({ method: 'GET', url: `/api/referrals/${r}` })).json();
    expect(referral).toMatchObject({ state: 'enrolled', courseId: healthCourse.id });

    // All places bought are used: the next citizen gets none.
    const r2 = await referredToBuyer(rebild.citizens[1]!);
    const full = await place(buyer, p.id, r2);
    expect(full.statusCode, full.body).toBe(409);

    // The placement, the referral's step and their audit rows commit together.
    const { rows } = await sql<{ policy: string }>`
      select details->>'placePurchaseId' as pp, resource_type as policy from audit_event
      where citizen_id = ${rebild.citizens[0]!} and resource_type in ('enrolment', 'referral')
        and action in ('create', 'update') order by id desc limit 2`.execute(t.database.db);
    expect(rows.map((x) => x.policy).sort()).toEqual(['enrolment', 'referral']);
  });

  it('shows each side only its own part: the buyer its referrals, the seller its participants', async () => {
    const mine = await referredToBuyer(rebild.citizens[2]!);
    const p = await buy(2);
    await accept(p.id);
    expect((await place(buyer, p.id, mine)).statusCode).toBe(200);

    // The health department's own participant on the same course (its own referral).
    const ownCitizen = rebild.citizens[3]!;
    const healthOffer = (
      await health.inject({ method: 'GET', url: `/api/courses/${healthCourse.id}` })
    ).json().offerId as string;
    await giveConsent(caseworker, ownCitizen, rebild.sundhedscenter);
    const own = await createReferral(caseworker, ownCitizen, healthOffer);
    await driveTo({ caseworker, provider: health }, own.id, 'enrolled', healthCourse.id);

    // The buyer: only its own placement; not the course, not the seller's referral.
    const asBuyer = (
      await buyer.inject({ method: 'GET', url: `/api/place-purchases/${p.id}` })
    ).json();
    expect(asBuyer.placements.map((x: { referralId: string }) => x.referralId)).toEqual([mine]);
    expect(
      (await buyer.inject({ method: 'GET', url: `/api/courses/${healthCourse.id}` })).statusCode,
    ).toBe(404);
    expect(
      (await buyer.inject({ method: 'GET', url: `/api/referrals/${own.id}` })).statusCode,
    ).toBe(404);
    // A referral made to someone else cannot be put on the buyer's places: 404, nothing changes.
    const foreign = await place(buyer, p.id, own.id);
    expect(foreign.statusCode).toBe(404);

    // The seller: the citizen as a participant on its course, the placement without the
    // referral, and the buyer's referral itself is 404.
    const asSeller = (
      await health.inject({ method: 'GET', url: `/api/place-purchases/${p.id}` })
    ).json();
    expect(asSeller.placements).toHaveLength(1);
    expect(asSeller.placements[0].referralId).toBeNull();
    expect(asSeller.placeable).toEqual([]);
    expect((await health.inject({ method: 'GET', url: `/api/referrals/${mine}` })).statusCode).toBe(
      404,
    );
    expect(
      (await health.inject({ method: 'GET', url: `/api/referrals/${mine}/shared` })).statusCode,
    ).toBe(404);
    const course = (
      await health.inject({ method: 'GET', url: `/api/courses/${healthCourse.id}` })
    ).json();
    const names = JSON.stringify(course);
    expect(names).toContain(asSeller.placements[0].citizenName);

    // Reading the placements is audited per citizen, as a read of the purchase.
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from audit_event where citizen_id = ${rebild.citizens[2]!}
        and action = 'read' and details->>'placePurchaseId' = ${p.id}`.execute(t.database.db);
    expect(rows[0]!.n).toBeGreaterThanOrEqual(2);

    // Another provider in Rebild and another municipality see nothing of it.
    const third = await thirdProvider();
    expect(
      (await third.inject({ method: 'GET', url: `/api/place-purchases/${p.id}` })).statusCode,
    ).toBe(404);
    expect((await place(third, p.id, mine)).statusCode).toBe(404);
    expect(
      (await third.inject({ method: 'GET', url: '/api/place-purchases' })).json().items,
    ).toEqual([]);
    const odense = await login(t.app, 'odense.udbyder');
    expect(
      (await odense.inject({ method: 'GET', url: `/api/place-purchases/${p.id}` })).statusCode,
    ).toBe(404);
    const odenseHealth = await login(t.app, 'odense.sundhed');
    expect((await accept(p.id)).statusCode).toBe(409);
    expect(
      (
        await odenseHealth.inject({
          method: 'POST',
          url: `/api/place-purchases/${p.id}/decision`,
          payload: { decision: 'declined', reason: 'x' },
        })
      ).statusCode,
    ).toBe(404);
  });

  it('takes the outcome from either side once, and the evaluation counts it once', async () => {
    const p = await buy(6);
    await accept(p.id);
    const referrals: string[] = [];
    for (const c of rebild.citizens.slice(4, 10)) {
      const r = await referredToBuyer(c);
      expect((await place(buyer, p.id, r)).statusCode).toBe(200);
      referrals.push(r);
    }
    const detail = (
      await buyer.inject({ method: 'GET', url: `/api/place-purchases/${p.id}` })
    ).json();
    const enrolments: string[] = detail.placements.map(
      (x: { enrolmentId: string }) => x.enrolmentId,
    );
    expect(enrolments).toHaveLength(6);

    const byBuyer = (e: string, body: object) =>
      buyer.inject({
        method: 'POST',
        url: `/api/place-purchases/${p.id}/placements/${e}/outcome`,
        payload: body,
      });
    const bySeller = (e: string, body: object) =>
      health.inject({
        method: 'POST',
        url: `/api/courses/${healthCourse.id}/enrolments/${e}/outcome`,
        payload: body,
      });

    for (const [i, e] of enrolments.entries()) {
      const body =
        i % 2 === 0
          ? { declaredFit: true, satisfaction: 4 }
          : { declaredFit: false, nextStep: 'job_ready', satisfaction: 5 };
      const first = i < 3 ? await byBuyer(e, body) : await bySeller(e, body);
      // The course page answers 201 (a new outcome), the purchase page its updated detail.
      expect(first.statusCode, first.body).toBe(i < 3 ? 200 : 201);
      // The other side comes second: the outcome is already there.
      const second = i < 3 ? await bySeller(e, body) : await byBuyer(e, body);
      expect(second.statusCode, second.body).toBe(409);
    }
    // The buyer's referrals are completed, whichever side recorded the outcome, and both sides
    // show who recorded it.
    for (const r of referrals) {
      expect((await buyer.inject({ method: 'GET', url: `/api/referrals/${r}` })).json().state).toBe(
        'completed',
      );
    }
    const after = (
      await health.inject({ method: 'GET', url: `/api/place-purchases/${p.id}` })
    ).json();
    const recordedBy = after.placements.map(
      (x: { outcome: { recordedByOrganisationName: string } }) =>
        x.outcome.recordedByOrganisationName,
    );
    expect(new Set(recordedBy).size).toBe(2);

    const { rows } = await sql<{ n: number; fit: number }>`
      select count(*)::int as n, count(*) filter (where declared_fit)::int as fit from course_outcome
      where enrolment_id = any(${enrolments}::uuid[])`.execute(t.database.db);
    expect(rows[0]).toEqual({ n: 6, fit: 3 });
    const evaluation = await manager.inject({
      method: 'GET',
      url: `/api/evaluation/courses/${healthCourse.id}`,
    });
    expect(evaluation.statusCode, evaluation.body).toBe(200);
    const { rows: recount } = await sql<{ n: number }>`
      select count(*)::int as n from course_outcome where course_id = ${healthCourse.id}
        and satisfaction is not null`.execute(t.database.db);
    expect(evaluation.json().satisfaction.respondents).toBe(recount[0]!.n);
  });

  it('lets the health department take a drop-out on the buyer’s referral, which frees the place', async () => {
    const p = await buy(1);
    await accept(p.id);
    const r = await referredToBuyer(rebild.citizens[10]!);
    const placed = (await place(buyer, p.id, r)).json();
    const enrolmentId = placed.placements[0].enrolmentId as string;
    const dropped = await health.inject({
      method: 'POST',
      url: `/api/courses/${healthCourse.id}/enrolments/${enrolmentId}/drop-out`,
      payload: { reasonCode: 'illness' },
    });
    expect(dropped.statusCode, dropped.body).toBe(200);
    const referral = (await buyer.inject({ method: 'GET', url: `/api/referrals/${r}` })).json();
    expect(referral.state).toBe('dropped_out');
    // The history shows who took the step: the health department, as subcontractor.
    expect(referral.history.at(-1)).toMatchObject({
      toState: 'dropped_out',
      actorOrganisationName: expect.stringMatching(/Sundhed/),
    });
    const after = (
      await buyer.inject({ method: 'GET', url: `/api/place-purchases/${p.id}` })
    ).json();
    expect(after).toMatchObject({ used: 0, places: 1 });
    // The subcontractor takes only the course's steps: nothing else on the referral.
    const other = await health.inject({
      method: 'POST',
      url: `/api/referrals/${r}/transitions`,
      payload: { action: 'accept' },
    });
    expect(other.statusCode).toBe(404);
  });
});
