/**
 * Opens the configured database and brings its schema up to date. The embedded database starts
 * from a migrated template when one matches the current migrations (made at install time), which
 * turns PGlite's ~10 s first-time initdb into a ~2 s load.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { Config } from '../config.js';
import { cacheDir } from '../paths.js';
import { type Database, openPglite, openPostgres, wrapPglite } from './database.js';
import { lockDataDir } from './lock.js';
import { migrate, readFunctions, readMigrations } from './migrate.js';

/** Names the template: a changed migration or function file makes a new one. */
export function migrationsFingerprint(): string {
  const h = createHash('sha256');
  for (const m of readMigrations()) h.update(m.name).update(m.checksum);
  for (const f of readFunctions()) h.update(`function:${f.name}`).update(f.checksum);
  return h.digest('hex').slice(0, 16);
}

export function templatePath(): string {
  return path.join(cacheDir, `pglite-template-${migrationsFingerprint()}.tar`);
}

/** Creates the migrated PGlite template if it does not exist; returns its path. */
export async function ensureTemplate(): Promise<string> {
  const file = templatePath();
  if (fs.existsSync(file)) return file;
  fs.mkdirSync(cacheDir, { recursive: true });
  const pglite = await PGlite.create();
  const database = wrapPglite(pglite);
  await migrate(database);
  const blob = await pglite.dumpDataDir('none');
  await database.close();
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, Buffer.from(await blob.arrayBuffer()));
  fs.renameSync(tmp, file);
  return file;
}

export function loadTemplate(file: string): Blob {
  return new Blob([fs.readFileSync(file)]);
}

export interface OpenedDatabase {
  database: Database;
  /** Closes the database and releases the data directory lock. */
  close(): Promise<void>;
}

/**
 * `heldLock` is the release function of a data directory lock the caller took already (the
 * server takes it before loading anything heavy, so a second process exits at once).
 */
export async function openDatabase(
  config: Config,
  heldLock?: () => void,
  /**
   * The server's request pool: DB_STATEMENT_TIMEOUT_MS and DB_IDLE_IN_TRANSACTION_TIMEOUT_MS
   * apply (decision 1120). The command-line tools (audit:verify, the import worker) open without.
   */
  opts: { requestLimits?: boolean } = {},
): Promise<OpenedDatabase> {
  if (config.databaseUrl) {
    const database = openPostgres(
      config.databaseUrl,
      10,
      undefined,
      opts.requestLimits
        ? {
            statementTimeoutMs: config.dbStatementTimeoutMs,
            idleInTransactionTimeoutMs: config.dbIdleInTransactionTimeoutMs,
          }
        : {},
    );
    await migrate(database);
    return { database, close: () => database.close() };
  }
  const release = heldLock ?? lockDataDir(config.dataDir);
  try {
    const pgDir = path.join(config.dataDir, 'pg');
    const fresh = !fs.existsSync(path.join(pgDir, 'PG_VERSION'));
    if (fresh && fs.existsSync(templatePath())) {
      // The template is unpacked on disk and opened like any data directory: handing it to
      // PGlite as a blob (loadDataDir) costs ~110 MB of memory that the process never returns.
      fs.rmSync(pgDir, { recursive: true, force: true });
      const unpacking = `${pgDir}.unpacking`;
      fs.rmSync(unpacking, { recursive: true, force: true });
      extractTar(templatePath(), unpacking);
      fs.renameSync(unpacking, pgDir);
    }
    const database = await openPglite(pgDir);
    await migrate(database);
    return {
      database,
      close: async () => {
        try {
          await database.close();
        } finally {
          release();
        }
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

/**
 * Unpacks a ustar archive (what PGlite's dumpDataDir writes: directories and regular files)
 * into `dir`, streaming each file so the archive is never held in memory.
 */
export function extractTar(file: string, dir: string): void {
  const fd = fs.openSync(file, 'r');
  const header = Buffer.alloc(512);
  const chunk = Buffer.alloc(1 << 20);
  const text = (from: number, length: number) =>
    header.toString('latin1', from, from + length).replace(/\0.*$/s, '');
  try {
    fs.mkdirSync(dir, { recursive: true });
    let offset = 0;
    for (;;) {
      if (fs.readSync(fd, header, 0, 512, offset) < 512) throw new Error(`${file}: truncated`);
      offset += 512;
      if (header.every((b) => b === 0)) break;
      const name = (text(345, 155) ? `${text(345, 155)}/` : '') + text(0, 100);
      const size = Number.parseInt(text(124, 12).trim() || '0', 8);
      const mode = Number.parseInt(text(100, 8).trim() || '600', 8) & 0o777;
      const type = text(156, 1) || '0';
      const target = path.join(dir, path.normalize(`/${name}`));
      if (!target.startsWith(dir)) throw new Error(`${file}: path outside the archive: ${name}`);
      if (type === '5') {
        fs.mkdirSync(target, { recursive: true, mode });
      } else if (type === '0') {
        fs.mkdirSync(path.dirname(target), { recursive: true });
        const out = fs.openSync(target, 'w', mode);
        try {
          for (let left = size; left > 0; ) {
            const n = fs.readSync(fd, chunk, 0, Math.min(left, chunk.length), offset + size - left);
            if (n <= 0) throw new Error(`${file}: truncated in ${name}`);
            fs.writeSync(out, chunk, 0, n);
            left -= n;
          }
        } finally {
          fs.closeSync(out);
        }
      } else {
        throw new Error(`${file}: unsupported entry type '${type}' for ${name}`);
      }
      offset += Math.ceil(size / 512) * 512;
    }
  } finally {
    fs.closeSync(fd);
  }
}
