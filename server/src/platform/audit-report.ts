/**
 * What `npm run audit:verify` prints: seal what is pending (optional), verify every
 * municipality's chain, and name the first broken row in Danish and English. Kept apart from
 * the CLI so tests check the same words an operator reads.
 */
import type { Database } from '../db/database.js';
import { AuditSealer, type VerifyResult, verifyAuditChain } from './audit-chain.js';

const reasons: Record<NonNullable<VerifyResult['firstBroken']>['reason'], [string, string]> = {
  hash_mismatch: ['rækken er ændret efter forseglingen', 'the row was changed after sealing'],
  missing_event: ['rækken er slettet', 'the row was deleted'],
  prev_mismatch: ['kæden er brudt før rækken', 'the chain is broken before the row'],
  seq_gap: ['en forsegling mangler før rækken', 'a seal is missing before the row'],
};

export interface AuditVerifyReport {
  exitCode: 0 | 1;
  result: VerifyResult;
  sealed: number;
  lines: string[];
}

export async function auditVerifyReport(
  database: Database,
  opts: { seal: boolean; municipality?: string },
): Promise<AuditVerifyReport> {
  const sealed = opts.seal ? (await new AuditSealer(database).sealAll()).sealed : 0;
  const result = await verifyAuditChain(database, opts.municipality);
  const lines: string[] = [];
  if (opts.seal) lines.push(`Forseglede ${sealed} nye rækker (sealed ${sealed} pending rows).`);
  if (result.ok) {
    lines.push(
      `OK: revisionsloggen er intakt: ${result.checked} rækker i ${result.municipalities} kommuner kontrolleret` +
        ` (audit log intact: ${result.checked} rows in ${result.municipalities} municipalities verified).`,
    );
    if (result.unsealed > 0) {
      lines.push(
        `Bemærk: ${result.unsealed} rækker er endnu ikke forseglet (${result.unsealed} rows not sealed yet; run with --seal).`,
      );
    }
    return { exitCode: 0, result, sealed, lines };
  }
  const b = result.firstBroken!;
  const [da, en] = reasons[b.reason];
  lines.push(
    `BRUDT: kommune ${b.municipalityCode}, seq ${b.seq}, hændelse ${b.eventId}: ${da}` +
      ` (BROKEN: municipality ${b.municipalityCode}, seq ${b.seq}, event ${b.eventId}: ${en}; reason ${b.reason}).`,
  );
  lines.push(
    `${result.checked} rækker var i orden før den (${result.checked} rows verified before it).`,
  );
  return { exitCode: 1, result, sealed, lines };
}
