/**
 * The import job survives a killed process: a child process runs the worker CLI, is killed with
 * SIGKILL after a few chunks, and a second run finishes the job. Every valid row is written once.
 * Runs on an embedded database in a temporary directory, or on PostgreSQL with TEST_DATABASE_URL.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { HEADER, multipart, toCsv } from '../../../test/fixtures/imports.js';
import { login, testConfig } from '../../../test/helper.js';
import { buildApp } from '../../app.js';
import { openDatabase } from '../../db/open.js';
import { seedDemo } from '../../db/seed/demo.js';

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const VALID = 1200;
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

function rows(): string[][] {
  const out = [HEADER];
  for (let i = 0; i < VALID; i++) {
    const cpr = `${String(1 + (i % 28)).padStart(2, '0')}${String(1 + (i % 12)).padStart(2, '0')}70${String(i).padStart(4, '0')}`;
    out.push([
      cpr,
      `Fornavn${i}`,
      `Efternavn${i}`,
      '',
      '9530',
      'Støvring',
      '',
      '',
      'Sygedagpenge',
      '05-01-2026',
      '',
      '',
    ]);
  }
  out.push(['123', 'Ugyldig', 'Række', '', '', '', '', '', 'Sygedagpenge', '05-01-2026', '', '']);
  return out;
}

async function databaseEnv(): Promise<Record<string, string>> {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const name = `helhed_kill_${process.pid}_${randomBytes(3).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database "${name}"`);
    await admin.end();
    cleanups.push(async () => {
      const a = new pg.Client({ connectionString: url });
      await a.connect();
      await a.query(`drop database if exists "${name}" with (force)`);
      await a.end();
    });
    const u = new URL(url);
    u.pathname = `/${name}`;
    return { DATABASE_URL: u.toString() };
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'helhed-kill-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return { DATA_DIR: dir };
}

/** Runs the worker CLI; resolves with its chunk lines, killing it after `killAfter` chunks. */
function runWorker(env: Record<string, string>, killAfter?: number) {
  return new Promise<{ chunks: number; signal: string | null }>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/import-worker.ts'], {
      cwd: serverDir,
      env: {
        ...process.env,
        NODE_ENV: 'test',
        LOG_LEVEL: 'silent',
        IMPORT_CHUNK_SIZE: '100',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let chunks = 0;
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      chunks += (d.toString().match(/^chunk /gm) ?? []).length;
      if (killAfter !== undefined && chunks >= killAfter) child.kill('SIGKILL');
    });
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code && code !== 0) reject(new Error(`worker exited ${code}: ${err}`));
      else resolve({ chunks, signal });
    });
  });
}

describe('import job resumes after SIGKILL', () => {
  it('writes every valid row exactly once', async () => {
    const env = await databaseEnv();
    const config = testConfig(env);
    // Prepare: seed, upload and commit the file through the API, then close the database.
    let opened = await openDatabase(config);
    await seedDemo(opened.database, config);
    const app = await buildApp({ config, database: opened.database, logger: false });
    const session = await login(app, 'rebild.sagsbehandler');
    const preview = await session.inject({
      method: 'POST',
      url: '/api/imports',
      ...multipart('stor.csv', toCsv(rows())),
    });
    expect(preview.statusCode, preview.body).toBe(201);
    expect(preview.json()).toMatchObject({ validRows: VALID, errorRows: 1 });
    const jobId = preview.json().id;
    await session.inject({ method: 'POST', url: `/api/imports/${jobId}/commit` });
    await app.close();
    await opened.close();

    // Slow enough that the kill after the third chunk lands long before the last chunk, even when
    // reading the worker's output lags on a busy machine.
    const first = await runWorker({ ...env, IMPORT_CHUNK_DELAY_MS: '600' }, 3);
    expect(first.signal).toBe('SIGKILL');
    const second = await runWorker(env);
    expect(second.chunks).toBeGreaterThan(0);

    opened = await openDatabase(config);
    const db = opened.database.db;
    const { rows: job } = await sql<{ status: string; processed: number; created_periods: number }>`
      select status, processed, created_periods from import_job where id = ${jobId}`.execute(db);
    expect(job[0]).toEqual({ status: 'completed', processed: VALID, created_periods: VALID });
    // The staging rows no longer hold the CPR numbers (the citizen rows do).
    const { rows: staged } = await sql<{ rows: number; with_cpr: number }>`
      select count(*)::int as rows,
        count(*) filter (where cpr_hash is not null or cpr_encrypted is not null)::int as with_cpr
      from import_row where job_id = ${jobId}`.execute(db);
    expect(staged[0]!.rows).toBeGreaterThan(VALID - 1);
    expect(staged[0]!.with_cpr).toBe(0);
    const { rows: counts } = await sql<{
      periods: string;
      distinct_periods: string;
      citizens: string;
    }>`
      select count(*) as periods,
        count(distinct (citizen_id, benefit_type, start_date)) as distinct_periods,
        count(distinct citizen_id) as citizens
      from benefit_period where municipality_code = '840' and source = 'import'`.execute(db);
    const c = counts[0]!;
    expect([Number(c.periods), Number(c.distinct_periods), Number(c.citizens)]).toEqual([
      VALID,
      VALID,
      VALID,
    ]);
    const { rows: audits } = await sql<{ n: string }>`select count(*) as n from audit_event
      where action = 'import' and resource_type = 'citizen' and details->>'importJobId' = ${jobId}`.execute(
      db,
    );
    expect(Number(audits[0]!.n)).toBe(VALID);
    await opened.close();
  }, 240_000);
});
