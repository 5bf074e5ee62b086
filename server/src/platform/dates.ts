/** Today's date in Denmark (YYYY-MM-DD): the day a caseworker or citizen means by "today". */
export function danishToday(now = new Date()): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Copenhagen' }).format(now);
}

// --- Calendar arithmetic and Danish working days (added for the sickness-benefit follow-up
// deadlines, modules/followup). Dates are calendar dates (YYYY-MM-DD) computed in UTC so no
// time zone or daylight-saving shift can move a day.
import { danishPublicHoliday } from '../modules/courses/holidays.js';

const DAY_MS = 86_400_000;

function utcOf(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d);
}

/** date + days (negative to go back). */
export function addCalendarDays(date: string, days: number): string {
  return new Date(utcOf(date) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from a to b (b − a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((utcOf(b) - utcOf(a)) / DAY_MS);
}

/** Monday to Friday and not a Danish public holiday (helligdag). */
export function isDanishWorkingDay(date: string): boolean {
  const weekday = new Date(utcOf(date)).getUTCDay();
  return weekday !== 0 && weekday !== 6 && danishPublicHoliday(date) === null;
}

/** The date itself if it is a working day, else the nearest working day before it. */
export function workingDayOnOrBefore(date: string): string {
  let d = date;
  while (!isDanishWorkingDay(d)) d = addCalendarDays(d, -1);
  return d;
}

/** The date itself if it is a working day, else the nearest working day after it. */
export function workingDayOnOrAfter(date: string): string {
  let d = date;
  while (!isDanishWorkingDay(d)) d = addCalendarDays(d, 1);
  return d;
}
