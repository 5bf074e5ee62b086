#!/usr/bin/env node
// npm run bench:start — time from process start to /health/ready and the server's RSS after
// start, on the embedded database: first on a fresh data directory (template load, migrations,
// demo seed), then a restart on the same directory. Targets: < 5 s and < 300 MB.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const TARGET_MS = 5000;
const TARGET_MB = 300;

function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

function rssMb(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

async function run(dataDir) {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, ['server/dist/server.js'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      DATABASE_URL: '',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  let readyMs = null;
  while (performance.now() - started < 60_000) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/health/ready`);
      if (res.ok) {
        readyMs = performance.now() - started;
        break;
      }
    } catch {}
    await new Promise((r) => setTimeout(r, 25));
  }
  await new Promise((r) => setTimeout(r, 500));
  const mb = rssMb(child.pid);
  child.kill('SIGTERM');
  await new Promise((r) => child.on('exit', r));
  if (readyMs === null) throw new Error('server did not become ready within 60 s');
  return { readyMs, mb };
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'helhed-bench-start-'));
try {
  const fresh = await run(dir);
  const restart = await run(dir);
  const rows = [
    ['fresh data directory', fresh],
    ['restart, same directory', restart],
  ];
  console.log('\nbench:start (embedded PGlite)');
  console.log('run                       ready ms   ratio to 5 s   RSS MB   ratio to 300 MB');
  for (const [name, r] of rows) {
    console.log(
      `${name.padEnd(25)} ${String(Math.round(r.readyMs)).padStart(8)}   ${(r.readyMs / TARGET_MS).toFixed(2).padStart(12)}   ${r.mb.toFixed(0).padStart(6)}   ${(r.mb / TARGET_MB).toFixed(2).padStart(15)}`,
    );
  }
  fs.mkdirSync(path.join(root, 'bench', 'results'), { recursive: true });
  fs.writeFileSync(
    path.join(root, 'bench', 'results', 'start.json'),
    `${JSON.stringify({ date: new Date().toISOString(), targetMs: TARGET_MS, targetMb: TARGET_MB, fresh, restart }, null, 2)}\n`,
  );
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
