/**
 * One variable (issue 20): seed:national and every bench read DATABASE_URL and nothing else,
 * with no default. Without it (unset or empty, or with only the variable the hot-path bench used
 * to read) they stop at once with exit 2 and a line naming DATABASE_URL.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../src/paths.js';

function run(script: string, env: Record<string, string>) {
  return new Promise<{ code: number | null; stderr: string }>((resolve) => {
    const { DATABASE_URL: _a, BENCH_DATABASE_URL: _b, BENCH_PG_URL: _c, ...rest } = process.env;
    const child = execFile(
      process.execPath,
      ['--import', 'tsx', path.join(repoRoot, script)],
      { cwd: repoRoot, env: { ...rest, ...env } as NodeJS.ProcessEnv, timeout: 90_000 },
      (_error, _stdout, stderr) => resolve({ code: child.exitCode, stderr }),
    );
  });
}

describe('benches read DATABASE_URL only', () => {
  it('no bench names another database variable or a default database', () => {
    const dir = path.join(repoRoot, 'server', 'bench');
    const offenders: string[] = [];
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const text = fs.readFileSync(path.join(dir, file), 'utf8');
      if (/BENCH_DATABASE_URL|BENCH_PG_URL|process\.env\.DATABASE_URL\s*\?\?/.test(text)) {
        offenders.push(file);
      }
      if (/'postgres:\/\/[^']*'/.test(text.replace(/const example = '[^']*'/, ''))) {
        offenders.push(`${file} (a default connection string)`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('seed:national and bench:page stop with exit 2 naming DATABASE_URL when it is unset or empty', async () => {
    const outcomes = await Promise.all([
      run('server/src/cli/seed-national.ts', { DATABASE_URL: '' }),
      run('server/bench/page.ts', { BENCH_DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/x' }),
      run('server/bench/page.ts', { DATABASE_URL: '' }),
    ]);
    for (const o of outcomes) {
      expect(o.code).toBe(2);
      expect(o.stderr).toMatch(/DATABASE_URL=postgres:\/\//);
    }
  }, 120_000);
});
