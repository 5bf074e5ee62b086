/**
 * Forward-only SQL migrations, the same files for PostgreSQL and PGlite. Each file runs in its
 * own transaction together with its row in schema_migrations, so a failing migration leaves the
 * database exactly as it was. On PostgreSQL an advisory lock keeps two starting servers from
 * migrating at the same time.
 *
 * After the migrations, the SQL functions in db/functions/ (one `create or replace` definition
 * per file, the only place a function that lives there is defined: decision 0850) are applied
 * when their content differs from what schema_functions records, each in its own transaction
 * with its row, in file name order.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { functionsDir, migrationsDir } from '../paths.js';
import type { Database } from './database.js';

export { functionsDir, migrationsDir };

export interface Migration {
  version: string;
  name: string;
  sql: string;
  checksum: string;
}

export function readMigrations(dir = migrationsDir): Migration[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((file) => {
      const sql = fs.readFileSync(path.join(dir, file), 'utf8');
      return {
        version: file.slice(0, 4),
        name: file.replace(/\.sql$/, ''),
        sql,
        checksum: createHash('sha256').update(sql).digest('hex'),
      };
    });
}

/** A file of db/functions/: its name is the function it defines. */
export interface SqlFunction {
  name: string;
  sql: string;
  checksum: string;
}

export function readFunctions(dir = functionsDir): SqlFunction[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => /^[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((file) => {
      const sql = fs.readFileSync(path.join(dir, file), 'utf8');
      return {
        name: file.replace(/\.sql$/, ''),
        sql,
        checksum: createHash('sha256').update(sql).digest('hex'),
      };
    });
}

export class MigrationError extends Error {}

/**
 * Brings the schema up to date: the migrations not yet run, then the function files whose
 * content changed. A caller that passes its own list of migrations (a test replaying history up
 * to a point) gets no function files unless it passes them too: the current definitions may
 * need tables that later migrations create.
 */
export async function migrate(
  database: Database,
  migrations?: Migration[],
  functions?: SqlFunction[],
): Promise<{ applied: string[]; functions: string[] }> {
  const toRun = migrations ?? readMigrations();
  const definitions = functions ?? (migrations ? [] : readFunctions());
  return database.withConnection(async (c) => {
    await c.exec(`create table if not exists schema_migrations (
      version text primary key,
      name text not null,
      checksum text not null,
      applied_at timestamptz not null default now()
    )`);
    if (database.kind === 'postgres') {
      // A migration (an index on the national data set) may run for minutes: no statement limit
      // on this connection while migrating (the request pool's DB_STATEMENT_TIMEOUT_MS).
      await c.exec('set statement_timeout = 0');
      await c.query('select pg_advisory_lock(4711001)');
    }
    try {
      const { rows } = await c.query<{ version: string; name: string; checksum: string }>(
        'select version, name, checksum from schema_migrations',
      );
      const done = new Map(rows.map((r) => [r.version, r]));
      const applied: string[] = [];
      for (const m of toRun) {
        const previous = done.get(m.version);
        if (previous) {
          if (previous.name !== m.name) {
            throw new MigrationError(
              `Migration ${m.version} hedder ${previous.name} i databasen men ${m.name} i koden`,
            );
          }
          continue;
        }
        try {
          await c.exec('begin');
          await c.exec(m.sql);
          await c.query(
            'insert into schema_migrations (version, name, checksum) values ($1, $2, $3)',
            [m.version, m.name, m.checksum],
          );
          await c.exec('commit');
          applied.push(m.name);
        } catch (error) {
          await c.exec('rollback');
          throw new MigrationError(
            `Migration ${m.name} fejlede og blev rullet tilbage (failed and was rolled back): ${(error as Error).message}`,
          );
        }
      }
      await c.exec(`create table if not exists schema_functions (
        name text primary key,
        checksum text not null,
        applied_at timestamptz not null default now()
      )`);
      const { rows: recorded } = await c.query<{ name: string; checksum: string }>(
        'select name, checksum from schema_functions',
      );
      const current = new Map(recorded.map((r) => [r.name, r.checksum]));
      const replaced: string[] = [];
      for (const f of definitions) {
        if (current.get(f.name) === f.checksum) continue;
        try {
          await c.exec('begin');
          await c.exec(f.sql);
          await c.query(
            `insert into schema_functions (name, checksum) values ($1, $2)
             on conflict (name) do update set checksum = excluded.checksum, applied_at = now()`,
            [f.name, f.checksum],
          );
          await c.exec('commit');
          replaced.push(f.name);
        } catch (error) {
          await c.exec('rollback');
          throw new MigrationError(
            `Funktionen ${f.name} fejlede og blev rullet tilbage (failed and was rolled back): ${(error as Error).message}`,
          );
        }
      }
      return { applied, functions: replaced };
    } finally {
      if (database.kind === 'postgres') {
        await c.query('select pg_advisory_unlock(4711001)');
        await c.exec('reset statement_timeout');
      }
    }
  });
}
