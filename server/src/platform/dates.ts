/**
 * Every calendar rule of the project in one place: Denmark's "today", calendar-date arithmetic,
 * Danish (Monday) weeks, and Danish public holidays and working days.
 *
 * Dates are calendar dates (YYYY-MM-DD). Arithmetic on them is done in UTC, where every day has
 * 24 hours, so no time zone or daylight-saving shift can move a day. "Today" is the one place a
 * time zone matters: it is the date in Europe/Copenhagen, which for an hour or two after
 * midnight is a day ahead of the UTC date.
 *
 * Week N of a benefit period is not here: weeks of a period count from its first day (week 1 =
 * days 1–7, not Monday weeks), and that count and every deadline built on it live in one engine,
 * modules/followup/engine.ts (decision 1030).
 */

const DAY_MS = 86_400_000;

/** Today's date in Denmark (YYYY-MM-DD): the day a caseworker or citizen means by "today". */
export function danishToday(now = new Date()): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Copenhagen' }).format(now);
}

function toUtc(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d);
}

function fromUtc(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return fromUtc(toUtc(date) + days * DAY_MS);
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((toUtc(to) - toUtc(from)) / DAY_MS);
}

/** Whole weeks (7 days) from `from` to `to`, 0 when `to` is not later. */
export function wholeWeeksBetween(from: string, to: string): number {
  return Math.max(0, Math.floor(daysBetween(from, to) / 7));
}

/**
 * The same day `years` later or earlier; 29 February becomes 28 February in a year without it
 * (the way Danish law counts a period of years from a leap day).
 */
export function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const year = y + years;
  const lastDay = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return fromUtc(Date.UTC(year, m - 1, Math.min(d, lastDay)));
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

/** The first Monday on or after date. */
export function mondayOnOrAfter(date: string): string {
  return addDays(date, (8 - isoWeekday(date)) % 7);
}

/** The ISO 8601 week number of a date (week 1 holds the year's first Thursday). */
export function isoWeekNumber(date: string): { year: number; week: number } {
  const thursday = addDays(date, 4 - isoWeekday(date));
  const year = Number(thursday.slice(0, 4));
  const week = Math.floor((toUtc(thursday) - Date.UTC(year, 0, 1)) / (7 * DAY_MS)) + 1;
  return { year, week };
}

/*
 * Danish public holidays (helligdage), computed: the fixed days and those that follow Easter.
 * Store bededag was a public holiday until 2023 (abolished by law from 2024). Grundlovsdag,
 * juleaftensdag and 1. maj are customary days off, not public holidays, and are not included.
 * Computing them here replaces a calendar library that cost ~1 s and ~24 MB at start.
 */

/** Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm), as [month, day]. */
export function easterSunday(year: number): [number, number] {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return [month, day];
}

const holidayCache = new Map<number, Map<string, string>>();

function holidaysOf(year: number): Map<string, string> {
  const known = holidayCache.get(year);
  if (known) return known;
  const [month, day] = easterSunday(year);
  const easter = fromUtc(Date.UTC(year, month - 1, day));
  const fromEaster = (days: number) => addDays(easter, days);
  const y = String(year).padStart(4, '0');
  const days: [string, string][] = [
    [`${y}-01-01`, 'Nytårsdag'],
    [fromEaster(-3), 'Skærtorsdag'],
    [fromEaster(-2), 'Langfredag'],
    [fromEaster(0), 'Påskedag'],
    [fromEaster(1), 'Anden påskedag'],
    ...(year <= 2023 ? [[fromEaster(26), 'Store Bededag'] as [string, string]] : []),
    [fromEaster(39), 'Kristi Himmelfartsdag'],
    [fromEaster(49), 'Pinsedag'],
    [fromEaster(50), 'Anden Pinsedag'],
    [`${y}-12-25`, 'Juledag'],
    [`${y}-12-26`, 'Anden Juledag'],
  ];
  const map = new Map(days);
  holidayCache.set(year, map);
  return map;
}

/** The Danish public holiday on a date (YYYY-MM-DD), or null. */
export function danishPublicHoliday(date: string): string | null {
  return holidaysOf(Number(date.slice(0, 4))).get(date) ?? null;
}

/** A working day: Monday to Friday and not a public holiday. */
export function isWorkingDay(date: string): boolean {
  return isoWeekday(date) <= 5 && danishPublicHoliday(date) === null;
}

/**
 * The date itself if it is a working day, otherwise the last working day before it: a deadline
 * that falls on a weekend or a holiday is due the working day before, never after.
 */
export function workingDayOnOrBefore(date: string): string {
  let day = date;
  while (!isWorkingDay(day)) day = addDays(day, -1);
  return day;
}

/** The date itself if it is a working day, otherwise the first working day after it. */
export function workingDayOnOrAfter(date: string): string {
  let day = date;
  while (!isWorkingDay(day)) day = addDays(day, 1);
  return day;
}
