/**
 * Request rate limits keyed by who is asking, not only by where from (decision 0830).
 *
 * Municipal staff reach the service through one or a few NAT addresses, so an address is many
 * people: a signed-in request is counted per session and per user, and only a request without a
 * session (login, the login page's /api/auth/me, public survey links) is counted per address.
 * The app's own files (JavaScript, CSS, fonts, icons, index.html) and the health probes are never
 * counted: a page that cannot load its script is empty, whatever the API would have said.
 *
 * The limiter runs as an onRequest hook added after the session lookup (platform/http.ts), so it
 * keys on the session the server verified rather than on whatever cookie a client sends: a
 * client that invents a new cookie per request gets no fresh allowance, it is anonymous and
 * counted by address. On PostgreSQL the counters live in one table every instance shares
 * (PgRateLimitStore); the embedded PGlite database serves one process and keeps them in memory.
 */
import { BlockList, isIPv4, isIPv6 } from 'node:net';
import rateLimit, { type FastifyRateLimitStore, normalizeIP } from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import type { Database } from '../db/database.js';
import { AppError } from './errors.js';
import { SESSION_COOKIE, tokenHash } from './sessions.js';

export interface RateLimits {
  /** Requests per window for one signed-in session (a caseworker clicking fast stays below). */
  sessionPerWindow: number;
  /** Requests per window for one user over all their sessions (tabs, devices). */
  userPerWindow: number;
  /** Requests per window without a session, per address (login, public links). */
  addressPerWindow: number;
  /** An address a municipality named as its egress gets this many times the address limit. */
  egressFactor: number;
  /** The window in milliseconds (a minute; tests shorten it instead of waiting). */
  windowMs: number;
}

export const defaultRateLimits: RateLimits = {
  sessionPerWindow: 600,
  userPerWindow: 1200,
  addressPerWindow: 300,
  egressFactor: 10,
  windowMs: 60_000,
};

// ---- the shared store ----------------------------------------------------------------------

type Callback = (error: Error | null, result?: { current: number; ttl: number }) => void;

interface Pending {
  key: string;
  windowMs: number;
  callbacks: Callback[];
}

/**
 * A store for @fastify/rate-limit on a PostgreSQL table (rate_limit_counter, migration 0830):
 * one atomic `insert ... on conflict do update ... returning` per batch, a fixed window per key
 * restarted by the first increment after it ends, exactly like the plugin's memory and Redis
 * stores. Increments that arrive in the same turn of the event loop (the session and the user
 * key of one request, concurrent requests) go to the database as one statement.
 */
export class PgRateLimitStore implements FastifyRateLimitStore {
  private pending = new Map<string, Pending>();
  private scheduled = false;

  constructor(
    private readonly database: Database,
    private readonly prefix = '',
  ) {}

  incr(key: string, callback: Callback, timeWindow: number, _max?: number): void {
    const full = this.prefix + key;
    const entry = this.pending.get(full);
    if (entry) entry.callbacks.push(callback);
    else this.pending.set(full, { key: full, windowMs: timeWindow, callbacks: [callback] });
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => void this.flush());
    }
  }

  read(key: string, callback: Callback): void {
    sql<{ hits: number; ttl_ms: number }>`
      select hits, greatest(0, ceil(extract(epoch from expires_at - now()) * 1000))::int as ttl_ms
      from rate_limit_counter where key = ${this.prefix + key} and expires_at > now()`
      .execute(this.database.db)
      .then(({ rows }) =>
        callback(null, { current: rows[0]?.hits ?? 0, ttl: rows[0]?.ttl_ms ?? 0 }),
      )
      .catch((error: Error) => callback(error));
  }

  child(params: {
    routeInfo?: { method?: unknown; url?: string };
    method?: unknown;
    url?: string;
  }): FastifyRateLimitStore {
    // Route-level limits (config.rateLimit) count apart from the global ones and from each
    // other. @fastify/rate-limit passes its merged parameters, with the route under routeInfo.
    const info = params.routeInfo?.url ? params.routeInfo : params;
    const route = info.url ? `${String(info.method)}${info.url}|` : '';
    return new PgRateLimitStore(this.database, `${this.prefix}${route}`);
  }

  private async flush() {
    this.scheduled = false;
    const batch = [...this.pending.values()];
    this.pending.clear();
    if (batch.length === 0) return;
    try {
      const { rows } = await sql<{ key: string; hits: number; ttl_ms: number }>`
        insert into rate_limit_counter as c (key, hits, expires_at)
        select k, n, now() + make_interval(secs => w / 1000.0)
        from unnest(${batch.map((b) => b.key)}::text[], ${batch.map((b) => b.callbacks.length)}::int[],
          ${batch.map((b) => b.windowMs)}::int[]) as u(k, n, w)
        on conflict (key) do update set
          hits = case when c.expires_at <= now() then excluded.hits else c.hits + excluded.hits end,
          expires_at = case when c.expires_at <= now() then excluded.expires_at else c.expires_at end
        returning key, hits,
          greatest(0, ceil(extract(epoch from expires_at - now()) * 1000))::int as ttl_ms`.execute(
        this.database.db,
      );
      const byKey = new Map(rows.map((r) => [r.key, r]));
      for (const entry of batch) {
        const row = byKey.get(entry.key);
        const n = entry.callbacks.length;
        // Each caller sees the count as it stood after its own increment.
        const ttl = row?.ttl_ms ?? entry.windowMs;
        for (const [i, cb] of entry.callbacks.entries()) {
          cb(null, { current: (row?.hits ?? n) - (n - 1 - i), ttl });
        }
      }
    } catch (error) {
      for (const entry of batch) for (const cb of entry.callbacks) cb(error as Error);
    }
  }
}

/** Deletes counters whose window has ended (the server calls this now and then). */
export async function sweepRateLimitCounters(database: Database): Promise<number> {
  const result = await sql`delete from rate_limit_counter where expires_at < now()`.execute(
    database.db,
  );
  return Number(result.numAffectedRows ?? 0);
}

// ---- egress addresses ----------------------------------------------------------------------

const EGRESS_REFRESH_MS = 60_000;

/**
 * The addresses municipalities named as their egress (municipality_egress), as an in-memory
 * BlockList read across tenants by platform code. Read at most once a minute per process; the
 * instance where an administrator changes the list forgets it at once, others within a minute.
 */
class EgressAddresses {
  private list = new BlockList();
  private loadedAt = 0;
  private loading: Promise<void> | null = null;

  constructor(private readonly database: Database) {}

  forget() {
    this.loadedAt = 0;
  }

  async contains(address: string | null): Promise<boolean> {
    if (!address) return false;
    if (Date.now() - this.loadedAt > EGRESS_REFRESH_MS) {
      this.loading ??= this.load().finally(() => {
        this.loading = null;
      });
      await this.loading;
    }
    const family = isIPv4(address) ? 'ipv4' : isIPv6(address) ? 'ipv6' : null;
    if (!family) return false;
    return this.list.check(address, family);
  }

  private async load() {
    const { rows } = await sql<{ cidr: string }>`
      select cidr::text as cidr from municipality_egress`.execute(this.database.db);
    const list = new BlockList();
    for (const { cidr } of rows) {
      const [network, bits] = cidr.split('/');
      if (!network) continue;
      const family = isIPv4(network) ? 'ipv4' : 'ipv6';
      list.addSubnet(network, Number(bits ?? (family === 'ipv4' ? 32 : 128)), family);
    }
    this.list = list;
    this.loadedAt = Date.now();
  }
}

const egressByDatabase = new WeakMap<Database, EgressAddresses>();

function egressOf(database: Database): EgressAddresses {
  let egress = egressByDatabase.get(database);
  if (!egress) {
    egress = new EgressAddresses(database);
    egressByDatabase.set(database, egress);
  }
  return egress;
}

/** Whether the address is one a municipality named as its egress. */
export const isEgressAddress = (database: Database, address: string | null) =>
  egressOf(database).contains(address);

/** Called after an administrator changes the list, so this process uses it at once. */
export const forgetEgressAddresses = (database: Database) => egressOf(database).forget();

// ---- the hooks -----------------------------------------------------------------------------

/**
 * Only the API is counted (the JSON API and the FHIR API under /fhir/); the app's files, the API
 * docs' files and health probes are not.
 */
export function isCounted(url: string): boolean {
  const path = url.split('?')[0] ?? '/';
  return (
    ((path.startsWith('/api/') || path === '/api') && !path.startsWith('/api/docs')) ||
    path.startsWith('/fhir/')
  );
}

const tooMany = (ttlMs: number) => {
  const seconds = Math.max(1, Math.ceil(ttlMs / 1000));
  return new AppError(
    'rate_limited',
    {
      da: `For mange forespørgsler. Prøv igen om ${seconds} sekunder.`,
      en: `Too many requests. Try again in ${seconds} seconds.`,
    },
    { headers: { 'retry-after': String(seconds) } },
  );
};

/**
 * Whether the session lookup counts the session and user limits itself (PostgreSQL: the counters
 * are rows, and the lookup's statement increments them); the window it counts in.
 */
export const sessionCounting = (database: Database, limits: RateLimits) =>
  database.kind === 'postgres' ? { windowMs: limits.windowMs } : undefined;

/**
 * Registers @fastify/rate-limit (with the shared store on PostgreSQL) for routes that set their
 * own `config.rateLimit`, and returns the hook that counts every API request by session, user or
 * address. Call the returned function after the session lookup hook is registered.
 */
export async function registerRateLimits(
  app: FastifyInstance,
  database: Database,
  limits: RateLimits,
): Promise<() => void> {
  const store =
    database.kind === 'postgres'
      ? (function Store() {
          return new PgRateLimitStore(database);
        } as unknown as new () => FastifyRateLimitStore)
      : undefined;
  await app.register(rateLimit, {
    // Nothing is limited unless a route asks for it or the hook below counts it: the plugin's
    // own global hook would count the static files and every request by address.
    global: false,
    timeWindow: limits.windowMs,
    // A counter the database could not update lets the request through: the limiter must not
    // become a second way for a database hiccup to fail requests (the request's own queries
    // answer for that).
    skipOnError: true,
    ...(store ? { store } : {}),
    errorResponseBuilder: (_req, ctx) => tooMany(ctx.ttl),
  });

  const bySession = app.createRateLimit({
    keyGenerator: (req) =>
      `s:${req.ctx.actor?.sessionTokenHash ?? tokenHash(req.cookies[SESSION_COOKIE] ?? '')}`,
    max: limits.sessionPerWindow,
    timeWindow: limits.windowMs,
  });
  const byUser = app.createRateLimit({
    keyGenerator: (req) => `u:${req.ctx.actor!.userId}`,
    max: limits.userPerWindow,
    timeWindow: limits.windowMs,
  });
  const byAddress = app.createRateLimit({
    keyGenerator: (req) => `a:${normalizeIP(req.ip)}`,
    max: async (req) =>
      (await isEgressAddress(database, req.ip))
        ? limits.addressPerWindow * limits.egressFactor
        : limits.addressPerWindow,
    timeWindow: limits.windowMs,
  });

  return () => {
    app.addHook('onRequest', async (request: FastifyRequest) => {
      if (!isCounted(request.url)) return;
      const counted = request.ctx?.actor ? request.ctx.rateCounts : undefined;
      if (counted) {
        // The session lookup counted the session and the user in its own statement.
        let over = 0;
        for (const c of counted) {
          const max = c.key.startsWith('u:') ? limits.userPerWindow : limits.sessionPerWindow;
          if (c.hits > max) over = Math.max(over, c.ttl);
        }
        if (over > 0) throw tooMany(over);
        return;
      }
      const results = request.ctx?.actor
        ? await Promise.all([bySession(request), byUser(request)])
        : // The hot path (config.sessionInQuery) checks the session inside its one statement, so
          // the hook has no actor there: it counts the session by the cookie's SHA-256, the same
          // value the session table holds, and an invented cookie is refused by that statement.
          request.routeOptions.config?.sessionInQuery && request.cookies?.[SESSION_COOKIE]
          ? [await bySession(request)]
          : [await byAddress(request)];
      let wait = 0;
      for (const r of results) {
        if (!r.isAllowed && r.isExceeded) wait = Math.max(wait, r.ttl);
      }
      if (wait > 0) throw tooMany(wait);
    });
  };
}
