import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, login, type TestApp } from '../../test/helper.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('errors are problem+json', () => {
  it('malformed JSON answers 400 problem+json', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{bad',
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ status: 400, code: 'validation' });
  });

  it('an unknown route answers 404 problem+json, in English when asked', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/findes-ikke',
      headers: { 'accept-language': 'en' },
    });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ code: 'not_found', title: 'Not found' });
  });

  it('a body over the limit answers 413 problem+json', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({
        username: 'x'.repeat(t.config.bodyLimitBytes + 10),
        password: 'y',
      }),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ code: 'payload_too_large' });
  });

  it('a wrong content type answers 415 problem+json', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/x-unknown' },
      payload: 'username=a',
    });
    expect(res.statusCode).toBe(415);
    expect(res.json()).toMatchObject({ code: 'unsupported_media_type' });
  });

  it('a validation failure names each invalid field by JSON pointer, in Danish', async () => {
    const s = await login(t.app, 'rebild.sagsbehandler');
    const res = await s.inject({
      method: 'POST',
      url: '/api/citizens',
      payload: { cpr: '12', firstName: '' },
    });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    const pointers = body.errors.map((e: { pointer: string }) => e.pointer).sort();
    expect(pointers).toEqual(['/cpr', '/firstName', '/lastName']);
    expect(body.errors.find((e: { pointer: string }) => e.pointer === '/lastName').message).toBe(
      'Feltet skal udfyldes',
    );
  });
});

describe('health and docs', () => {
  it('live and ready answer', async () => {
    expect((await t.app.inject({ url: '/health/live' })).statusCode).toBe(200);
    const ready = await t.app.inject({ url: '/health/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json().status).toBe('ok');
  });

  it('the OpenAPI document is OpenAPI 3 and covers every API route', async () => {
    const res = await t.app.inject({ url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    const documented = new Set<string>();
    for (const [p, ops] of Object.entries<Record<string, unknown>>(doc.paths)) {
      for (const method of Object.keys(ops)) documented.add(`${method.toUpperCase()} ${p}`);
    }
    const routes = t.app
      .printRoutes({ commonPrefix: false })
      .split('\n')
      .filter((l) => l.includes('/api/') && !l.includes('/api/docs'));
    expect(routes.length).toBeGreaterThan(5);
    // Every registered API route appears in the document (Fastify :id → OpenAPI {id}).
    for (const line of routes) {
      const m = line.match(/(\/api\/\S+?)\s+\(([A-Z, ]+)\)/);
      if (!m) continue;
      const openapiPath = m[1]!.replace(/:(\w+)/g, '{$1}');
      for (const method of m[2]!.split(', ').filter((x) => x !== 'HEAD')) {
        expect(documented, `${method} ${openapiPath}`).toContain(`${method} ${openapiPath}`);
      }
    }
  });
});
