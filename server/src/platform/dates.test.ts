import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addYears,
  danishPublicHoliday,
  danishToday,
  daysBetween,
  isoWeekday,
  isoWeekNumber,
  isWorkingDay,
  mondayOf,
  mondayOnOrAfter,
  wholeWeeksBetween,
  workingDayOnOrBefore,
} from './dates.js';

const iso = (d: Date) => d.toISOString().slice(0, 10);
const dates = fc
  .integer({ min: Date.UTC(1990, 0, 1) / 86_400_000, max: Date.UTC(2060, 11, 31) / 86_400_000 })
  .map((d) => new Date(d * 86_400_000));

describe('ISO week numbers', () => {
  it('numbers year-end weeks as ISO 8601 does (week 53)', () => {
    expect(isoWeekNumber('2026-12-31')).toEqual({ year: 2026, week: 53 });
    expect(isoWeekNumber('2021-01-03')).toEqual({ year: 2020, week: 53 });
    expect(isoWeekNumber('2027-01-04')).toEqual({ year: 2027, week: 1 });
  });
});

describe('calendar-date arithmetic', () => {
  it('adds days and counts them back, across month, year and leap days', () => {
    fc.assert(
      fc.property(dates, fc.integer({ min: -800, max: 800 }), (d, n) => {
        const later = addDays(iso(d), n);
        expect(daysBetween(iso(d), later)).toBe(n);
        expect(later).toBe(iso(new Date(d.getTime() + n * 86_400_000)));
      }),
      { numRuns: 2000 },
    );
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
  });

  it('counts whole weeks, never negative', () => {
    fc.assert(
      fc.property(dates, fc.integer({ min: -30, max: 800 }), (d, n) => {
        expect(wholeWeeksBetween(iso(d), addDays(iso(d), n))).toBe(Math.max(0, Math.floor(n / 7)));
      }),
    );
  });

  it('puts every date in a Monday week and finds the next Monday', () => {
    fc.assert(
      fc.property(dates, (d) => {
        const monday = mondayOf(iso(d));
        expect(isoWeekday(monday)).toBe(1);
        expect(daysBetween(monday, iso(d))).toBe(isoWeekday(iso(d)) - 1);
        const next = mondayOnOrAfter(iso(d));
        expect(isoWeekday(next)).toBe(1);
        expect(daysBetween(iso(d), next)).toBeGreaterThanOrEqual(0);
        expect(daysBetween(iso(d), next)).toBeLessThan(7);
      }),
    );
  });

  it('moves a year and keeps 29 February inside February', () => {
    expect(addYears('2026-12-06', -2)).toBe('2024-12-06');
    expect(addYears('2028-02-29', 1)).toBe('2029-02-28');
    expect(addYears('2028-02-29', 4)).toBe('2032-02-29');
    expect(addYears('2027-12-31', 1)).toBe('2028-12-31');
  });
});

describe("Denmark's today", () => {
  it('is the date in Copenhagen, a day ahead of UTC just after midnight', () => {
    // Winter (UTC+1) and summer (UTC+2): the hour(s) after Danish midnight are yesterday in UTC.
    expect(danishToday(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
    expect(danishToday(new Date('2026-06-30T22:30:00Z'))).toBe('2026-07-01');
    expect(danishToday(new Date('2026-06-30T21:59:00Z'))).toBe('2026-06-30');
    expect(danishToday(new Date('2026-03-29T00:30:00Z'))).toBe('2026-03-29');
  });
});

describe('working days and a deadline on a holiday', () => {
  it('shifts a date to the last working day on or before it', () => {
    fc.assert(
      fc.property(dates, (d) => {
        const date = iso(d);
        const due = workingDayOnOrBefore(date);
        expect(isWorkingDay(due)).toBe(true);
        expect(isoWeekday(due)).toBeLessThanOrEqual(5);
        expect(danishPublicHoliday(due)).toBeNull();
        // Never later, and every day skipped over is a weekend day or a public holiday.
        expect(daysBetween(due, date)).toBeGreaterThanOrEqual(0);
        for (let day = addDays(due, 1); day <= date; day = addDays(day, 1)) {
          expect(isWorkingDay(day)).toBe(false);
        }
        if (isWorkingDay(date)) expect(due).toBe(date);
      }),
      { numRuns: 2000 },
    );
  });

  it('moves Easter and Christmas deadlines back to the working day before', () => {
    // Easter 2026: Skærtorsdag 2 April … Anden påskedag 6 April; Wednesday 1 April is open.
    expect(workingDayOnOrBefore('2026-04-06')).toBe('2026-04-01');
    // Christmas 2026: Friday 25 and Saturday 26 December, Sunday 27; Thursday 24 is a working day.
    expect(workingDayOnOrBefore('2026-12-27')).toBe('2026-12-24');
    // Nytårsdag 2027 is a Friday: the deadline moves into the old year.
    expect(workingDayOnOrBefore('2027-01-01')).toBe('2026-12-31');
    expect(workingDayOnOrBefore('2027-01-03')).toBe('2026-12-31');
  });
});
