/**
 * npm run bench:hotpath — the caseworker's citizen page through the whole platform layer
 * against bare Fastify + pg doing only a select and an audit insert, in the same run, on the
 * same database (issue #11, ../shared/PERFORMANCE.md).
 *
 * Needs the national data set: `npm run seed:national` on DATABASE_URL (the one
 * variable every bench reads; no default). Starts the real server (server.ts,
 * with its audit sealer) and the baseline server as child processes on loopback; prepares
 * citizens and live caseworker sessions; loads each server with autocannon (32 connections,
 * warm-up, then 15 s, a random citizen per request) twice: spread over all municipalities and
 * all in one municipality. Then waits for the sealer, reports the lag from insert to sealed,
 * checks one audit row per answered request and verifies the whole audit chain. Prints a table
 * and writes the same as JSON to bench/results/.
 * Environment: BENCH_DURATION (s, default 15), BENCH_WARMUP (s, default 5), BENCH_CONNECTIONS (32).
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
import { openPostgres } from '../src/db/database.js';
import { eventColumns, eventHash, verifyAuditChain } from '../src/platform/audit-chain.js';
import { benchDatabaseUrl } from './database-url.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const url = benchDatabaseUrl('bench:hotpath', 'national');
const DURATION = Number(process.env.BENCH_DURATION ?? 15);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const ONE_MUNICIPALITY = '101';

const database = openPostgres(url, 3);
const children: ChildProcess[] = [];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

async function start(name: string, script: string, env: Record<string, string>, ready: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start: ${output}`)), 120_000);
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

interface Target {
  citizens: { id: string; m: string }[];
  sessions: Map<string, string[]>;
}

const pick = <T>(a: readonly T[]): T => a[Math.floor(Math.random() * a.length)]!;

async function load(base: string, target: Target, kind: 'real' | 'baseline', seconds: number) {
  return autocannon({
    url: base,
    connections: CONNECTIONS,
    duration: seconds,
    timeout: 10,
    requests: [
      {
        method: 'GET',
        setupRequest: (req) => {
          const c = pick(target.citizens);
          const token = pick(target.sessions.get(c.m)!);
          return {
            ...req,
            path:
              kind === 'real'
                ? `/api/citizens/${c.id}/overview`
                : `/baseline/citizens/${c.id}?m=${c.m}`,
            headers: { ...(req.headers ?? {}), cookie: `helhed_session=${token}` },
          };
        },
      },
    ],
  });
}

async function main() {
  const { rows: count } = await sql<{ n: number }>`select count(*)::int as n from citizen`.execute(
    database.db,
  );
  if (Number(count[0]?.n) < 1000) {
    throw new Error(
      `${url} has ${count[0]?.n ?? 0} citizens: run DATABASE_URL=${url} npm run seed:national first`,
    );
  }
  console.log(`bench:hotpath on ${url} (${Number(count[0]!.n).toLocaleString('da-DK')} citizens)`);
  // Both servers run on the same database, so its settings favour neither; they are reported
  // because the spread run reads far more than shared_buffers holds at Debian's 128MB default.
  const { rows: settings } = await sql<{ name: string; setting: string }>`
    select name, current_setting(name) as setting
    from unnest(array['shared_buffers', 'synchronous_commit', 'max_connections', 'server_version']) as name`.execute(
    database.db,
  );
  const pgSettings = Object.fromEntries(settings.map((r) => [r.name, r.setting]));
  console.log(
    `PostgreSQL ${pgSettings.server_version}: shared_buffers ${pgSettings.shared_buffers}, synchronous_commit ${pgSettings.synchronous_commit}`,
  );

  // The baseline's audit-shaped table: the same columns, defaults and indexes, no RLS/trigger.
  await sql`drop table if exists bench_baseline_audit`.execute(database.db);
  await sql`create table bench_baseline_audit (like audit_event including defaults including identity including indexes)`.execute(
    database.db,
  );

  // Live sessions for every caseworker (the seed's sessions are all expired).
  const { rows: caseworkers } = await sql<{ id: string; m: string }>`
    select u.id, u.municipality_code as m from app_user u
    join user_role r on r.user_id = u.id and r.municipality_code = u.municipality_code
    where r.role = 'caseworker' and u.active`.execute(database.db);
  const sessions = new Map<string, string[]>();
  const tokens = caseworkers.map((c) => {
    const token = randomBytes(32).toString('base64url');
    sessions.set(c.m, [...(sessions.get(c.m) ?? []), token]);
    return {
      hash: createHash('sha256').update(token).digest('hex'),
      user: c.id,
      m: c.m,
      csrf: randomBytes(24).toString('base64url'),
    };
  });
  await sql`insert into user_session (token_hash, user_id, municipality_code, csrf_token, expires_at, via)
    select t.h, t.u, t.m, t.c, now() + interval '10 hours', 'password'
    from unnest(${tokens.map((t) => t.hash)}::text[], ${tokens.map((t) => t.user)}::uuid[],
      ${tokens.map((t) => t.m)}::text[], ${tokens.map((t) => t.csrf)}::text[]) as t(h, u, m, c)`.execute(
    database.db,
  );
  const { rows: spread } = await sql<{ id: string; m: string }>`
    select id, municipality_code as m from citizen tablesample bernoulli (2.5) repeatable (11)
    limit 20000`.execute(database.db);
  const { rows: one } = await sql<{ id: string; m: string }>`
    select id, municipality_code as m from citizen where municipality_code = ${ONE_MUNICIPALITY}
    order by md5(id::text) limit 20000`.execute(database.db);
  console.log(
    `prepared ${tokens.length} caseworker sessions, ${spread.length} citizens over ${new Set(spread.map((c) => c.m)).size} municipalities, ${one.length} in ${ONE_MUNICIPALITY}`,
  );

  const { rows: startRow } = await sql<{ max: number | null }>`
    select max(id) as max from audit_event`.execute(database.db);
  const startId = Number(startRow[0]?.max ?? 0);

  const realPort = await freePort();
  const basePort = await freePort();
  await start(
    'real server',
    'server/src/server.ts',
    {
      DATABASE_URL: url,
      PORT: String(realPort),
      HOST: '127.0.0.1',
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'false',
      RATE_LIMIT_PER_MINUTE: '100000000',
    },
    'Helhed kører på',
  );
  await start(
    'baseline server',
    'server/bench/baseline-server.ts',
    { DATABASE_URL: url, PORT: String(basePort) },
    'baseline ready',
  );
  const real = `http://127.0.0.1:${realPort}`;
  const baseline = `http://127.0.0.1:${basePort}`;

  // One request of each by hand: the real one must answer the page, or the figures mean nothing.
  const probe = spread[0]!;
  const res = await fetch(`${real}/api/citizens/${probe.id}/overview`, {
    headers: { cookie: `helhed_session=${sessions.get(probe.m)![0]}` },
  });
  if (res.status !== 200)
    throw new Error(`real server answered ${res.status}: ${await res.text()}`);

  const runs: Record<string, Record<string, Figures>> = {};
  let realAnswered = 0;
  for (const [name, citizens] of [
    ['spread', spread],
    ['one_municipality', one],
  ] as const) {
    runs[name] = {};
    for (const [kind, base] of [
      ['baseline', baseline],
      ['real', real],
    ] as const) {
      const target = { citizens: [...citizens], sessions };
      const warm = await load(base, target, kind, WARMUP);
      const r = await load(base, target, kind, DURATION);
      if (kind === 'real') realAnswered += warm['2xx'] + r['2xx'];
      runs[name][kind] = {
        reqPerSec: Math.round(r.requests.average),
        p50Ms: r.latency.p50,
        p99Ms: r.latency.p99,
        requests: r['2xx'] + r.non2xx,
        non2xx: r.non2xx,
        errors: r.errors + r.timeouts,
      };
      console.log(
        `  ${name.padEnd(17)} ${kind.padEnd(9)} ${String(runs[name][kind].reqPerSec).padStart(6)} req/s  p50 ${r.latency.p50} ms  p99 ${r.latency.p99} ms  non-2xx ${r.non2xx}  errors ${r.errors + r.timeouts}`,
      );
    }
  }

  // The sealer: wait until every row of the run is sealed, then measure insert → sealed.
  const waitStart = Date.now();
  for (;;) {
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from audit_event e
      where e.id > ${startId} and not exists (select 1 from audit_seal s
        where s.municipality_code = e.municipality_code and s.event_id = e.id)`.execute(
      database.db,
    );
    if (Number(rows[0]!.n) === 0) break;
    if (Date.now() - waitStart > 120_000) throw new Error(`${rows[0]!.n} rows still unsealed`);
    await new Promise((r) => setTimeout(r, 500));
  }
  const { rows: lag } = await sql<{ rows: number; max_ms: number; p99_ms: number; p50_ms: number }>`
    select count(*)::int as rows,
      max(extract(epoch from s.sealed_at - e.occurred_at) * 1000)::float8 as max_ms,
      percentile_cont(0.99) within group (order by extract(epoch from s.sealed_at - e.occurred_at) * 1000)::float8 as p99_ms,
      percentile_cont(0.5) within group (order by extract(epoch from s.sealed_at - e.occurred_at) * 1000)::float8 as p50_ms
    from audit_event e join audit_seal s on s.municipality_code = e.municipality_code and s.event_id = e.id
    where e.id > ${startId}`.execute(database.db);
  const sealer = {
    auditRows: Number(lag[0]!.rows),
    answeredRequests: realAnswered,
    lagP50Ms: Math.round(lag[0]!.p50_ms),
    lagP99Ms: Math.round(lag[0]!.p99_ms),
    lagMaxMs: Math.round(lag[0]!.max_ms),
  };
  for (const child of children.splice(0)) child.kill('SIGTERM');

  // The whole chain (verifyAuditChain, what npm run audit:verify does) takes minutes over the
  // national data set's millions of seals; by default the bench verifies every seal made
  // during the run and its link to the chain before it (BENCH_VERIFY=full for everything).
  const verifyStart = Date.now();
  const verify =
    process.env.BENCH_VERIFY === 'full'
      ? { scope: 'full', ...(await verifyAuditChain(database)) }
      : { scope: 'seals made during the run', ...(await verifySince(startId)) };
  const verifySeconds = Math.round((Date.now() - verifyStart) / 1000);

  const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
  const ratios = {
    spreadReqPerSec: ratio(runs.spread!.real!.reqPerSec, runs.spread!.baseline!.reqPerSec),
    spreadP99: ratio(runs.spread!.real!.p99Ms, runs.spread!.baseline!.p99Ms),
    oneReqPerSec: ratio(
      runs.one_municipality!.real!.reqPerSec,
      runs.one_municipality!.baseline!.reqPerSec,
    ),
    oneP99: ratio(runs.one_municipality!.real!.p99Ms, runs.one_municipality!.baseline!.p99Ms),
    realOneVsSpread: ratio(runs.one_municipality!.real!.reqPerSec, runs.spread!.real!.reqPerSec),
  };
  const targets = {
    'real/baseline req/s >= 0.9 (spread)': ratios.spreadReqPerSec >= 0.9,
    'real/baseline req/s >= 0.9 (one municipality)': ratios.oneReqPerSec >= 0.9,
    'real p99 <= 1.5x baseline (spread)': ratios.spreadP99 <= 1.5,
    'real p99 <= 1.5x baseline (one municipality)': ratios.oneP99 <= 1.5,
    'one municipality >= 0.9x spread (real)': ratios.realOneVsSpread >= 0.9,
    'one audit row per answered request': sealer.auditRows >= sealer.answeredRequests,
    'audit chain verifies': verify.ok,
  };

  console.log('');
  console.log('| run | server | req/s | p50 ms | p99 ms | non-2xx |');
  console.log('|---|---|---|---|---|---|');
  for (const [name, byKind] of Object.entries(runs)) {
    for (const [kind, f] of Object.entries(byKind)) {
      console.log(`| ${name} | ${kind} | ${f.reqPerSec} | ${f.p50Ms} | ${f.p99Ms} | ${f.non2xx} |`);
    }
  }
  console.log('');
  console.log(
    `ratios: spread real/baseline req/s ${ratios.spreadReqPerSec}, p99 ${ratios.spreadP99}; one municipality real/baseline req/s ${ratios.oneReqPerSec}, p99 ${ratios.oneP99}; real one/spread ${ratios.realOneVsSpread}`,
  );
  console.log(
    `sealer: ${sealer.auditRows} audit rows for ${sealer.answeredRequests} answered requests; insert → sealed p50 ${sealer.lagP50Ms} ms, p99 ${sealer.lagP99Ms} ms, max ${sealer.lagMaxMs} ms`,
  );
  console.log(
    `audit chain: ${verify.ok ? 'verifies' : `BROKEN at ${JSON.stringify(verify.firstBroken)}`} (${verify.checked.toLocaleString('da-DK')} seals, ${verify.municipalities} municipalities, ${verify.unsealed} unsealed, ${verifySeconds} s)`,
  );
  for (const [t, ok] of Object.entries(targets)) console.log(`  ${ok ? 'met   ' : 'MISSED'} ${t}`);

  const load1 = os.loadavg();
  const result = {
    benchmark: 'hotpath',
    at: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model,
      loadAverage1m: Math.round(load1[0]! * 10) / 10,
      note: 'Load generator, both servers and PostgreSQL on the same 2-core host; loadAverage1m tells how busy it was. Compare ratios within one run.',
    },
    postgres: pgSettings,
    settings: {
      connections: CONNECTIONS,
      warmupSeconds: WARMUP,
      durationSeconds: DURATION,
      oneMunicipality: ONE_MUNICIPALITY,
    },
    runs,
    ratios,
    sealer,
    auditVerify: { ...verify, seconds: verifySeconds },
    targets,
  };
  const dir = path.join(root, 'bench', 'results');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `hotpath-${result.at.slice(0, 16).replace(/[:T]/g, '-')}.json`);
  fs.writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`wrote ${path.relative(root, file)}`);
}

/**
 * Verifies, per municipality, every seal of an event above `afterEventId`: its seq follows,
 * its prev_hash is the hash before it (the last seal of the earlier chain for the first one),
 * and its hash recomputes from the event (eventHash, as verifyAuditChain does).
 */
async function verifySince(afterEventId: number) {
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
    order by s.municipality_code, s.seq`.execute(database.db);
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

interface Figures {
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  non2xx: number;
  errors: number;
}

try {
  await main();
} finally {
  for (const child of children) child.kill('SIGTERM');
  await database.close();
}
