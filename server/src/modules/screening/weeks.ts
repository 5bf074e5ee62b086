/**
 * Danish weeks start on Monday. "Week N of a benefit period" is defined as:
 *
 *   week 1 = the Monday-to-Sunday week that contains the period's start date;
 *   week N = the Monday-to-Sunday week that begins 7 × (N − 1) days after week 1's Monday.
 *
 * So a period starting on a Sunday is in week 2 from the next day, and a period starting on a
 * Monday has a full first week. The screening for "week N" is due by the Sunday that ends week N
 * (dueDate); it enters the queue 14 days before week N's Monday and stays there while overdue
 * until it is screened or marked not relevant. Dates are calendar dates (YYYY-MM-DD), computed in
 * UTC so no time zone or daylight-saving shift can move a day. The SQL in screening.repo.ts uses
 * the same definition (isodow: Monday = 1).
 */

const DAY = 86_400_000;

function toUtc(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d);
}

function fromUtc(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return fromUtc(toUtc(date) + days * DAY);
}

/** ISO weekday: Monday = 1 … Sunday = 7. */
export function isoWeekday(date: string): number {
  const js = new Date(toUtc(date)).getUTCDay();
  return js === 0 ? 7 : js;
}

/** The Monday of the Danish week that contains date. */
export function mondayOf(date: string): string {
  return addDays(date, 1 - isoWeekday(date));
}

/** First (Monday) and last (Sunday) day of week N of a period that starts on startDate. */
export function weekOfPeriod(startDate: string, n: number): { weekStart: string; dueDate: string } {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`week number must be ≥ 1, got ${n}`);
  const weekStart = addDays(mondayOf(startDate), 7 * (n - 1));
  return { weekStart, dueDate: addDays(weekStart, 6) };
}

/** Which week of the period the date falls in (1-based; 0 before the start). */
export function periodWeekOn(startDate: string, date: string): number {
  if (toUtc(date) < toUtc(startDate)) return 0;
  return Math.floor((toUtc(date) - toUtc(mondayOf(startDate))) / (7 * DAY)) + 1;
}

/** The ISO 8601 week number of a date (week 1 holds the year's first Thursday). */
export function isoWeekNumber(date: string): { year: number; week: number } {
  const thursday = addDays(date, 4 - isoWeekday(date));
  const year = Number(thursday.slice(0, 4));
  const week = Math.floor((toUtc(thursday) - Date.UTC(year, 0, 1)) / (7 * DAY)) + 1;
  return { year, week };
}
