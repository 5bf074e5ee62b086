#!/usr/bin/env node
// npm test: every check, in order, stopping at the first failure. Installs Chromium through
// apt-get when it is missing and we are root; otherwise stops at once saying what is missing.
import { execSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';

const CHROMIUM = '/usr/bin/chromium';

function ensureChromium() {
  if (fs.existsSync(CHROMIUM)) return;
  if (process.getuid?.() !== 0) {
    console.error(
      `Chromium mangler (${CHROMIUM}). Installer den: sudo apt-get install -y chromium`,
    );
    process.exit(1);
  }
  console.log('Chromium mangler: installerer med apt-get …');
  execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium', {
    stdio: 'inherit',
  });
}

const steps = [
  ['lint (biome)', 'npx', ['biome', 'check', '.']],
  ['dependency check', 'npm', ['run', 'deps']],
  ['typecheck', 'npm', ['run', 'typecheck']],
  ['build', 'npm', ['run', 'build']],
  ['server + API tests', 'npx', ['vitest', 'run', '--project', 'api'], 'server'],
  ['process tests (start, lock)', 'npx', ['vitest', 'run', '--project', 'process'], 'server'],
  ['browser tests', 'npx', ['vitest', 'run', '--project', 'browser'], 'server'],
];

ensureChromium();
for (const [name, cmd, args, cwd] of steps) {
  console.log(`\n▶ ${name}`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: cwd ?? process.cwd() });
  if (r.status !== 0) {
    console.error(`\n✗ ${name} fejlede (exit ${r.status})`);
    process.exit(r.status ?? 1);
  }
  console.log(`✓ ${name} (${Math.round((Date.now() - started) / 1000)} s)`);
}
