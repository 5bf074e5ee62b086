/**
 * The list of risk-group suggestions: a caseworker reviews every orange and red suggestion of
 * the municipality with the rules' reasons (never the health values behind them) and decides
 * each from the list.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, login, type Session, type TestApp } from '../../../test/helper.js';

let t: TestApp;
let caseworker: Session;

beforeAll(async () => {
  t = await buildTestApp();
  caseworker = await login(t.app, 'hjoerring.sagsbehandler');
});
afterAll(async () => t?.close());

interface Item {
  citizenId: string;
  suggestedGroup: string;
  reasons: string[];
  since: string | null;
  pending: boolean;
  decision: { group: string } | null;
}

describe('GET /api/risk/suggestions', () => {
  it('lists only orange and red suggestions, red first, each with the reasons and no values', async () => {
    const res = await caseworker.inject({ method: 'GET', url: '/api/risk/suggestions?limit=200' });
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as Item[];
    expect(items.length).toBeGreaterThan(0);
    expect(res.json().total).toBe(items.length);
    const groups = items.map((i) => i.suggestedGroup);
    expect(new Set(groups).size).toBeLessThanOrEqual(2);
    expect(groups.every((g) => g === 'red' || g === 'orange')).toBe(true);
    expect(groups).toEqual([...groups].sort((a, b) => (a === b ? 0 : a === 'red' ? -1 : 1)));
    for (const i of items) {
      expect(i.reasons.length).toBeGreaterThan(0);
      // The explanation with the citizen's value ("… er 28; reglen …") never leaves in the list.
      expect(i.reasons.join(' ')).not.toMatch(/ er \d|WHO-5 trivselsscore \(0–100\)/);
    }
  });

  it('sorts by the date on benefit, pages, and a decision takes the citizen off "pending"', async () => {
    const byDate = await caseworker.inject({
      method: 'GET',
      url: '/api/risk/suggestions?sort=date&limit=200',
    });
    const dates = (byDate.json().items as Item[]).map((i) => i.since ?? '9999');
    expect(dates).toEqual([...dates].sort());

    const page = await caseworker.inject({ method: 'GET', url: '/api/risk/suggestions?limit=1' });
    expect(page.json().items).toHaveLength(1);

    const pending = (
      await caseworker.inject({
        method: 'GET',
        url: '/api/risk/suggestions?pending=true&limit=200',
      })
    ).json().items as Item[];
    expect(pending.every((i) => i.pending)).toBe(true);
    const first = pending[0]!;
    const confirmed = await caseworker.inject({
      method: 'POST',
      url: `/api/risk/citizens/${first.citizenId}/decisions`,
      payload: { group: first.suggestedGroup },
    });
    expect(confirmed.statusCode, confirmed.body).toBe(201);
    const after = (
      await caseworker.inject({
        method: 'GET',
        url: '/api/risk/suggestions?pending=true&limit=200',
      })
    ).json().items as Item[];
    expect(after.map((i) => i.citizenId)).not.toContain(first.citizenId);
    const all = (
      await caseworker.inject({ method: 'GET', url: '/api/risk/suggestions?limit=200' })
    ).json().items as Item[];
    expect(all.find((i) => i.citizenId === first.citizenId)?.decision?.group).toBe(
      first.suggestedGroup,
    );
  });

  it('is not open to a health professional', async () => {
    const health = await login(t.app, 'hjoerring.sundhed');
    const res = await health.inject({ method: 'GET', url: '/api/risk/suggestions' });
    expect(res.statusCode).toBe(403);
  });
});
