/**
 * What bench:hotpath, bench:page, bench:routes, bench:soak and bench:national share: the national data set in
 * DATABASE_URL, live sessions for its staff, citizen samples, the real server and the bare twin
 * as child processes on loopback, autocannon, the audit sealer's lag and the verification of the
 * seals made during a run.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { type Database, openPostgres } from '../src/db/database.js';
import { eventColumns, eventHash } from '../src/platform/audit-chain.js';
import { benchDatabaseUrl } from './database-url.js';

const here = path.dirname(fileURLToPath(import.meta.url));
export const root = path.resolve(here, '..', '..');
export const ONE_MUNICIPALITY = '101';
export const DURATION = Number(process.env.BENCH_DURATION ?? 15);
export const WARMUP = Number(process.env.BENCH_WARMUP ?? 5);
export const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);

export const pick = <T>(a: readonly T[]): T => a[Math.floor(Math.random() * a.length)]!;
export const ratio = (a: number, b: number) => (b ? Math.round((a / b) * 100) / 100 : 0);

export interface Figures {
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  non2xx: number;
  errors: number;
}

export class Bench {
  readonly url: string;
  readonly database: Database;
  private readonly children: ChildProcess[] = [];

  constructor(readonly name: string) {
    this.url = benchDatabaseUrl(name, 'national');
    this.database = openPostgres(this.url, 3);
  }

  /** Refuses a database without the national data set; returns PostgreSQL's settings. */
  async check() {
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from citizen`.execute(
      this.database.db,
    );
    if (Number(rows[0]?.n) < 1000) {
      throw new Error(
        `${this.url} has ${rows[0]?.n ?? 0} citizens: run DATABASE_URL=${this.url} npm run seed:national first`,
      );
    }
    const { rows: settings } = await sql<{ name: string; setting: string }>`
      select name, current_setting(name) as setting
      from unnest(array['shared_buffers', 'synchronous_commit', 'max_connections', 'server_version']) as name`.execute(
      this.database.db,
    );
    const pg = Object.fromEntries(settings.map((r) => [r.name, r.setting]));
    console.log(
      `${this.name} on ${this.url} (${Number(rows[0]!.n).toLocaleString('da-DK')} citizens); PostgreSQL ${pg.server_version}, shared_buffers ${pg.shared_buffers}, synchronous_commit ${pg.synchronous_commit}`,
    );
    return pg;
  }

  /** A live session (10 h) for every active user with `role`; tokens by municipality. */
  async sessions(role: string) {
    const { rows: users } = await sql<{ id: string; m: string }>`
      select u.id, u.municipality_code as m from app_user u
      join user_role r on r.user_id = u.id and r.municipality_code = u.municipality_code
      where r.role = ${role} and u.active
      order by u.id`.execute(this.database.db);
    const byMunicipality = new Map<string, { token: string; csrf: string }[]>();
    const made = [...new Map(users.map((u) => [u.id, u])).values()].map((u) => {
      const token = randomBytes(32).toString('base64url');
      const csrf = randomBytes(24).toString('base64url');
      byMunicipality.set(u.m, [...(byMunicipality.get(u.m) ?? []), { token, csrf }]);
      return { hash: createHash('sha256').update(token).digest('hex'), user: u.id, m: u.m, csrf };
    });
    await sql`insert into user_session (token_hash, user_id, municipality_code, csrf_token, expires_at, via)
      select t.h, t.u, t.m, t.c, now() + interval '10 hours', 'password'
      from unnest(${made.map((t) => t.hash)}::text[], ${made.map((t) => t.user)}::uuid[],
        ${made.map((t) => t.m)}::text[], ${made.map((t) => t.csrf)}::text[]) as t(h, u, m, c)`.execute(
      this.database.db,
    );
    return byMunicipality;
  }

  /** Citizens spread over all municipalities, and all in ONE_MUNICIPALITY. */
  async citizens() {
    const { rows: spread } = await sql<{ id: string; m: string }>`
      select id, municipality_code as m from citizen tablesample bernoulli (2.5) repeatable (11)
      limit 20000`.execute(this.database.db);
    const { rows: one } = await sql<{ id: string; m: string }>`
      select id, municipality_code as m from citizen where municipality_code = ${ONE_MUNICIPALITY}
      order by md5(id::text) limit 20000`.execute(this.database.db);
    return { spread, one };
  }

  /** The one-row floor's audit-shaped table: audit_event's columns, defaults and indexes. */
  async baselineAuditTable() {
    await sql`drop table if exists bench_baseline_audit`.execute(this.database.db);
    await sql`create table bench_baseline_audit (like audit_event including defaults including identity including indexes)`.execute(
      this.database.db,
    );
  }

  async maxAuditId(): Promise<number> {
    const { rows } = await sql<{ max: number | null }>`
      select max(id) as max from audit_event`.execute(this.database.db);
    return Number(rows[0]?.max ?? 0);
  }

  async freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
      const s = net.createServer();
      s.listen(0, '127.0.0.1', () => {
        const port = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(port));
      });
      s.on('error', reject);
    });
  }

  /** A child process on loopback, resolved when its output shows `ready`. */
  async start(name: string, script: string, env: Record<string, string>, ready: string) {
    const child = spawn(process.execPath, ['--import', 'tsx', script], {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.children.push(child);
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${name} did not start: ${output}`)),
        180_000,
      );
      const onData = (d: Buffer) => {
        output += d.toString();
        if (output.includes(ready)) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', (d: Buffer) => {
        output += d.toString();
      });
      child.on('exit', (code) => reject(new Error(`${name} exited (${code}): ${output}`)));
    });
    return child;
  }

  /** The real server (server.ts with its sealer) on loopback. */
  async startReal() {
    const realPort = await this.freePort();
    const real = await this.start(
      'real server',
      'server/src/server.ts',
      {
        DATABASE_URL: this.url,
        PORT: String(realPort),
        HOST: '127.0.0.1',
        NODE_ENV: 'development',
        LOG_LEVEL: 'warn',
        SEED_DEMO: 'false',
        RATE_LIMIT_PER_MINUTE: '100000000',
        RATE_LIMIT_ADDRESS_PER_MINUTE: '100000000',
      },
      'Helhed kører på',
    );
    return { real: `http://127.0.0.1:${realPort}`, realPid: real.pid! };
  }

  /** The real server (server.ts with its sealer) and the bare twin (baseline-server.ts). */
  async startServers() {
    const { real, realPid } = await this.startReal();
    const twinPort = await this.freePort();
    await this.start(
      'bare twin',
      'server/bench/baseline-server.ts',
      { DATABASE_URL: this.url, PORT: String(twinPort) },
      'baseline ready',
    );
    return { real, twin: `http://127.0.0.1:${twinPort}`, realPid };
  }

  /** Autocannon with `connections`, each request made by `request()`. */
  async load(
    base: string,
    seconds: number,
    request: () => {
      method?: string;
      path: string;
      headers?: Record<string, string>;
      body?: string;
    },
    opts: { connections?: number; overallRate?: number } = {},
  ) {
    return autocannon({
      url: base,
      connections: opts.connections ?? CONNECTIONS,
      duration: seconds,
      timeout: 10,
      ...(opts.overallRate ? { overallRate: opts.overallRate } : {}),
      requests: [
        {
          method: 'GET',
          setupRequest: (req) => {
            const r = request();
            return {
              ...req,
              method: (r.method ?? 'GET') as 'GET',
              path: r.path,
              headers: { ...(req.headers ?? {}), ...(r.headers ?? {}) },
              ...(r.body !== undefined ? { body: r.body } : {}),
            };
          },
        },
      ],
    });
  }

  /** Warm-up, then the measured run. */
  async measure(
    label: string,
    base: string,
    request: Parameters<Bench['load']>[2],
  ): Promise<Figures & { answered: number }> {
    const warm = await this.load(base, WARMUP, request);
    const r = await this.load(base, DURATION, request);
    const f = {
      reqPerSec: Math.round(r.requests.average),
      p50Ms: r.latency.p50,
      p99Ms: r.latency.p99,
      requests: r['2xx'] + r.non2xx,
      non2xx: r.non2xx,
      errors: r.errors + r.timeouts,
      answered: warm['2xx'] + r['2xx'],
    };
    console.log(
      `  ${label.padEnd(34)} ${String(f.reqPerSec).padStart(6)} req/s  p50 ${f.p50Ms} ms  p99 ${f.p99Ms} ms  non-2xx ${f.non2xx}  errors ${f.errors}`,
    );
    return f;
  }

  /** Waits until every audit row above `startId` is sealed; insert → sealed lag. */
  async sealerLag(startId: number) {
    const waitStart = Date.now();
    for (;;) {
      const { rows } = await sql<{ n: number }>`
        select count(*)::int as n from audit_event e
        where e.id > ${startId} and not exists (select 1 from audit_seal s
          where s.municipality_code = e.municipality_code and s.event_id = e.id)`.execute(
        this.database.db,
      );
      if (Number(rows[0]!.n) === 0) break;
      if (Date.now() - waitStart > 180_000) throw new Error(`${rows[0]!.n} rows still unsealed`);
      await new Promise((r) => setTimeout(r, 500));
    }
    const { rows: lag } = await sql<{
      rows: number;
      max_ms: number;
      p99_ms: number;
      p50_ms: number;
    }>`
      select count(*)::int as rows,
        max(extract(epoch from s.sealed_at - e.occurred_at) * 1000)::float8 as max_ms,
        percentile_cont(0.99) within group (order by extract(epoch from s.sealed_at - e.occurred_at) * 1000)::float8 as p99_ms,
        percentile_cont(0.5) within group (order by extract(epoch from s.sealed_at - e.occurred_at) * 1000)::float8 as p50_ms
      from audit_event e join audit_seal s on s.municipality_code = e.municipality_code and s.event_id = e.id
      where e.id > ${startId}`.execute(this.database.db);
    return {
      auditRows: Number(lag[0]!.rows),
      lagP50Ms: Math.round(lag[0]!.p50_ms ?? 0),
      lagP99Ms: Math.round(lag[0]!.p99_ms ?? 0),
      lagMaxMs: Math.round(lag[0]!.max_ms ?? 0),
    };
  }

  /**
   * Verifies, per municipality, every seal of an event above `afterEventId`: its seq follows,
   * its prev_hash is the hash before it, and its hash recomputes from the event (eventHash, as
   * verifyAuditChain does). BENCH_VERIFY=full verifies the whole chain instead (minutes).
   */
  async verifySince(afterEventId: number) {
    const { rows } = await sql<
      Parameters<typeof eventHash>[1] & {
        seq: number;
        prev_hash: string;
        hash: string;
        before_hash: string | null;
      }
    >`
      select s.seq, s.prev_hash, s.hash, ${eventColumns},
        (select b.hash from audit_seal b where b.municipality_code = s.municipality_code
          and b.seq = s.seq - 1) as before_hash
      from audit_seal s
      join audit_event e on e.municipality_code = s.municipality_code and e.id = s.event_id
      where s.event_id > ${afterEventId}
      order by s.municipality_code, s.seq`.execute(this.database.db);
    const last = new Map<string, { seq: number; hash: string }>();
    for (const r of rows) {
      const seq = Number(r.seq);
      const prev = last.get(r.municipality_code);
      const expectedPrev = prev ? prev.hash : (r.before_hash ?? '0'.repeat(64));
      const broken = (reason: string) => ({
        ok: false,
        checked: rows.length,
        municipalities: new Set(rows.map((x) => x.municipality_code)).size,
        unsealed: 0,
        firstBroken: { municipalityCode: r.municipality_code, seq, eventId: Number(r.id), reason },
      });
      if (prev && seq !== prev.seq + 1) return broken('seq_gap');
      if (r.prev_hash !== expectedPrev) return broken('prev_mismatch');
      if (eventHash(expectedPrev, { ...r, id: Number(r.id) }) !== r.hash)
        return broken('hash_mismatch');
      last.set(r.municipality_code, { seq, hash: r.hash });
    }
    return {
      ok: true,
      checked: rows.length,
      municipalities: last.size,
      unsealed: 0,
      firstBroken: null,
    };
  }

  machine() {
    const load1 = os.loadavg();
    return {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model,
      loadAverage1m: Math.round(load1[0]! * 10) / 10,
      note:
        process.env.BENCH_NOTE ??
        'Load generator, both servers and PostgreSQL on the same host; loadAverage1m tells how busy it was. Compare ratios within one run.',
    };
  }

  /** Writes bench/results/<prefix>-<timestamp>.json. */
  write(prefix: string, result: { at: string } & Record<string, unknown>) {
    const dir = path.join(root, 'bench', 'results');
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${prefix}-${result.at.slice(0, 16).replace(/[:T]/g, '-')}.json`);
    fs.writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
    console.log(`wrote ${path.relative(root, file)}`);
    return file;
  }

  stopChildren() {
    for (const child of this.children.splice(0)) child.kill('SIGTERM');
  }

  async close() {
    this.stopChildren();
    await this.database.close();
  }
}
