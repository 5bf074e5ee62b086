/**
 * npm run bench:routes — the read routes people use most, each loaded alone through the real
 * server, against a bare Fastify + pg twin running the same SQL (issue 20).
 *
 * "The same SQL" is taken from the route itself, not written twice: for every sample request
 * the real app (buildApp, in this process) answers it once while every statement it sends is
 * recorded (openPostgres' onQuery). The platform's statements (session lookup and touch, tenant
 * set_config, audit insert, rate-limit counters, BEGIN/COMMIT) are dropped; the rest — the
 * route's own reads, with their parameters — is what the twin (routes-twin.ts) replays in
 * autocommit for the same sample. Autocannon then loads the real server (a child process with
 * its sealer) and the twin with the same samples, one route at a time.
 *
 * Prints a table of req/s, p99, ratio and statements per request (platform + data) and writes
 * bench/results/routes-<timestamp>.json. Target: every route ≥ 0.8× its twin.
 * Environment: DATABASE_URL (national data set), BENCH_DURATION (s, 10), BENCH_WARMUP (s, 3),
 * BENCH_CONNECTIONS (32), BENCH_ROUTES (comma-separated names to run only those).
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openPostgres } from '../src/db/database.js';
import { Bench, type Figures, pick, ratio } from './harness.js';

process.env.BENCH_DURATION ??= '10';
process.env.BENCH_WARMUP ??= '3';
const SAMPLES = 100;
const bench = new Bench('bench:routes');

interface Sample {
  method: 'GET' | 'POST';
  path: string;
  body?: string;
  cookie: string;
  csrf: string;
  statements: { sql: string; parameters: unknown[] }[];
}

interface Route {
  name: string;
  role: string;
  /** `SAMPLES` requests (method, path, body) for sessions of `role` in municipality m. */
  requests(m: string): Promise<{ method: 'GET' | 'POST'; path: string; body?: string }[]>;
}

const db = () => bench.database.db;
const M = '101';
const ids = async (q: ReturnType<typeof sql<{ id: string }>>) =>
  (await q.execute(db())).rows.map((r) => r.id);

const routes: Route[] = [
  {
    name: 'citizen search',
    role: 'caseworker',
    async requests(m) {
      const { rows } = await sql<{ last_name: string }>`
        select distinct last_name from citizen where municipality_code = ${m} limit ${SAMPLES}`.execute(
        db(),
      );
      return rows.map((r) => ({
        method: 'POST' as const,
        path: '/api/citizens/search',
        body: JSON.stringify({ name: r.last_name.slice(0, 4) }),
      }));
    },
  },
  {
    name: 'citizen',
    role: 'caseworker',
    async requests(m) {
      return (
        await ids(
          sql`select id from citizen where municipality_code = ${m} order by md5(id::text) limit ${SAMPLES}`,
        )
      ).map((id) => ({ method: 'GET' as const, path: `/api/citizens/${id}` }));
    },
  },
  {
    name: 'referral',
    role: 'caseworker',
    async requests(m) {
      return (
        await ids(
          sql`select id from referral where municipality_code = ${m} order by md5(id::text) limit ${SAMPLES}`,
        )
      ).map((id) => ({ method: 'GET' as const, path: `/api/referrals/${id}` }));
    },
  },
  {
    name: 'course with attendance',
    role: 'provider_staff',
    async requests(m) {
      return (
        await ids(sql`select k.id from course k join offer f on f.municipality_code = k.municipality_code
          and f.id = k.offer_id join organisation o on o.municipality_code = f.municipality_code
          and o.id = f.provider_organisation_id
          where k.municipality_code = ${m} and o.type = 'provider' order by md5(k.id::text) limit ${SAMPLES}`)
      ).map((id) => ({ method: 'GET' as const, path: `/api/courses/${id}/overview` }));
    },
  },
  {
    name: 'timeline',
    role: 'caseworker',
    async requests(m) {
      return (
        await ids(
          sql`select id from citizen where municipality_code = ${m} order by md5(id::text) limit ${SAMPLES}`,
        )
      ).map((id) => ({ method: 'GET' as const, path: `/api/timeline/citizens/${id}` }));
    },
  },
  {
    name: 'plan',
    role: 'caseworker',
    async requests(m) {
      return (
        await ids(
          sql`select id from citizen where municipality_code = ${m} order by md5(id::text) limit ${SAMPLES}`,
        )
      ).map((id) => ({ method: 'GET' as const, path: `/api/plans/${id}` }));
    },
  },
  {
    name: 'tasks',
    role: 'caseworker',
    async requests() {
      // The caseworker's own list: the same request each time, so a few samples suffice.
      return Array.from({ length: 5 }, () => ({
        method: 'GET' as const,
        path: '/api/tasks',
      }));
    },
  },
  {
    name: 'screening queue',
    role: 'caseworker',
    async requests() {
      return Array.from({ length: 5 }, () => ({
        method: 'GET' as const,
        path: '/api/screening/queue',
      }));
    },
  },
  {
    name: 'portal start',
    role: 'citizen',
    async requests() {
      return Array.from({ length: 20 }, () => ({
        method: 'GET' as const,
        path: '/api/portal/me',
      }));
    },
  },
];

/** Statements of the platform, not of the route's page. */
const platform = [
  /^\s*(begin|commit|rollback)\b/i,
  /\buser_session\b/i,
  /\bset_config\(/i,
  /\binsert into "?audit_event"?/i,
  /\brate_limit/i,
];
const isPlatform = (s: string) => platform.some((p) => p.test(s));

/** The national seed has no citizen logins: make one for each of `n` citizens of m. */
async function citizenUsers(m: string, n: number) {
  await sql`insert into app_user (municipality_code, kind, username, password_hash, display_name, citizen_id)
    select c.municipality_code, 'citizen', 'bench.borger.' || c.id, 'x', c.first_name || ' ' || c.last_name, c.id
    from citizen c where c.municipality_code = ${m}
      and not exists (select 1 from app_user u where u.citizen_id = c.id)
    order by md5(c.id::text) limit ${n}
    on conflict do nothing`.execute(db());
  await sql`insert into user_role (municipality_code, user_id, role)
    select u.municipality_code, u.id, 'citizen' from app_user u
    where u.municipality_code = ${m} and u.username like 'bench.borger.%'
      and not exists (select 1 from user_role r where r.user_id = u.id)`.execute(db());
}

async function main() {
  const postgres = await bench.check();
  const only = process.env.BENCH_ROUTES?.split(',').map((s) => s.trim());
  const chosen = routes.filter((r) => !only || only.includes(r.name));
  await citizenUsers(M, 200);
  const sessionsByRole = new Map<string, { token: string; csrf: string }[]>();
  for (const role of new Set(chosen.map((r) => r.role))) {
    sessionsByRole.set(role, (await bench.sessions(role)).get(M) ?? []);
  }

  // 1. Record each sample's statements through the real app, in this process.
  let recording: Sample['statements'] | null = null;
  const recorder = openPostgres(bench.url, 4, (text, parameters) => {
    recording?.push({ sql: text, parameters: [...parameters] });
  });
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: bench.url,
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
    SEED_DEMO: 'false',
  });
  // Round trips as they leave the driver: BEGIN travels with the tenant statement and the audit
  // insert with COMMIT (decision 1120), so the platform's share is counted in trips, not in the
  // statements Kysely ran.
  let trips = 0;
  recorder.watch(() => {
    if (recording) trips++;
  });
  const app = await buildApp({ config, database: recorder, rateLimitPerMinute: 100_000_000 });
  await app.ready();
  const samples: Record<string, Sample[]> = {};
  const counts: Record<string, { platform: number; data: number }> = {};
  for (const route of chosen) {
    const sessions = sessionsByRole.get(route.role)!;
    if (sessions.length === 0) throw new Error(`no ${route.role} in ${M}`);
    const list: Sample[] = [];
    let platformCount = 0;
    for (const req of await route.requests(M)) {
      const s = pick(sessions);
      const cookie = `helhed_session=${s.token}`;
      recording = [];
      trips = 0;
      const res = await app.inject({
        method: req.method,
        url: req.path,
        headers: {
          cookie,
          'x-csrf-token': s.csrf,
          accept: 'application/json',
          ...(req.body ? { 'content-type': 'application/json' } : {}),
        },
        ...(req.body ? { payload: req.body } : {}),
      });
      const all = recording;
      recording = null;
      if (res.statusCode !== 200) {
        throw new Error(
          `${route.name}: ${req.method} ${req.path} answered ${res.statusCode}: ${res.body.slice(0, 300)}`,
        );
      }
      platformCount += trips - all.filter((x) => !isPlatform(x.sql)).length;
      list.push({
        ...req,
        cookie,
        csrf: s.csrf,
        statements: all.filter((x) => !isPlatform(x.sql)),
      });
    }
    samples[route.name] = list;
    counts[route.name] = {
      platform: Math.round((platformCount / list.length) * 10) / 10,
      data: Math.round((list.reduce((n, x) => n + x.statements.length, 0) / list.length) * 10) / 10,
    };
    console.log(
      `recorded ${route.name}: ${list.length} samples, ${counts[route.name]!.data} data + ${counts[route.name]!.platform} platform round trips per request`,
    );
  }
  await app.close();
  await recorder.close();

  // 2. The twin replays them; the real server answers the same requests.
  const file = path.join(os.tmpdir(), `helhed-routes-${randomUUID()}.json`);
  fs.writeFileSync(file, JSON.stringify(samples));
  const startId = await bench.maxAuditId();
  const realPort = await bench.freePort();
  const twinPort = await bench.freePort();
  await bench.start(
    'real server',
    'server/src/server.ts',
    {
      DATABASE_URL: bench.url,
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
  await bench.start(
    'routes twin',
    'server/bench/routes-twin.ts',
    { DATABASE_URL: bench.url, PORT: String(twinPort), BENCH_SAMPLES: file, BENCH_MUNICIPALITY: M },
    'twin ready',
  );
  const real = `http://127.0.0.1:${realPort}`;
  const twin = `http://127.0.0.1:${twinPort}`;

  const results: Record<
    string,
    {
      real: Figures;
      twin: Figures;
      ratio: number;
      p99Ratio: number;
      statements: (typeof counts)[string];
    }
  > = {};
  for (const route of chosen) {
    const list = samples[route.name]!;
    const key = encodeURIComponent(route.name);
    const t = await bench.measure(`${route.name} twin`, twin, () => ({
      path: `/twin/${key}/${Math.floor(Math.random() * list.length)}`,
    }));
    const r = await bench.measure(`${route.name} real`, real, () => {
      const s = pick(list);
      return {
        method: s.method,
        path: s.path,
        headers: {
          cookie: s.cookie,
          accept: 'application/json, application/problem+json',
          'accept-language': 'da',
          ...(s.method === 'POST'
            ? { 'x-csrf-token': s.csrf, 'content-type': 'application/json' }
            : {}),
        },
        ...(s.body ? { body: s.body } : {}),
      };
    });
    results[route.name] = {
      real: r,
      twin: t,
      ratio: ratio(r.reqPerSec, t.reqPerSec),
      p99Ratio: ratio(r.p99Ms, t.p99Ms),
      statements: counts[route.name]!,
    };
  }
  const sealer = await bench.sealerLag(startId);
  bench.stopChildren();
  fs.rmSync(file, { force: true });

  console.log('');
  console.log(
    '| route | real req/s | twin req/s | ratio | real p99 ms | twin p99 ms | statements (data + platform) | ≥ 0.8× |',
  );
  console.log('|---|---|---|---|---|---|---|---|');
  for (const [name, x] of Object.entries(results)) {
    console.log(
      `| ${name} | ${x.real.reqPerSec} | ${x.twin.reqPerSec} | ${x.ratio} | ${x.real.p99Ms} | ${x.twin.p99Ms} | ${x.statements.data} + ${x.statements.platform} | ${x.ratio >= 0.8 ? 'met' : 'MISSED'} |`,
    );
  }
  console.log(`sealer: insert → sealed p50 ${sealer.lagP50Ms} ms, p99 ${sealer.lagP99Ms} ms`);
  bench.write('routes', {
    benchmark: 'routes',
    at: new Date().toISOString(),
    machine: bench.machine(),
    postgres,
    settings: {
      connections: Number(process.env.BENCH_CONNECTIONS ?? 32),
      warmupSeconds: Number(process.env.BENCH_WARMUP),
      durationSeconds: Number(process.env.BENCH_DURATION),
      municipality: M,
      samplesPerRoute: SAMPLES,
      twin: 'replays the statements the real route sent for the same sample, minus session, tenant, audit, rate-limit and transaction statements, in autocommit; each twin connection is set once to role helhed_app and the municipality, so RLS filters the same SQL alike',
    },
    routes: results,
    sealer,
    targets: Object.fromEntries(
      Object.entries(results).map(([name, x]) => [`${name} ≥ 0.8× twin`, x.ratio >= 0.8]),
    ),
  });
}

try {
  await main();
} finally {
  await bench.close();
}
