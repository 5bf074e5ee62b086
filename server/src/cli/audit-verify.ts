/**
 * npm run audit:verify [-- --seal] [-- --municipality=840]
 * Verifies the audit log's hash chain in the configured database (DATABASE_URL, or the embedded
 * database in DATA_DIR) and names the first broken row. Exit 0 when intact, 1 when broken,
 * 2 on bad configuration, 3 when the embedded database is in use by a running server (stop it,
 * or run against PostgreSQL).
 */
import { ConfigError, loadConfig } from '../config.js';
import { DataDirLockedError } from '../db/lock.js';
import { openDatabase } from '../db/open.js';
import { auditVerifyReport } from '../platform/audit-report.js';

async function main() {
  const args = process.argv.slice(2);
  const seal = args.includes('--seal');
  const municipality = args.find((a) => a.startsWith('--municipality='))?.split('=')[1];
  let opened: Awaited<ReturnType<typeof openDatabase>>;
  try {
    opened = await openDatabase(loadConfig());
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`audit:verify kan ikke starte: ${error.message}`);
      process.exit(2);
    }
    if (error instanceof DataDirLockedError) {
      console.error(error.message);
      process.exit(3);
    }
    throw error;
  }
  try {
    const report = await auditVerifyReport(opened.database, { seal, municipality });
    for (const line of report.lines) console.log(line);
    process.exitCode = report.exitCode;
  } finally {
    await opened.close();
  }
}

main().catch((error) => {
  console.error('audit:verify fejlede:', error instanceof Error ? error.message : error);
  process.exit(2);
});
