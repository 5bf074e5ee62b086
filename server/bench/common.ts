/** Benchmark helpers: a fresh PostgreSQL database on loopback, migrated and seeded. */
import pg from 'pg';
import { loadConfig } from '../src/config.js';
import { openPostgres } from '../src/db/database.js';
import { migrate } from '../src/db/migrate.js';
import { seedDemo } from '../src/db/seed/demo.js';
import { benchDatabaseUrl } from './database-url.js';

/** The PostgreSQL server the bench makes its databases on (DATABASE_URL, database-url.ts). */
export function pgUrl(bench: string): string {
  return benchDatabaseUrl(bench, 'server');
}

export async function freshDatabase(bench: string, name: string, seed = true) {
  const PG_URL = pgUrl(bench);
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`drop database if exists "${name}" with (force)`);
  await admin.query(`create database "${name}"`);
  await admin.end();
  const u = new URL(PG_URL);
  u.pathname = `/${name}`;
  const database = openPostgres(u.toString(), 4);
  await migrate(database);
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', SEED_DEMO: 'true' });
  if (seed) await seedDemo(database, config);
  return { database, config, url: u.toString() };
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
