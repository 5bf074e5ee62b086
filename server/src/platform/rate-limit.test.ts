/**
 * Request limits as a municipality's staff meet them (decision 0830): many people behind one
 * address, a runaway session, the app's own files, and the shared counter table.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDatabase, login, type TestDatabase, testConfig } from '../../test/helper.js';
import { buildApp } from '../app.js';
import type { Database } from '../db/database.js';
import { seedDemo } from '../db/seed/demo.js';
import { PgRateLimitStore } from './rate-limit.js';
import { createSession } from './sessions.js';
import { loginDelay, throttleLimits } from './throttle.js';

const OFFICE = '10.20.0.1';

let db: TestDatabase;
let app: FastifyInstance;
let webDist: string;

beforeAll(async () => {
  webDist = fs.mkdtempSync(path.join(os.tmpdir(), 'helhed-web-'));
  fs.mkdirSync(path.join(webDist, 'assets'));
  fs.writeFileSync(path.join(webDist, 'index.html'), '<!doctype html><title>Helhed</title>');
  fs.writeFileSync(path.join(webDist, 'assets', 'index-4f2a9c.js'), 'console.log(1)');
  fs.writeFileSync(path.join(webDist, 'assets', 'index-9b1e3d.css'), 'body{}');
  fs.writeFileSync(path.join(webDist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  db = await createTestDatabase();
  const config = testConfig({ WEB_DIST: webDist, LOG_LEVEL: 'silent' });
  await seedDemo(db.database, config);
  // The limits as configured by default: 600 a minute per session, 300 per address.
  app = await buildApp({ config, database: db.database, logger: false, serveWeb: true });
  await app.ready();
}, 120_000);

afterAll(async () => {
  await app?.close();
  await db?.close();
  fs.rmSync(webDist, { recursive: true, force: true });
});

/** Staff users of Rebild's job centre, each with a session, as the login would create it. */
async function staffSessions(database: Database, n: number): Promise<string[]> {
  const { rows: org } = await sql<{ id: string }>`
    select id from organisation where municipality_code = '840' and type = 'jobcenter' limit 1`.execute(
    database.db,
  );
  const config = testConfig();
  const cookies: string[] = [];
  for (let i = 0; i < n; i++) {
    const { rows } = await sql<{ id: string }>`
      insert into app_user (municipality_code, kind, username, display_name)
      values ('840', 'staff', ${`kontor.${i}.${Date.now()}`}, ${`Medarbejder ${i}`}) returning id`.execute(
      database.db,
    );
    const userId = rows[0]!.id;
    await sql`insert into user_role (municipality_code, user_id, role, organisation_id)
      values ('840', ${userId}, 'caseworker', ${org[0]!.id})`.execute(database.db);
    const { token } = await createSession(database, config, userId, '840', {
      ip: OFFICE,
      userAgent: null,
      via: 'password',
    });
    cookies.push(`helhed_session=${token}`);
  }
  return cookies;
}

const from = (address: string, opts: InjectOptions) =>
  app.inject({ ...opts, remoteAddress: address });

const staticFiles = ['/', '/index.html', '/assets/index-4f2a9c.js', '/assets/index-9b1e3d.css'];

describe('an office behind one address', () => {
  it('200 sessions at 60 requests a minute each get no 429, and the app files load all along', async () => {
    const cookies = await staffSessions(db.database, 200);
    const statuses = new Map<number, number>();
    const staticStatuses = new Map<number, number>();
    const count = (m: Map<number, number>, s: number) => m.set(s, (m.get(s) ?? 0) + 1);
    // A minute of work, sent as fast as the test can: every session's 60 requests fall in one
    // window, all from the office's one address.
    for (let round = 0; round < 60; round++) {
      const api = await Promise.all(
        cookies.map((cookie) => from(OFFICE, { url: '/api/auth/me', headers: { cookie } })),
      );
      for (const r of api) count(statuses, r.statusCode);
      const files = await Promise.all(staticFiles.map((url) => from(OFFICE, { url })));
      for (const r of files) count(staticStatuses, r.statusCode);
    }
    expect(Object.fromEntries(statuses)).toEqual({ 200: 12_000 });
    expect(Object.fromEntries(staticStatuses)).toEqual({ 200: 240 });
  }, 600_000);

  it('never limits the app files, even from an address that spent its API allowance', async () => {
    const address = '10.20.0.2';
    let last = await from(address, { url: '/api/auth/me' });
    for (let i = 0; i < 310 && last.statusCode !== 429; i++) {
      last = await from(address, { url: '/api/auth/me' });
    }
    // The address's anonymous allowance is spent ...
    expect(last.statusCode).toBe(429);
    expect(Number(last.headers['retry-after'])).toBeGreaterThan(0);
    // ... yet the page and its files still load, many times over.
    const statuses = new Set<number>();
    for (let i = 0; i < 400; i++) {
      const r = await from(address, { url: staticFiles[i % staticFiles.length]! });
      statuses.add(r.statusCode);
    }
    expect([...statuses]).toEqual([200]);
  });

  it('serves hashed files as immutable for a year and the page itself as no-cache', async () => {
    const js = await from(OFFICE, { url: '/assets/index-4f2a9c.js' });
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const css = await from(OFFICE, { url: '/assets/index-9b1e3d.css' });
    expect(css.headers['cache-control']).toContain('immutable');
    const page = await from(OFFICE, { url: '/borgere/123' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-cache');
    const icon = await from(OFFICE, { url: '/favicon.svg' });
    expect(icon.statusCode).toBe(200);
    expect(icon.headers['cache-control']).not.toContain('immutable');
  });
});

describe('a runaway session', () => {
  it('one session at 2,000 requests a minute gets 429 with Retry-After; a colleague on the same address does not', async () => {
    const [runaway, colleague] = await staffSessions(db.database, 2);
    const statuses: number[] = [];
    let refused: Awaited<ReturnType<typeof from>> | undefined;
    for (let i = 0; i < 2000; i++) {
      const r = await from(OFFICE, { url: '/api/auth/me', headers: { cookie: runaway! } });
      statuses.push(r.statusCode);
      if (r.statusCode === 429) refused ??= r;
    }
    expect(statuses.slice(0, 600).every((s) => s === 200)).toBe(true);
    expect(statuses.slice(600).every((s) => s === 429)).toBe(true);
    expect(refused!.headers['content-type']).toContain('application/problem+json');
    expect(refused!.json()).toMatchObject({ status: 429, code: 'rate_limited' });
    const retryAfter = Number(refused!.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);

    const other = await from(OFFICE, { url: '/api/auth/me', headers: { cookie: colleague! } });
    expect(other.statusCode).toBe(200);
  }, 120_000);

  it('a cookie nobody issued gets no allowance of its own: it is counted by its address', async () => {
    const address = '10.20.0.3';
    const statuses: number[] = [];
    for (let i = 0; i < 320; i++) {
      const r = await from(address, {
        url: '/api/auth/me',
        headers: { cookie: `helhed_session=opdigtet-${i}` },
      });
      statuses.push(r.statusCode);
    }
    expect(statuses.slice(0, 300).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(300).every((s) => s === 429)).toBe(true);
  });
});

describe('the PostgreSQL counter store', () => {
  const incr = (store: PgRateLimitStore, key: string, windowMs = 60_000) =>
    new Promise<{ current: number; ttl: number }>((resolve, reject) =>
      store.incr(key, (error, result) => (error ? reject(error) : resolve(result!)), windowMs, 10),
    );

  it('counts atomically, batches concurrent increments and restarts an ended window', async () => {
    const store = new PgRateLimitStore(db.database);
    const key = `test:${Date.now()}`;
    const results = await Promise.all(Array.from({ length: 25 }, () => incr(store, key)));
    expect(results.map((r) => r.current).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 25 }, (_, i) => i + 1),
    );
    expect(results.every((r) => r.ttl > 0 && r.ttl <= 60_000)).toBe(true);
    expect((await incr(store, key)).current).toBe(26);

    // The window ends (moved into the past instead of waiting a minute): counting starts over.
    await sql`update rate_limit_counter set expires_at = now() - interval '1 second'
      where key = ${key}`.execute(db.database.db);
    const fresh = await incr(store, key);
    expect(fresh.current).toBe(1);
    expect(fresh.ttl).toBeGreaterThan(55_000);

    // A route's own limit counts apart from the global one and from another route's, given the
    // parameters as @fastify/rate-limit hands them over (the route under routeInfo).
    const child = store.child({
      routeInfo: { method: 'POST', url: '/api/x' },
    } as never) as PgRateLimitStore;
    const other = store.child({
      routeInfo: { method: 'GET', url: '/api/y' },
    } as never) as PgRateLimitStore;
    expect((await incr(child, key)).current).toBe(1);
    expect((await incr(child, key)).current).toBe(2);
    expect((await incr(other, key)).current).toBe(1);
  });
});

describe('a municipality names its egress addresses', () => {
  it('the administrator names them, and requests and failed logins from there get raised limits', async () => {
    const admin = await login(app, 'rebild.admin');
    const wrong = await admin.inject({
      method: 'PUT',
      url: '/api/admin/egress',
      payload: { addresses: [{ cidr: '0.0.0.0/0' }, { cidr: 'rådhuset' }] },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors.map((e: { pointer: string }) => e.pointer)).toEqual([
      '/addresses/0/cidr',
      '/addresses/1/cidr',
    ]);
    const saved = await admin.inject({
      method: 'PUT',
      url: '/api/admin/egress',
      payload: { addresses: [{ cidr: '10.40.1.77/24', note: 'Rådhusets NAT' }] },
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().addresses).toEqual([{ cidr: '10.40.1.0/24', note: 'Rådhusets NAT' }]);
    expect((await admin.inject({ url: '/api/admin/egress' })).json().addresses).toHaveLength(1);
    // Another municipality's administrator does not see Rebild's list.
    const other = await login(app, 'odense.admin');
    expect((await other.inject({ url: '/api/admin/egress' })).json().addresses).toEqual([]);

    // Without a session: the named network gets ten times the address allowance.
    const statuses = async (address: string, n: number) => {
      const seen = new Set<number>();
      for (let i = 0; i < n; i++)
        seen.add((await from(address, { url: '/api/auth/me' })).statusCode);
      return [...seen].sort();
    };
    expect(await statuses('10.40.1.200', 400)).toEqual([401]);
    expect(await statuses('10.40.2.200', 400)).toEqual([401, 429]);

    // Failed logins from the named network are not slowed down where another address would be.
    const delays: number[] = [];
    const spy = vi.spyOn(loginDelay, 'sleep').mockImplementation(async (ms) => {
      delays.push(ms);
    });
    try {
      for (let i = 0; i < throttleLimits.address.freeFailures + 5; i++) {
        await from('10.40.1.201', {
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: `ukendt.${i}`, password: 'forkert' },
        });
      }
    } finally {
      spy.mockRestore();
    }
    expect(delays).toHaveLength(throttleLimits.address.freeFailures + 5);
    expect(delays.every((ms) => ms === 0)).toBe(true);
  }, 120_000);
});
