/**
 * The screening queue's pages and total (issue 20, decision 1130): the page is taken per
 * screening rule and merged, the total counted apart. Odense screens two benefit types with
 * different weeks N, so its queue merges two rules: every page must be the matching slice of
 * the whole queue in week-start order, and the total must count the whole queue whatever the
 * page, also after a screening leaves it.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, login, type Session, type TestApp } from '../../../test/helper.js';
import { addDays, danishToday } from '../../platform/dates.js';

let t: TestApp;
let caseworker: Session;

interface Item {
  periodId: string;
  benefitType: string;
  weekStart: string;
  status: string;
}
const queue = async (query: string) => {
  const res = await caseworker.inject({ method: 'GET', url: `/api/screening/queue?${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: Item[]; total: number };
};

beforeAll(async () => {
  t = await buildTestApp();
  caseworker = await login(t.app, 'odense.sagsbehandler');
  // Periods of both screened types for Odense's citizens, started over the last 20 weeks, so
  // both rules have rows due now, coming, and weeks that interleave.
  await sql`insert into benefit_period (municipality_code, citizen_id, benefit_type, start_date, source)
    select c.municipality_code, c.id,
      (array['sygedagpenge', 'kontanthjaelp_aktivitetsparat'])[1 + n % 2],
      ${danishToday()}::date - 7 * (n % 20) - n % 5, 'synthetic'
    from (select c.*, (row_number() over (order by c.id))::int as n from citizen c
      where c.municipality_code = '461') c
    where not exists (select 1 from benefit_period b where b.citizen_id = c.id and b.end_date is null)
    on conflict do nothing`.execute(t.database.db);
});
afterAll(() => t.close());

describe('screening queue pages over two rules', () => {
  it('gives every page as its slice of the whole queue, in week-start order, with the whole total', async () => {
    const all = await queue('limit=200');
    expect(new Set(all.items.map((i) => i.benefitType))).toEqual(
      new Set(['sygedagpenge', 'kontanthjaelp_aktivitetsparat']),
    );
    expect(all.total).toBe(all.items.length);
    const sorted = [...all.items].sort(
      (a, b) => a.weekStart.localeCompare(b.weekStart) || (a.periodId < b.periodId ? -1 : 1),
    );
    expect(all.items.map((i) => i.periodId)).toEqual(sorted.map((i) => i.periodId));
    const paged: string[] = [];
    for (let offset = 0; offset < all.total; offset += 3) {
      const page = await queue(`limit=3&offset=${offset}`);
      expect(page.total).toBe(all.total);
      paged.push(...page.items.map((i) => i.periodId));
    }
    expect(paged).toEqual(all.items.map((i) => i.periodId));

    // Due now and coming split the queue; each keeps its own total.
    const now = await queue('limit=200&due=now');
    const coming = await queue('limit=200&due=coming');
    expect(now.total + coming.total).toBe(all.total);
    expect(now.items.every((i) => i.weekStart <= danishToday())).toBe(true);
    expect(coming.items.every((i) => i.weekStart > danishToday())).toBe(true);
    expect(coming.items.every((i) => i.weekStart <= addDays(danishToday(), 14))).toBe(true);
  });

  it('leaves out a screened period and one marked not relevant, and keeps a booked one', async () => {
    const before = await queue('limit=200');
    const [screened, notRelevant, booked] = before.items;
    for (const [item, status] of [
      [screened, 'screened'],
      [notRelevant, 'not_relevant'],
      [booked, 'booked'],
    ] as const) {
      await sql`insert into screening (municipality_code, citizen_id, benefit_period_id, week_number,
          due_date, status, status_reason, overall_recommendation)
        select b.municipality_code, b.citizen_id, b.id, 1, b.start_date, ${status},
          ${status === 'not_relevant' ? 'Raskmeldt' : null},
          ${status === 'screened' ? 'no_action' : null}
        from benefit_period b where b.id = ${item!.periodId}`.execute(t.database.db);
    }
    const after = await queue('limit=200');
    expect(after.total).toBe(before.total - 2);
    const ids = after.items.map((i) => i.periodId);
    expect(ids).not.toContain(screened!.periodId);
    expect(ids).not.toContain(notRelevant!.periodId);
    expect(after.items.find((i) => i.periodId === booked!.periodId)?.status).toBe('booked');
    const onlyBooked = await queue('limit=200&status=booked');
    expect(onlyBooked.items.map((i) => i.periodId)).toEqual([booked!.periodId]);
    expect(onlyBooked.total).toBe(1);
  });
});
