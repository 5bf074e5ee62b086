/**
 * Once per test run: the migrated PGlite template every test file loads its own database from,
 * and, when TEST_DATABASE_URL is set, a migrated PostgreSQL template database that each test
 * file copies with CREATE DATABASE ... TEMPLATE (and drops after).
 */
import pg from 'pg';
import { openPostgres } from '../src/db/database.js';
import { migrate } from '../src/db/migrate.js';
import { ensureTemplate } from '../src/db/open.js';
import { pgTestNames } from './pg-names.js';

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export default async function setup() {
  await ensureTemplate();
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return;
  const { template: PG_TEMPLATE, prefix } = pgTestNames(url);
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    // Leftovers of an earlier, interrupted run.
    const { rows } = await admin.query<{ datname: string }>(
      'select datname from pg_database where starts_with(datname, $1) or datname = $2',
      [prefix, PG_TEMPLATE],
    );
    for (const r of rows) {
      await admin.query(`drop database if exists "${r.datname}" with (force)`);
    }
    await admin.query(`create database "${PG_TEMPLATE}"`);
  } finally {
    await admin.end();
  }
  const database = openPostgres(withDatabase(url, PG_TEMPLATE), 1);
  await migrate(database);
  await database.close();
  const again = new pg.Client({ connectionString: url });
  await again.connect();
  await again.query(
    'select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
    [PG_TEMPLATE],
  );
  await again.end();
}
