import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, isWorkingDay } from '../../platform/dates.js';
import {
  absenceWeek,
  absenceWeekOn,
  type CaseFacts,
  computeSteps,
  deadlineAfter,
  gpCertificateDeadline,
  lastDayOfAbsenceWeek,
  ruleSetOn,
  ruleSetV1,
} from './engine.js';

const p = ruleSetV1.parameters;

const facts = (over: Partial<CaseFacts> = {}): CaseFacts => ({
  firstAbsenceDay: '2026-01-05',
  periodEndDate: null,
  expectedBackWithin8Weeks: null,
  fastTrackRequestedOn: null,
  standby: false,
  category: null,
  informationForm: null,
  gpCertificate: null,
  conversations: [],
  reassessment: null,
  ...over,
});

const step = (steps: ReturnType<typeof computeSteps>, kind: string) =>
  steps.find((s) => s.kind === kind)!;

// Calendar dates 2020–2060, year ends included by construction.
const isoDate = fc
  .integer({ min: Date.UTC(2020, 0, 1) / 86_400_000, max: Date.UTC(2060, 11, 31) / 86_400_000 })
  .map((day) => new Date(day * 86_400_000).toISOString().slice(0, 10));
const yearEnd = fc
  .tuple(fc.integer({ min: 2020, max: 2060 }), fc.integer({ min: -20, max: 20 }))
  .map(([y, offset]) => addDays(`${y}-12-31`, offset));
const anyDate = fc.oneof(isoDate, yearEnd);

describe('deadline engine: the acceptance examples', () => {
  it('first conversation due D + 55 (end of week 8), reassessment by D + 153 (end of week 22)', () => {
    // D = Monday 5 January 2026: D + 55 = Sunday 1 March → Friday 27 February.
    const steps = computeSteps(facts(), ruleSetV1, '2026-01-10');
    expect(addDays('2026-01-05', 55)).toBe('2026-03-01');
    expect(step(steps, 'first_conversation')).toMatchObject({
      dueDate: '2026-02-27',
      status: 'open',
      ruleVersion: 1,
    });
    // D + 153 = Saturday 7 June 2026 → Friday 5 June (Grundlovsdag is not a helligdag).
    expect(step(steps, 'reassessment')).toMatchObject({ dueDate: '2026-06-05', status: 'open' });
  });

  it('moves a due date back over Easter and over Christmas and New Year', () => {
    // D + 55 = Monday 29 March 2027 (2. påskedag) → Wednesday 24 March, before Skærtorsdag.
    expect(
      step(
        computeSteps(facts({ firstAbsenceDay: '2027-02-02' }), ruleSetV1, '2027-02-03'),
        'first_conversation',
      ).dueDate,
    ).toBe('2027-03-24');
    // D + 55 = Sunday 27 December 2026 → Thursday 24 December (juleaftensdag is a working day).
    expect(
      step(
        computeSteps(facts({ firstAbsenceDay: '2026-11-02' }), ruleSetV1, '2026-11-03'),
        'first_conversation',
      ).dueDate,
    ).toBe('2026-12-24');
    // D + 55 = Saturday 1 January 2028 → Friday 31 December 2027.
    expect(
      step(
        computeSteps(facts({ firstAbsenceDay: '2027-11-07' }), ruleSetV1, '2027-11-08'),
        'first_conversation',
      ).dueDate,
    ).toBe('2027-12-31');
  });

  it('follow-ups every 28 days after the last held conversation', () => {
    const held = facts({
      category: 2,
      conversations: [
        { heldOn: '2026-02-10', met: { dueDate: '2026-02-27', ruleVersion: 1 } },
        { heldOn: '2026-03-05', met: { dueDate: '2026-03-10', ruleVersion: 1 } },
      ],
    });
    const steps = computeSteps(held, ruleSetV1, '2026-03-06');
    expect(steps.filter((s) => s.kind === 'follow_up')).toEqual([
      {
        kind: 'follow_up',
        dueDate: '2026-03-10',
        status: 'done',
        doneAt: '2026-03-05',
        ruleVersion: 1,
      },
      // 5 March + 28 = Thursday 2 April 2026 (a working day: Skærtorsdag is 2 April!) → 1 April.
      { kind: 'follow_up', dueDate: '2026-04-01', status: 'open', doneAt: null, ruleVersion: 1 },
    ]);
    expect(step(steps, 'first_conversation')).toMatchObject({
      status: 'done',
      doneAt: '2026-02-10',
    });
    // Past the due date it is overdue.
    expect(computeSteps(held, ruleSetV1, '2026-04-02').at(-2)).toMatchObject({ status: 'overdue' });
  });

  it('fast track: first conversation within 14 days of the request', () => {
    // Request Monday 12 January 2026 + 14 = Monday 26 January.
    const steps = computeSteps(
      facts({ fastTrackRequestedOn: '2026-01-12' }),
      ruleSetV1,
      '2026-01-12',
    );
    expect(step(steps, 'first_conversation').dueDate).toBe('2026-01-26');
  });

  it('standby: no conversation deadlines, the reassessment stays', () => {
    const steps = computeSteps(
      facts({ standby: true, conversations: [] }),
      ruleSetV1,
      '2026-01-10',
    );
    expect(step(steps, 'first_conversation')).toMatchObject({
      status: 'not_required',
      dueDate: null,
    });
    expect(step(steps, 'follow_up')).toMatchObject({ status: 'not_required', dueDate: null });
    expect(step(steps, 'reassessment').status).toBe('open');
  });

  it('expected back within 8 weeks: no statutory conversation deadlines, until week 8 has passed', () => {
    const back = facts({ expectedBackWithin8Weeks: true });
    const inWeek3 = computeSteps(back, ruleSetV1, '2026-01-20');
    for (const kind of ['gp_certificate', 'first_conversation', 'follow_up', 'reassessment']) {
      expect(step(inWeek3, kind).status).toBe('not_required');
    }
    // Day 57 (week 9), still on sickness benefit: the deadlines are back.
    const inWeek9 = computeSteps(back, ruleSetV1, '2026-03-02');
    expect(step(inWeek9, 'first_conversation')).toMatchObject({
      dueDate: '2026-02-27',
      status: 'overdue',
    });
    expect(step(inWeek9, 'reassessment')).toMatchObject({ dueDate: '2026-06-05', status: 'open' });
  });

  it('GP certificate: request + 14, never under 8 days, needed by the first conversation', () => {
    expect(gpCertificateDeadline('2026-01-12', p)).toBe('2026-01-26');
    const unrequested = computeSteps(facts(), ruleSetV1, '2026-01-10');
    expect(step(unrequested, 'gp_certificate').dueDate).toBe('2026-02-27');
    // With a minimum of 8 and a normal of 9 days, a shift over a weekend would go under 8.
    const tight = { ...p, gpCertificateDays: 9 };
    // Thursday 1 January 2026 + 9 = Saturday 10 → Friday 9 (8 days: fine).
    expect(gpCertificateDeadline('2026-01-01', tight)).toBe('2026-01-09');
    // Friday 2 January + 9 = Sunday 11 → Friday 9 would be 7 days: Monday 12 instead.
    expect(gpCertificateDeadline('2026-01-02', tight)).toBe('2026-01-12');
  });

  it('a rule change moves only deadlines not yet met, each keeps the version that set it', () => {
    const v2 = {
      version: 2,
      validFrom: '2026-03-01',
      parameters: { ...p, followUpIntervalDays: 21 },
    };
    const sets = [ruleSetV1, v2];
    expect(ruleSetOn(sets, '2026-02-28').version).toBe(1);
    expect(ruleSetOn(sets, '2026-03-01').version).toBe(2);
    const held = facts({
      category: 3,
      conversations: [{ heldOn: '2026-02-10', met: { dueDate: '2026-02-27', ruleVersion: 1 } }],
    });
    const steps = computeSteps(held, ruleSetOn(sets, '2026-03-02'), '2026-03-02');
    expect(step(steps, 'first_conversation')).toMatchObject({
      dueDate: '2026-02-27',
      ruleVersion: 1,
    });
    // 10 February + 21 = Tuesday 3 March under version 2.
    expect(step(steps, 'follow_up')).toMatchObject({ dueDate: '2026-03-03', ruleVersion: 2 });
  });
});

describe('deadline engine: properties', () => {
  it('every deadline is on or after the event it follows, and on a working day', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: 1, max: 200 }), (event, days) => {
        const due = deadlineAfter(event, days, p);
        expect(due >= event).toBe(true);
        expect(due <= addDays(event, days)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('the holiday shift lands on a working day, not after the raw date, skipping only non-working days', () => {
    fc.assert(
      fc.property(anyDate, (d) => {
        const raw = addDays(d, 55);
        const due = deadlineAfter(d, 55, p);
        expect(isWorkingDay(due)).toBe(true);
        expect(due <= raw).toBe(true);
        for (let x = addDays(due, 1); x <= raw; x = addDays(x, 1)) {
          expect(isWorkingDay(x)).toBe(false);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('weeks count from the first absence day, not Monday weeks', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: 1, max: 52 }), (d, n) => {
        const last = lastDayOfAbsenceWeek(d, n);
        expect(daysBetween(d, last)).toBe(7 * n - 1);
        expect(absenceWeekOn(d, last)).toBe(n);
        expect(absenceWeekOn(d, addDays(last, 1))).toBe(n + 1);
        expect(absenceWeekOn(d, d)).toBe(1);
      }),
      { numRuns: 300 },
    );
    // The first conversation and the reassessment are the ends of weeks 8 and 22.
    expect(p.firstConversationDays).toBe(
      daysBetween('2026-01-01', lastDayOfAbsenceWeek('2026-01-01', 8)),
    );
    expect(p.reassessmentDays).toBe(
      daysBetween('2026-01-01', lastDayOfAbsenceWeek('2026-01-01', 22)),
    );
  });

  it('the screening week N is the same absence week: begins D + 7(N − 1), due on its last working day', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: 1, max: 52 }), (d, n) => {
        const w = absenceWeek(d, n, p);
        expect(daysBetween(d, w.weekStart)).toBe(7 * (n - 1));
        expect(absenceWeekOn(d, w.weekStart)).toBe(n);
        expect(absenceWeekOn(d, w.dueDate)).toBe(n);
        expect(w.dueDate >= w.weekStart).toBe(true);
        expect(isWorkingDay(w.dueDate)).toBe(true);
        // Only non-working days lie between the due date and the week's last day.
        for (let x = addDays(w.dueDate, 1); x <= lastDayOfAbsenceWeek(d, n); x = addDays(x, 1)) {
          expect(isWorkingDay(x)).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
    // Rebild's week 5 for a period from Wednesday 2027-03-03 is 31.3–6.4 2027 (not the Monday
    // week 29.3–4.4); a week ending on a Sunday is due on the Friday before.
    expect(absenceWeek('2027-03-03', 5, p)).toEqual({
      weekStart: '2027-03-31',
      dueDate: '2027-04-06',
    });
    expect(absenceWeek('2026-11-02', 5, p)).toEqual({
      weekStart: '2026-11-30',
      dueDate: '2026-12-04',
    });
  });

  it('case steps: each due date is on or after the event it follows, across year ends', () => {
    fc.assert(
      fc.property(
        anyDate,
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 40 }),
        fc.boolean(),
        fc.integer({ min: 0, max: 200 }),
        (d, sentAfter, fastAfter, fast, todayAfter) => {
          const sentOn = addDays(d, sentAfter);
          const fastOn = addDays(d, fastAfter);
          const today = addDays(d, todayAfter);
          const steps = computeSteps(
            facts({
              firstAbsenceDay: d,
              informationForm: { sentOn, answeredOn: null, met: null },
              gpCertificate: {
                requestedOn: sentOn,
                deadline: null,
                deadlineRuleVersion: null,
                receivedOn: null,
                met: null,
              },
              fastTrackRequestedOn: fast ? fastOn : null,
            }),
            ruleSetV1,
            today,
          );
          const s = (k: string) => step(steps, k).dueDate!;
          expect(s('information_form') >= sentOn).toBe(true);
          expect(daysBetween(sentOn, s('gp_certificate'))).toBeGreaterThanOrEqual(8);
          expect(s('first_conversation') >= d).toBe(true);
          expect(s('first_conversation') <= addDays(d, 55)).toBe(true);
          if (fast) expect(s('first_conversation') >= fastOn).toBe(true);
          expect(s('reassessment') > s('first_conversation')).toBe(true);
          for (const x of steps) {
            if (x.dueDate) expect(x.status).toBe(x.dueDate < today ? 'overdue' : 'open');
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
