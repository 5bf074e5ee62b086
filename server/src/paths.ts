/**
 * Where the server's files are, whether it runs from TypeScript sources (src/, through tsx or
 * vitest) or from the bundle in dist/: the server package root is the nearest folder above this
 * file whose package.json is @helhed/server.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function findServerRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg) && JSON.parse(fs.readFileSync(pkg, 'utf8')).name === '@helhed/server') {
      return dir;
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('cannot find the @helhed/server package folder');
    dir = parent;
  }
}

export const serverRoot = findServerRoot();
export const repoRoot = path.resolve(serverRoot, '..');
export const migrationsDir = path.join(serverRoot, 'src', 'db', 'migrations');
export const functionsDir = path.join(serverRoot, 'src', 'db', 'functions');
export const cacheDir = path.join(serverRoot, '.cache');
