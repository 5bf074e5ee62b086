/**
 * The import worker: takes queued jobs and writes their valid rows in chunks. Each chunk (the
 * citizens, the periods, the rows' processed flags, the audit rows and the job's progress) is
 * one transaction, so a process killed mid-way leaves whole chunks done and none half done; the
 * next run continues with the first unprocessed row. It runs in the server process and as a CLI
 * (src/cli/import-worker.ts).
 */
import { sql } from 'kysely';
import type { Database } from '../../db/database.js';
import { systemTx, tenantTx } from '../../platform/context.js';
import { ruleFor } from '../../platform/policy.js';
import './imports.policy.js';
import * as repo from './imports.repo.js';

export interface WorkerOptions {
  chunkSize?: number;
  /** Pause after each chunk (tests use it to kill a process mid-way). */
  chunkDelayMs?: number;
  /** Called after each committed chunk. */
  onChunk?: (jobId: string, rows: number) => void;
}

/** Writes one chunk of some pending job. False when there was nothing to do. */
export async function processOneChunk(database: Database, opts: WorkerOptions = {}) {
  const chunkSize = opts.chunkSize ?? 1000;
  const pending = await systemTx({ database }, (tx) => repo.pendingJobs(tx));
  const purpose = ruleFor('import.run')?.purpose.da ?? 'import';
  for (const p of pending) {
    let firstChunk = false;
    const did = await tenantTx({ database }, p.municipality_code, async (tx) => {
      const job = await repo.lockJob(tx, p.id);
      if (!job) return false;
      firstChunk = job.processed === 0;
      const rowNos = await repo.nextRowNumbers(tx, job.id, chunkSize);
      if (rowNos.length === 0) {
        await repo.markCompleted(tx, job.id);
        return true;
      }
      const written = await repo.writeChunk(tx, job, rowNos);
      await repo.auditWritten(tx, job, written.citizenIds, purpose);
      await repo.recordProgress(tx, job.id, { processed: rowNos.length, ...written });
      if (rowNos.length < chunkSize) await repo.markCompleted(tx, job.id);
      return rowNos.length;
    });
    if (did !== false) {
      if (typeof did === 'number' && firstChunk) {
        // Planner statistics once the first chunk is written. The embedded database has no
        // autovacuum, so nothing else ever gathers them there, and PostgreSQL's comes only
        // after its naptime and threshold. Without them the chunk's "period exists" check chose
        // the index on start date alone and read every period with that start date: each
        // chunk slower than the one before (0.11× of a plain INSERT on 100,000 rows on PGlite,
        // bench:import). Statistics taken after the first chunk show how the import's rows
        // spread, and the natural key is used from then on.
        await database.withConnection((c) => c.exec('analyze citizen, benefit_period, import_row'));
      }
      if (typeof did === 'number') opts.onChunk?.(p.id, did);
      if (opts.chunkDelayMs) await new Promise((r) => setTimeout(r, opts.chunkDelayMs));
      return true;
    }
  }
  return false;
}

/** A preview nobody committed within this time is cancelled and its staging rows deleted. */
export const PREVIEW_MAX_AGE_HOURS = 24;

/**
 * Cancels previews older than PREVIEW_MAX_AGE_HOURS and deletes their staging rows (with the
 * CPR numbers of the uploaded file), across municipalities; returns how many jobs it cancelled.
 * The job row stays, so the import list still shows that the file was uploaded and not used.
 */
export async function expireStalePreviews(database: Database, now = new Date()) {
  return systemTx({ database }, async (tx) => {
    const { rows } = await sql<{ municipality_code: string; id: string }>`
      update import_job set status = 'cancelled', finished_at = ${now}
      where status = 'previewed'
        and created_at < ${now}::timestamptz - make_interval(hours => ${PREVIEW_MAX_AGE_HOURS})
      returning municipality_code, id`.execute(tx);
    for (const job of rows) {
      await sql`delete from import_row
        where municipality_code = ${job.municipality_code} and job_id = ${job.id}`.execute(tx);
    }
    return rows.length;
  });
}

/** Processes until no job has work left. */
export async function runImportsUntilIdle(database: Database, opts: WorkerOptions = {}) {
  let chunks = 0;
  while (await processOneChunk(database, opts)) chunks++;
  return chunks;
}

/** Polls for queued jobs every interval until stopped; errors are reported and retried. */
export function startImportWorker(
  database: Database,
  intervalMs: number,
  onError: (error: unknown) => void,
  opts: WorkerOptions = {},
): () => Promise<void> {
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  let expiredAt = 0;
  const tick = async () => {
    if (stopped) return;
    running = (async () => {
      // Stale previews are looked for every ten minutes, not on every poll.
      if (Date.now() - expiredAt > 10 * 60_000) {
        expiredAt = Date.now();
        await expireStalePreviews(database);
      }
      while (!stopped && (await processOneChunk(database, opts))) {
        // keep going while there is work
      }
    })().catch(onError);
    await running;
    if (!stopped) timer = setTimeout(tick, intervalMs);
  };
  let timer = setTimeout(tick, intervalMs);
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await running;
  };
}
