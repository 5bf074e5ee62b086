/**
 * Skive's boxing club and København's fitness discounts: at the course's end the provider records
 * the bridge (which club, the discount agreed, the first visit) on the participant's enrolment;
 * at the follow-up the caseworker records whether the citizen continued, and both sides see it.
 * Middelfart: a citizen who returns to work keeps the place for the offer's set period.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, login, type Session, type TestApp } from '../../../test/helper.js';
import {
  act,
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
let provider: Session;
let health: Session;
let rebild: Municipality;

beforeAll(async () => {
  t = await buildTestApp();
  caseworker = await login(t.app, 'rebild.sagsbehandler');
  provider = await login(t.app, 'rebild.udbyder');
  health = await login(t.app, 'rebild.sundhed');
  rebild = await municipality(t, '840');
});
afterAll(() => t?.close());

async function enrol(citizen: string, offer: string, courseId: string) {
  await giveConsent(caseworker, citizen, rebild.provider);
  const r = await createReferral(caseworker, citizen, offer);
  await driveTo({ caseworker, provider }, r.id, 'accepted', courseId);
  expect((await act(provider, r.id, 'enroll', { courseId })).statusCode).toBe(200);
  const detail = (await provider.inject({ method: 'GET', url: `/api/courses/${courseId}` })).json();
  return detail.enrolments.find((e: { citizenId: string }) => e.citizenId === citizen).id as string;
}

describe('bridge to a local club at the course’s end', () => {
  it('the provider records club, discount and first visit; the follow-up shows whether the citizen continued', async () => {
    const offer = await createOffer(t, rebild, rebild.provider, 'Boksetræning i aktivering');
    const course = await createCourse(provider, offer, { weeks: 2 });
    const citizen = rebild.citizens[6]!;
    const enrolmentId = await enrol(citizen, offer, course.id);

    const empty = await provider.inject({
      method: 'POST',
      url: `/api/continuation/courses/${course.id}/enrolments/${enrolmentId}/bridge`,
      payload: { discount: '50 %' },
    });
    expect(empty.statusCode, empty.body).toBe(400);

    const res = await provider.inject({
      method: 'POST',
      url: `/api/continuation/courses/${course.id}/enrolments/${enrolmentId}/bridge`,
      payload: {
        clubName: 'Skive Bokseklub',
        discount: 'Halvt kontingent de første 3 måneder',
        firstVisit: '2026-05-12',
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const bridge = res.json();
    expect(bridge).toMatchObject({
      offerTitle: 'Skive Bokseklub',
      courseTitle: course.title,
      discount: 'Halvt kontingent de første 3 måneder',
      firstVisit: '2026-05-12',
      continued: null,
    });

    // Another organisation's staff cannot record on or read this course's bridges.
    expect(
      (
        await health.inject({
          method: 'POST',
          url: `/api/continuation/courses/${course.id}/enrolments/${enrolmentId}/bridge`,
          payload: { clubName: 'X' },
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await health.inject({
          method: 'GET',
          url: `/api/continuation/courses/${course.id}/bridges`,
        })
      ).statusCode,
    ).toBe(404);

    // The caseworker's follow-up: the citizen kept going.
    const followed = await caseworker.inject({
      method: 'POST',
      url: `/api/continuation/${citizen}/bridges/${bridge.id}/continued`,
      payload: { continued: true },
    });
    expect(followed.statusCode, followed.body).toBe(200);
    expect(followed.json().bridges.find((b: { id: string }) => b.id === bridge.id)).toMatchObject({
      clubName: 'Skive Bokseklub',
      continued: true,
    });
    // The provider sees the answer on its course.
    const list = await provider.inject({
      method: 'GET',
      url: `/api/continuation/courses/${course.id}/bridges`,
    });
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json()).toEqual([
      expect.objectContaining({ id: bridge.id, continued: true, citizenName: expect.any(String) }),
    ]);
    // A bridge id with another citizen's id in the path is not found.
    expect(
      (
        await caseworker.inject({
          method: 'POST',
          url: `/api/continuation/${rebild.citizens[7]}/bridges/${bridge.id}/continued`,
          payload: { continued: false },
        })
      ).statusCode,
    ).toBe(404);
  });
});

describe('keeping the offer after returning to work (Middelfart)', () => {
  it('the job start keeps the place for the offer’s set number of weeks', async () => {
    const offer = await createOffer(t, rebild, rebild.provider, 'Motion – fortsæt efter job');
    await sql`update offer set mandatory_activation = true, min_hours_per_week = 5,
      min_days_per_week = 2, continue_after_work_weeks = 12 where id = ${offer}`.execute(
      t.database.db,
    );
    const course = await createCourse(provider, offer, {
      startDate: '2027-01-04',
      weeks: 8,
    });
    const citizen = rebild.citizens[8]!;
    const enrolmentId = await enrol(citizen, offer, course.id);
    await sql`insert into benefit_period (municipality_code, citizen_id, benefit_type, start_date)
      values ('840', ${citizen}, 'kontanthjaelp_aktivitetsparat', '2026-09-01')`.execute(
      t.database.db,
    );
    const res = await caseworker.inject({
      method: 'POST',
      url: `/api/continuation/${citizen}/job-start`,
      payload: { reason: 'job', endDate: '2026-12-01' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().continuedUntil).toEqual([{ enrolmentId, until: '2027-02-23' }]);
    const overview = (
      await caseworker.inject({ method: 'GET', url: `/api/continuation/${citizen}` })
    ).json();
    expect(overview.continuing).toEqual([
      { enrolmentId, courseTitle: course.title, until: '2027-02-23' },
    ]);
  });
});
