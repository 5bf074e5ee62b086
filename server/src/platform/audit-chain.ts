/**
 * The audit hash chain, kept after commit. A request only inserts its audit row; the sealer
 * walks unsealed rows in id order and appends one seal per row to audit_seal, chaining each
 * row's SHA-256 to the previous seal of the same municipality. A row that commits late (its id
 * is lower than rows already sealed) is sealed in a later pass with a higher seq, so the chain
 * order is seal order and nothing is skipped. verifyAuditChain() recomputes every hash and
 * names the first row that does not match.
 *
 * One sealer runs at a time (an advisory lock on PostgreSQL; PGlite has one process anyway).
 * With several instances on one PostgreSQL every instance runs a sealer; each batch takes the
 * transaction-scoped advisory lock 4711002 with pg_try_advisory_xact_lock, so exactly one seals
 * at any moment and the others skip that tick. A killed instance's lock ends with its
 * connection, and the next tick of another instance carries on (decision 1070).
 */
import { createHash } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/database.js';

const GENESIS = '0'.repeat(64);

/** This process's clock in ms with microseconds: passes a millisecond apart stay ordered. */
const localNow = () => performance.timeOrigin + performance.now();

interface EventRow {
  municipality_code: string;
  id: number;
  occurred_us: string;
  actor_user_id: string | null;
  actor_role: string | null;
  actor_organisation_id: string | null;
  proxy_for_citizen_id: string | null;
  citizen_id: string | null;
  action: string;
  resource_type: string;
  resource_id: string | null;
  purpose: string;
  request_id: string | null;
  ip: string | null;
  details: string | null;
}

export const eventColumns = sql`e.municipality_code, e.id,
  ((extract(epoch from e.occurred_at) * 1000000)::bigint)::text as occurred_us,
  e.actor_user_id, e.actor_role, e.actor_organisation_id, e.proxy_for_citizen_id, e.citizen_id,
  e.action, e.resource_type, e.resource_id, e.purpose, e.request_id, e.ip, e.details::text as details`;

export function eventHash(prevHash: string, e: EventRow): string {
  const canonical = JSON.stringify([
    e.municipality_code,
    String(e.id),
    e.occurred_us,
    e.actor_user_id,
    e.actor_role,
    e.actor_organisation_id,
    e.proxy_for_citizen_id,
    e.citizen_id,
    e.action,
    e.resource_type,
    e.resource_id,
    e.purpose,
    e.request_id,
    e.ip,
    e.details,
  ]);
  return createHash('sha256').update(prevHash).update('\n').update(canonical).digest('hex');
}

export interface SealResult {
  sealed: number;
  /** Longest time from insert to seal among the rows sealed in this pass, in ms. */
  maxLagMs: number;
  /** True when another sealer held the lock and this pass looked at nothing. */
  skipped?: boolean;
}

/**
 * One batch sealed under the lock. On PostgreSQL the two times are the database's clock at the
 * statement that took the lock and at the last statement before COMMIT: another sealer's lock
 * statement can only run after that COMMIT, so two sealers' intervals never overlap.
 */
export interface SealPass {
  sealed: number;
  lockedAt: number;
  releasedAt: number;
  maxLagMs: number;
}

export class AuditSealer {
  private floor: number | null = null;
  private history: { at: number; maxId: number }[] = [];
  /** The highest event id this sealer has sealed (all committed before it scanned them). */
  private maxSealedId = 0;
  maxLagMs = 0;
  totalSealed = 0;

  constructor(
    private readonly database: Database,
    private readonly batchSize = 5000,
    /** Told of every batch that sealed rows (the server logs it at debug level). */
    private readonly onPass?: (pass: SealPass) => void,
  ) {}

  /** Seals everything that is committed and unsealed now; returns when caught up. */
  async sealAll(): Promise<SealResult> {
    // Measured before the scans: every transaction running now started at or after `oldest`.
    const oldest = await this.oldestRunning();
    let sealed = 0;
    let maxLagMs = 0;
    let scanned = true;
    for (;;) {
      const r = await this.sealBatch();
      sealed += r.sealed;
      maxLagMs = Math.max(maxLagMs, r.maxLagMs);
      if (r.skipped) scanned = false;
      if (r.sealed < this.batchSize) break;
    }
    // Only a pass that scanned (another sealer did not hold the lock) may move the floor.
    if (scanned) await this.advanceFloor(oldest);
    return { sealed, maxLagMs };
  }

  private async startFloor(): Promise<number> {
    if (this.floor !== null) return this.floor;
    const { rows } = await sql<{ max: number | null; old: number | null }>`
      select max(event_id) as max,
        max(event_id) filter (where sealed_at < now() - interval '10 minutes') as old
      from audit_seal`.execute(this.database.db);
    const newest = Number(rows[0]?.max ?? 0);
    const old = rows[0]?.old == null ? null : Number(rows[0].old);
    this.floor = Math.max(0, old ?? newest - 1_000_000);
    return this.floor;
  }

  /**
   * The start (ms since epoch, database clock) of the oldest other client transaction in this
   * database now. PGlite has one connection, so none runs beside the sealer. Where the sealer's role
   * cannot see another role's transactions (pg_stat_activity hides them), it assumes one may
   * have run for ten minutes, the earlier fixed window.
   */
  private async oldestRunning(): Promise<number> {
    // PGlite runs in this process: its clock is ours, and no transaction runs beside the sealer.
    if (this.database.kind !== 'postgres') return localNow();
    const { rows } = await sql<{ now_ms: number; oldest_ms: number | null; hidden: number }>`
      select (extract(epoch from clock_timestamp()) * 1000)::float8 as now_ms,
        (extract(epoch from min(xact_start)) * 1000)::float8 as oldest_ms,
        count(*) filter (where query = '<insufficient privilege>')::int as hidden
      from pg_stat_activity
      where datname = current_database() and pid <> pg_backend_pid()
        -- Only clients write audit rows; autovacuum's long analyze must not hold the floor back.
        and backend_type = 'client backend'`.execute(this.database.db);
    const r = rows[0]!;
    let oldest = Math.min(Number(r.now_ms), r.oldest_ms == null ? Infinity : Number(r.oldest_ms));
    if (Number(r.hidden) > 0) oldest = Math.min(oldest, Number(r.now_ms) - 10 * 60_000);
    return oldest;
  }

  /**
   * After a pass that caught up: a row can commit late (after rows with higher ids were sealed)
   * only while the transaction that drew its id runs. Each pass records when its scans ended
   * and the highest id sealed by then. An earlier record whose time is before `oldest` (the
   * oldest transaction running when this pass began) covers only ids whose transactions had all
   * finished before this pass scanned, so this pass has sealed them: the scan can start above.
   * The scan thus covers the rows of the longest running transaction, not a fixed window.
   */
  private async advanceFloor(oldest: number) {
    // Another instance's sealer may have sealed the newest rows: the last seal of each
    // municipality (98 index probes) names ids that were all drawn before `now`, which is all
    // the floor's argument needs, so this sealer's scan does not stay behind the others'.
    const othersMax = this.database.kind === 'postgres' ? await this.lastSealedIds() : 0;
    const now = this.database.kind === 'postgres' ? await this.databaseNow() : localNow();
    const maxId = Math.max(this.maxSealedId, this.floor ?? 0, othersMax);
    while (this.history.length > 0 && this.history[0]!.at < oldest) {
      this.floor = Math.max(this.floor ?? 0, this.history.shift()!.maxId);
    }
    this.history.push({ at: now, maxId });
  }

  private async clockIn(tx: Transaction<any>): Promise<number> {
    const { rows } = await sql<{ at: number }>`
      select (extract(epoch from clock_timestamp()) * 1000)::float8 as at`.execute(tx);
    return Number(rows[0]!.at);
  }

  /** The highest event id among each municipality's newest seal. */
  private async lastSealedIds(): Promise<number> {
    const { rows } = await sql<{ max: number | null }>`
      select max(s.event_id) as max from municipality m
      cross join lateral (select event_id from audit_seal where municipality_code = m.code
        order by seq desc limit 1) s`.execute(this.database.db);
    return Number(rows[0]?.max ?? 0);
  }

  /** The database's clock (ms), the one pg_stat_activity.xact_start is read on. */
  private async databaseNow(): Promise<number> {
    const { rows } = await sql<{ now_ms: number }>`
      select (extract(epoch from clock_timestamp()) * 1000)::float8 as now_ms`.execute(
      this.database.db,
    );
    return Number(rows[0]!.now_ms);
  }

  async sealBatch(): Promise<SealResult> {
    const floor = await this.startFloor();
    let lockedAt = localNow();
    let releasedAt = 0;
    const result = await this.database.db.transaction().execute(async (tx) => {
      if (this.database.kind === 'postgres') {
        const { rows } = await sql<{
          ok: boolean;
          at: number;
        }>`select pg_try_advisory_xact_lock(4711002) as ok,
          (extract(epoch from clock_timestamp()) * 1000)::float8 as at`.execute(tx);
        if (!rows[0]?.ok) return { sealed: 0, maxLagMs: 0, skipped: true };
        lockedAt = Number(rows[0].at);
        // Seals are derived from committed rows: a crash that loses the last ones before the
        // WAL reached disk leaves those rows unsealed, and the next pass seals them again from
        // the surviving head. So the seal commit need not wait for the flush (decision 1070).
        await sql`set local synchronous_commit = off`.execute(tx);
      }
      const { rows: events } = await sql<EventRow & { lag_ms: number }>`
        select ${eventColumns},
          (extract(epoch from clock_timestamp() - e.occurred_at) * 1000)::float8 as lag_ms
        from audit_event e
        where e.id > ${floor}
          and not exists (select 1 from audit_seal s
            where s.municipality_code = e.municipality_code and s.event_id = e.id)
        order by e.id
        limit ${this.batchSize}`.execute(tx);
      if (events.length === 0) return { sealed: 0, maxLagMs: 0 };
      const codes = [...new Set(events.map((e) => e.municipality_code))];
      const { rows: heads } = await sql<{
        municipality_code: string;
        seq: number | null;
        hash: string | null;
      }>`
        select m.code as municipality_code, coalesce(s.seq, a.seq) as seq, coalesce(s.hash, a.hash) as hash
        from (values ${sql.join(codes.map((c) => sql`(${c})`))}) as m(code)
        left join lateral (select seq, hash from audit_seal where municipality_code = m.code
          order by seq desc limit 1) s on true
        left join audit_anchor a on a.municipality_code = m.code`.execute(tx);
      const head = new Map(
        heads
          .filter((h) => h.hash !== null)
          .map((h) => [h.municipality_code, { seq: Number(h.seq), hash: h.hash as string }]),
      );
      const seals: { m: string; seq: number; id: number; prev: string; hash: string }[] = [];
      let maxLagMs = 0;
      for (const e of events) {
        const h = head.get(e.municipality_code) ?? { seq: 0, hash: GENESIS };
        const hash = eventHash(h.hash, e);
        seals.push({
          m: e.municipality_code,
          seq: h.seq + 1,
          id: Number(e.id),
          prev: h.hash,
          hash,
        });
        head.set(e.municipality_code, { seq: h.seq + 1, hash });
        maxLagMs = Math.max(maxLagMs, e.lag_ms);
      }
      for (let i = 0; i < seals.length; i += 1000) {
        const chunk = seals.slice(i, i + 1000);
        await sql`insert into audit_seal (municipality_code, seq, event_id, prev_hash, hash)
          values ${sql.join(chunk.map((s) => sql`(${s.m}, ${s.seq}, ${s.id}, ${s.prev}, ${s.hash})`))}`.execute(
          tx,
        );
      }
      this.maxLagMs = Math.max(this.maxLagMs, maxLagMs);
      this.maxSealedId = Math.max(this.maxSealedId, ...seals.map((s) => s.id));
      this.totalSealed += seals.length;
      if (this.onPass) {
        releasedAt = localNow();
        if (this.database.kind === 'postgres') releasedAt = await this.clockIn(tx);
      }
      return { sealed: seals.length, maxLagMs };
    });
    if (result.sealed > 0) {
      this.onPass?.({ sealed: result.sealed, lockedAt, releasedAt, maxLagMs: result.maxLagMs });
    }
    return result;
  }

  /** Seals every interval until stopped. Errors are reported and the next tick tries again. */
  start(intervalMs: number, onError: (error: unknown) => void): () => Promise<void> {
    let stopped = false;
    let running: Promise<unknown> = Promise.resolve();
    const tick = async () => {
      if (stopped) return;
      running = this.sealAll().catch(onError);
      await running;
      if (!stopped) timer = setTimeout(tick, intervalMs);
    };
    let timer = setTimeout(tick, intervalMs);
    return async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
    };
  }
}

export interface VerifyResult {
  ok: boolean;
  municipalities: number;
  checked: number;
  unsealed: number;
  firstBroken: null | {
    municipalityCode: string;
    seq: number;
    eventId: number;
    reason: 'hash_mismatch' | 'missing_event' | 'prev_mismatch' | 'seq_gap';
  };
}

/** Recomputes every seal of every municipality (or one) and names the first broken row. */
export async function verifyAuditChain(
  database: Database,
  onlyMunicipality?: string,
): Promise<VerifyResult> {
  const { rows: codes } = await sql<{ code: string }>`
    select distinct municipality_code as code from audit_seal
    ${onlyMunicipality ? sql`where municipality_code = ${onlyMunicipality}` : sql``}
    order by 1`.execute(database.db);
  let checked = 0;
  for (const { code } of codes) {
    const { rows: anchors } = await sql<{ seq: number; hash: string }>`
      select seq, hash from audit_anchor where municipality_code = ${code}`.execute(database.db);
    let prev = anchors[0]?.hash ?? GENESIS;
    let expectedSeq = (anchors[0] ? Number(anchors[0].seq) : 0) + 1;
    let after = expectedSeq - 1;
    for (;;) {
      const { rows } = await sql<
        EventRow & {
          seq: number;
          event_id: number;
          prev_hash: string;
          hash: string;
          found: boolean;
        }
      >`
        select s.seq, s.event_id, s.prev_hash, s.hash, e.id is not null as found, ${eventColumns}
        from audit_seal s
        left join audit_event e on e.municipality_code = s.municipality_code and e.id = s.event_id
        where s.municipality_code = ${code} and s.seq > ${after}
        order by s.seq limit 10000`.execute(database.db);
      if (rows.length === 0) break;
      for (const r of rows) {
        const seq = Number(r.seq);
        const broken = (reason: NonNullable<VerifyResult['firstBroken']>['reason']) => ({
          ok: false,
          municipalities: codes.length,
          checked,
          unsealed: 0,
          firstBroken: { municipalityCode: code, seq, eventId: Number(r.event_id), reason },
        });
        if (seq !== expectedSeq) return broken('seq_gap');
        if (r.prev_hash !== prev) return broken('prev_mismatch');
        if (!r.found) return broken('missing_event');
        if (eventHash(prev, { ...r, municipality_code: code, id: Number(r.event_id) }) !== r.hash) {
          return broken('hash_mismatch');
        }
        prev = r.hash;
        expectedSeq++;
        checked++;
      }
      after = Number(rows[rows.length - 1]!.seq);
    }
  }
  const { rows: unsealed } = await sql<{ n: number }>`
    select count(*) as n from audit_event e
    where ${onlyMunicipality ? sql`e.municipality_code = ${onlyMunicipality} and` : sql``}
      not exists (select 1 from audit_seal s where s.municipality_code = e.municipality_code and s.event_id = e.id)`.execute(
    database.db,
  );
  return {
    ok: true,
    municipalities: codes.length,
    checked,
    unsealed: Number(unsealed[0]?.n ?? 0),
    firstBroken: null,
  };
}

/**
 * Retention: deletes audit rows older than the cutoff together with their seals, and moves the
 * municipality's anchor to the last purged seal, so the remaining chain still verifies.
 * Only sealed rows are purged.
 */
export async function purgeAudit(database: Database, olderThan: Date): Promise<number> {
  return database.db.transaction().execute(async (tx) => {
    // The sealer's lock: a purge must not move the anchor under a sealer that is chaining on.
    if (database.kind === 'postgres') await sql`select pg_advisory_xact_lock(4711002)`.execute(tx);
    // A year of a national log may take longer than the request pool's statement limit.
    await sql`select set_config('helhed.audit_purge', 'on', true), set_config('statement_timeout', '0', true)`.execute(
      tx,
    );
    const { rows } = await sql<{ municipality_code: string; seq: number; hash: string }>`
      select distinct on (s.municipality_code) s.municipality_code, s.seq, s.hash
      from audit_seal s join audit_event e on e.municipality_code = s.municipality_code and e.id = s.event_id
      where e.occurred_at < ${olderThan}
      order by s.municipality_code, s.seq desc`.execute(tx);
    let purged = 0;
    for (const r of rows) {
      // The chain is cut at the newest old seal: everything up to it goes.
      const result = await sql`delete from audit_event e using audit_seal s
        where s.municipality_code = ${r.municipality_code} and s.seq <= ${r.seq}
          and e.municipality_code = s.municipality_code and e.id = s.event_id`.execute(tx);
      purged += Number(result.numAffectedRows ?? 0);
      await sql`delete from audit_seal where municipality_code = ${r.municipality_code} and seq <= ${r.seq}`.execute(
        tx,
      );
      await sql`insert into audit_anchor (municipality_code, seq, hash, purged_before)
        values (${r.municipality_code}, ${r.seq}, ${r.hash}, ${olderThan})
        on conflict (municipality_code) do update set seq = excluded.seq, hash = excluded.hash,
          purged_before = excluded.purged_before`.execute(tx);
    }
    return purged;
  });
}
