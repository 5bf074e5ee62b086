/**
 * The embedded database's first start: the migrated template is unpacked on disk (not loaded
 * into the engine's memory), an unpack that was interrupted is redone, and the data survives a
 * reopen. The unpacker refuses entries it does not understand rather than write half a directory.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { ensureTemplate, extractTar, openDatabase } from './open.js';

const dirs: string[] = [];
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'helhed-open-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

const configFor = (dataDir: string) =>
  loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, LOG_LEVEL: 'silent' });

async function migrationCount(dataDir: string) {
  const opened = await openDatabase(configFor(dataDir));
  try {
    const { rows } = await sql<{
      n: number;
    }>`select count(*)::int as n from schema_migrations`.execute(opened.database.db);
    return rows[0]!.n;
  } finally {
    await opened.close();
  }
}

function ustarHeader(name: string, size: number, type: string): Buffer {
  const h = Buffer.alloc(512);
  h.write(name, 0, 'latin1');
  h.write('0000644\0', 100, 'latin1');
  h.write(`${size.toString(8).padStart(11, '0')}\0`, 124, 'latin1');
  h.write(type, 156, 'latin1');
  h.write('ustar\0', 257, 'latin1');
  return h;
}

describe('embedded database from the template', () => {
  it('unpacks the migrated template into a fresh data directory and reopens it', async () => {
    await ensureTemplate();
    const dataDir = tempDir();
    const first = await migrationCount(dataDir);
    expect(first).toBeGreaterThan(5);
    expect(fs.existsSync(path.join(dataDir, 'pg', 'PG_VERSION'))).toBe(true);
    expect(fs.existsSync(path.join(dataDir, 'pg.unpacking'))).toBe(false);
    expect(await migrationCount(dataDir)).toBe(first);
  });

  it('redoes an unpack that was interrupted (no PG_VERSION, leftover temporary directory)', async () => {
    const dataDir = tempDir();
    fs.mkdirSync(path.join(dataDir, 'pg', 'base'), { recursive: true });
    fs.mkdirSync(path.join(dataDir, 'pg.unpacking', 'global'), { recursive: true });
    fs.writeFileSync(path.join(dataDir, 'pg.unpacking', 'global', 'half'), 'x');
    expect(await migrationCount(dataDir)).toBeGreaterThan(5);
    expect(fs.existsSync(path.join(dataDir, 'pg.unpacking'))).toBe(false);
  });

  it('extracts files with their contents and refuses an unknown entry type', () => {
    const dir = tempDir();
    const body = Buffer.from('hello');
    const padded = Buffer.concat([body, Buffer.alloc(512 - body.length)]);
    const good = Buffer.concat([
      ustarHeader('/a', 0, '5'),
      ustarHeader('/a/b.txt', body.length, '0'),
      padded,
      Buffer.alloc(1024),
    ]);
    fs.writeFileSync(path.join(dir, 'good.tar'), good);
    extractTar(path.join(dir, 'good.tar'), path.join(dir, 'out'));
    expect(fs.readFileSync(path.join(dir, 'out', 'a', 'b.txt'), 'utf8')).toBe('hello');

    const bad = Buffer.concat([ustarHeader('/link', 0, '2'), Buffer.alloc(1024)]);
    fs.writeFileSync(path.join(dir, 'bad.tar'), bad);
    expect(() => extractTar(path.join(dir, 'bad.tar'), path.join(dir, 'out2'))).toThrow(
      /unsupported entry type '2'/,
    );
  });
});
