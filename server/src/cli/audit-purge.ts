/**
 * npm run audit:purge — the retention purge the server also runs daily: seals pending rows and
 * deletes audit rows older than AUDIT_RETENTION_YEARS (default 5), keeping the chain verifiable.
 */
import { ConfigError, loadConfig } from '../config.js';
import { DataDirLockedError } from '../db/lock.js';
import { openDatabase } from '../db/open.js';
import { runAuditRetention } from '../platform/audit-retention.js';

async function main() {
  let config: ReturnType<typeof loadConfig>;
  let opened: Awaited<ReturnType<typeof openDatabase>>;
  try {
    config = loadConfig();
    opened = await openDatabase(config);
  } catch (error) {
    if (error instanceof ConfigError || error instanceof DataDirLockedError) {
      console.error(error.message);
      process.exit(error instanceof ConfigError ? 2 : 3);
    }
    throw error;
  }
  try {
    const { cutoff, purged } = await runAuditRetention(opened.database, config);
    console.log(
      `Slettede ${purged} revisionsrækker fra før ${cutoff.toISOString().slice(0, 10)} (purged ${purged} audit rows older than ${config.auditRetentionYears} years).`,
    );
  } finally {
    await opened.close();
  }
}

main().catch((error) => {
  console.error('audit:purge fejlede:', error instanceof Error ? error.message : error);
  process.exit(2);
});
