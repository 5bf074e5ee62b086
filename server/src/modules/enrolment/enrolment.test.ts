/**
 * The waiting list as a property: random sequences of enrol, start, drop out, cancel, reject,
 * leave the line and asking to move someone up, on a course of one to three places, through the enrolment
 * lifecycle's service functions on the real database (PGlite here, PostgreSQL in CI), so the SQL
 * that numbers the line is what is tested. After every step the course is compared with a model
 * of a fair line: places are never over capacity, the line is numbered 1..n without gaps, the
 * first in line is the one who moves up, and every referral's state matches its place.
 *
 * A failure prints fast-check's seed and path; replay it with ENROLMENT_PROPERTY_SEED=<seed>
 * ENROLMENT_PROPERTY_PATH=<path>. ENROLMENT_PROPERTY_RUNS and _SECONDS change the run count and
 * the time budget (200 runs or 30 s, whichever comes first).
 */
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, login, type Session, type TestApp } from '../../../test/helper.js';
import type { AuthedContext } from '../../platform/context.js';
import { lookupSession } from '../../platform/sessions.js';
import { createCourse } from '../courses/courses.service.js';
import { createOffer, type Municipality, municipality } from '../referrals/referrals.fixtures.js';
import * as enrolment from './enrolment.service.js';

let t: TestApp;
let caseworker: AuthedContext;
let provider: AuthedContext;
let rebild: Municipality;
let offer: string;

async function contextOf(session: Session): Promise<AuthedContext> {
  const token = session.cookie.slice(session.cookie.indexOf('=') + 1);
  const actor = await lookupSession(t.database, t.config, token);
  if (!actor) throw new Error(`no session for ${session.username}`);
  return { database: t.database, config: t.config, actor, requestId: 'property', ip: null };
}

beforeAll(async () => {
  t = await buildTestApp();
  caseworker = await contextOf(await login(t.app, 'rebild.sagsbehandler'));
  provider = await contextOf(await login(t.app, 'rebild.udbyder'));
  rebild = await municipality(t, '840');
  offer = await createOffer(t, rebild, rebild.provider, 'Motion – ventelisteegenskab (test)');
});

afterAll(async () => {
  await t?.close();
});

/** A referral the provider has accepted, ready to be enrolled (the earlier steps are tested elsewhere). */
async function acceptedReferral(citizenId: string): Promise<string> {
  const { rows } = await sql<{ id: string }>`
    insert into referral (municipality_code, citizen_id, offer_id, from_organisation_id,
      to_organisation_id, created_by, reason, participation, shared_categories, state)
    values (${rebild.code}, ${citizenId}, ${offer}, ${rebild.jobcenter}, ${rebild.provider},
      ${caseworker.actor.userId}, 'Ventelisteegenskab', 'voluntary', ${[]}, 'accepted')
    returning id`.execute(t.database.db);
  return rows[0]!.id;
}

interface CourseState {
  enrolled: { enrolmentId: string; referralId: string | null; referralState: string | null }[];
  waiting: {
    enrolmentId: string;
    referralId: string | null;
    referralState: string | null;
    position: number | null;
  }[];
}

async function read(courseId: string): Promise<CourseState> {
  const { rows } = await sql<{
    id: string;
    status: string;
    waitlist_position: number | null;
    referral_id: string | null;
    referral_state: string | null;
  }>`select e.id, e.status, e.waitlist_position, e.referral_id, r.state as referral_state
    from enrolment e left join referral r on r.municipality_code = e.municipality_code
      and r.id = e.referral_id
    where e.course_id = ${courseId} and e.status in ('enrolled', 'completed', 'waitlisted')
    order by e.waitlist_position nulls first, e.id`.execute(t.database.db);
  const of = (r: (typeof rows)[number]) => ({
    enrolmentId: r.id,
    referralId: r.referral_id,
    referralState: r.referral_state,
  });
  return {
    enrolled: rows.filter((r) => r.status !== 'waitlisted').map(of),
    waiting: rows
      .filter((r) => r.status === 'waitlisted')
      .map((r) => ({
        ...of(r),
        position: r.waitlist_position === null ? null : Number(r.waitlist_position),
      })),
  };
}

type Op =
  | { kind: 'enrol'; who: number }
  | { kind: 'dropOut'; pick: number }
  | { kind: 'cancel'; pick: number }
  | { kind: 'leaveLine'; pick: number }
  | { kind: 'reject'; pick: number }
  | { kind: 'start'; pick: number }
  | { kind: 'askToMoveUp'; pick: number };

const citizensPerCourse = 6;
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('enrol' as const), who: fc.nat(99) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('dropOut' as const), pick: fc.nat(99) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat(99) }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('leaveLine' as const), pick: fc.nat(99) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('askToMoveUp' as const), pick: fc.nat(99) }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('reject' as const), pick: fc.nat(99) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('start' as const), pick: fc.nat(99) }) },
);

const pickFrom = <T>(list: T[], pick: number) =>
  list.length ? list[pick % list.length] : undefined;

/** Runs the steps on a new course and checks the course against the model after each one. */
async function runScenario(capacity: number, ops: Op[]) {
  const course = await createCourse(provider, {
    offerId: offer,
    startDate: '2026-04-27',
    weeks: 1,
    weeklyPattern: [{ weekday: 1, start: '09:00', end: '10:00' }],
    capacity,
  });
  // The model: who holds a place (by referral) and who waits, in order.
  const model = { enrolled: [] as string[], waiting: [] as string[] };
  const live = new Map<number, string>(); // citizen index → their live referral on this course
  const citizenOf = new Map<string, number>();

  for (const op of ops) {
    const before = await read(course.id);
    if (op.kind === 'enrol') {
      const free = [...Array(citizensPerCourse).keys()].filter((i) => !live.has(i));
      const who = pickFrom(free, op.who);
      if (who === undefined) continue;
      const referralId = await acceptedReferral(rebild.citizens[who]!);
      const shown = await enrolment.transition(provider, referralId, {
        action: 'enroll',
        courseId: course.id,
      });
      live.set(who, referralId);
      citizenOf.set(referralId, who);
      if (model.enrolled.length < capacity) {
        model.enrolled.push(referralId);
        expect(shown.state).toBe('enrolled');
      } else {
        model.waiting.push(referralId);
        expect(shown.state).toBe('waitlisted');
      }
    } else if (op.kind === 'dropOut') {
      const leaving = pickFrom(before.enrolled, op.pick);
      if (!leaving) continue;
      await enrolment.dropOut(provider, course.id, leaving.enrolmentId, { reasonCode: 'illness' });
      model.enrolled = model.enrolled.filter((r) => r !== leaving.referralId);
    } else if (op.kind === 'cancel') {
      const all = [...before.enrolled, ...before.waiting];
      const leaving = pickFrom(all, op.pick);
      if (!leaving?.referralId) continue;
      const shown = await enrolment.transition(caseworker, leaving.referralId, {
        action: 'cancel',
      });
      expect(shown.state).toBe('cancelled');
      model.enrolled = model.enrolled.filter((r) => r !== leaving.referralId);
      model.waiting = model.waiting.filter((r) => r !== leaving.referralId);
    } else if (op.kind === 'leaveLine') {
      // The provider takes someone off the course's waiting list (the referral keeps waiting).
      const leaving = pickFrom(before.waiting, op.pick);
      if (!leaving) continue;
      await enrolment.dropOut(provider, course.id, leaving.enrolmentId, { reasonCode: 'other' });
      model.waiting = model.waiting.filter((r) => r !== leaving.referralId);
      live.delete(citizenOf.get(leaving.referralId!)!);
    } else if (op.kind === 'reject') {
      // The provider turns down a waiting referral: it leaves the course's line too.
      const leaving = pickFrom(before.waiting, op.pick);
      if (!leaving) continue;
      const shown = await enrolment.transition(provider, leaving.referralId!, {
        action: 'reject',
        reason: 'Passer ikke',
      });
      expect(shown.state).toBe('rejected');
      model.waiting = model.waiting.filter((r) => r !== leaving.referralId);
    } else if (op.kind === 'start') {
      // Starting keeps the place; a started citizen can still drop out.
      const starting = pickFrom(
        before.enrolled.filter((e) => e.referralState === 'enrolled'),
        op.pick,
      );
      if (!starting) continue;
      await enrolment.transition(provider, starting.referralId!, { action: 'start' });
    } else {
      // Asking again for a place for someone waiting: the course is full, so nobody jumps the
      // line and nothing changes.
      const waiting = pickFrom(before.waiting, op.pick);
      if (!waiting) continue;
      await expect(
        enrolment.transition(provider, waiting.referralId!, {
          action: 'enroll',
          courseId: course.id,
        }),
      ).rejects.toMatchObject({ code: 'conflict' });
    }
    // Whoever left freed places (or places in line): the first in line moves up first.
    while (model.enrolled.length < capacity && model.waiting.length) {
      model.enrolled.push(model.waiting.shift()!);
    }
    for (const [who, referralId] of live) {
      if (!model.enrolled.includes(referralId) && !model.waiting.includes(referralId)) {
        live.delete(who);
      }
    }

    const after = await read(course.id);
    expect(after.enrolled.length).toBeLessThanOrEqual(capacity);
    expect(after.waiting.map((w) => w.position)).toEqual(after.waiting.map((_, i) => i + 1));
    expect(after.waiting.map((w) => w.referralId)).toEqual(model.waiting);
    expect(after.enrolled.map((e) => e.referralId).sort()).toEqual([...model.enrolled].sort());
    if (after.waiting.length) expect(after.enrolled.length).toBe(capacity);
    for (const e of after.enrolled) expect(['enrolled', 'started']).toContain(e.referralState);
    for (const w of after.waiting) expect(w.referralState).toBe('waitlisted');
  }
}

describe('the waiting list', () => {
  it('stays numbered 1..n, moves up first in line first and never overfills, over random steps', async () => {
    const seed = process.env.ENROLMENT_PROPERTY_SEED;
    const details = await fc.check(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 3 }),
        fc.array(opArb, { minLength: 1, maxLength: 14 }),
        runScenario,
      ),
      {
        numRuns: Number(process.env.ENROLMENT_PROPERTY_RUNS ?? 200),
        // 200 runs, or as many as fit in the budget on a busy machine; the runs made are printed.
        interruptAfterTimeLimit: Number(process.env.ENROLMENT_PROPERTY_SECONDS ?? 30) * 1000,
        markInterruptAsFailure: false,
        ...(seed ? { seed: Number(seed), path: process.env.ENROLMENT_PROPERTY_PATH } : {}),
      },
    );
    console.info(
      `waiting-list property: ${details.numRuns} runs${details.interrupted ? ' (time budget reached)' : ''}, seed ${details.seed}`,
    );
    // The report names the seed and path to replay (ENROLMENT_PROPERTY_SEED / _PATH) and the
    // shrunk steps.
    if (details.failed) throw new Error(fc.defaultReportMessage(details));
    expect(details.numRuns).toBeGreaterThan(0);
  }, 600_000);
});

describe('two changes of places at once', () => {
  it('a drop-out and a cancellation of the same citizen at once: one wins, the other is a conflict, the line moves up once', async () => {
    const course = await createCourse(provider, {
      offerId: offer,
      startDate: '2026-04-27',
      weeks: 1,
      weeklyPattern: [{ weekday: 1, start: '09:00', end: '10:00' }],
      capacity: 1,
    });
    const a = await acceptedReferral(rebild.citizens[0]!);
    const b = await acceptedReferral(rebild.citizens[1]!);
    const c = await acceptedReferral(rebild.citizens[2]!);
    for (const r of [a, b, c]) {
      await enrolment.transition(provider, r, { action: 'enroll', courseId: course.id });
    }
    const enrolledA = (await read(course.id)).enrolled[0]!;
    expect(enrolledA.referralId).toBe(a);

    const results = await Promise.allSettled([
      enrolment.dropOut(provider, course.id, enrolledA.enrolmentId, { reasonCode: 'moved' }),
      enrolment.transition(caseworker, a, { action: 'cancel' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: 'conflict' });

    // Whichever won, the place went to the first in line and the line is numbered again.
    const after = await read(course.id);
    expect(after.enrolled.map((e) => e.referralId)).toEqual([b]);
    expect(after.waiting.map((w) => [w.referralId, w.position])).toEqual([[c, 1]]);
  });
});
