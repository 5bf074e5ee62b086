#!/usr/bin/env node
// Bundles the server into server/dist for `npm start`: plain JavaScript, so the process needs no
// TypeScript loader at run time (faster start, less memory). npm packages stay external; the
// workspace's own TypeScript (server/src, shared/src) is bundled. Lazy imports stay lazy
// (code splitting), which lets the server lock its data directory before the heavy modules load.
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const pkg = (p) => JSON.parse(fs.readFileSync(path.join(root, p, 'package.json'), 'utf8'));
const deps = new Set([
  ...Object.keys(pkg('server').dependencies ?? {}),
  ...Object.keys(pkg('shared').dependencies ?? {}),
]);

const outdir = path.join(root, 'server', 'dist');
fs.rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: [
    path.join(root, 'server/src/server.ts'),
    ...fs
      .readdirSync(path.join(root, 'server/src/cli'))
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
      .map((f) => path.join(root, 'server/src/cli', f)),
  ],
  outdir,
  outbase: path.join(root, 'server/src'),
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  external: [...deps].flatMap((d) => [d, `${d}/*`]),
  banner: {
    // Some CommonJS dependencies call require(); give the ESM bundle one.
    js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
  },
  logLevel: 'warning',
});
console.log(`server bundled to ${path.relative(root, outdir)}`);
