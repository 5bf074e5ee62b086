/**
 * Middelfart's weekly rule (5 hours a week over at least 2 days) on a mandatory activation offer:
 * met or not met per Monday week, across Easter 2026 (Maundy Thursday 2 April, Good Friday
 * 3 April, Easter Monday 6 April), where the centre is closed and the week asks for less.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, login, type Session, type TestApp } from '../../../test/helper.js';
import {
  act,
  createReferral,
  driveTo,
  giveConsent,
  type Municipality,
  municipality,
} from '../referrals/referrals.fixtures.js';
import { participantWeeks, type RuleSession, ruleWeeks } from './weekly-rule.js';

describe('the weekly rule (pure)', () => {
  const rule = { minHours: 5, minDays: 2 };
  // Mondays and Thursdays, 2.5 hours each, three weeks from Monday 30 March 2026; the sessions
  // the course would have generated (holidays skipped).
  const sessions: RuleSession[] = [
    { id: 'mar30', date: '2026-03-30', hours: 2.5, cancelled: false },
    { id: 'apr09', date: '2026-04-09', hours: 2.5, cancelled: false },
    { id: 'apr13', date: '2026-04-13', hours: 2.5, cancelled: false },
    { id: 'apr16', date: '2026-04-16', hours: 2.5, cancelled: false },
  ];
  const weeks = ruleWeeks(rule, '2026-03-30', 3, sessions);

  it('lowers a week’s requirement to what was on offer when a holiday closed the centre', () => {
    expect(
      weeks.map((w) => [w.weekStart, w.week, w.requiredHours, w.requiredDays, w.holidays.length]),
    ).toEqual([
      // Maundy Thursday, Good Friday and Easter Sunday: only Monday was on offer.
      ['2026-03-30', 14, 2.5, 1, 3],
      // Easter Monday: only Thursday.
      ['2026-04-06', 15, 2.5, 1, 1],
      ['2026-04-13', 16, 5, 2, 0],
    ]);
    expect(weeks[0]!.holidays.map((h) => h.name)).toEqual([
      'Skærtorsdag',
      'Langfredag',
      'Påskedag',
    ]);
  });

  it('marks each week met or not met from the sessions the citizen attended', () => {
    const result = (present: string[]) =>
      participantWeeks(weeks, sessions, new Set(present), '2026-12-06').map((w) => w.result);
    expect(result(['mar30', 'apr09', 'apr13', 'apr16'])).toEqual(['met', 'met', 'met']);
    expect(result(['mar30', 'apr13'])).toEqual(['met', 'not_met', 'not_met']);
    expect(result(['apr13', 'apr16'])).toEqual(['not_met', 'not_met', 'met']);
    // The week not yet over is pending, not failed.
    expect(
      participantWeeks(weeks, sessions, new Set(['apr13']), '2026-04-14').map((w) => w.result),
    ).toEqual(['not_met', 'not_met', 'pending']);
  });

  it('asks for the days as well as the hours: five hours on one day is not enough', () => {
    const long: RuleSession[] = [
      { id: 'mon', date: '2026-04-13', hours: 5, cancelled: false },
      { id: 'thu', date: '2026-04-16', hours: 2, cancelled: false },
    ];
    const w = ruleWeeks(rule, '2026-04-13', 1, long);
    expect(participantWeeks(w, long, new Set(['mon']), '2026-12-06')[0]).toMatchObject({
      attendedHours: 5,
      attendedDays: 1,
      result: 'not_met',
    });
    expect(participantWeeks(w, long, new Set(['mon', 'thu']), '2026-12-06')[0]!.result).toBe('met');
  });

  it('a cancelled session lowers the week, and a week with nothing on offer has no requirement', () => {
    const s: RuleSession[] = [
      { id: 'a', date: '2026-12-21', hours: 2.5, cancelled: false },
      { id: 'b', date: '2026-12-24', hours: 2.5, cancelled: true },
    ];
    // Christmas week and the week of New Year's Day with no sessions at all.
    const w = ruleWeeks(rule, '2026-12-21', 2, s);
    expect(w.map((x) => [x.requiredHours, x.requiredDays])).toEqual([
      [2.5, 1],
      [0, 0],
    ]);
    expect(participantWeeks(w, s, new Set(['a']), '2027-02-01').map((x) => x.result)).toEqual([
      'met',
      'no_sessions',
    ]);
  });
});

describe('the weekly rule through the API', () => {
  let t: TestApp;
  let caseworker: Session;
  let provider: Session;
  let rebild: Municipality;

  beforeAll(async () => {
    t = await buildTestApp();
    caseworker = await login(t.app, 'rebild.sagsbehandler');
    provider = await login(t.app, 'rebild.udbyder');
    rebild = await municipality(t, '840');
  });
  afterAll(() => t?.close());

  it('refuses a weekly minimum on an offer that is not a mandatory part of activation', async () => {
    const res = await provider.inject({
      method: 'POST',
      url: '/api/catalogue/offers',
      payload: {
        title: 'Frivillig motion',
        themes: ['motion'],
        referralType: 'referred',
        format: 'group',
        minHoursPerWeek: 5,
        minDaysPerWeek: 2,
      },
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().errors[0].pointer).toBe('/mandatoryActivation');
  });

  it('shows per week and participant whether the minimum was met, and the plan shows the activity as mandatory', async () => {
    const created = await provider.inject({
      method: 'POST',
      url: '/api/catalogue/offers',
      payload: {
        title: 'Motion i aktivering (Middelfart-modellen)',
        themes: ['motion'],
        referralType: 'referred',
        format: 'group',
        status: 'published',
        mandatoryActivation: true,
        minHoursPerWeek: 5,
        minDaysPerWeek: 2,
        continueAfterWorkWeeks: 12,
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const offer = created.json();
    expect(offer).toMatchObject({
      mandatoryActivation: true,
      minHoursPerWeek: 5,
      minDaysPerWeek: 2,
    });

    const course = await provider.inject({
      method: 'POST',
      url: '/api/courses',
      payload: {
        offerId: offer.id,
        startDate: '2026-03-30',
        weeks: 3,
        weeklyPattern: [
          { weekday: 1, start: '09:00', end: '11:30' },
          { weekday: 4, start: '09:00', end: '11:30' },
        ],
        capacity: 10,
      },
    });
    expect(course.statusCode, course.body).toBe(201);
    const k = course.json();
    expect(k.sessions).toHaveLength(4);

    const [full, partial] = rebild.citizens.slice(0, 2) as [string, string];
    const enrolments: string[] = [];
    const referrals: string[] = [];
    for (const c of [full, partial]) {
      await giveConsent(caseworker, c, rebild.provider);
      const r = await createReferral(caseworker, c, offer.id);
      referrals.push(r.id);
      await driveTo({ caseworker, provider }, r.id, 'accepted', k.id);
      expect((await act(provider, r.id, 'enroll', { courseId: k.id })).statusCode).toBe(200);
    }
    const detail = (await provider.inject({ method: 'GET', url: `/api/courses/${k.id}` })).json();
    for (const c of [full, partial]) {
      enrolments.push(detail.enrolments.find((e: { citizenId: string }) => e.citizenId === c).id);
    }
    // The full participant comes every time; the other only on 30 March and 13 April.
    for (const [i, s] of (k.sessions as { id: string }[]).entries()) {
      const res = await provider.inject({
        method: 'PUT',
        url: `/api/courses/${k.id}/sessions/${s.id}/attendance`,
        payload: {
          records: [
            { enrolmentId: enrolments[0], status: 'present' },
            { enrolmentId: enrolments[1], status: i === 0 || i === 2 ? 'present' : 'sick' },
          ],
        },
      });
      expect(res.statusCode, res.body).toBe(200);
    }

    const res = await provider.inject({ method: 'GET', url: `/api/courses/${k.id}/weekly-rule` });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.rule).toEqual({ minHoursPerWeek: 5, minDaysPerWeek: 2 });
    expect(body.weeks.map((w: { requiredHours: number }) => w.requiredHours)).toEqual([
      2.5, 2.5, 5,
    ]);
    const byEnrolment = (id: string) =>
      body.participants.find((p: { enrolmentId: string }) => p.enrolmentId === id);
    expect(byEnrolment(enrolments[0]!).weeks.map((w: { result: string }) => w.result)).toEqual([
      'met',
      'met',
      'met',
    ]);
    expect(byEnrolment(enrolments[1]!).weeks.map((w: { result: string }) => w.result)).toEqual([
      'met',
      'not_met',
      'not_met',
    ]);
    expect(byEnrolment(enrolments[1]!)).toMatchObject({ weeksMet: 1, weeksNotMet: 2 });

    // The caseworker links the referral in the citizen's plan: the plan says it is mandatory.
    const plan = await caseworker.inject({
      method: 'POST',
      url: `/api/plans/${full}/activities`,
      payload: {
        title: 'Motion 5 timer om ugen',
        category: 'participation',
        requirement: true,
        referralId: referrals[0],
      },
    });
    expect(plan.statusCode, plan.body).toBe(201);
    const shown = (await caseworker.inject({ method: 'GET', url: `/api/plans/${full}` })).json();
    expect(
      shown.activities.find((a: { referralId: string }) => a.referralId === referrals[0]),
    ).toMatchObject({ mandatoryActivation: true, minHoursPerWeek: 5, minDaysPerWeek: 2 });

    // Another organisation's staff do not see the course at all.
    const health = await login(t.app, 'rebild.sundhed');
    expect(
      (await health.inject({ method: 'GET', url: `/api/courses/${k.id}/weekly-rule` })).statusCode,
    ).toBe(404);
  });
});
