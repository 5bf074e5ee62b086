/**
 * Citizen search as the list shows it (issue 20 moved its count and page onto one index,
 * decision 1130): a name matches in "first last" and in "last first" order, partially and
 * case-insensitively, the page is in name order, and the total counts every match, also when
 * the page is a later one. Fictitious CPR numbers only (births 2040-2057).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, login, type Session, type TestApp } from '../../../test/helper.js';
import { syntheticCpr } from '../../db/seed/national.js';

let t: TestApp;
let caseworker: Session;

const people = [
  ['Zyxanna', 'Kvist'],
  ['Bo', 'Zyxsen'],
  ['Ole Zyx', 'Ærø'],
  ['Anna', 'Zyxsen'],
];

beforeAll(async () => {
  t = await buildTestApp();
  caseworker = await login(t.app, 'rebild.sagsbehandler');
  for (const [i, [firstName, lastName]] of people.entries()) {
    const cpr = syntheticCpr(11, 4, 7000 + i);
    const res = await caseworker.inject({
      method: 'POST',
      url: '/api/citizens',
      payload: { cpr: `${cpr.slice(0, 6)}-${cpr.slice(6)}`, firstName, lastName },
    });
    expect(res.statusCode, res.body).toBe(201);
  }
});
afterAll(async () => t?.close());

const search = async (body: Record<string, unknown>) => {
  const res = await caseworker.inject({
    method: 'POST',
    url: '/api/citizens/search',
    payload: body,
  });
  expect(res.statusCode, res.body).toBe(200);
  const json = res.json() as { items: { firstName: string; lastName: string }[]; total: number };
  return { names: json.items.map((i) => `${i.firstName} ${i.lastName}`), total: json.total };
};

describe('citizen search', () => {
  it('finds a partial name in either order, case-insensitively, in name order', async () => {
    expect(await search({ name: 'ZYX' })).toEqual({
      names: ['Zyxanna Kvist', 'Anna Zyxsen', 'Bo Zyxsen', 'Ole Zyx Ærø'],
      total: 4,
    });
    expect(await search({ name: 'kvist zyxa' })).toEqual({ names: ['Zyxanna Kvist'], total: 1 });
    expect(await search({ name: 'zyxanna kv' })).toEqual({ names: ['Zyxanna Kvist'], total: 1 });
    expect(await search({ name: 'ærø ole' })).toEqual({ names: ['Ole Zyx Ærø'], total: 1 });
    // Not across the two orders: "kvist" then "zyxsen" is no one's name.
    expect(await search({ name: 'kvist zyxs' })).toEqual({ names: [], total: 0 });
  });

  it('counts every match on a later page, and reverses the order on request', async () => {
    expect(await search({ name: 'zyx', limit: 2, offset: 2 })).toEqual({
      names: ['Bo Zyxsen', 'Ole Zyx Ærø'],
      total: 4,
    });
    expect(await search({ name: 'zyx', limit: 3, direction: 'desc' })).toEqual({
      names: ['Ole Zyx Ærø', 'Bo Zyxsen', 'Anna Zyxsen'],
      total: 4,
    });
    // A page past the end is empty, and so is its total (as before).
    expect(await search({ name: 'zyx', limit: 2, offset: 4 })).toEqual({ names: [], total: 0 });
  });

  it('takes % and _ in a name literally', async () => {
    expect(await search({ name: 'zy%' })).toEqual({ names: [], total: 0 });
    expect(await search({ name: 'zy_' })).toEqual({ names: [], total: 0 });
  });
});
