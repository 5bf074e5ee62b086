/**
 * The edges of the service answer like the rest: errors raised by Fastify before a route runs
 * (a malformed %-escape, a path parameter over the limit, a body Fastify cannot parse) and by
 * Node's HTTP parser before Fastify sees the request (headers or URL over the size limit, a
 * request that is not HTTP) all leave as problem+json with a stable code.
 */
import net from 'node:net';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, login, type Session, type TestApp } from '../../test/helper.js';

let t: TestApp;
let caseworker: Session;
let port: number;
beforeAll(async () => {
  t = await buildTestApp();
  caseworker = await login(t.app, 'rebild.sagsbehandler');
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  port = (t.app.server.address() as net.AddressInfo).port;
});
afterAll(async () => {
  await t.close();
});

function expectProblem(res: LightMyRequestResponse, status: number, code: string) {
  expect(res.statusCode).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.json()).toMatchObject({ status, code });
}

/** Writes raw bytes to the listening server and returns the raw answer. */
function rawRequest(data: string): Promise<{ status: number; type: string; body: unknown }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [head = '', body = ''] = text.split('\r\n\r\n');
      const status = Number(head.split(' ')[1]);
      const type = /content-type:\s*([^\r\n]+)/i.exec(head)?.[1] ?? '';
      resolve({ status, type, body: body ? JSON.parse(body) : null });
    });
    socket.end(data);
  });
}

describe('Fastify errors before the route', () => {
  it('a malformed escape in a path parameter answers 400 bad_url, with and without a session', async () => {
    expectProblem(await t.app.inject({ url: '/api/citizens/%c0%ae' }), 400, 'bad_url');
    const res = await caseworker.inject({ url: '/api/citizens/%c0%ae' });
    expectProblem(res, 400, 'bad_url');
    expect(res.json().title).toBe('Ugyldig adresse');
    const en = await caseworker.inject({
      url: '/api/citizens/%E0%A4%A',
      headers: { 'accept-language': 'en' },
    });
    expectProblem(en, 400, 'bad_url');
    expect(en.json().detail).toBe('The URL contains an invalid percent-encoding.');
  });

  it('a path parameter over the length limit answers 414 uri_too_long', async () => {
    const res = await caseworker.inject({ url: `/api/citizens/${'a'.repeat(500)}` });
    expectProblem(res, 414, 'uri_too_long');
    expect(res.json().detail).toBe('Adressen er for lang.');
  });

  it('a number too large to be finite in the query is 400 naming the field, not a 500 from SQL', async () => {
    for (const days of ['1e309', 'Infinity', '-Infinity']) {
      const res = await caseworker.inject({ url: `/api/risk/attention?days=${days}` });
      expectProblem(res, 400, 'validation');
      expect(res.json().errors).toEqual([
        { in: 'querystring', pointer: '/days', message: 'Skal være et endeligt tal' },
      ]);
    }
  });

  it('an upload whose multipart body is broken is 400, not 500', async () => {
    for (const [type, payload] of [
      ['multipart/form-data', 'a=b'],
      ['multipart/form-data; boundary=xyz', '--xyz\r\nContent-Disposition: form-data; name="file"'],
    ] as const) {
      const res = await caseworker.inject({
        method: 'POST',
        url: '/api/imports',
        headers: { 'content-type': type },
        payload,
      });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
  });

  it('an unknown route answers 404 not_found', async () => {
    expectProblem(await t.app.inject({ method: 'DELETE', url: '/api/nowhere' }), 404, 'not_found');
  });

  it('a body that is not JSON, an empty JSON body, a wrong type and a big body answer problem+json', async () => {
    expectProblem(
      await caseworker.inject({
        method: 'POST',
        url: '/api/citizens',
        headers: { 'content-type': 'application/json' },
        payload: '{"cpr":',
      }),
      400,
      'validation',
    );
    expectProblem(
      await caseworker.inject({
        method: 'POST',
        url: '/api/citizens',
        headers: { 'content-type': 'application/json' },
        payload: '',
      }),
      400,
      'validation',
    );
    expectProblem(
      await caseworker.inject({
        method: 'POST',
        url: '/api/citizens',
        headers: { 'content-type': 'text/csv' },
        payload: 'a;b',
      }),
      415,
      'unsupported_media_type',
    );
    expectProblem(
      await caseworker.inject({
        method: 'POST',
        url: '/api/citizens',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ firstName: 'x'.repeat(t.config.bodyLimitBytes) }),
      }),
      413,
      'payload_too_large',
    );
  });
});

describe("Node's HTTP parser, over a real socket", () => {
  it('headers over the size limit answer 431 header_too_large', async () => {
    const res = await rawRequest(
      `GET /api/auth/me HTTP/1.1\r\nHost: x\r\nAccept-Language: en\r\nX-Big: ${'b'.repeat(20_000)}\r\n\r\n`,
    );
    expect(res.status).toBe(431);
    expect(res.type).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 431, code: 'header_too_large' });
  });

  it('a URL over the size limit answers 414 uri_too_long', async () => {
    const res = await rawRequest(
      `GET /api/citizens?q=${'c'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`,
    );
    expect(res.status).toBe(414);
    expect(res.type).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({
      status: 414,
      code: 'uri_too_long',
      title: 'For lang adresse',
    });
  });

  it('a request that is not HTTP answers 400 bad_request', async () => {
    const res = await rawRequest('HELLO THERE\r\n\r\n');
    expect(res.status).toBe(400);
    expect(res.type).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 400, code: 'bad_request' });
  });

  it('a malformed escape over the socket answers problem+json too', async () => {
    const res = await rawRequest(
      'GET /api/citizens/%c0%ae HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
    );
    expect(res.status).toBe(400);
    expect(res.type).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ code: 'bad_url' });
  });
});
