/**
 * Starts Helhed: reads the configuration, opens the database (embedded PGlite in DATA_DIR unless
 * DATABASE_URL is set), migrates, seeds demo data, starts the audit sealer and listens.
 */
// Only light modules are imported statically: the configuration is checked and the data
// directory locked before Fastify, PGlite and the modules load, so a bad setting or a second
// process on the same directory is reported at once.
import v8 from 'node:v8';
import vm from 'node:vm';
import { ConfigError, loadConfig } from './config.js';
import { DataDirLockedError, lockDataDir } from './db/lock.js';

/** How often the audit sealer looks for new rows; a pass that finds none costs three small reads. */
const SEALER_INTERVAL_MS = 200;

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

  let heldLock: (() => void) | undefined;
  if (!config.databaseUrl) {
    try {
      heldLock = lockDataDir(config.dataDir);
    } catch (error) {
      if (error instanceof DataDirLockedError) {
        console.error(error.message);
        process.exit(3);
      }
      throw error;
    }
  }
  const [
    { buildApp },
    { openDatabase },
    { demoLogins, DEMO_PASSWORD, seedDemo },
    { AuditSealer },
    { startAuditRetention },
    { startImportWorker },
    { sweepRateLimitCounters },
  ] = await Promise.all([
    import('./app.js'),
    import('./db/open.js'),
    import('./db/seed/demo.js'),
    import('./platform/audit-chain.js'),
    import('./platform/audit-retention.js'),
    import('./modules/imports/imports.worker.js'),
    import('./platform/rate-limit.js'),
  ]);
  let opened = await openDatabase(config, heldLock, { requestLimits: true });
  let seeded: string[] = [];
  if (config.seedDemo) seeded = await seedDemo(opened.database, config);
  if (seeded.length && opened.database.kind === 'pglite') {
    // The embedded engine's memory grows while it writes the demo data and is never handed
    // back; reopening it once after seeding starts the server at its steady-state size.
    // The data directory lock stays held across the reopen: only the engine is closed.
    await opened.database.close();
    opened = await openDatabase(config, heldLock, { requestLimits: true });
    collectGarbage();
  }
  const { database } = opened;
  // Evaluation and dashboard reads may go to a hot-standby replica; it is never migrated here
  // (it follows the primary's WAL) and never written to.
  const readDatabase = config.databaseReadUrl
    ? (await import('./db/database.js')).openPostgres(config.databaseReadUrl, 10, undefined, {
        statementTimeoutMs: config.dbStatementTimeoutMs,
        idleInTransactionTimeoutMs: config.dbIdleInTransactionTimeoutMs,
      })
    : database;

  const app = await buildApp({ config, database, readDatabase });
  // On PostgreSQL the sealer has its own two connections: sharing the request pool, a pass
  // waited behind every request in the queue, and under full load insert → sealed reached
  // seconds (decision 1070). Every instance runs one; the advisory lock lets one seal at a time.
  const { openPostgres } = await import('./db/database.js');
  const sealerDatabase = config.databaseUrl ? openPostgres(config.databaseUrl, 2) : database;
  const sealer = new AuditSealer(sealerDatabase, 5000, (pass) =>
    app.log.debug({ sealer: pass }, 'audit sealed'),
  );
  const stopSealer = sealer.start(SEALER_INTERVAL_MS, (error) =>
    app.log.error({ err: error }, 'audit sealer failed'),
  );
  const stopRetention = startAuditRetention(database, config, (outcome) => {
    if ('error' in outcome) app.log.error({ err: outcome.error }, 'audit retention purge failed');
    else app.log.info(outcome, 'audit retention purge');
  });
  const stopImports = startImportWorker(database, 500, (error) =>
    app.log.error({ err: error }, 'import worker failed'),
  );
  // Reminders are sent only on the channels configured (SMTP_URL, SMS_URL); otherwise they wait
  // in reminder_outbox (the outbox page). The daily job writes staff lists and session reminders
  // to the outbox either way (idempotent per day).
  const [{ startReminderWorker, httpSmsGateway }, { startDailyReminders }] = await Promise.all([
    import('./modules/followup/reminders.js'),
    import('./modules/followup/daily.js'),
  ]);
  const stopDaily = startDailyReminders(database, config.publicUrl, 15 * 60_000, (error) =>
    app.log.error({ err: error }, 'daily reminders failed'),
  );
  let stopReminders = async () => {};
  if (config.smtpUrl || config.smsUrl) {
    const nodemailer = config.smtpUrl ? (await import('nodemailer')).default : null;
    stopReminders = startReminderWorker(
      database,
      {
        email:
          nodemailer && config.smtpUrl
            ? { transport: nodemailer.createTransport(config.smtpUrl), from: config.mailFrom }
            : undefined,
        sms: config.smsUrl ? httpSmsGateway(config.smsUrl) : undefined,
      },
      30_000,
      (error) => app.log.error({ err: error }, 'reminder worker failed'),
    );
  }

  // Counters whose window has ended are restarted by their next request; the rest are swept.
  const sweep =
    database.kind === 'postgres'
      ? setInterval(
          () =>
            void sweepRateLimitCounters(database).catch((error) =>
              app.log.error({ err: error }, 'rate limit sweep failed'),
            ),
          60_000,
        )
      : null;
  sweep?.unref();

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    try {
      if (sweep) clearInterval(sweep);
      await app.close();
      await stopRetention();
      await stopSealer();
      if (sealerDatabase !== database) await sealerDatabase.close();
      await stopImports();
      await stopReminders();
      await stopDaily();
      if (readDatabase !== database) await readDatabase.close();
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

/** One full collection, so the closed engine's memory is returned now rather than at some later GC. */
function collectGarbage() {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as (() => void) | undefined;
  gc?.();
}

main().catch((error) => {
  console.error('Helhed kunne ikke starte:', error instanceof Error ? error.message : error);
  process.exit(1);
});
