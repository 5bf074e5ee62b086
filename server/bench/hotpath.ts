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
import { verifyAuditChain } from '../src/platform/audit-chain.js';
import {
  Bench,
  CONNECTIONS,
  DURATION,
  type Figures,
  ONE_MUNICIPALITY,
  pick,
  ratio,
  WARMUP,
} from './harness.js';

const bench = new Bench('bench:hotpath');

async function main() {
  // Both servers run on the same database, so its settings favour neither; they are reported
  // because the spread run reads far more than shared_buffers holds at Debian's 128MB default.
  const pgSettings = await bench.check();

  // The baseline's audit-shaped table: the same columns, defaults and indexes, no RLS/trigger.
  await bench.baselineAuditTable();

  // Live sessions for every caseworker (the seed's sessions are all expired).
  const sessions = await bench.sessions('caseworker');
  const { spread, one } = await bench.citizens();
  console.log(
    `prepared ${[...sessions.values()].flat().length} caseworker sessions, ${spread.length} citizens over ${new Set(spread.map((c) => c.m)).size} municipalities, ${one.length} in ${ONE_MUNICIPALITY}`,
  );

  const startId = await bench.maxAuditId();
  const { real, twin: baseline } = await bench.startServers();
  const cookie = (m: string) => ({ cookie: `helhed_session=${pick(sessions.get(m)!).token}` });

  // One request of each by hand: the real one must answer the page, or the figures mean nothing.
  const probe = spread[0]!;
  const res = await fetch(`${real}/api/citizens/${probe.id}/overview`, {
    headers: cookie(probe.m),
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
      const request = () => {
        const c = pick(citizens);
        return {
          path:
            kind === 'real'
              ? `/api/citizens/${c.id}/overview`
              : `/baseline/citizens/${c.id}?m=${c.m}`,
          headers: cookie(c.m),
        };
      };
      const { answered, ...figures } = await bench.measure(`${name} ${kind}`, base, request);
      if (kind === 'real') realAnswered += answered;
      runs[name][kind] = figures;
    }
  }

  // The sealer: wait until every row of the run is sealed, then measure insert → sealed.
  const sealer = { ...(await bench.sealerLag(startId)), answeredRequests: realAnswered };
  bench.stopChildren();

  // The whole chain (verifyAuditChain, what npm run audit:verify does) takes minutes over the
  // national data set's millions of seals; by default the bench verifies every seal made
  // during the run and its link to the chain before it (BENCH_VERIFY=full for everything).
  const verifyStart = Date.now();
  const verify =
    process.env.BENCH_VERIFY === 'full'
      ? { scope: 'full', ...(await verifyAuditChain(bench.database)) }
      : { scope: 'seals made during the run', ...(await bench.verifySince(startId)) };
  const verifySeconds = Math.round((Date.now() - verifyStart) / 1000);

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

  bench.write('hotpath', {
    benchmark: 'hotpath',
    at: new Date().toISOString(),
    machine: bench.machine(),
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
  });
}

try {
  await main();
} finally {
  await bench.close();
}
