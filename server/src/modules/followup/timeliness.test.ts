/**
 * Timeliness (rettidighed) on the manager's dashboard: the share of first conversations and of
 * follow-ups held by their deadline, per month and team, equals a recount made here from the
 * conversation rows, and follows the dashboard's small-cell rules.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, login, type Session, type TestApp } from '../../../test/helper.js';
import { syntheticCpr } from '../../db/seed/national.js';
import { addDays, danishToday } from '../../platform/dates.js';

let t: TestApp;
let caseworker: Session;
let manager: Session;

beforeAll(async () => {
  t = await buildTestApp();
  caseworker = await login(t.app, 'rebild.sagsbehandler');
  manager = await login(t.app, 'rebild.leder');
});
afterAll(async () => t?.close());

let made = 0;
async function conversationHeld(start: string, heldOn: string, followUpOn?: string) {
  made++;
  const created = await caseworker.inject({
    method: 'POST',
    url: '/api/citizens',
    payload: {
      cpr: syntheticCpr(5 + (made % 20), 7, 700 + made),
      firstName: 'Rettidig',
      lastName: `Test ${made}`,
      responsibleCaseworkerId: caseworker.user.id,
    },
  });
  expect(created.statusCode, created.body).toBe(201);
  const citizenId = created.json().id as string;
  const period = await caseworker.inject({
    method: 'POST',
    url: '/api/benefit-periods',
    payload: { citizenId, benefitType: 'sygedagpenge', startDate: start },
  });
  expect(period.statusCode, period.body).toBe(201);
  for (const [i, on] of [heldOn, followUpOn].entries()) {
    if (!on) continue;
    const res = await caseworker.inject({
      method: 'POST',
      url: `/api/follow-up/citizen/${citizenId}/conversations`,
      payload: { heldOn: on, form: 'phone', category: i === 0 ? 2 : null },
    });
    expect(res.statusCode, res.body).toBe(200);
  }
}

interface Row {
  month: string;
  team: string | null;
  kind: 'first_conversation' | 'follow_up';
  held: number | string;
  onTime: number | string;
  late: number | string;
  percent: number | null;
}

describe('timeliness on the evaluation dashboard', () => {
  it('equals a recount of the conversations held by their deadline, per month and team', async () => {
    const today = danishToday();
    const held = addDays(today, -40);
    // Five first conversations on time (due D + 55 = today − 35 or the working day before) …
    for (let i = 0; i < 5; i++) await conversationHeld(addDays(today, -90 - i), held);
    // … five late (due long before they were held), one of them followed up 20 days later
    // (on time: every 28 days) …
    for (let i = 0; i < 5; i++) {
      await conversationHeld(
        addDays(today, -130 - i),
        held,
        i === 0 ? addDays(held, 20) : undefined,
      );
    }

    const res = await manager.inject({ method: 'GET', url: '/api/evaluation/dashboard' });
    expect(res.statusCode, res.body).toBe(200);
    const rows = res.json().timeliness as Row[];

    // The recount: every conversation row, first = the period's earliest, on time when held on
    // or before the deadline it met; the team is the responsible caseworker's organisation.
    const { rows: raw } = await sql<{
      period: string;
      held_on: string;
      met: string | null;
      created: string;
      team: string | null;
    }>`select k.benefit_period_id as period, k.held_on::text as held_on,
        k.met_due_date::text as met, k.created_at::text as created,
        (select min(o.name) from user_role r join organisation o
           on o.municipality_code = r.municipality_code and o.id = r.organisation_id
         where r.user_id = c.responsible_caseworker_id
           and r.role in ('caseworker', 'coordinating_caseworker')) as team
      from followup_conversation k
      join benefit_period p on p.municipality_code = k.municipality_code and p.id = k.benefit_period_id
      join citizen c on c.municipality_code = p.municipality_code and c.id = p.citizen_id
      where k.municipality_code = '840'`.execute(t.database.db);
    const byPeriod = new Map<string, typeof raw>();
    for (const r of raw) byPeriod.set(r.period, [...(byPeriod.get(r.period) ?? []), r]);
    const cells = new Map<string, { held: number; onTime: number }>();
    const from = addDays(today, -730);
    for (const list of byPeriod.values()) {
      list.sort((a, b) => a.held_on.localeCompare(b.held_on) || a.created.localeCompare(b.created));
      list.forEach((r, i) => {
        if (r.met === null || r.held_on < from || r.held_on > today) return;
        const key = `${r.held_on.slice(0, 7)}|${r.team}|${i === 0 ? 'first_conversation' : 'follow_up'}`;
        const c = cells.get(key) ?? { held: 0, onTime: 0 };
        c.held++;
        if (r.held_on <= r.met) c.onTime++;
        cells.set(key, c);
      });
    }
    expect(rows.length).toBe(cells.size);
    for (const row of rows) {
      const c = cells.get(`${row.month}|${row.team}|${row.kind}`);
      expect(c, `${row.month} ${row.team} ${row.kind}`).toBeDefined();
      const small = (n: number) => n >= 1 && n <= 4;
      if (small(c!.held) || small(c!.onTime) || small(c!.held - c!.onTime)) {
        // Small cells: no count of 1–4 and no share that would give one away.
        expect(row.percent).toBeNull();
        for (const v of [row.held, row.onTime, row.late]) {
          expect(typeof v === 'number' && small(v)).toBe(false);
        }
      } else {
        expect(row).toMatchObject({
          held: c!.held,
          onTime: c!.onTime,
          late: c!.held - c!.onTime,
          percent: Math.round((c!.onTime / c!.held) * 1000) / 10,
        });
      }
    }

    // This test's own ten first conversations are in their month's cell: at least 5 on time and
    // 5 late, shown (not suppressed) with the share.
    const { rows: teams } = await sql<{ name: string }>`select min(o.name) as name
      from user_role r join organisation o on o.municipality_code = r.municipality_code
        and o.id = r.organisation_id
      where r.user_id = ${caseworker.user.id} and r.role = 'caseworker'`.execute(t.database.db);
    const mine = rows.find(
      (r) =>
        r.month === held.slice(0, 7) &&
        r.team === teams[0]!.name &&
        r.kind === 'first_conversation',
    )!;
    expect(mine.held as number).toBeGreaterThanOrEqual(10);
    expect(mine.onTime as number).toBeGreaterThanOrEqual(5);
    expect(mine.late as number).toBeGreaterThanOrEqual(5);
    expect(mine.percent).not.toBeNull();
    // The follow-up cell holds 1 on-time follow-up from here: at most suppressed, never "1".
    const followUps = rows.filter((r) => r.kind === 'follow_up');
    expect(followUps.length).toBeGreaterThan(0);
  });
});
