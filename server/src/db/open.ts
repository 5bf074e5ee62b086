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
import {
  type Database,
  openPglite,
  openPostgres,
  pgliteConf,
  pgliteParsers,
  wrapPglite,
} from './database.js';
import { lockDataDir } from './lock.js';
import { migrate, readMigrations } from './migrate.js';

export function migrationsFingerprint(): string {
  const h = createHash('sha256');
  for (const m of readMigrations()) h.update(m.name).update(m.checksum);
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
export async function openDatabase(config: Config, heldLock?: () => void): Promise<OpenedDatabase> {
  if (config.databaseUrl) {
    const database = openPostgres(config.databaseUrl);
    await migrate(database);
    return { database, close: () => database.close() };
  }
  const release = heldLock ?? lockDataDir(config.dataDir);
  try {
    const pgDir = path.join(config.dataDir, 'pg');
    const fresh = !fs.existsSync(path.join(pgDir, 'PG_VERSION'));
    let database: Database;
    if (fresh && fs.existsSync(templatePath())) {
      fs.mkdirSync(pgDir, { recursive: true });
      const pglite = await PGlite.create(pgDir, {
        loadDataDir: loadTemplate(templatePath()),
        parsers: pgliteParsers,
        postgresqlconf: pgliteConf(),
      });
      database = wrapPglite(pglite);
    } else {
      database = await openPglite(pgDir);
    }
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
