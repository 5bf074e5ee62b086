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
import { plannedSessions } from './courses.service.js';

let t: TestApp;
let caseworker: Session;
let provider: Session;
let health: Session;
let rebild: Municipality;
let offer: string;
let followOnOffer: string;

beforeAll(async () => {
  t = await buildTestApp();
  caseworker = await login(t.app, 'rebild.sagsbehandler');
  provider = await login(t.app, 'rebild.udbyder');
  health = await login(t.app, 'rebild.sundhed');
  rebild = await municipality(t, '840');
  offer = await createOffer(t, rebild, rebild.provider, 'Motion og træning – trin 1 (test)');
  followOnOffer = await createOffer(t, rebild, rebild.sundhedscenter, 'Motion – trin 2 (test)');
  for (const c of rebild.citizens) await giveConsent(caseworker, c, rebild.provider);
});

afterAll(async () => {
  await t?.close();
});

async function enrolled(citizenId: string, courseId: string) {
  const r = await createReferral(caseworker, citizenId, offer);
  await driveTo({ caseworker, provider }, r.id, 'accepted', courseId);
  const res = await act(provider, r.id, 'enroll', { courseId });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { id: string; state: string };
}

describe('sessions', () => {
  it('are generated from the weekly pattern and skip Danish public holidays', async () => {
    // Mondays and Thursdays from 27 April 2026: Ascension Day (Thu 14 May) and Whit Monday
    // (25 May) fall in the six weeks.
    const course = await createCourse(provider, offer, { startDate: '2026-04-27', weeks: 6 });
    expect(course.sessions).toHaveLength(10);
    expect(course.skippedHolidays.map((h: { date: string }) => h.date)).toEqual([
      '2026-05-14',
      '2026-05-25',
    ]);
    const days = course.sessions.map((s: { startsAt: string }) =>
      new Date(s.startsAt).toLocaleDateString('sv-SE', { timeZone: 'Europe/Copenhagen' }),
    );
    expect(days).not.toContain('2026-05-14');
    expect(days).not.toContain('2026-05-25');
    expect(days[0]).toBe('2026-04-27');
    // 09:00 Danish summer time.
    expect(course.sessions[0].startsAt).toBe('2026-04-27T07:00:00.000Z');
    expect(
      plannedSessions('2026-12-21', 1, [{ weekday: 5, start: '09:00', end: '10:00' }]).skipped,
    ).toEqual([{ date: '2026-12-25', name: 'Juledag' }]);
  });

  it('a single session can be moved or cancelled', async () => {
    const course = await createCourse(provider, offer, { weeks: 1 });
    const [first, second] = course.sessions;
    const moved = await provider.inject({
      method: 'PATCH',
      url: `/api/courses/${course.id}/sessions/${first.id}`,
      payload: {
        startsAt: '2026-04-28T08:00:00.000Z',
        endsAt: '2026-04-28T11:00:00.000Z',
        note: 'Flyttet',
      },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ startsAt: '2026-04-28T08:00:00.000Z', note: 'Flyttet' });
    const cancelled = await provider.inject({
      method: 'PATCH',
      url: `/api/courses/${course.id}/sessions/${second.id}`,
      payload: { status: 'cancelled' },
    });
    expect(cancelled.json().status).toBe('cancelled');
    const wrong = await health.inject({
      method: 'PATCH',
      url: `/api/courses/${course.id}/sessions/${second.id}`,
      payload: { status: 'planned' },
    });
    expect(wrong.statusCode).toBe(404);
  });
});

describe('waiting list', () => {
  it('capacity 8 and 10 enrolments: 2 wait; a drop-out gives the place to the first in line', async () => {
    const course = await createCourse(provider, offer, { capacity: 8, weeks: 1 });
    const referrals: { id: string; state: string }[] = [];
    for (const citizen of rebild.citizens.slice(0, 10)) {
      referrals.push(await enrolled(citizen, course.id));
    }
    expect(referrals.map((r) => r.state)).toEqual([
      ...Array(8).fill('enrolled'),
      'waitlisted',
      'waitlisted',
    ]);
    let detail = (
      await provider.inject({ method: 'GET', url: `/api/courses/${course.id}` })
    ).json();
    expect(detail.enrolled).toBe(8);
    expect(detail.waitlisted).toBe(2);
    const waiting = detail.enrolments.filter((e: { status: string }) => e.status === 'waitlisted');
    expect(waiting.map((e: { waitlistPosition: number }) => e.waitlistPosition)).toEqual([1, 2]);
    const firstInLine = waiting[0];
    expect(firstInLine.referralId).toBe(referrals[8]!.id);

    const leaving = detail.enrolments.find(
      (e: { referralId: string }) => e.referralId === referrals[2]!.id,
    );
    const drop = await provider.inject({
      method: 'POST',
      url: `/api/courses/${course.id}/enrolments/${leaving.id}/drop-out`,
      payload: { reasonCode: 'started_work' },
    });
    expect(drop.statusCode, drop.body).toBe(200);
    detail = drop.json();
    expect(detail.enrolled).toBe(8);
    expect(detail.waitlisted).toBe(1);
    expect(detail.enrolments.find((e: { id: string }) => e.id === firstInLine.id).status).toBe(
      'enrolled',
    );
    expect(detail.enrolments.find((e: { id: string }) => e.id === leaving.id)).toMatchObject({
      status: 'dropped_out',
      dropOutReasonCode: 'started_work',
    });

    const promoted = (
      await caseworker.inject({ method: 'GET', url: `/api/referrals/${referrals[8]!.id}` })
    ).json();
    expect(promoted.state).toBe('enrolled');
    expect(promoted.history.at(-1)).toMatchObject({ fromState: 'waitlisted', toState: 'enrolled' });
    const droppedReferral = (
      await caseworker.inject({ method: 'GET', url: `/api/referrals/${referrals[2]!.id}` })
    ).json();
    expect(droppedReferral).toMatchObject({
      state: 'dropped_out',
      stateReasonCode: 'started_work',
    });
  });

  it('a freed place moves everyone on the waiting list up one place, with no gap', async () => {
    const course = await createCourse(provider, offer, { capacity: 1, weeks: 1 });
    const [first, second, third, fourth] = [
      await enrolled(rebild.citizens[0]!, course.id),
      await enrolled(rebild.citizens[1]!, course.id),
      await enrolled(rebild.citizens[2]!, course.id),
      await enrolled(rebild.citizens[3]!, course.id),
    ];
    const positions = (detail: {
      enrolments: { referralId: string; status: string; waitlistPosition: number | null }[];
    }) =>
      detail.enrolments
        .filter((e) => e.status === 'waitlisted')
        .map((e) => [e.referralId, e.waitlistPosition]);
    let detail = (
      await provider.inject({ method: 'GET', url: `/api/courses/${course.id}` })
    ).json();
    expect(positions(detail)).toEqual([
      [second!.id, 1],
      [third!.id, 2],
      [fourth!.id, 3],
    ]);

    const leaving = detail.enrolments.find(
      (e: { referralId: string }) => e.referralId === first!.id,
    );
    const drop = await provider.inject({
      method: 'POST',
      url: `/api/courses/${course.id}/enrolments/${leaving.id}/drop-out`,
      payload: { reasonCode: 'illness' },
    });
    expect(drop.statusCode, drop.body).toBe(200);
    // The second moved onto the course; the third and fourth are now numbers 1 and 2.
    expect(positions(drop.json())).toEqual([
      [third!.id, 1],
      [fourth!.id, 2],
    ]);
    // Moving the second up changed their enrolment: one audit row against them.
    const movedUp = detail.enrolments.find(
      (e: { referralId: string }) => e.referralId === second!.id,
    );
    const { rows: audited } = await sql<{ n: number }>`select count(*)::int as n from audit_event
      where resource_type = 'enrolment' and resource_id = ${movedUp.id}
        and citizen_id = ${rebild.citizens[1]!} and action = 'update'
        and details ->> 'movedUpFromWaitingList' = 'true'`.execute(t.database.db);
    expect(Number(audited[0]!.n)).toBe(1);

    // The caseworker cancels the referral of the one first in line: the next moves up to 1.
    const cancel = await act(caseworker, third!.id, 'cancel');
    expect(cancel.statusCode, cancel.body).toBe(200);
    detail = (await provider.inject({ method: 'GET', url: `/api/courses/${course.id}` })).json();
    expect(positions(detail)).toEqual([[fourth!.id, 1]]);

    // Someone new joins the back of the line as number 2, not 4.
    const fifth = await enrolled(rebild.citizens[4]!, course.id);
    detail = (await provider.inject({ method: 'GET', url: `/api/courses/${course.id}` })).json();
    expect(positions(detail)).toEqual([
      [fourth!.id, 1],
      [fifth.id, 2],
    ]);
  });

  it('a citizen signs up for an open offer; a referred offer refuses self sign-up', async () => {
    const open = await createOffer(t, rebild, rebild.sundhedscenter, 'Åben gåtur', {
      referralType: 'open',
    });
    const course = await createCourse(health, open, { capacity: 1, weeks: 1 });
    const borger = await login(t.app, 'rebild.borger');
    const listed = (await borger.inject({ method: 'GET', url: '/api/courses' })).json();
    expect(listed.map((c: { id: string }) => c.id)).toContain(course.id);
    expect(listed.every((c: { offerReferralType: string }) => c.offerReferralType === 'open')).toBe(
      true,
    );
    const res = await borger.inject({ method: 'POST', url: `/api/courses/${course.id}/signup` });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().status).toBe('enrolled');
    const again = await borger.inject({ method: 'POST', url: `/api/courses/${course.id}/signup` });
    expect(again.statusCode).toBe(409);
    const referred = await createCourse(provider, offer, { weeks: 1 });
    const no = await borger.inject({ method: 'POST', url: `/api/courses/${referred.id}/signup` });
    expect(no.statusCode).toBe(403);
  });
});

describe('attendance, flags and outcomes', () => {
  it('registers a whole group per session; two absences without notice in a row flag the caseworker', async () => {
    const course = await createCourse(provider, offer, { weeks: 2, capacity: 8 });
    const a = await enrolled(rebild.citizens[10]!, course.id);
    const b = await enrolled(rebild.citizens[11]!, course.id);
    // A voluntary offer: absence reaches the job centre only under the citizens' consent to
    // share attendance with it (decision 0801).
    for (const c of [rebild.citizens[10]!, rebild.citizens[11]!]) {
      await giveConsent(caseworker, c, rebild.jobcenter, ['attendance']);
    }
    const detail = (
      await provider.inject({ method: 'GET', url: `/api/courses/${course.id}` })
    ).json();
    const ea = detail.enrolments.find((e: { referralId: string }) => e.referralId === a.id).id;
    const eb = detail.enrolments.find((e: { referralId: string }) => e.referralId === b.id).id;
    const [s1, s2, s3] = detail.sessions;
    const put = (sessionId: string, records: unknown[]) =>
      provider.inject({
        method: 'PUT',
        url: `/api/courses/${course.id}/sessions/${sessionId}/attendance`,
        payload: { records },
      });
    const r1 = await put(s1.id, [
      { enrolmentId: ea, status: 'absent_no_notice' },
      { enrolmentId: eb, status: 'present' },
    ]);
    expect(r1.statusCode, r1.body).toBe(200);
    expect(r1.json().participants).toHaveLength(2);
    let flags = (await caseworker.inject({ method: 'GET', url: '/api/referrals/flags' })).json();
    expect(flags.filter((f: { courseId: string }) => f.courseId === course.id)).toHaveLength(0);

    await put(s2.id, [
      { enrolmentId: ea, status: 'absent_no_notice' },
      { enrolmentId: eb, status: 'absent_notice' },
    ]);
    await put(s3.id, [
      { enrolmentId: ea, status: 'absent_no_notice' },
      { enrolmentId: eb, status: 'absent_no_notice' },
    ]);
    flags = (await caseworker.inject({ method: 'GET', url: '/api/referrals/flags' })).json();
    const mine = flags.filter((f: { courseId: string }) => f.courseId === course.id);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      citizenId: rebild.citizens[10],
      referralId: a.id,
      sessionStartsAt: s2.startsAt,
    });

    expect((await provider.inject({ method: 'GET', url: '/api/referrals/flags' })).statusCode).toBe(
      403,
    );
    const resolved = await caseworker.inject({
      method: 'POST',
      url: `/api/referrals/flags/${mine[0].id}/resolve`,
    });
    expect(resolved.statusCode).toBe(204);
    flags = (await caseworker.inject({ method: 'GET', url: '/api/referrals/flags' })).json();
    expect(flags.filter((f: { courseId: string }) => f.courseId === course.id)).toHaveLength(0);

    const overview = (
      await provider.inject({ method: 'GET', url: `/api/courses/${course.id}/overview` })
    ).json();
    expect(overview.enrolled).toBe(2);
    expect(
      overview.perCitizen.find((p: { enrolmentId: string }) => p.enrolmentId === eb),
    ).toMatchObject({
      registered: 3,
      present: 1,
      rate: 0.333,
    });
    expect(overview.perSession[0]).toMatchObject({ registered: 2, present: 1, rate: 0.5 });
    expect(overview.perSession[3]).toMatchObject({ registered: 0, rate: null });
  });

  it('records not fit with a follow-on course, which creates a draft referral to stage 2', async () => {
    const stage2 = await createCourse(health, followOnOffer, { startDate: '2026-06-08' });
    const course = await createCourse(provider, offer, { weeks: 1, followOnCourseId: stage2.id });
    const citizen = rebild.citizens[9]!;
    await giveConsent(caseworker, citizen, rebild.sundhedscenter, ['attendance']);
    const r = await enrolled(citizen, course.id);
    await act(provider, r.id, 'start');
    const detail = (
      await provider.inject({ method: 'GET', url: `/api/courses/${course.id}` })
    ).json();
    const e = detail.enrolments.find((x: { referralId: string }) => x.referralId === r.id);
    const bad = await provider.inject({
      method: 'POST',
      url: `/api/courses/${course.id}/enrolments/${e.id}/outcome`,
      payload: { declaredFit: false },
    });
    expect(bad.statusCode).toBe(400);
    const res = await provider.inject({
      method: 'POST',
      url: `/api/courses/${course.id}/enrolments/${e.id}/outcome`,
      payload: {
        declaredFit: false,
        nextStep: 'follow_on_course',
        satisfaction: 4,
        comment: 'Godt hold',
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const followOn = res.json().followOnReferralId;
    expect(followOn).toBeTruthy();
    const first = (
      await caseworker.inject({ method: 'GET', url: `/api/referrals/${r.id}` })
    ).json();
    expect(first.state).toBe('completed');
    const next = (
      await caseworker.inject({ method: 'GET', url: `/api/referrals/${followOn}` })
    ).json();
    expect(next).toMatchObject({
      state: 'draft',
      previousReferralId: r.id,
      toOrganisationId: rebild.sundhedscenter,
      sharedCategories: ['attendance'],
    });
    const twice = await provider.inject({
      method: 'POST',
      url: `/api/courses/${course.id}/enrolments/${e.id}/outcome`,
      payload: { declaredFit: true },
    });
    expect(twice.statusCode).toBe(409);
    const overview = (
      await provider.inject({ method: 'GET', url: `/api/courses/${course.id}/overview` })
    ).json();
    expect(overview.outcomes).toMatchObject({
      followOnCourse: 1,
      declaredFit: 0,
      averageSatisfaction: 4,
    });
    // Audit: the outcome is logged against the citizen.
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from audit_event
      where resource_type = 'course_outcome' and citizen_id = ${citizen}`.execute(t.database.db);
    expect(Number(rows[0]!.n)).toBe(1);
  });

  it('a provider cannot read or run another organisation’s course', async () => {
    const course = await createCourse(health, followOnOffer, { weeks: 1 });
    expect(
      (await provider.inject({ method: 'GET', url: `/api/courses/${course.id}` })).statusCode,
    ).toBe(404);
    const list = (await provider.inject({ method: 'GET', url: '/api/courses' })).json();
    expect(list.map((c: { id: string }) => c.id)).not.toContain(course.id);
    const make = await provider.inject({
      method: 'POST',
      url: '/api/courses',
      payload: {
        offerId: followOnOffer,
        startDate: '2026-06-08',
        weeks: 1,
        weeklyPattern: [{ weekday: 1, start: '09:00', end: '10:00' }],
        capacity: 5,
      },
    });
    expect(make.statusCode).toBe(404);
  });
});
