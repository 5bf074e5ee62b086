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
): Database {
  const pg = loadPg();
  const types = {
    getTypeParser(oid: number, format?: 'text' | 'binary') {
      if (oid === INT8 || oid === NUMERIC) return toNumber;
      if (oid === DATE) return identity;
      return pg.types.getTypeParser(oid, format);
    },
  };
  const pool = new pg.Pool({ connectionString, max, types: types as pg.CustomTypesConfig });
  pool.on('error', () => {
    // An idle client that lost its connection is dropped by the pool; the next query reconnects.
  });
  pool.on('connect', (client) => {
    // A client in use when the server goes away (restart, failover) emits 'error' besides
    // failing its query; unheard, that event would end the process. The query's own error
    // answers the request (503), and the pool drops the client when it is released.
    client.on('error', () => {});
  });
  const db = new Kysely<any>({
    dialect: new PostgresDialect({ pool }),
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
class PgliteSerialPool implements PostgresPool {
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

  async connect(): Promise<PostgresPoolClient> {
    await this.acquire();
    const pglite = this.pglite;
    let released = false;
    return {
      query: (async (sql: string, parameters: ReadonlyArray<unknown>) => {
        const result = await pglite.query(sql, parameters as unknown[]);
        return {
          command: commandOf(sql),
          rowCount: result.affectedRows ?? result.rows.length,
          rows: result.rows,
        };
      }) as PostgresPoolClient['query'],
      release: () => {
        if (released) return;
        released = true;
        this.release();
      },
    };
  }

  async end(): Promise<void> {}
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
  const db = new Kysely<any>({ dialect: new PostgresDialect({ pool }) });
  return {
    kind: 'pglite',
    db,
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
