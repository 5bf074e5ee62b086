/**
 * No CPR number in any log line. The harness already fails a file whose captured logs hold a
 * CPR-shaped value; this file drives the paths most likely to leak one (a validation error on
 * a body with a CPR, a search by CPR, a CPR in a URL, a server error with a CPR in its message)
 * and checks the captured lines directly.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, login, type Session, type TestApp } from '../../test/helper.js';
import { demoCpr } from '../db/seed/demo.js';
import { cprPattern } from './cpr.js';

let t: TestApp;
let s: Session;
const cpr = demoCpr(0, 1);
const dashed = `${cpr.slice(0, 6)}-${cpr.slice(6)}`;

beforeAll(async () => {
  t = await buildTestApp({ config: { LOG_LEVEL: 'debug' } });
  s = await login(t.app, 'rebild.sagsbehandler');
});
afterAll(async () => {
  await t.close();
});

const leaks = () => t.logs.filter((l) => new RegExp(cprPattern.source).test(l));

describe('logs never hold a CPR number', () => {
  it('a search by CPR, a bad CPR, a body that fails validation', async () => {
    const found = await s.inject({ method: 'POST', url: '/api/citizens/search', payload: { cpr } });
    expect(found.json().total).toBe(1);
    await s.inject({ method: 'POST', url: '/api/citizens/search', payload: { cpr: dashed } });
    const bad = await s.inject({
      method: 'POST',
      url: '/api/citizens',
      payload: { cpr: '3213991234', firstName: 'X', lastName: 'Y' },
    });
    expect(bad.statusCode).toBe(400);
    const invalid = await s.inject({
      method: 'POST',
      url: '/api/citizens',
      payload: { cpr, firstName: '', lastName: cpr, unknown: cpr },
    });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.body).not.toContain(cpr);
    const duplicate = await s.inject({
      method: 'POST',
      url: '/api/citizens',
      payload: { cpr, firstName: 'Dobbelt', lastName: 'Borger' },
    });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.body).not.toContain(cpr);
    expect(t.logs.length).toBeGreaterThan(5);
    expect(leaks()).toEqual([]);
  });

  it('a CPR in a URL and in a query string', async () => {
    await s.inject({ url: `/api/citizens/${cpr}` });
    await s.inject({ url: `/api/findes-ikke/${dashed}?cpr=${cpr}` });
    expect(t.logs.some((l) => l.includes('"url":"/api/findes-ikke/[cpr]?cpr=[cpr]"'))).toBe(true);
    expect(t.logs.some((l) => l.includes('"statusCode":404'))).toBe(true);
    expect(leaks()).toEqual([]);
  });

  it('a server error whose database message carries the CPR (500)', async () => {
    // PostgreSQL puts the failing row into the error detail; here the row holds the CPR.
    await sql`alter table citizen add constraint test_fail check (first_name not like 'Fejl%') not valid`.execute(
      t.database.db,
    );
    try {
      const res = await s.inject({
        method: 'POST',
        url: '/api/citizens',
        payload: { cpr: demoCpr(0, 2), firstName: `Fejl ${dashed}`, lastName: cpr },
      });
      expect(res.statusCode).toBe(409);
      const fresh = '0101505678';
      const failed = await s.inject({
        method: 'POST',
        url: '/api/citizens',
        payload: { cpr: fresh, firstName: `Fejl ${dashed}`, lastName: cpr },
      });
      expect(failed.statusCode).toBe(500);
      expect(failed.body).not.toMatch(new RegExp(cprPattern.source));
    } finally {
      await sql`alter table citizen drop constraint test_fail`.execute(t.database.db);
    }
    expect(t.logs.some((l) => l.includes('request failed'))).toBe(true);
    t.app.log.error({ err: new Error(`fejl for ${dashed}`), cpr }, `noget gik galt med ${cpr}`);
    t.app.log.info(`borger ${dashed} læst`);
    expect(t.logs.some((l) => l.includes('noget gik galt med [cpr]'))).toBe(true);
    expect(leaks()).toEqual([]);
  });
});
