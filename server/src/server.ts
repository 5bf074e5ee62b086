/**
 * Starts Helhed: reads the configuration, opens the database (embedded PGlite in DATA_DIR unless
 * DATABASE_URL is set), migrates, seeds demo data, starts the audit sealer and listens.
 */
import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { DataDirLockedError } from './db/lock.js';
import { openDatabase } from './db/open.js';
import { DEMO_PASSWORD, demoLogins, seedDemo } from './db/seed/demo.js';
import { startImportWorker } from './modules/imports/imports.worker.js';
import { AuditSealer } from './platform/audit-chain.js';

async function main() {
  const started = performance.now();
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Helhed kan ikke starte: ${error.message}`);
      process.exit(2);
    }
    throw error;
  }

  let opened: Awaited<ReturnType<typeof openDatabase>>;
  try {
    opened = await openDatabase(config);
  } catch (error) {
    if (error instanceof DataDirLockedError) {
      console.error(error.message);
      process.exit(3);
    }
    throw error;
  }
  const { database } = opened;

  let seeded: string[] = [];
  if (config.seedDemo) seeded = await seedDemo(database, config);

  const app = await buildApp({ config, database });
  const sealer = new AuditSealer(database);
  const stopSealer = sealer.start(1000, (error) =>
    app.log.error({ err: error }, 'audit sealer failed'),
  );
  const stopImports = startImportWorker(database, 500, (error) =>
    app.log.error({ err: error }, 'import worker failed'),
  );

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    try {
      await app.close();
      await stopSealer();
      await stopImports();
      await opened.close();
    } finally {
      process.exit(0);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const ms = Math.round(performance.now() - started);
  const lines = [
    '',
    `Helhed kører på http://${host}:${port}  (klar på ${ms} ms, database: ${database.kind}${database.kind === 'pglite' ? ` i ${config.dataDir}` : ''})`,
    `API-dokumentation: http://${host}:${port}/api/docs`,
  ];
  if (config.seedDemo) {
    if (seeded.length) lines.push(`Demodata indlæst: ${seeded.join(', ')}`);
    lines.push(`Demo-logins (adgangskode for alle: ${DEMO_PASSWORD}):`);
    const byMunicipality = new Map<string, string[]>();
    for (const l of demoLogins()) {
      byMunicipality.set(l.municipality, [
        ...(byMunicipality.get(l.municipality) ?? []),
        l.username,
      ]);
    }
    for (const [m, users] of byMunicipality) lines.push(`  ${m.padEnd(9)} ${users.join('  ')}`);
  }
  console.log(lines.join('\n'));
}

main().catch((error) => {
  console.error('Helhed kunne ikke starte:', error instanceof Error ? error.message : error);
  process.exit(1);
});
