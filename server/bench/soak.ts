/**
 * npm run bench:soak — 70 % of the measured peak for 10 minutes against the citizen page and the
 * write paths, through the real server with its sealer (issue 20). Reports errors (target 0),
 * p99 minute by minute, the audit sealer's lag and the server's memory (RSS) at the start and
 * the end (target: no growth beyond 10 %), and writes bench/results/soak-<timestamp>.json.
 *
 * The mix a caseworker makes: 80 % the citizen page (GET /api/citizens/:id/overview), 10 % a
 * citizen search (POST, CSRF token, audited), 10 % a status note on the citizen's plan (POST,
 * CSRF token, a row and an audit row). The peak is measured first (BENCH_WARMUP + 15 s at full
 * load, 32 connections), then autocannon holds 70 % of it (overallRate) one minute at a time.
 * Environment: DATABASE_URL (national data set), BENCH_SOAK_MINUTES (10), BENCH_SOAK_SHARE (0.7).
 */
import fs from 'node:fs';
import { sql } from 'kysely';
import { Bench, ONE_MUNICIPALITY, pick, ratio } from './harness.js';

const MINUTES = Number(process.env.BENCH_SOAK_MINUTES ?? 10);
const SHARE = Number(process.env.BENCH_SOAK_SHARE ?? 0.7);
const bench = new Bench('bench:soak');

function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024);
}

async function main() {
  const postgres = await bench.check();
  const sessions = (await bench.sessions('caseworker')).get(ONE_MUNICIPALITY)!;
  const { spread } = await bench.citizens();
  const local = spread.filter((c) => c.m === ONE_MUNICIPALITY);
  const { rows: own } = await sql<{ id: string; m: string }>`
    select id, municipality_code as m from citizen where municipality_code = ${ONE_MUNICIPALITY}
    order by md5(id::text) limit 5000`.execute(bench.database.db);
  const citizens = [...local, ...own];
  const startId = await bench.maxAuditId();
  const { real, realPid } = await bench.startServers();

  const headers = (s: { token: string; csrf: string }, write: boolean) => ({
    cookie: `helhed_session=${s.token}`,
    accept: 'application/json, application/problem+json',
    'accept-language': 'da',
    ...(write ? { 'x-csrf-token': s.csrf, 'content-type': 'application/json' } : {}),
  });
  // Citizens whose plan takes a note (the route answers 201).
  const writable: string[] = [];
  for (const c of citizens.slice(0, 60)) {
    const s = pick(sessions);
    const res = await fetch(`${real}/api/plans/${c.id}/notes`, {
      method: 'POST',
      headers: headers(s, true),
      body: JSON.stringify({ body: 'Soak: opfølgning' }),
    });
    if (res.status === 201) writable.push(c.id);
  }
  if (writable.length === 0) throw new Error('no citizen plan took a note');

  const request = () => {
    const s = pick(sessions);
    const roll = Math.random();
    if (roll < 0.8) {
      return { path: `/api/citizens/${pick(citizens).id}/overview`, headers: headers(s, false) };
    }
    if (roll < 0.9) {
      return {
        method: 'POST',
        path: '/api/citizens/search',
        headers: headers(s, true),
        body: JSON.stringify({ name: 'Han' }),
      };
    }
    return {
      method: 'POST',
      path: `/api/plans/${pick(writable)}/notes`,
      headers: headers(s, true),
      body: JSON.stringify({ body: 'Soak: opfølgning' }),
    };
  };

  const peak = await bench.measure('peak (full load)', real, request);
  const rate = Math.max(1, Math.round(peak.reqPerSec * SHARE));
  console.log(`holding ${rate} req/s (${SHARE * 100} % of ${peak.reqPerSec}) for ${MINUTES} min`);
  const rssStart = rssMb(realPid);
  const minutes: {
    minute: number;
    reqPerSec: number;
    p50Ms: number;
    p99Ms: number;
    non2xx: number;
    errors: number;
    rssMb: number;
  }[] = [];
  for (let minute = 1; minute <= MINUTES; minute++) {
    const r = await bench.load(real, 60, request, { overallRate: rate });
    const m = {
      minute,
      reqPerSec: Math.round(r.requests.average),
      p50Ms: r.latency.p50,
      p99Ms: r.latency.p99,
      non2xx: r.non2xx,
      errors: r.errors + r.timeouts,
      rssMb: rssMb(realPid),
    };
    minutes.push(m);
    console.log(
      `  minute ${String(minute).padStart(2)}: ${m.reqPerSec} req/s  p50 ${m.p50Ms} ms  p99 ${m.p99Ms} ms  non-2xx ${m.non2xx}  errors ${m.errors}  RSS ${m.rssMb} MB`,
    );
  }
  const rssEnd = rssMb(realPid);
  const sealer = await bench.sealerLag(startId);
  bench.stopChildren();
  const verify = await bench.verifySince(startId);
  const errors = minutes.reduce((n, m) => n + m.errors + m.non2xx, 0);
  const growth = ratio(rssEnd, rssStart);
  const targets = {
    'errors = 0': errors === 0,
    'memory growth ≤ 10 %': growth <= 1.1,
    'audit chain verifies (seals of the run)': verify.ok,
  };
  console.log(
    `errors ${errors}; RSS ${rssStart} → ${rssEnd} MB (${growth}×); sealer p99 ${sealer.lagP99Ms} ms; chain ${verify.ok ? 'verifies' : 'BROKEN'}`,
  );
  for (const [t, ok] of Object.entries(targets)) console.log(`  ${ok ? 'met   ' : 'MISSED'} ${t}`);
  bench.write('soak', {
    benchmark: 'soak',
    at: new Date().toISOString(),
    machine: bench.machine(),
    postgres,
    mix: '80 % GET /api/citizens/:id/overview, 10 % POST /api/citizens/search, 10 % POST /api/plans/:id/notes (one municipality, 101)',
    peak,
    share: SHARE,
    rate,
    minutes,
    errors,
    memory: { rssStartMb: rssStart, rssEndMb: rssEnd, growth },
    sealer,
    auditVerify: { scope: 'seals made during the run', ...verify },
    targets,
  });
}

try {
  await main();
} finally {
  await bench.close();
}
