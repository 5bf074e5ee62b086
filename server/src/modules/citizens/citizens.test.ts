/**
 * A citizen by hand: created with a valid CPR number (stored encrypted, shown masked), a second
 * citizen with the same number in the municipality is a 409 with a clear message, and the
 * details are edited afterwards. Fictitious CPR numbers only (births 2040-2057).
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, login, type Session, type TestApp } from '../../../test/helper.js';
import { syntheticCpr } from '../../db/seed/national.js';

let t: TestApp;
let caseworker: Session;

beforeAll(async () => {
  t = await buildTestApp();
  caseworker = await login(t.app, 'rebild.sagsbehandler');
});
afterAll(async () => t?.close());

const cpr = syntheticCpr(17, 3, 4321);

describe('creating and editing a citizen by hand', () => {
  let id: string;

  it('offers creating a citizen on the list, to the caseworker', async () => {
    const res = await caseworker.inject({
      method: 'POST',
      url: '/api/citizens/search',
      payload: { limit: 1 },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().allowedActions).toEqual(['citizen.create']);
  });

  it('creates the citizen with the CPR number masked and stored encrypted, and audits it', async () => {
    const res = await caseworker.inject({
      method: 'POST',
      url: '/api/citizens',
      payload: {
        cpr: `${cpr.slice(0, 6)}-${cpr.slice(6)}`,
        firstName: 'Signe',
        lastName: 'Håndholm',
        phone: '12345678',
        preferredLanguage: 'uk',
        needsInterpreter: true,
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    id = body.id;
    expect(body).toMatchObject({
      cprMasked: `${cpr.slice(0, 6)}-xxxx`,
      birthDate: `20${cpr.slice(4, 6)}-03-17`,
      preferredLanguage: 'uk',
      needsInterpreter: true,
    });
    expect(body.allowedActions).toContain('citizen.update');
    expect(res.body).not.toContain(cpr.slice(6));
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from citizen
      where id = ${id} and position(convert_to(${cpr}, 'UTF8') in cpr_encrypted) = 0`.execute(
      t.database.db,
    );
    expect(rows[0]!.n).toBe(1);
    const audit = await sql<{ action: string }>`select action from audit_event
      where citizen_id = ${id} and resource_type = 'citizen'`.execute(t.database.db);
    expect(audit.rows.map((r) => r.action)).toEqual(['create']);
  });

  it('answers 409 with a clear message for the same CPR number in the municipality', async () => {
    const res = await caseworker.inject({
      method: 'POST',
      url: '/api/citizens',
      payload: { cpr, firstName: 'Anden', lastName: 'Person' },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toBe(
      'Der findes allerede en borger med dette CPR-nummer i kommunen.',
    );
  });

  it('refuses an impossible date and names the field', async () => {
    const res = await caseworker.inject({
      method: 'POST',
      url: '/api/citizens',
      payload: { cpr: '3102455123', firstName: 'X', lastName: 'Y' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].pointer).toBe('/cpr');
  });

  it('edits the details and keeps the CPR number', async () => {
    const res = await caseworker.inject({
      method: 'PATCH',
      url: `/api/citizens/${id}`,
      payload: { address: 'Jernbanegade 1', postalCode: '9530', city: 'Støvring', email: null },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      address: 'Jernbanegade 1',
      postalCode: '9530',
      city: 'Støvring',
      firstName: 'Signe',
      cprMasked: `${cpr.slice(0, 6)}-xxxx`,
    });
  });
});
