/**
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

const DAY_MS = 86_400_000;
const cache = new Map<number, Map<string, string>>();

function holidaysOf(year: number): Map<string, string> {
  const known = cache.get(year);
  if (known) return known;
  const [month, day] = easterSunday(year);
  const easter = Date.UTC(year, month - 1, day);
  const fromEaster = (days: number) => new Date(easter + days * DAY_MS).toISOString().slice(0, 10);
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
  cache.set(year, map);
  return map;
}

/** The Danish public holiday on a date (YYYY-MM-DD), or null. */
export function danishPublicHoliday(date: string): string | null {
  return holidaysOf(Number(date.slice(0, 4))).get(date) ?? null;
}
