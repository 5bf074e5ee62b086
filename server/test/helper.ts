/**
 * The test harness: each test file gets its own database (PGlite loaded from the migrated
 * template, or a PostgreSQL database copied from the template database when TEST_DATABASE_URL
 * is set), seeded with the demo municipalities, and the real app driven through app.inject.
 * Every log line the app writes is captured; closing the harness fails the file if any line
 * holds a CPR-shaped number.
 */
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { PGlite } from '@electric-sql/pglite';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { buildApp } from '../src/app.js';
import { type Config, loadConfig } from '../src/config.js';
import { type Database, openPostgres, pgliteParsers, wrapPglite } from '../src/db/database.js';
import { loadTemplate, templatePath } from '../src/db/open.js';
import { DEMO_PASSWORD, seedDemo } from '../src/db/seed/demo.js';
import { cprPattern } from '../src/platform/cpr.js';
import { loggerOptions } from '../src/platform/logging.js';
import { pgTestNames } from './pg-names.js';

export const usingPostgres = !!process.env.TEST_DATABASE_URL;

export interface TestDatabase {
  database: Database;
  /** The connection string, for a PostgreSQL database (tools that open their own client). */
  url?: string;
  /** Superuser access for assertions that must look past RLS (counts, tampering). */
  close(): Promise<void>;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    const pglite = await PGlite.create({
      loadDataDir: loadTemplate(templatePath()),
      parsers: pgliteParsers,
    });
    const database = wrapPglite(pglite);
    return { database, close: () => database.close() };
  }
  return createPostgresDatabase(url, pgTestNames(url).template);
}

/**
 * A database with no migrations run, on the engine the suite runs on: for tests of a
 * migration itself (the state before it, then the migration).
 */
export async function createEmptyTestDatabase(): Promise<TestDatabase> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    const database = wrapPglite(await PGlite.create({ parsers: pgliteParsers }));
    return { database, close: () => database.close() };
  }
  return createPostgresDatabase(url, 'template0');
}

async function createPostgresDatabase(url: string, template: string): Promise<TestDatabase> {
  const { prefix } = pgTestNames(url);
  const name = `${prefix}${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  // Copying a template needs it idle; a parallel file may be copying it right now.
  for (let attempt = 0; ; attempt++) {
    try {
      await admin.query(`create database "${name}" template "${template}"`);
      break;
    } catch (error) {
      if (attempt > 40 || !/being accessed by other users/.test(String(error))) throw error;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
  await admin.end();
  const database = openPostgres(withDatabase(url, name), 5);
  return {
    database,
    url: withDatabase(url, name),
    async close() {
      await database.close();
      const a = new pg.Client({ connectionString: url });
      await a.connect();
      await a.query(`drop database if exists "${name}" with (force)`);
      await a.end();
    },
  };
}

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'info', SEED_DEMO: 'true', ...overrides });
}

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  config: Config;
  /** Every log line the app wrote, as text. */
  logs: string[];
  close(): Promise<void>;
}

export async function buildTestApp(
  opts: { config?: Record<string, string>; seed?: boolean; rateLimitPerMinute?: number } = {},
): Promise<TestApp> {
  const { database, close } = await createTestDatabase();
  const config = testConfig(opts.config);
  if (opts.seed !== false) await seedDemo(database, config);
  const logs: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      logs.push(String(chunk));
      cb();
    },
  });
  const app = await buildApp({
    config,
    database,
    logger: loggerOptions(config, stream),
    rateLimitPerMinute: opts.rateLimitPerMinute ?? 100_000,
  });
  await app.ready();
  return {
    app,
    database,
    config,
    logs,
    async close() {
      await app.close();
      await close();
      const leaked = logs.filter((line) => new RegExp(cprPattern.source).test(line));
      if (leaked.length > 0) {
        throw new Error(
          `CPR-shaped value in ${leaked.length} log line(s), first: ${leaked[0]!.slice(0, 300)}`,
        );
      }
    },
  };
}

export interface Session {
  username: string;
  cookie: string;
  csrf: string;
  user: {
    id: string;
    displayName: string;
    municipalityCode: string;
    citizenId: string | null;
    roles: { role: string; organisationId: string | null }[];
  };
  /** app.inject with this session's cookie and CSRF header. */
  inject(opts: InjectOptions): Promise<LightMyRequestResponse>;
}

export async function login(
  app: FastifyInstance,
  username: string,
  password = DEMO_PASSWORD,
): Promise<Session> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password },
  });
  if (res.statusCode !== 200)
    throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const setCookie = res.cookies.find((c) => c.name === 'helhed_session');
  if (!setCookie) throw new Error('no session cookie');
  const body = res.json();
  const cookie = `helhed_session=${setCookie.value}`;
  return {
    username,
    cookie,
    csrf: body.csrfToken,
    user: body.user,
    inject: (o: InjectOptions) =>
      app.inject({
        ...o,
        headers: { cookie, 'x-csrf-token': body.csrfToken, ...(o.headers ?? {}) },
      }),
  };
}
