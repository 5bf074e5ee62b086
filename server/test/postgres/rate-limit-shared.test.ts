/**
 * Two instances of the service on one PostgreSQL count one allowance (decision 0830): the
 * limiter's counters are rows of rate_limit_counter, not each process's memory. This file is in
 * the 'api' project only when TEST_DATABASE_URL is set (two processes need a server database).
 */
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { type Database, openPostgres } from '../../src/db/database.js';
import { seedDemo } from '../../src/db/seed/demo.js';
import { createTestDatabase, login, type TestDatabase, testConfig } from '../helper.js';

const config = testConfig({ LOG_LEVEL: 'silent' });
const limits = { sessionPerWindow: 100, userPerWindow: 1000, addressPerWindow: 50 };
let shared: TestDatabase;
let second: Database;
let a: FastifyInstance;
let b: FastifyInstance;

beforeAll(async () => {
  shared = await createTestDatabase();
  await seedDemo(shared.database, config);
  // The second instance has its own connection pool, as another process would.
  second = openPostgres(shared.url!, 5);
  a = await buildApp({ config, database: shared.database, logger: false, rateLimits: limits });
  b = await buildApp({ config, database: second, logger: false, rateLimits: limits });
  await Promise.all([a.ready(), b.ready()]);
}, 120_000);

afterAll(async () => {
  await a?.close();
  await b?.close();
  await second?.close();
  await shared?.close();
});

describe('two instances on one PostgreSQL', () => {
  it('count one session against one allowance, whichever instance answers', async () => {
    const s = await login(a, 'rebild.sagsbehandler');
    const statuses: number[] = [];
    // A load balancer alternates the session's requests between the instances.
    for (let i = 0; i < 130; i++) {
      const instance = i % 2 === 0 ? a : b;
      const r = await instance.inject({ url: '/api/auth/me', headers: { cookie: s.cookie } });
      statuses.push(r.statusCode);
    }
    expect(statuses.slice(0, 100).every((x) => x === 200)).toBe(true);
    expect(statuses.slice(100).every((x) => x === 429)).toBe(true);
    // Each instance alone saw 65: only a shared count refuses at 101.
    const last = await b.inject({ url: '/api/auth/me', headers: { cookie: s.cookie } });
    expect(last.statusCode).toBe(429);
    expect(Number(last.headers['retry-after'])).toBeGreaterThan(0);

    // The counter holds the token's hash, never the token that opens the session.
    const token = s.cookie.replace(/^helhed_session=/, '');
    const { rows } = await sql<{ key: string }>`select key from rate_limit_counter`.execute(
      shared.database.db,
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.some((r) => r.key.includes(token))).toBe(false);
  });

  it('count an address without a session across both instances too', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 60; i++) {
      const instance = i % 2 === 0 ? a : b;
      const r = await instance.inject({ url: '/api/auth/me', remoteAddress: '10.30.0.1' });
      statuses.push(r.statusCode);
    }
    expect(statuses.filter((x) => x === 429)).toHaveLength(10);
  });
});
