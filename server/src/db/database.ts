/**
 * One database interface over two engines: PostgreSQL (DATABASE_URL) in production and PGlite
 * (embedded, a data directory) when no server is configured. Queries go through Kysely; both
 * engines return the same JS types (int8 and numeric as number, date as 'YYYY-MM-DD' text).
 */

import { createRequire } from 'node:module';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, type PostgresPool, type PostgresPoolClient } from 'kysely';
import type pg from 'pg';

export type DB = Kysely<any>;

export interface RawConnection {
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: R[] }>;
  exec(sql: string): Promise<void>;
}

export interface Database {
  kind: 'pglite' | 'postgres';
  db: DB;
  /**
   * Calls `listener` with the text of every round trip Kysely's queries make to the database
   * (a folded BEGIN or COMMIT counts once); returns the function that stops it. Tests count a
   * request's statements with it.
   */
  watch(listener: (sql: string) => void): () => void;
  /** A dedicated connection for work that is not a Kysely query: migrations, COPY, admin. */
  withConnection<T>(fn: (c: RawConnection) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * The database is away rather than the query wrong: no connection, a connection lost, or a
 * server that is shutting down, starting up or full. Such an error answers 503 with
 * Retry-After, and a read meets it once more on a fresh connection (platform/context.ts).
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 3) return false;
  const e = error as { code?: unknown; message?: unknown; errors?: unknown; cause?: unknown };
  const code = typeof e.code === 'string' ? e.code : '';
  // SQLSTATE class 08 (connection exception), admin/crash shutdown, cannot connect now (starting
  // up or shutting down), too many connections.
  if (/^08[0-9A-Z]{3}$/.test(code) || unavailableSqlStates.has(code)) return true;
  if (unavailableSocketCodes.has(code)) return true;
  const message = typeof e.message === 'string' ? e.message : '';
  if (unavailableMessages.some((m) => message.includes(m))) return true;
  // Node's connect to a name with several addresses fails with an AggregateError of each.
  if (Array.isArray(e.errors) && e.errors.some((x) => isDatabaseUnavailable(x, depth + 1))) {
    return true;
  }
  return e.cause !== undefined && isDatabaseUnavailable(e.cause, depth + 1);
}

const unavailableSqlStates = new Set(['57P01', '57P02', '57P03', '53300']);
const unavailableSocketCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);
/** What node-postgres and pg-pool say when a client or the pool has lost the server. */
const unavailableMessages = [
  'Connection terminated',
  'connection error and is not queryable',
  'Client was closed and is not queryable',
  'timeout exceeded when trying to connect',
  'Cannot use a pool after calling end on the pool',
];

/**
 * A statement PostgreSQL cancelled: its `statement_timeout` passed (or an operator cancelled it).
 * Not retried (it would run as long again); the request answers 503 `database_timeout`.
 */
export function isStatementTimeout(error: unknown): boolean {
  return !!error && typeof error === 'object' && (error as { code?: unknown }).code === '57014';
}

// ---- fewer round trips (docs/decisions/1120-fewer-round-trips.md) ---------------------------

/**
 * A statement that starts with this comment and has no parameters is not sent when a
 * transaction runs it: it goes to the database with that transaction's COMMIT, in the same round
 * trip, and is dropped by a rollback (the audit insert, platform/audit.ts). Outside a
 * transaction it runs at once.
 */
export const AT_COMMIT = '/* at commit */ ';

/**
 * A value written as an SQL literal, or null when it cannot be (an object, an array, a NUL
 * character): the caller then sends a parameter instead. Quoting as libpq's PQescapeLiteral does
 * (backslashes doubled in an E'' string), so it holds whatever `standard_conforming_strings` is.
 */
export function sqlLiteral(value: unknown): string | null {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return Number.isFinite(value) ? `(${value})` : null;
  if (typeof value === 'bigint') return `(${value})`;
  if (typeof value !== 'string' || value.includes('\u0000')) return null;
  const quoted = value.replaceAll("'", "''");
  return value.includes('\\') ? ` E'${quoted.replaceAll('\\', '\\\\')}'` : `'${quoted}'`;
}

/**
 * A compiled statement ($1, $2, …) with its parameters written in as literals, or null when one
 * cannot be. Only for the platform's own statements, whose text holds no `$n` inside a string.
 */
export function inlineParameters(sql: string, parameters: readonly unknown[]): string | null {
  const literals = parameters.map(sqlLiteral);
  if (literals.some((l) => l === null)) return null;
  let missing = false;
  const text = sql.replace(/\$(\d+)/g, (_, n: string) => {
    const l = literals[Number(n) - 1];
    if (l === undefined || l === null) missing = true;
    return l ?? '';
  });
  return missing ? null : text;
}

interface DriverResult {
  command?: string;
  rowCount?: number | null;
  rows: unknown[];
}

/** Sends one round trip; `multi` when the text holds several statements (no parameters). */
type Send = (sql: string, parameters: unknown[], multi: boolean) => Promise<DriverResult>;

const fake = (command: string): DriverResult => ({ command, rowCount: 0, rows: [] });
const isBegin = (sql: string) => sql === 'begin' || sql.startsWith('start transaction');

/**
 * The connection Kysely sees. node-postgres does not pipeline, so each statement is a round
 * trip; this folds the two a transaction always pays for into statements it sends anyway:
 *
 * - BEGIN is held back and sent with the transaction's first statement when that statement has
 *   no parameters (the tenant's `set_config`, platform/context.ts): `begin; select set_config(…)`
 *   is one simple-protocol round trip. A first statement with parameters gets BEGIN on its own,
 *   as before.
 * - Statements marked AT_COMMIT (the audit insert) are sent with COMMIT: `insert …; commit` is
 *   one round trip, in the transaction, so they commit with the work or not at all. If one fails
 *   the rest of the text is skipped, the transaction stays aborted and Kysely rolls it back.
 * - A transaction that sent nothing sends nothing for COMMIT or ROLLBACK.
 */
export class FoldingClient {
  /** BEGIN (or START TRANSACTION …) not sent yet. */
  private pendingBegin: string | null = null;
  private atCommit: string[] = [];
  /** Between Kysely's BEGIN and its COMMIT or ROLLBACK. */
  private inTransaction = false;
  /** How many statements were held for COMMIT when each savepoint was set. */
  private savepoints = new Map<string, number>();

  constructor(
    private readonly send: Send,
    private readonly listeners: Set<(sql: string) => void>,
    readonly release: () => void,
  ) {}

  private async trip(sql: string, parameters: unknown[], multi: boolean): Promise<DriverResult> {
    for (const listener of this.listeners) listener(sql);
    return this.send(sql, parameters, multi);
  }

  async query(sql: string, parameters: unknown[]): Promise<DriverResult> {
    if (isBegin(sql)) {
      this.inTransaction = true;
      this.pendingBegin = sql;
      this.atCommit = [];
      this.savepoints.clear();
      return fake('BEGIN');
    }
    if (sql === 'commit' || sql === 'rollback') {
      const unsent = this.pendingBegin;
      const statements = sql === 'commit' ? this.atCommit : [];
      this.inTransaction = false;
      this.pendingBegin = null;
      this.atCommit = [];
      if (statements.length === 0) {
        return unsent === null ? this.trip(sql, parameters, false) : fake(sql.toUpperCase());
      }
      const text = [...(unsent === null ? [] : [unsent]), ...statements, sql].join(';\n');
      return this.trip(text, [], true);
    }
    if (this.inTransaction && parameters.length === 0 && sql.startsWith(AT_COMMIT)) {
      this.atCommit.push(sql);
      return fake('INSERT');
    }
    // A savepoint rolled back drops what was held for COMMIT after it (Kysely's tx.savepoint()).
    const savepoint = /^savepoint\s+(.+)$/i.exec(sql);
    if (savepoint) this.savepoints.set(savepoint[1]!, this.atCommit.length);
    const back = /^rollback\s+to\s+(?:savepoint\s+)?(.+)$/i.exec(sql);
    if (back && this.savepoints.has(back[1]!)) {
      this.atCommit.length = this.savepoints.get(back[1]!)!;
    }
    const begin = this.pendingBegin;
    if (begin === null) return this.trip(sql, parameters, false);
    this.pendingBegin = null;
    if (parameters.length === 0) return this.trip(`${begin};\n${sql}`, [], true);
    await this.trip(begin, [], false);
    return this.trip(sql, parameters, false);
  }
}

/** The last result of a multi-statement round trip (node-postgres returns one per statement). */
const lastResult = (result: DriverResult | DriverResult[]): DriverResult =>
  Array.isArray(result) ? (result.at(-1) ?? fake('EMPTY')) : result;

/** A Kysely pool whose connections fold BEGIN and COMMIT (FoldingClient). */
function foldingPool(
  connect: () => Promise<{ send: Send; release: () => void }>,
  end: () => Promise<void>,
  listeners: Set<(sql: string) => void>,
): PostgresPool {
  return {
    async connect() {
      const { send, release } = await connect();
      const client = new FoldingClient(send, listeners, release);
      return {
        query: ((sql: string, parameters?: ReadonlyArray<unknown>) =>
          client.query(sql, [...(parameters ?? [])])) as PostgresPoolClient['query'],
        release: () => client.release(),
      };
    },
    end,
  };
}

const watcher =
  (listeners: Set<(sql: string) => void>) =>
  (listener: (sql: string) => void): (() => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  };

/**
 * Server-side limits for every connection of a pool, sent in the connection's start-up packet
 * (no extra round trip). 0 or absent: no limit.
 */
export interface ConnectionLimits {
  /** `statement_timeout`: PostgreSQL cancels a statement that runs longer (SQLSTATE 57014). */
  statementTimeoutMs?: number;
  /**
   * `idle_in_transaction_session_timeout`: a connection left in an open transaction this long
   * (a client that stopped between statements) is closed and its locks released.
   */
  idleInTransactionTimeoutMs?: number;
}

const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;

const toNumber = (v: string) => (v === null ? v : Number(v));
const identity = (v: string) => v;

// The PostgreSQL driver is loaded only when PostgreSQL is used (the embedded start needs none).
const loadPg = (): typeof pg => createRequire(import.meta.url)('pg');

export function openPostgres(
  connectionString: string,
  max = 10,
  /** Told of every query Kysely runs (bench:routes records a route's statements with it). */
  onQuery?: (sql: string, parameters: readonly unknown[]) => void,
  /** Server-side time limits for this pool's connections; none when absent (tools, sealer). */
  limits: ConnectionLimits = {},
): Database {
  const pg = loadPg();
  const types = {
    getTypeParser(oid: number, format?: 'text' | 'binary') {
      if (oid === INT8 || oid === NUMERIC) return toNumber;
      if (oid === DATE) return identity;
      return pg.types.getTypeParser(oid, format);
    },
  };
  const pool = new pg.Pool({
    connectionString,
    max,
    types: types as pg.CustomTypesConfig,
    // Sent in each connection's start-up packet: a query whose client gave up does not run on.
    ...(limits.statementTimeoutMs ? { statement_timeout: limits.statementTimeoutMs } : {}),
    ...(limits.idleInTransactionTimeoutMs
      ? { idle_in_transaction_session_timeout: limits.idleInTransactionTimeoutMs }
      : {}),
  });
  pool.on('error', () => {
    // An idle client that lost its connection is dropped by the pool; the next query reconnects.
  });
  pool.on('connect', (client) => {
    // A client in use when the server goes away (restart, failover) emits 'error' besides
    // failing its query; unheard, that event would end the process. The query's own error
    // answers the request (503), and the pool drops the client when it is released.
    client.on('error', () => {});
  });
  const listeners = new Set<(sql: string) => void>();
  const folding = foldingPool(
    async () => {
      const client = await pool.connect();
      return {
        send: async (sql, parameters) =>
          lastResult((await client.query(sql, parameters)) as unknown as DriverResult),
        release: () => client.release(),
      };
    },
    () => pool.end(),
    listeners,
  );
  const db = new Kysely<any>({
    dialect: new PostgresDialect({ pool: folding }),
    ...(onQuery
      ? {
          log: (event: { query: { sql: string; parameters: readonly unknown[] } }) =>
            onQuery(event.query.sql, event.query.parameters),
        }
      : {}),
  });
  return {
    kind: 'postgres',
    db,
    watch: watcher(listeners),
    async withConnection(fn) {
      const client = await pool.connect();
      try {
        return await fn({
          query: async (sql, params) => client.query(sql, params as unknown[]) as never,
          exec: async (sql) => {
            await client.query(sql);
          },
        });
      } finally {
        client.release();
      }
    },
    close: () => db.destroy(),
  };
}

/**
 * PGlite is a single connection. The pool hands it to one borrower at a time, so a Kysely
 * transaction owns the connection until it commits and requests never interleave statements.
 */
class PgliteSerialPool {
  private queue: Array<() => void> = [];
  private busy = false;
  constructor(readonly pglite: PGlite) {}

  async acquire(): Promise<void> {
    if (!this.busy) {
      this.busy = true;
      return;
    }
    await new Promise<void>((resolve) => this.queue.push(resolve));
  }

  release(): void {
    const next = this.queue.shift();
    if (next) next();
    else this.busy = false;
  }

  /** One borrower's connection: `send` runs a statement, or several (`multi`) as one exec. */
  async connectRaw(): Promise<{ send: Send; release: () => void }> {
    await this.acquire();
    const pglite = this.pglite;
    let released = false;
    return {
      send: async (sql, parameters, multi) => {
        if (multi) {
          const results = await pglite.exec(sql);
          const last = results.at(-1);
          const command = commandOf(sql.slice(sql.lastIndexOf(';') + 1));
          return { command, rowCount: last?.affectedRows ?? 0, rows: last?.rows ?? [] };
        }
        const result = await pglite.query(sql, parameters);
        return {
          command: commandOf(sql),
          rowCount: result.affectedRows ?? result.rows.length,
          rows: result.rows,
        };
      },
      release: () => {
        if (released) return;
        released = true;
        this.release();
      },
    };
  }
}

function commandOf(sql: string): 'SELECT' | 'INSERT' | 'UPDATE' | 'DELETE' | 'MERGE' {
  const word = sql.trimStart().slice(0, 6).toUpperCase();
  if (word === 'INSERT' || word === 'UPDATE' || word === 'DELETE') return word;
  return 'SELECT';
}

export const pgliteParsers = { [INT8]: toNumber, [NUMERIC]: toNumber, [DATE]: identity };

/**
 * PGlite's default 128 MB of shared buffers is most of its memory; the embedded database serves
 * one municipality's demo or a small installation, where 8 MB keeps the process small (the
 * operating system's file cache still holds the table files).
 */
export const pgliteConf = (sharedBuffers = process.env.PGLITE_SHARED_BUFFERS || '8MB') => [
  `shared_buffers=${sharedBuffers}`,
];

export async function openPglite(dataDir: string | undefined): Promise<Database> {
  const pglite = await PGlite.create(dataDir, {
    parsers: pgliteParsers,
    postgresqlconf: pgliteConf(),
  });
  return wrapPglite(pglite);
}

export function wrapPglite(pglite: PGlite): Database {
  const pool = new PgliteSerialPool(pglite);
  const listeners = new Set<(sql: string) => void>();
  const folding = foldingPool(
    () => pool.connectRaw(),
    async () => {},
    listeners,
  );
  const db = new Kysely<any>({ dialect: new PostgresDialect({ pool: folding }) });
  return {
    kind: 'pglite',
    db,
    watch: watcher(listeners),
    async withConnection(fn) {
      await pool.acquire();
      try {
        return await fn({
          query: async (sql, params) => pglite.query(sql, params) as never,
          exec: async (sql) => {
            await pglite.exec(sql);
          },
        });
      } finally {
        pool.release();
      }
    },
    async close() {
      await db.destroy();
      await pool.acquire();
      await pglite.close();
    },
  };
}
