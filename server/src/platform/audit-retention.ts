/**
 * Retention of the audit log (AUDIT_RETENTION_YEARS, default 5): once a day the server seals
 * what is pending and purges rows older than the retention period. purgeAudit() moves each
 * municipality's anchor to the last purged seal, so the remaining chain still verifies.
 */
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import { AuditSealer, purgeAudit } from './audit-chain.js';

export function retentionCutoff(config: Pick<Config, 'auditRetentionYears'>, now = new Date()) {
  const cutoff = new Date(now);
  cutoff.setUTCFullYear(cutoff.getUTCFullYear() - config.auditRetentionYears);
  return cutoff;
}

/** Seals pending rows, then purges rows older than the retention period. */
export async function runAuditRetention(
  database: Database,
  config: Pick<Config, 'auditRetentionYears'>,
  now = new Date(),
): Promise<{ cutoff: Date; purged: number }> {
  await new AuditSealer(database).sealAll();
  const cutoff = retentionCutoff(config, now);
  return { cutoff, purged: await purgeAudit(database, cutoff) };
}

const DAY = 24 * 60 * 60 * 1000;

/** Runs the purge a minute after start and then every day until stopped. */
export function startAuditRetention(
  database: Database,
  config: Pick<Config, 'auditRetentionYears'>,
  report: (outcome: { purged: number; cutoff: Date } | { error: unknown }) => void,
  firstDelayMs = 60_000,
): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const tick = () => {
    if (stopped) return;
    running = runAuditRetention(database, config).then(report, (error) => report({ error }));
  };
  const first = setTimeout(tick, firstDelayMs);
  const daily = setInterval(tick, DAY);
  first.unref();
  daily.unref();
  return async () => {
    stopped = true;
    clearTimeout(first);
    clearInterval(daily);
    await running;
  };
}
