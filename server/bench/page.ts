/**
 * npm run bench:page — the caseworker's citizen page as the web app loads it before its first
 * view, through the real server with every platform step, against a bare Fastify + pg twin
 * running the same page SQL with none of the platform, in the same run (issue 20).
 *
 * The web app's citizen page makes one request, GET /api/citizens/:id/overview, with the
 * session cookie and the headers web/src/api/client.ts sends (accept, accept-language; a GET
 * carries no CSRF token: the client adds x-csrf-token to other methods only, and the server
 * checks it on those). The twin (baseline-server.ts, /baseline/citizens/:id/page) calls
 * helhed_citizen_overview_page, the function the real page function calls after session,
 * tenant and policy and before its audit row, so a page that grows there grows in both.
 *
 * Needs the national data set in DATABASE_URL (npm run seed:national). Autocannon, 32
 * connections, warm-up, 15 s, random citizens, twice: spread over all municipalities and all
 * in one. Then the old one-row comparison (bench:hotpath's baseline: one select and one audit
 * insert) as the platform's floor. Prints req/s, p50, p99, the ratios and the audit sealer's lag
 * and writes bench/results/page-<timestamp>.json.
 * Environment: DATABASE_URL, BENCH_DURATION (s, 15), BENCH_WARMUP (s, 5), BENCH_CONNECTIONS (32),
 * BENCH_NOTE (what the machine was doing, into the JSON).
 */
import { Bench, type Figures, ONE_MUNICIPALITY, pick, ratio } from './harness.js';

const bench = new Bench('bench:page');

async function main() {
  const postgres = await bench.check();
  const sessions = await bench.sessions('caseworker');
  const { spread, one } = await bench.citizens();
  // The floor's twin inserts into an audit-shaped table (same columns, defaults and indexes).
  await bench.baselineAuditTable();
  console.log(
    `prepared ${[...sessions.values()].flat().length} caseworker sessions, ${spread.length} citizens over ${new Set(spread.map((c) => c.m)).size} municipalities, ${one.length} in ${ONE_MUNICIPALITY}`,
  );
  const startId = await bench.maxAuditId();
  const { real, twin } = await bench.startServers();

  const webHeaders = (m: string) => ({
    cookie: `helhed_session=${pick(sessions.get(m)!).token}`,
    accept: 'application/json, application/problem+json',
    'accept-language': 'da',
  });
  // The page must answer, or the figures mean nothing.
  const probe = spread[0]!;
  const res = await fetch(`${real}/api/citizens/${probe.id}/overview`, {
    headers: webHeaders(probe.m),
  });
  if (res.status !== 200)
    throw new Error(`real server answered ${res.status}: ${await res.text()}`);
  const twinRes = await fetch(`${twin}/baseline/citizens/${probe.id}/page?m=${probe.m}`);
  if (twinRes.status !== 200) throw new Error(`twin answered ${twinRes.status}`);

  const runs: Record<string, { twin: Figures; real: Figures; oneRowBaseline: Figures }> = {};
  let realAnswered = 0;
  for (const [name, citizens] of [
    ['spread', spread],
    ['oneMunicipality', one],
  ] as const) {
    const real1 = () => {
      const c = pick(citizens);
      return { path: `/api/citizens/${c.id}/overview`, headers: webHeaders(c.m) };
    };
    const twinPage = () => {
      const c = pick(citizens);
      return { path: `/baseline/citizens/${c.id}/page?m=${c.m}` };
    };
    const oneRow = () => {
      const c = pick(citizens);
      return { path: `/baseline/citizens/${c.id}?m=${c.m}` };
    };
    const twinFigures = await bench.measure(`${name} twin (same page SQL)`, twin, twinPage);
    const realFigures = await bench.measure(`${name} real (web app's request)`, real, real1);
    const floorFigures = await bench.measure(`${name} one-row baseline (floor)`, twin, oneRow);
    realAnswered += realFigures.answered;
    runs[name] = { twin: twinFigures, real: realFigures, oneRowBaseline: floorFigures };
  }

  const sealer = { ...(await bench.sealerLag(startId)), answeredRequests: realAnswered };
  bench.stopChildren();
  const verify = await bench.verifySince(startId);

  const r = (k: 'spread' | 'oneMunicipality') => ({
    ...runs[k]!,
    ratio: ratio(runs[k]!.real.reqPerSec, runs[k]!.twin.reqPerSec),
    p99Ratio: ratio(runs[k]!.real.p99Ms, runs[k]!.twin.p99Ms),
    floorRatio: ratio(runs[k]!.real.reqPerSec, runs[k]!.oneRowBaseline.reqPerSec),
  });
  const spreadR = r('spread');
  const oneR = r('oneMunicipality');
  const oneVsSpread = ratio(oneR.real.reqPerSec, spreadR.real.reqPerSec);
  const targets = {
    'real/twin req/s >= 0.9 (spread)': spreadR.ratio >= 0.9,
    'real/twin req/s >= 0.9 (one municipality)': oneR.ratio >= 0.9,
    'real p99 <= 1.5x twin (spread)': spreadR.p99Ratio <= 1.5,
    'real p99 <= 1.5x twin (one municipality)': oneR.p99Ratio <= 1.5,
    'one municipality >= 0.9x spread (real)': oneVsSpread >= 0.9,
    'audit insert → sealed p99 < 1 s': sealer.lagP99Ms < 1000,
    'one audit row per answered request': sealer.auditRows >= sealer.answeredRequests,
    'audit chain verifies (seals of the run)': verify.ok,
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
    `ratios: spread real/twin req/s ${spreadR.ratio}, p99 ${spreadR.p99Ratio}; one municipality ${oneR.ratio}, p99 ${oneR.p99Ratio}; one/spread ${oneVsSpread}; floor (real/one-row) ${spreadR.floorRatio} spread, ${oneR.floorRatio} one`,
  );
  console.log(
    `sealer: ${sealer.auditRows} audit rows for ${sealer.answeredRequests} answered requests; insert → sealed p50 ${sealer.lagP50Ms} ms, p99 ${sealer.lagP99Ms} ms, max ${sealer.lagMaxMs} ms`,
  );
  console.log(
    `audit chain: ${verify.ok ? 'verifies' : `BROKEN at ${JSON.stringify(verify.firstBroken)}`} (${verify.checked} seals of the run, ${verify.municipalities} municipalities)`,
  );
  for (const [t, ok] of Object.entries(targets)) console.log(`  ${ok ? 'met   ' : 'MISSED'} ${t}`);

  bench.write('page', {
    benchmark: 'page',
    at: new Date().toISOString(),
    machine: bench.machine(),
    postgres,
    request: {
      real: 'GET /api/citizens/:id/overview (session cookie, accept, accept-language: da)',
      twin: 'GET /baseline/citizens/:id/page → select helhed_citizen_overview_page(m, id, true, null, true, true)',
      floor:
        'GET /baseline/citizens/:id → select citizen row + insert audit-shaped row (bench:hotpath)',
    },
    settings: {
      connections: Number(process.env.BENCH_CONNECTIONS ?? 32),
      warmupSeconds: Number(process.env.BENCH_WARMUP ?? 5),
      durationSeconds: Number(process.env.BENCH_DURATION ?? 15),
      oneMunicipality: ONE_MUNICIPALITY,
    },
    spread: spreadR,
    oneMunicipality: oneR,
    oneVsSpread,
    sealerLagP99Ms: sealer.lagP99Ms,
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
