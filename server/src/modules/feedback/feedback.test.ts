/**
 * Citizen feedback after a course (Skive, Vordingborg): answered once in the portal; the
 * provider and the manager see it per course, aggregated, with counts of 1–4 hidden as the
 * evaluation module hides them, and no average or comment before five answers.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, login, type Session, type TestApp } from '../../../test/helper.js';
import { createOffer, type Municipality, municipality } from '../referrals/referrals.fixtures.js';
import { distribution } from './feedback.service.js';

let t: TestApp;
let provider: Session;
let manager: Session;
let health: Session;
let rebild: Municipality;

beforeAll(async () => {
  t = await buildTestApp();
  provider = await login(t.app, 'rebild.udbyder');
  manager = await login(t.app, 'rebild.leder');
  health = await login(t.app, 'rebild.sundhed');
  rebild = await municipality(t, '840');
});
afterAll(() => t?.close());

/** A finished course of the provider with the given citizens enrolled (made as the owner). */
async function finishedCourse(citizens: string[], start = '2026-03-02') {
  const db = t.database.db;
  const offer = await createOffer(t, rebild, rebild.provider, 'Boksning i Skive-modellen');
  const { rows } = await sql<{ id: string }>`insert into course (municipality_code, offer_id, title,
      start_date, weeks, capacity, status)
    values ('840', ${offer}, 'Boksning forår', ${start}, 6, 20, 'completed') returning id`.execute(
    db,
  );
  const courseId = rows[0]!.id;
  const enrolments: string[] = [];
  for (const c of citizens) {
    const { rows: e } = await sql<{ id: string }>`insert into enrolment (municipality_code,
        course_id, citizen_id, status) values ('840', ${courseId}, ${c}, 'completed') returning id`.execute(
      db,
    );
    enrolments.push(e[0]!.id);
  }
  return { courseId, enrolments };
}

describe('feedback distribution', () => {
  it('hides counts of 1–4 and what would give them away through the total', () => {
    expect(distribution(['1', '2', '3', '4', '5'], ['5', '5', '5', '5', '5', '5', '4'])).toEqual({
      columns: ['1', '2', '3', '4', '5'],
      // The lone 4 is hidden; the 6 must go too, or 7 − 6 would reveal it.
      counts: [0, 0, 0, '<5', 'x'],
      total: 7,
    });
    expect(
      distribution(
        ['yes', 'no'],
        ['yes', 'yes', 'yes', 'yes', 'yes', 'no', 'no', 'no', 'no', 'no'],
      ),
    ).toEqual({
      columns: ['yes', 'no'],
      counts: [5, 5],
      total: 10,
    });
  });
});

describe('citizen feedback after a course', () => {
  it('the citizen answers once; the provider and the manager see the course aggregated and suppressed', async () => {
    const borger = await login(t.app, 'rebild.borger');
    const self = borger.user.citizenId!;
    const others = rebild.citizens.filter((c) => c !== self).slice(0, 6);
    const { courseId, enrolments } = await finishedCourse([self, ...others]);

    const due = await borger.inject({ method: 'GET', url: '/api/feedback/mine' });
    expect(due.statusCode, due.body).toBe(200);
    expect(due.json().find((d: { courseId: string }) => d.courseId === courseId)).toMatchObject({
      answered: false,
    });

    const answer = {
      satisfaction: 5,
      madeDifference: 'yes',
      wouldContinue: true,
      comment: 'Træneren var god',
    };
    const res = await borger.inject({
      method: 'POST',
      url: `/api/feedback/enrolments/${enrolments[0]}`,
      payload: answer,
    });
    expect(res.statusCode, res.body).toBe(201);
    // Once per course.
    expect(
      (
        await borger.inject({
          method: 'POST',
          url: `/api/feedback/enrolments/${enrolments[0]}`,
          payload: answer,
        })
      ).statusCode,
    ).toBe(409);
    // Not on someone else's course.
    expect(
      (
        await borger.inject({
          method: 'POST',
          url: `/api/feedback/enrolments/${enrolments[1]}`,
          payload: answer,
        })
      ).statusCode,
    ).toBe(404);

    // One answer: nothing that could be recognised.
    const one = (
      await provider.inject({ method: 'GET', url: `/api/feedback/courses/${courseId}` })
    ).json();
    expect(one).toMatchObject({
      respondents: '<5',
      averageSatisfaction: null,
      comments: [],
      commentsHidden: true,
      suppressed: true,
    });
    expect(one.satisfaction.counts).toEqual([0, 0, 0, 0, '<5']);

    // Five more answers (entered as the database owner, as six citizens would in the portal).
    const more = [
      [5, 'yes', true, 'Godt hold'],
      [5, 'partly', true, null],
      [4, 'yes', true, 'For lidt tid'],
      [5, 'yes', false, null],
      [5, 'yes', true, null],
    ] as const;
    for (const [i, [s, d, w, c]] of more.entries()) {
      await sql`insert into course_feedback (municipality_code, course_id, enrolment_id, citizen_id,
          satisfaction, made_difference, would_continue, comment)
        values ('840', ${courseId}, ${enrolments[i + 1]}, ${others[i]}, ${s}, ${d}, ${w}, ${c})`.execute(
        t.database.db,
      );
    }
    const six = await manager.inject({ method: 'GET', url: `/api/feedback/courses/${courseId}` });
    expect(six.statusCode, six.body).toBe(200);
    const body = six.json();
    expect(body).toMatchObject({
      respondents: 6,
      participants: 7,
      averageSatisfaction: 4.8,
      suppressed: false,
      comments: ['For lidt tid', 'Godt hold', 'Træneren var god'],
    });
    // Five 5s and one 4: the 4 is hidden, the 5 with it.
    expect(body.satisfaction.counts).toEqual([0, 0, 0, '<5', 'x']);
    expect(body.madeDifference.counts).toEqual(['x', '<5', 0]);
    expect(body.wouldContinue.counts).toEqual(['x', '<5']);

    // The provider's list holds the course; another organisation gets 404 on it.
    const list = (await provider.inject({ method: 'GET', url: '/api/feedback/courses' })).json();
    expect(list.map((c: { courseId: string }) => c.courseId)).toContain(courseId);
    expect(
      (await health.inject({ method: 'GET', url: `/api/feedback/courses/${courseId}` })).statusCode,
    ).toBe(404);
    const healthList = (
      await health.inject({ method: 'GET', url: '/api/feedback/courses' })
    ).json();
    expect(healthList.map((c: { courseId: string }) => c.courseId)).not.toContain(courseId);
    // Odense's manager cannot see Rebild's course.
    const odense = await login(t.app, 'odense.leder');
    expect(
      (await odense.inject({ method: 'GET', url: `/api/feedback/courses/${courseId}` })).statusCode,
    ).toBe(404);
  });

  it('refuses feedback before the course is over', async () => {
    const borger = await login(t.app, 'rebild.borger');
    const { enrolments } = await finishedCourse([borger.user.citizenId!], '2030-01-07');
    await sql`update course set status = 'running' where id = (select course_id from enrolment where id = ${enrolments[0]})`.execute(
      t.database.db,
    );
    await sql`update enrolment set status = 'enrolled' where id = ${enrolments[0]}`.execute(
      t.database.db,
    );
    const res = await borger.inject({
      method: 'POST',
      url: `/api/feedback/enrolments/${enrolments[0]}`,
      payload: { satisfaction: 3, madeDifference: 'no', wouldContinue: false },
    });
    expect(res.statusCode, res.body).toBe(409);
  });
});
