/** Install step: builds the migrated PGlite template so the first start skips initdb. */
import { ensureTemplate } from '../db/open.js';

const started = performance.now();
const file = await ensureTemplate();
console.log(`PGlite-skabelon klar: ${file} (${Math.round(performance.now() - started)} ms)`);
