/**
 * PostgreSQL restarted under load (a failover or an upgrade does the same): every request caught
 * in it answers 200 or 503 with Retry-After, never 500, /health/ready says 503 while the database
 * is away, and the service serves again by itself. The test runs its own throwaway cluster
 * (initdb + pg_ctl in a temp directory, on a free port on loopback), never a shared server. It
 * needs the PostgreSQL server binaries and fails, not skips, without them.
 */
import { Writable } from 'node:stream';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { type Database, openPostgres } from '../../src/db/database.js';
import { migrate } from '../../src/db/migrate.js';
import { seedDemo } from '../../src/db/seed/demo.js';
import { loggerOptions } from '../../src/platform/logging.js';
import { login, type Session, testConfig } from '../helper.js';
import { findBinDir, freePort, PrivateCluster } from '../private-cluster.js';

let cluster: PrivateCluster;
let database: Database;
let app: FastifyInstance;
let caseworker: Session;

beforeAll(async () => {
  cluster = new PrivateCluster(findBinDir(), await freePort());
  cluster.init();
  cluster.ctl('start');
  database = openPostgres(cluster.url, 10);
  await migrate(database);
  const config = testConfig({ LOG_LEVEL: 'warn' });
  await seedDemo(database, config);
  const quiet = new Writable({ write: (_c, _e, cb) => cb() });
  app = await buildApp({
    config,
    database,
    logger: loggerOptions(config, quiet),
    rateLimitPerMinute: 1_000_000,
  });
  await app.ready();
  caseworker = await login(app, 'rebild.sagsbehandler');
}, 120_000);

afterAll(async () => {
  await app?.close();
  await database?.close();
  cluster?.destroy();
});

/**
 * What a caseworker does all day: the session, a tenant read, a search (a POST: it writes its
 * audit row, so it is never re-run) and readiness.
 */
const reads = [
  () => caseworker.inject({ url: '/api/auth/me' }),
  () => caseworker.inject({ url: '/api/referrals/offers' }),
  () => caseworker.inject({ method: 'POST', url: '/api/citizens/search', payload: {} }),
  () => app.inject({ url: '/health/ready' }),
];

/** Keeps `workers` requests in flight until stop() and collects every answer. */
function load(workers: number) {
  const answers: LightMyRequestResponse[] = [];
  let running = true;
  const loops = Array.from({ length: workers }, async (_, w) => {
    for (let i = w; running; i++) {
      answers.push(await reads[i % reads.length]!());
    }
  });
  return {
    answers,
    async stop() {
      running = false;
      await Promise.all(loops);
    },
  };
}

function expectOnly200Or503(answers: LightMyRequestResponse[]) {
  const wrong = answers.filter((r) => r.statusCode !== 200 && r.statusCode !== 503);
  expect(
    wrong.map((r) => `${r.statusCode} ${r.body.slice(0, 200)}`),
    'answers other than 200 or 503',
  ).toEqual([]);
  for (const r of answers.filter((a) => a.statusCode === 503)) {
    expect(r.headers['retry-after']).toMatch(/^\d+$/);
    // Readiness keeps its probe body; every other answer is problem+json.
    if (r.json().database) expect(r.json().status).toBe('unavailable');
    else {
      expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(r.json().code).toBe('unavailable');
    }
  }
}

/** The next requests after the database is back: served without restarting the app. */
async function expectServing() {
  const statuses: number[] = [];
  for (const read of reads) statuses.push((await read()).statusCode);
  expect(statuses).toEqual(reads.map(() => 200));
}

describe('PostgreSQL restarted while requests run', () => {
  it('a fast restart under load: only 200 or 503 with Retry-After, then 200 again', async () => {
    const running = load(8);
    await new Promise((r) => setTimeout(r, 300));
    cluster.ctl('restart');
    await new Promise((r) => setTimeout(r, 300));
    await running.stop();
    expect(running.answers.length).toBeGreaterThan(0);
    expectOnly200Or503(running.answers);
    await expectServing();
  });

  it('stopped for a second under load: 503 with Retry-After while it is away, ready says 503, then 200', async () => {
    const running = load(8);
    await new Promise((r) => setTimeout(r, 300));
    cluster.ctl('stop');

    // While it is away: a read and readiness both say 503 and when to come back.
    const citizens = await caseworker.inject({ url: '/api/referrals/offers' });
    expect(citizens.statusCode).toBe(503);
    expect(citizens.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(citizens.json()).toMatchObject({ code: 'unavailable', status: 503 });
    expect(citizens.headers['retry-after']).toBe('5');
    const ready = await app.inject({ url: '/health/ready' });
    expect(ready.statusCode).toBe(503);
    expect(ready.headers['retry-after']).toBe('5');
    const me = await caseworker.inject({ url: '/api/auth/me' });
    expect(me.statusCode).toBe(503);

    await new Promise((r) => setTimeout(r, 1000));
    cluster.ctl('start');
    await new Promise((r) => setTimeout(r, 300));
    await running.stop();
    expectOnly200Or503(running.answers);
    expect(running.answers.some((r) => r.statusCode === 503)).toBe(true);
    await expectServing();
  });
});
