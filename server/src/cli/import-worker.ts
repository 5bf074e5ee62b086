/**
 * Runs the import worker outside the server: processes every queued import until none is left,
 * then exits (or keeps polling with --watch). Same database settings as the server
 * (DATABASE_URL or DATA_DIR). IMPORT_CHUNK_SIZE and IMPORT_CHUNK_DELAY_MS tune the chunks.
 */
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/open.js';
import { runImportsUntilIdle, startImportWorker } from '../modules/imports/imports.worker.js';

const config = loadConfig();
const opened = await openDatabase(config);
const opts = {
  chunkSize: Number(process.env.IMPORT_CHUNK_SIZE ?? 1000),
  chunkDelayMs: Number(process.env.IMPORT_CHUNK_DELAY_MS ?? 0),
  onChunk: (jobId: string, rows: number) => console.log(`chunk ${jobId} ${rows}`),
};
if (process.argv.includes('--watch')) {
  const stop = startImportWorker(opened.database, 500, (e) => console.error(e), opts);
  const shutdown = async () => {
    await stop();
    await opened.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown());
  process.on('SIGINT', () => void shutdown());
} else {
  const chunks = await runImportsUntilIdle(opened.database, opts);
  console.log(`import worker: ${chunks} chunk(s) done`);
  await opened.close();
}
