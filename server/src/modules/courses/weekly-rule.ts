/**
 * Middelfart's weekly rule for a mandatory activation offer: at least H hours of exercise a week
 * spread over at least D days (seed 001: "5 timers motion om ugen, over minimum 2 dage").
 *
 * A week is a Danish Monday week (platform/dates.ts). What the citizen is asked for in a week is
 * never more than the course offered that week: a public holiday (the sessions generated from the
 * weekly pattern skip it) or a cancelled session lowers the week's requirement to the hours and
 * days that were actually on offer, so nobody fails a week because the centre was closed. A week
 * with no session on offer at all has no requirement. A week not yet over is pending.
 */
import { addDays, danishPublicHoliday, isoWeekNumber, mondayOf } from '../../platform/dates.js';

export interface WeeklyRule {
  minHours: number;
  minDays: number;
}

export interface RuleSession {
  id: string;
  /** Danish calendar day of the session. */
  date: string;
  hours: number;
  cancelled: boolean;
}

export type WeekResult = 'met' | 'not_met' | 'no_sessions' | 'pending';

export interface RuleWeek {
  weekStart: string;
  year: number;
  week: number;
  holidays: { date: string; name: string }[];
  offeredHours: number;
  offeredDays: number;
  requiredHours: number;
  requiredDays: number;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** The Monday weeks a course spans, with what was on offer and what is required in each. */
export function ruleWeeks(
  rule: WeeklyRule,
  startDate: string,
  weeks: number,
  sessions: RuleSession[],
): RuleWeek[] {
  const first = mondayOf(startDate);
  // The course's last day, or a session moved beyond it: ISO dates sort as strings.
  const end = [addDays(startDate, weeks * 7 - 1), ...sessions.map((s) => s.date)].sort().at(-1)!;
  const out: RuleWeek[] = [];
  for (let monday = first; monday <= end; monday = addDays(monday, 7)) {
    const sunday = addDays(monday, 6);
    const offered = sessions.filter((s) => !s.cancelled && s.date >= monday && s.date <= sunday);
    const offeredHours = round1(offered.reduce((h, s) => h + s.hours, 0));
    const offeredDays = new Set(offered.map((s) => s.date)).size;
    const holidays: RuleWeek['holidays'] = [];
    for (let d = 0; d < 7; d++) {
      const date = addDays(monday, d);
      const name = danishPublicHoliday(date);
      if (name) holidays.push({ date, name });
    }
    const { year, week } = isoWeekNumber(monday);
    out.push({
      weekStart: monday,
      year,
      week,
      holidays,
      offeredHours,
      offeredDays,
      requiredHours: Math.min(rule.minHours, offeredHours),
      requiredDays: Math.min(rule.minDays, offeredDays),
    });
  }
  return out;
}

/**
 * One participant's weeks: hours and days present against the week's requirement. `present` is
 * the ids of the sessions where the participant was registered present.
 */
export function participantWeeks(
  weeks: RuleWeek[],
  sessions: RuleSession[],
  present: Set<string>,
  today: string,
) {
  return weeks.map((w) => {
    const sunday = addDays(w.weekStart, 6);
    const attended = sessions.filter(
      (s) => !s.cancelled && present.has(s.id) && s.date >= w.weekStart && s.date <= sunday,
    );
    const attendedHours = round1(attended.reduce((h, s) => h + s.hours, 0));
    const attendedDays = new Set(attended.map((s) => s.date)).size;
    let result: WeekResult;
    if (w.offeredDays === 0) result = 'no_sessions';
    else if (attendedHours >= w.requiredHours && attendedDays >= w.requiredDays) result = 'met';
    else if (sunday >= today) result = 'pending';
    else result = 'not_met';
    return { weekStart: w.weekStart, attendedHours, attendedDays, result };
  });
}
