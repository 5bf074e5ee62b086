/**
 * npm run bench:import — 100,000 rows (citizen + benefit period each) through the whole import
 * (upload and preview through the API, commit, the chunked worker with progress and audit rows)
 * against a plain baseline: the same file parsed, CPR hashed and encrypted, and the rows written
 * with batched INSERTs (1,000 per statement) in one transaction. On each engine, each side in its
 * own fresh database: PostgreSQL (loopback, databases made beside DATABASE_URL's) and the
 * embedded database (PGlite, opened as the server opens it: a fresh data directory unpacked from
 * the migrated template, 8 MB shared buffers). Prints rows/s for both and the ratio per engine
 * (target ≥ 0.5) and writes bench/results/import.json.
 * Environment: DATABASE_URL (PostgreSQL; not read when only pglite runs), BENCH_ROWS (100000),
 * BENCH_ENGINES (postgresql,pglite).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { buildApp } from '../src/app.js';
import { type Config, loadConfig } from '../src/config.js';
import type { Database } from '../src/db/database.js';
import { openDatabase } from '../src/db/open.js';
import { seedDemo } from '../src/db/seed/demo.js';
import { readFile, validateRow } from '../src/modules/imports/imports.parse.js';
import { runImportsUntilIdle } from '../src/modules/imports/imports.worker.js';
import { HEADER, multipart, toCsv } from '../test/fixtures/imports.js';
import { login } from '../test/helper.js';
import { freshDatabase } from './common.js';

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const ENGINES = (process.env.BENCH_ENGINES ?? 'postgresql,pglite')
  .split(',')
  .map((e) => e.trim())
  .filter(Boolean) as Engine[];
const types = ['Sygedagpenge', 'Kontanthjælp jobparat', 'Dagpenge', 'Uddannelseshjælp'];

function file(): Buffer {
  const out = [HEADER];
  for (let i = 0; i < ROWS; i++) {
    const serial = String(i % 4000).padStart(4, '0');
    const yy = String(40 + (Math.floor(i / 4000) % 60)).padStart(2, '0');
    const cpr = `${String(1 + (i % 28)).padStart(2, '0')}${String(1 + (Math.floor(i / 28) % 12)).padStart(2, '0')}${yy}${serial}`;
    const start = `${String(1 + (i % 28)).padStart(2, '0')}-${String(1 + (i % 12)).padStart(2, '0')}-2025`;
    out.push([
      cpr,
      `Fornavn${i}`,
      `Efternavn${i}`,
      `Vej ${i}`,
      '9530',
      'Støvring',
      '',
      '',
      types[i % 4]!,
      start,
      '',
      '',
    ]);
  }
  return toCsv(out);
}

type Engine = 'postgresql' | 'pglite';

interface Fresh {
  database: Database;
  config: Config;
  close(): Promise<void>;
}

/** A fresh, migrated database with the demo seed (untimed), on the engine asked for. */
async function fresh(engine: Engine, name: string): Promise<Fresh> {
  if (engine === 'postgresql') {
    const { database, config } = await freshDatabase('bench:import', name);
    return { database, config, close: () => database.close() };
  }
  // The embedded database as the server opens it (openDatabase: template unpacked on disk).
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${name}-`));
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    SEED_DEMO: 'true',
    DATA_DIR: dir,
  });
  const opened = await openDatabase(config);
  await seedDemo(opened.database, config);
  return {
    database: opened.database,
    config,
    close: async () => {
      await opened.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function ours(engine: Engine, buffer: Buffer) {
  const { database, config, close } = await fresh(engine, 'helhed_bench_import');
  const app = await buildApp({ config, database, logger: false, rateLimitPerMinute: 1_000_000 });
  const session = await login(app, 'rebild.sagsbehandler');
  const started = performance.now();
  const body = multipart('bench.csv', buffer);
  const preview = await session.inject({
    method: 'POST',
    url: '/api/imports',
    payload: body.payload,
    headers: body.headers,
  });
  if (preview.statusCode !== 201) throw new Error(preview.body.slice(0, 500));
  const previewMs = performance.now() - started;
  const job = preview.json();
  await session.inject({ method: 'POST', url: `/api/imports/${job.id}/commit` });
  await runImportsUntilIdle(database, { chunkSize: 2000 });
  const ms = performance.now() - started;
  const { rows } = await sql<{
    n: number;
  }>`select count(*)::int as n from benefit_period where source = 'import'`.execute(database.db);
  await app.close();
  await close();
  if (rows[0]!.n !== job.validRows) throw new Error(`wrote ${rows[0]!.n} of ${job.validRows}`);
  return { ms, previewMs, valid: job.validRows as number };
}

async function baseline(engine: Engine, buffer: Buffer) {
  const { database, config, close } = await fresh(engine, 'helhed_bench_import_base');
  const keys = { encryptionKey: config.cprEncryptionKey, hashKey: config.cprHashKey };
  const started = performance.now();
  const parsed = await readFile('bench.csv', buffer);
  const rows = parsed.rows.map((r) => validateRow(r, keys).valid!).filter(Boolean);
  await database.db.transaction().execute(async (tx) => {
    for (let i = 0; i < rows.length; i += 1000) {
      const chunk = rows.slice(i, i + 1000);
      const { rows: ids } = await sql<{
        id: string;
      }>`insert into citizen (municipality_code, cpr_hash, cpr_encrypted,
          birth_date, gender, first_name, last_name, address, postal_code, city, phone, email)
        values ${sql.join(
          chunk.map(
            (r) => sql`('840', ${r.cprHash}, ${r.cprEncrypted}, ${r.birthDate},
              ${r.gender}, ${r.firstName}, ${r.lastName}, ${r.address}, ${r.postalCode}, ${r.city}, ${r.phone}, ${r.email})`,
          ),
        )} returning id`.execute(tx);
      await sql`insert into benefit_period (municipality_code, citizen_id, benefit_type, start_date, end_date, end_reason, source)
        values ${sql.join(
          chunk.map(
            (r, j) =>
              sql`('840', ${ids[j]!.id}, ${r.benefitType}, ${r.startDate}, ${r.endDate}, ${r.endReason}, 'import')`,
          ),
        )}`.execute(tx);
    }
  });
  const ms = performance.now() - started;
  await close();
  return { ms, valid: rows.length };
}

const buffer = file();
console.log(
  `bench:import — ${ROWS} rows, ${(buffer.length / 1e6).toFixed(1)} MB CSV; engines: ${ENGINES.join(', ')}`,
);
const engines: Record<string, unknown> = {};
for (const engine of ENGINES) {
  if (engine !== 'postgresql' && engine !== 'pglite') throw new Error(`unknown engine ${engine}`);
  const load = () => Math.round(os.loadavg()[0]! * 10) / 10;
  const loadBefore = load();
  const base = await baseline(engine, buffer);
  const full = await ours(engine, buffer);
  const baseRps = base.valid / (base.ms / 1000);
  const fullRps = full.valid / (full.ms / 1000);
  const result = {
    engine: engine === 'postgresql' ? 'PostgreSQL on loopback' : 'PGlite (embedded, on disk)',
    validRows: full.valid,
    baseline: {
      description: 'parse + CPR hash/encrypt + batched INSERT (1000/stmt), one transaction',
      ms: Math.round(base.ms),
      rowsPerSecond: Math.round(baseRps),
    },
    helhed: {
      description:
        'upload+preview via API (staged rows), commit, chunked worker (2000/chunk) with progress and one audit row per citizen',
      ms: Math.round(full.ms),
      previewMs: Math.round(full.previewMs),
      rowsPerSecond: Math.round(fullRps),
    },
    ratio: Number((fullRps / baseRps).toFixed(2)),
    target: '>= 0.5',
    loadAverage1m: { before: loadBefore, after: load() },
    at: new Date().toISOString(),
  };
  engines[engine] = result;
  console.log(`${engine}`);
  console.log(`  baseline  ${result.baseline.rowsPerSecond} rows/s (${result.baseline.ms} ms)`);
  console.log(
    `  helhed    ${result.helhed.rowsPerSecond} rows/s (${result.helhed.ms} ms, of which preview ${result.helhed.previewMs} ms)`,
  );
  console.log(
    `  ratio     ${result.ratio} (target ≥ 0.5: ${result.ratio >= 0.5 ? 'met' : 'MISSED'}); load average ${loadBefore} → ${result.loadAverage1m.after}`,
  );
}
const out = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'bench',
  'results',
  'import.json',
);
// An engine not run this time keeps its last result (each carries its own `at`).
const before = fs.existsSync(out) ? JSON.parse(fs.readFileSync(out, 'utf8')) : {};
fs.writeFileSync(
  out,
  `${JSON.stringify(
    {
      benchmark: 'import',
      rows: ROWS,
      engines: { ...(before.rows === ROWS ? before.engines : {}), ...engines },
      machine: { cpus: os.cpus().length, note: process.env.BENCH_NOTE ?? null },
      at: new Date().toISOString(),
    },
    null,
    2,
  )}\n`,
);
console.log(`written to ${path.relative(process.cwd(), out)}`);
process.exit(0);
