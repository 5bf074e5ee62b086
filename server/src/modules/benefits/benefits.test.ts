import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, login, type Session, type TestApp } from '../../../test/helper.js';

let t: TestApp;
let caseworker: Session;
let citizenId: string;

beforeAll(async () => {
  t = await buildTestApp();
  caseworker = await login(t.app, 'rebild.sagsbehandler');
  const search = await caseworker.inject({
    method: 'POST',
    url: '/api/citizens/search',
    payload: { limit: 200, sort: 'created' },
  });
  citizenId = search.json().items[10].id;
});
afterAll(async () => t?.close());

describe('benefit periods', () => {
  it('creates, lists and ends a period with an end reason', async () => {
    const created = await caseworker.inject({
      method: 'POST',
      url: '/api/benefit-periods',
      payload: { citizenId, benefitType: 'ledighedsydelse', startDate: '2025-03-03' },
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ benefitTypeName: 'Ledighedsydelse', endDate: null });
    const ended = await caseworker.inject({
      method: 'POST',
      url: `/api/benefit-periods/${created.json().id}/end`,
      payload: { endDate: '2025-09-30', endReason: 'declared_fit' },
    });
    expect(ended.statusCode, ended.body).toBe(200);
    expect(ended.json()).toMatchObject({ endDate: '2025-09-30', endReason: 'declared_fit' });
    const again = await caseworker.inject({
      method: 'POST',
      url: `/api/benefit-periods/${created.json().id}/end`,
      payload: { endDate: '2025-10-30', endReason: 'job' },
    });
    expect(again.statusCode).toBe(409);
    const list = await caseworker.inject({
      method: 'GET',
      url: `/api/benefit-periods/citizen/${citizenId}`,
    });
    expect(list.json().items.some((p: { id: string }) => p.id === created.json().id)).toBe(true);
  });

  it('refuses an overlapping period of the same type with a Danish message naming it', async () => {
    const res = await caseworker.inject({
      method: 'POST',
      url: '/api/benefit-periods',
      payload: { citizenId, benefitType: 'ledighedsydelse', startDate: '2025-09-01' },
    });
    expect(res.statusCode).toBe(409);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().detail).toBe(
      'Forløbet overlapper borgerens forløb med Ledighedsydelse, der startede 03-03-2025 til 30-09-2025. Afslut det forløb, eller vælg andre datoer.',
    );
    expect(res.json().overlappingPeriodId).toBeTruthy();
    // Another type on the same days, and the same type after the end, are fine.
    const other = await caseworker.inject({
      method: 'POST',
      url: '/api/benefit-periods',
      payload: { citizenId, benefitType: 'dagpenge', startDate: '2025-09-01' },
    });
    expect(other.statusCode, other.body).toBe(201);
    const later = await caseworker.inject({
      method: 'POST',
      url: '/api/benefit-periods',
      payload: { citizenId, benefitType: 'ledighedsydelse', startDate: '2025-10-01' },
    });
    expect(later.statusCode, later.body).toBe(201);
  });

  it('requires end date and end reason together, and refuses other municipalities', async () => {
    const half = await caseworker.inject({
      method: 'POST',
      url: '/api/benefit-periods',
      payload: {
        citizenId,
        benefitType: 'uddannelseshjaelp',
        startDate: '2024-01-01',
        endDate: '2024-02-01',
      },
    });
    expect(half.statusCode).toBe(400);
    const odense = await login(t.app, 'odense.sagsbehandler');
    const res = await odense.inject({
      method: 'GET',
      url: `/api/benefit-periods/citizen/${citizenId}`,
    });
    expect(res.statusCode).toBe(404);
  });
});
