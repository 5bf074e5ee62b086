/**
 * `npm run audit:verify` end to end: the CLI opens the embedded database in DATA_DIR, seals,
 * verifies and exits 0; after a row is changed behind the trigger's back it exits 1 and names
 * the row.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/open.js';

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'helhed-audit-verify-'));
const env = { NODE_ENV: 'test', DATA_DIR: dataDir, LOG_LEVEL: 'silent' };

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function withDatabase<T>(fn: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>) {
  const opened = await openDatabase(loadConfig(env));
  try {
    return await fn(opened);
  } finally {
    await opened.close();
  }
}

function cli(...args: string[]) {
  const { DATABASE_URL: _ignored, ...rest } = process.env;
  const res = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/audit-verify.ts', ...args], {
    cwd: serverDir,
    env: { ...rest, ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: res.status, out: `${res.stdout}${res.stderr}` };
}

describe('npm run audit:verify', () => {
  it('exits 0 on an intact log and 1 naming the first changed row', {
    timeout: 300_000,
  }, async () => {
    const ids = await withDatabase(async ({ database }) => {
      await sql`insert into municipality (code, name) values ('840', 'Rebild') on conflict do nothing`.execute(
        database.db,
      );
      const { rows } = await sql<{ id: number }>`
        insert into audit_event (municipality_code, action, resource_type, purpose)
        select '840', 'read', 'citizen', 'Sagsbehandling' from generate_series(1, 5)
        returning id`.execute(database.db);
      return rows.map((r) => Number(r.id));
    });

    const ok = cli('--seal');
    expect(ok.out).toContain('Forseglede 5 nye rækker');
    expect(ok.out).toContain('OK');
    expect(ok.code).toBe(0);

    await withDatabase(async ({ database }) => {
      await sql`alter table audit_event disable trigger audit_event_append_only`.execute(
        database.db,
      );
      await sql`update audit_event set purpose = 'Nysgerrighed' where id = ${ids[2]}`.execute(
        database.db,
      );
      await sql`alter table audit_event enable trigger audit_event_append_only`.execute(
        database.db,
      );
    });

    const broken = cli();
    expect(broken.code).toBe(1);
    expect(broken.out).toContain(`kommune 840, seq 3, hændelse ${ids[2]}`);
    expect(broken.out).toContain('hash_mismatch');
  });
});
