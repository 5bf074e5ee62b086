/**
 * Week N of a period against a plain oracle: walk the calendar one day at a time from the start
 * date, counting a new week at every Monday after the start, and note the first day of week N.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoWeekNumber, periodWeekOn, weekOfPeriod } from './weeks.js';

function oracle(start: Date, n: number): { weekStart: string; dueDate: string } {
  const day = new Date(start);
  // Back to the Monday of the start's week (getUTCDay: Sunday = 0).
  while (day.getUTCDay() !== 1) day.setUTCDate(day.getUTCDate() - 1);
  let week = 1;
  while (week < n) {
    day.setUTCDate(day.getUTCDate() + 1);
    if (day.getUTCDay() === 1) week++;
  }
  const end = new Date(day);
  while (end.getUTCDay() !== 0) end.setUTCDate(end.getUTCDate() + 1);
  return { weekStart: day.toISOString().slice(0, 10), dueDate: end.toISOString().slice(0, 10) };
}

const iso = (d: Date) => d.toISOString().slice(0, 10);
const dates = fc
  .integer({ min: Date.UTC(1990, 0, 1) / 86_400_000, max: Date.UTC(2060, 11, 31) / 86_400_000 })
  .map((d) => new Date(d * 86_400_000));

describe('week N of a benefit period (Danish weeks, Monday start)', () => {
  it('agrees with a day-by-day oracle for any start date and N', () => {
    fc.assert(
      fc.property(dates, fc.integer({ min: 1, max: 104 }), (start, n) => {
        expect(weekOfPeriod(iso(start), n)).toEqual(oracle(start, n));
      }),
      { numRuns: 2000 },
    );
  });

  it('agrees across year boundaries and ISO week 53', () => {
    // Starts in the last and first days of years, including 2020 and 2026 (53 ISO weeks).
    const edges = fc
      .tuple(fc.integer({ min: 1995, max: 2050 }), fc.integer({ min: -10, max: 10 }))
      .map(([y, d]) => new Date(Date.UTC(y, 0, 1 + d)));
    fc.assert(
      fc.property(edges, fc.integer({ min: 1, max: 60 }), (start, n) => {
        const got = weekOfPeriod(iso(start), n);
        expect(got).toEqual(oracle(start, n));
        // Week N's Monday is also exactly N − 1 ISO weeks after the start's ISO week.
        expect(periodWeekOn(iso(start), got.weekStart)).toBe(
          n === 1 && got.weekStart < iso(start) ? 0 : n,
        );
      }),
      { numRuns: 2000 },
    );
    expect(isoWeekNumber('2026-12-31')).toEqual({ year: 2026, week: 53 });
    expect(isoWeekNumber('2021-01-03')).toEqual({ year: 2020, week: 53 });
    // A period starting in ISO week 53 of 2026: week 2 is ISO week 1 of 2027.
    expect(weekOfPeriod('2026-12-30', 2)).toEqual({
      weekStart: '2027-01-04',
      dueDate: '2027-01-10',
    });
    expect(isoWeekNumber('2027-01-04')).toEqual({ year: 2027, week: 1 });
  });

  it('counts a Sunday start as week 1 for one day', () => {
    expect(weekOfPeriod('2026-02-01', 1)).toEqual({
      weekStart: '2026-01-26',
      dueDate: '2026-02-01',
    });
    expect(weekOfPeriod('2026-02-01', 5)).toEqual({
      weekStart: '2026-02-23',
      dueDate: '2026-03-01',
    });
    expect(periodWeekOn('2026-02-01', '2026-02-02')).toBe(2);
  });
});
