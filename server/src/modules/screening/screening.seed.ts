/**
 * Demo data for issue 5: screening rules (Rebild screens sygedagpenge in week 5, DOMAIN.md),
 * benefit periods for the demo citizens so the queue has people in it, default risk rules, and
 * in Hjørring a few orange/red decisions made long ago with no action since (early detection).
 */
import { sql } from 'kysely';
import type { DemoPart } from '../../db/seed/types.js';
import { addDays, danishToday, mondayOf } from '../../platform/dates.js';

const RULES: Record<string, [string, number][]> = {
  '840': [['sygedagpenge', 5]],
  '461': [
    ['kontanthjaelp_aktivitetsparat', 4],
    ['sygedagpenge', 8],
  ],
  '159': [
    ['sygedagpenge', 8],
    ['kontanthjaelp_jobparat', 6],
  ],
  '860': [
    ['sygedagpenge', 6],
    ['kontanthjaelp_jobparat', 8],
  ],
  '175': [['sygedagpenge', 8]],
};

const RISK_RULES: [string, string, number, string, string][] = [
  ['weeks_on_benefit', 'gte', 13, 'orange', 'Har været på ydelse i 13 uger eller mere'],
  ['weeks_on_benefit', 'gte', 26, 'red', 'Har været på ydelse i et halvt år eller mere'],
  ['benefit_periods_3y', 'gte', 3, 'orange', 'Tre eller flere ydelsesforløb inden for 3 år'],
  ['age', 'gte', 55, 'orange', 'Er 55 år eller ældre'],
  ['self_rated_health', 'lte', 2, 'red', 'Vurderer selv sit helbred som dårligt eller mindre godt'],
  ['who5', 'lt', 35, 'red', 'WHO-5 under 35: tegn på nedsat trivsel'],
  ['who5', 'lt', 50, 'orange', 'WHO-5 under 50: nedsat trivsel'],
  ['previous_dropouts', 'gte', 1, 'orange', 'Har tidligere afbrudt et forløb'],
];

export const screeningDemo: DemoPart = {
  name: 'screening-risk',
  async run(tx, demo) {
    const today = danishToday();
    const monday = mondayOf(today);
    for (const m of demo.municipalities) {
      for (const [type, week] of RULES[m.code] ?? []) {
        await sql`insert into screening_rule (municipality_code, benefit_type, week_number)
          values (${m.code}, ${type}, ${week}) on conflict do nothing`.execute(tx);
      }
      for (const [i, [fact, op, value, group, description]] of RISK_RULES.entries()) {
        await sql`insert into risk_rule (municipality_code, fact, operator, value, risk_group, description, sort_order)
          values (${m.code}, ${fact}, ${op}, ${value}, ${group}, ${description}, ${i})`.execute(tx);
      }
      const [firstRule] = RULES[m.code] ?? [];
      const type = firstRule?.[0] ?? 'sygedagpenge';
      const week = firstRule?.[1] ?? 5;
      // Citizens 1-6: open periods of the screened type, from "reaches week N in a week" back to
      // half a year; citizen 7 has an ended period; citizen 0 (the demo citizen user) one too.
      const starts = [
        addDays(monday, -7 * (week - 1)),
        addDays(monday, -7 * (week - 2)),
        addDays(monday, -7 * (week + 1)),
        addDays(today, -100),
        addDays(today, -200),
        addDays(today, -10),
      ];
      for (const [k, start] of starts.entries()) {
        const citizenId = m.citizens[k + 1];
        if (!citizenId) continue;
        await sql`insert into benefit_period (municipality_code, citizen_id, benefit_type, start_date, source)
          values (${m.code}, ${citizenId}, ${type}, ${start}, 'synthetic') on conflict do nothing`.execute(
          tx,
        );
      }
      for (const k of [0, 7]) {
        const citizenId = m.citizens[k];
        if (!citizenId) continue;
        await sql`insert into benefit_period (municipality_code, citizen_id, benefit_type, start_date,
            end_date, end_reason, source)
          values (${m.code}, ${citizenId}, 'kontanthjaelp_jobparat', ${addDays(today, -400)},
            ${addDays(today, -250)}, 'job', 'synthetic') on conflict do nothing`.execute(tx);
      }
      if (m.code === '860') {
        const caseworker = m.users.sagsbehandler;
        for (const [k, group] of [
          [4, 'red'],
          [5, 'orange'],
        ] as const) {
          const citizenId = m.citizens[k];
          if (!citizenId || !caseworker) continue;
          await sql`insert into risk_decision (municipality_code, citizen_id, suggested_group,
              fired_rules, decided_group, overridden, reason, decided_by, decided_at)
            values (${m.code}, ${citizenId}, ${group}, '[]', ${group}, false, null, ${caseworker},
              now() - interval '45 days')`.execute(tx);
        }
      }
    }
  },
};
