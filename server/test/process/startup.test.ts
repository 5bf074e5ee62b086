/**
 * The process-level promises of `npm start`: a bad setting stops the start with one line naming
 * the variable, and a second server on the same embedded data directory exits at once naming the
 * directory and the process that holds it.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

// The test runs what `npm start` runs: the bundled server in dist/, rebuilt from the sources.
beforeAll(() => {
  execFileSync(process.execPath, [path.join(serverDir, '..', 'scripts', 'build-server.mjs')], {
    stdio: 'ignore',
  });
});

function start(env: Record<string, string>) {
  const child = spawn(process.execPath, ['dist/server.js'], {
    cwd: serverDir,
    env: { ...process.env, DATABASE_URL: '', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => {
    output += d;
  });
  child.stderr?.on('data', (d) => {
    output += d;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

const children: ChildProcess[] = [];
const dirs: string[] = [];
afterAll(async () => {
  for (const c of children) {
    if (c.exitCode === null) {
      c.kill('SIGTERM');
      await new Promise((r) => c.once('exit', r));
    }
  }
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

describe('starting the server', () => {
  it('PORT=abc stops the start with one line naming PORT', async () => {
    const s = start({ PORT: 'abc' });
    const code = await s.exited;
    expect(code).not.toBe(0);
    const lines = s.output().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('PORT=abc');
  });

  it('a second server on the same data directory exits without listening, naming the directory and the pid', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'helhed-lock-'));
    dirs.push(dataDir);
    const first = start({ DATA_DIR: dataDir, PORT: String(await freePort()), SEED_DEMO: 'false' });
    children.push(first.child);
    const deadline = Date.now() + 90_000;
    while (!first.output().includes('Helhed kører på') && Date.now() < deadline) {
      if (first.child.exitCode !== null) throw new Error(`first server exited: ${first.output()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(first.output()).toContain('Helhed kører på');

    const second = start({ DATA_DIR: dataDir, PORT: String(await freePort()) });
    children.push(second.child);
    const code = await second.exited;
    expect(code).not.toBe(0);
    // It stopped at the lock and never began to listen.
    expect(second.output()).not.toContain('Helhed kører på');
    expect(second.output()).toContain(dataDir);
    expect(second.output()).toContain(`pid ${first.child.pid}`);

    // A clean SIGTERM closes the database and releases the lock.
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(fs.existsSync(path.join(dataDir, 'helhed.lock'))).toBe(false);
  }, 120_000);
});
