import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const webDir = path.dirname(fileURLToPath(import.meta.url));
// dkfds only exports its JS entry, so its CSS, fonts and icons are reached through an alias
// to the package's dist folder (wherever npm hoisted it).
const dkfdsDist = path.resolve(path.dirname(createRequire(import.meta.url).resolve('dkfds')), '..');
const api = 'http://localhost:3000';

export default defineConfig({
  root: webDir,
  plugins: [react()],
  resolve: { alias: [{ find: /^@dkfds\//, replacement: `${dkfdsDist}/` }] },
  build: { outDir: path.join(webDir, 'dist'), emptyOutDir: true, sourcemap: true },
  server: { proxy: { '/api': api, '/health': api } },
  preview: { proxy: { '/api': api, '/health': api } },
});
