/**
 * SQL functions defined once (decision 0850): a file in db/functions/ is applied after the
 * migrations when its content changed, and not again while it stays the same; the migrated
 * database already holds the current definitions; no later migration defines them again.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/helper.js';
import { migrate, readFunctions, readMigrations } from './migrate.js';

let t: TestDatabase;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'helhed-functions-'));

beforeAll(async () => {
  t = await createTestDatabase();
}, 120_000);
afterAll(async () => {
  await t?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const writeAnswer = (n: number) =>
  fs.writeFileSync(
    path.join(dir, 'helhed_test_answer.sql'),
    `create or replace function helhed_test_answer() returns integer
      language sql immutable as $$ select ${n} $$;\n`,
  );

async function answer(): Promise<number> {
  const { rows } = await sql<{ n: number }>`select helhed_test_answer() as n`.execute(
    t.database.db,
  );
  return rows[0]!.n;
}

async function recorded(name: string) {
  const { rows } = await sql<{ checksum: string; applied_at: Date }>`
    select checksum, applied_at from schema_functions where name = ${name}`.execute(t.database.db);
  return rows[0];
}

describe('SQL functions defined once in db/functions/', () => {
  it('holds the current definitions in the migrated database, recorded by content', async () => {
    const files = readFunctions();
    expect(files.map((f) => f.name)).toEqual(
      expect.arrayContaining(['helhed_citizen_organisations', 'helhed_citizen_overview']),
    );
    for (const f of files) expect((await recorded(f.name))?.checksum).toBe(f.checksum);
    // Nothing to do on the next start.
    expect(await migrate(t.database)).toEqual({ applied: [], functions: [] });
  });

  it('applies a changed function file and leaves an unchanged one alone', async () => {
    writeAnswer(1);
    const first = await migrate(t.database, readMigrations(), readFunctions(dir));
    expect(first.functions).toEqual(['helhed_test_answer']);
    expect(await answer()).toBe(1);
    const appliedAt = (await recorded('helhed_test_answer'))!.applied_at;

    const again = await migrate(t.database, readMigrations(), readFunctions(dir));
    expect(again).toEqual({ applied: [], functions: [] });
    expect((await recorded('helhed_test_answer'))!.applied_at).toEqual(appliedAt);

    writeAnswer(2);
    const changed = await migrate(t.database, readMigrations(), readFunctions(dir));
    expect(changed.functions).toEqual(['helhed_test_answer']);
    expect(await answer()).toBe(2);
    expect((await recorded('helhed_test_answer'))!.checksum).toBe(readFunctions(dir)[0]!.checksum);
  });

  it('rolls a failing function file back and keeps the previous definition', async () => {
    fs.writeFileSync(
      path.join(dir, 'helhed_test_answer.sql'),
      'create or replace function helhed_test_answer() returns integer\n' +
        '  language sql immutable as $$ select no_such_column from no_such_table $$;\n',
    );
    const before = (await recorded('helhed_test_answer'))!.checksum;
    await expect(migrate(t.database, readMigrations(), readFunctions(dir))).rejects.toThrow(
      /helhed_test_answer/,
    );
    expect(await answer()).toBe(2);
    expect((await recorded('helhed_test_answer'))!.checksum).toBe(before);
  });

  it('is the only place a function of db/functions/ is defined from now on', () => {
    // Migrations up to 0850 are history that created earlier versions; a later migration that
    // redefined one of these functions would be overwritten by the file, or shadow it.
    const names = readFunctions().map((f) => f.name);
    const offenders = readMigrations()
      .filter((m) => m.version > '0850')
      .flatMap((m) =>
        names
          .filter((n) =>
            new RegExp(`create\\s+(or\\s+replace\\s+)?function\\s+${n}\\b`, 'i').test(m.sql),
          )
          .map((n) => `${m.name}: ${n}`),
      );
    expect(offenders).toEqual([]);
  });
});
