/**
 * A municipality's data as a whole (issue 18, decision 1053): the tables it owns are found from
 * the catalogue (every table with a municipality_code column), so a module's new table is
 * exported and deleted without being listed here.
 *
 * - Export (the municipality's administrator, modules/admin): one CSV per table, read in the
 *   administrator's tenant transaction, so row-level security holds. Secrets are left out
 *   (password and token hashes, the CPR lookup hash); the CPR number is decrypted into a `cpr`
 *   column, since a municipality leaving needs its citizens identified.
 * - Deletion (the platform operator, modules/operator): every row of the municipality is
 *   deleted, child tables before their parents, except the audit trail (audit_event, its seals
 *   and the retention anchor), which the law requires kept for its retention period and which
 *   the daily retention purge removes as for any municipality, and the defaults a migration gave
 *   every municipality before it was onboarded (keptDefaults). The municipality's reference row
 *   stays (the audit rows point to it) and is marked offboarded.
 */
import { type RawBuilder, sql } from 'kysely';
import type { Database } from '../db/database.js';
import type { Tx } from './context.js';
import { type CprKeys, decryptCpr } from './cpr.js';
import { writeCsv } from './tabular.js';

/** Kept at deletion: the audit trail (decision 1053). */
export const keptAtOffboarding = ['audit_event', 'audit_seal', 'audit_anchor'] as const;

/**
 * Rows every municipality has before it is onboarded, made by a migration for all 98 (not by the
 * municipality): kept at deletion, so the municipality is as it was before onboarding and can
 * be onboarded again. Today: the sickness-benefit follow-up rules of the law (0900, version 1).
 */
const keptDefaults: Record<string, RawBuilder<unknown>> = {
  followup_rule_set: sql`version = 1 and created_by is null`,
};

/** Columns never exported: they open nothing for the municipality and would help an attacker. */
const secretColumns = new Set(['password_hash', 'token_hash', 'cpr_hash', 'csrf_token']);

/** Tables (public schema, not views) that have a municipality_code column, by name. */
export async function tenantTables(tx: Tx | Database['db']): Promise<string[]> {
  const { rows } = await sql<{ table_name: string }>`
    select c.table_name from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = 'public' and c.column_name = 'municipality_code'
      and t.table_type = 'BASE TABLE'
    order by c.table_name`.execute(tx);
  return rows.map((r) => r.table_name);
}

/** The tables an export offers: those the tenant role may read. */
export async function exportableTables(tx: Tx): Promise<{ table: string; rows: number }[]> {
  const out: { table: string; rows: number }[] = [];
  for (const table of await tenantTables(tx)) {
    const { rows } = await sql<{
      ok: boolean;
    }>`select has_table_privilege(current_user, ${table}, 'select') as ok`.execute(tx);
    if (!rows[0]?.ok) continue;
    const { rows: n } = await sql<{ n: string }>`select count(*) as n from ${sql.table(
      table,
    )} where municipality_code = current_setting('app.municipality_code', true)`.execute(tx);
    out.push({ table, rows: Number(n[0]?.n ?? 0) });
  }
  return out;
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** One table of the tenant in the transaction as CSV, or null for a table not offered. */
export async function exportTable(tx: Tx, table: string, keys: CprKeys): Promise<string | null> {
  const offered = await exportableTables(tx);
  if (!offered.some((t) => t.table === table)) return null;
  // A whole municipality's table may take longer than the request pool's statement limit.
  await sql`set local statement_timeout = 0`.execute(tx);
  const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(
    table,
  )} where municipality_code = current_setting('app.municipality_code', true)`.execute(tx);
  const { rows: columns } = await sql<{ column_name: string }>`
    select column_name from information_schema.columns
    where table_schema = 'public' and table_name = ${table} order by ordinal_position`.execute(tx);
  const header = columns
    .map((c) => c.column_name)
    .filter((c) => !secretColumns.has(c) && !(c === 'search_vector'))
    .map((c) => (c === 'cpr_encrypted' ? 'cpr' : c));
  return writeCsv(
    header,
    rows.map((r) =>
      header.map((h) => {
        if (h === 'cpr') {
          const blob = r.cpr_encrypted as Uint8Array | null;
          return blob ? decryptCpr(keys, blob) : '';
        }
        return cell(r[h]);
      }),
    ),
  );
}

/**
 * Deletes every row of the municipality except the audit trail, in one transaction as the
 * connecting role. Order: a table is emptied once no other table still holds rows of the
 * municipality that point to it (foreign keys from pg_constraint); a table that points to
 * itself is emptied in one statement. Returns the rows deleted per table.
 */
export async function deleteTenantData(
  database: Database,
  municipalityCode: string,
  /** Runs first in the same transaction: the audit row of the deletion (kept). */
  before: (tx: Tx) => Promise<void>,
): Promise<Record<string, number>> {
  return database.db.transaction().execute(async (tx) => {
    // Deleting a whole municipality may take longer than the request pool's statement limit.
    await sql`set local statement_timeout = 0`.execute(tx);
    await before(tx);
    const tables = (await tenantTables(tx)).filter(
      (t) => !(keptAtOffboarding as readonly string[]).includes(t),
    );
    const { rows: edges } = await sql<{ child: string; parent: string }>`
      select distinct c.conrelid::regclass::text as child, c.confrelid::regclass::text as parent
      from pg_constraint c
      where c.contype = 'f' and c.conrelid <> c.confrelid
        and c.connamespace = 'public'::regnamespace`.execute(tx);
    const deleted: Record<string, number> = {};
    const remaining = new Set(tables);
    while (remaining.size > 0) {
      const ready = [...remaining].filter(
        (t) => !edges.some((e) => e.parent === t && e.child !== t && remaining.has(e.child)),
      );
      if (ready.length === 0) {
        throw new Error(`offboarding: circular references among ${[...remaining].join(', ')}`);
      }
      for (const table of ready) {
        const kept = keptDefaults[table];
        const result = await sql`delete from ${sql.table(table)}
          where municipality_code = ${municipalityCode}
            ${kept ? sql`and not (${kept})` : sql``}`.execute(tx);
        deleted[table] = Number(result.numAffectedRows ?? 0);
        remaining.delete(table);
      }
    }
    await sql`update municipality set offboarded_at = now(), onboarded_at = null,
      onboarded_by = null where code = ${municipalityCode}`.execute(tx);
    return deleted;
  });
}
