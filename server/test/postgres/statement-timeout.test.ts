/**
 * The request pool's statement time limit (DB_STATEMENT_TIMEOUT_MS, decision 1120): PostgreSQL
 * cancels a statement that runs past it, the request answers 503 problem+json with code
 * `database_timeout`, and nothing is left running on the server. A connection left idle inside
 * a transaction is closed (DB_IDLE_IN_TRANSACTION_TIMEOUT_MS). PostgreSQL only: PGlite has no
 * pool and no start-up parameters; there the settings do nothing.
 */
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { type Database, isStatementTimeout, openPostgres } from '../../src/db/database.js';
import { seedDemo } from '../../src/db/seed/demo.js';
import { tenantTx } from '../../src/platform/context.js';
import { authed } from '../../src/platform/http.js';
import { createTestDatabase, login, type TestDatabase, testConfig } from '../helper.js';

const config = testConfig({
  LOG_LEVEL: 'silent',
  DB_STATEMENT_TIMEOUT_MS: '300',
  DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: '400',
});
let shared: TestDatabase;
let limited: Database;
let app: FastifyInstance;

beforeAll(async () => {
  shared = await createTestDatabase();
  await seedDemo(shared.database, config);
  // The pool the server makes from DATABASE_URL (db/open.ts), with the configured limits.
  limited = openPostgres(shared.url!, 3, undefined, {
    statementTimeoutMs: config.dbStatementTimeoutMs,
    idleInTransactionTimeoutMs: config.dbIdleInTransactionTimeoutMs,
  });
  app = await buildApp({ config, database: limited, logger: false });
  // A route whose statement runs longer than the limit (a slow report, a missing index).
  app.get('/api/test-slow', { config: { access: 'session' } }, async (request) => {
    const ctx = authed(request);
    await tenantTx(ctx, ctx.actor.municipalityCode, (tx) =>
      sql`select pg_sleep(5), 'test-slow-statement'`.execute(tx),
    );
    return { ok: true };
  });
  await app.ready();
}, 120_000);

afterAll(async () => {
  await app?.close();
  await limited?.close();
  await shared?.close();
});

const running = async (marker: string) => {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from pg_stat_activity
    where query like ${`%${marker}%`} and pid <> pg_backend_pid() and state = 'active'`.execute(
    shared.database.db,
  );
  return rows[0]!.n;
};

describe('the statement time limit', () => {
  it('cancels a statement past the limit; the request answers 503 database_timeout, nothing runs on', async () => {
    const s = await login(app, 'rebild.sagsbehandler');
    const res = await s.inject({ url: '/api/test-slow' });
    expect(res.statusCode).toBe(503);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.json()).toMatchObject({
      code: 'database_timeout',
      status: 503,
      detail: expect.stringMatching(/tog for lang tid i databasen/),
    });
    const en = await s.inject({ url: '/api/test-slow', headers: { 'accept-language': 'en' } });
    expect(en.json().detail).toMatch(/took too long in the database/);
    expect(await running('test-slow-statement')).toBe(0);
    // The pool is fine afterwards: the next request is answered.
    expect((await s.inject({ url: '/api/auth/me' })).statusCode).toBe(200);
  });

  it('holds for every connection of the pool, and the error is told apart from an outage', async () => {
    const error = await sql`select pg_sleep(2)`.execute(limited.db).then(
      () => null,
      (e: unknown) => e,
    );
    expect(isStatementTimeout(error)).toBe(true);
    const { rows } = await sql<{ s: string; i: string }>`
      select current_setting('statement_timeout') as s,
        current_setting('idle_in_transaction_session_timeout') as i`.execute(limited.db);
    expect(rows[0]).toEqual({ s: '300ms', i: '400ms' });
  });

  it('closes a connection left idle inside a transaction, and the pool carries on', async () => {
    const error = await limited.db
      .transaction()
      .execute(async (tx) => {
        await sql`select 'test-idle-in-transaction'`.execute(tx);
        await new Promise((r) => setTimeout(r, 1200));
        await sql`select 1`.execute(tx);
      })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).toBeTruthy();
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from pg_stat_activity
      where query like '%test-idle-in-transaction%' and pid <> pg_backend_pid()
        and state like 'idle in transaction%'`.execute(shared.database.db);
    expect(rows[0]!.n).toBe(0);
    const again = await sql<{ one: number }>`select 1 as one`.execute(limited.db);
    expect(again.rows[0]!.one).toBe(1);
  });

  it('leaves the migrations, the sealer and the tools without a limit', async () => {
    const { rows } = await sql<{ s: string }>`
      select current_setting('statement_timeout') as s`.execute(shared.database.db);
    expect(rows[0]!.s).toBe('0');
  });
});
