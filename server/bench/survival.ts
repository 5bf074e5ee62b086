/**
 * npm run bench:survival — Kaplan–Meier on a cohort of 50,000 from the national data set,
 * Helhed's own estimator (stats/survival.ts, the one the course evaluation draws its curves
 * with, equal to R's survfit in its tests) side by side with DuckDB on the same rows (issue 20;
 * target: Helhed within 2× of DuckDB).
 *
 * The cohort: BENCH_COHORT (50,000) benefit periods of the national seed in DATABASE_URL, read
 * once from PostgreSQL: the follow-up in days from the period's start to its end (or today,
 * censored) and whether it ended in self-sufficiency (job, education, declared fit), as the
 * course evaluation's effect cohort defines them (evaluation.repo.ts, effectCohort). Both sides
 * get exactly these rows: Helhed as the observations effectFor makes (time in weeks, days / 7),
 * DuckDB in an in-memory table loaded once with its appender.
 *
 * Helhed: rows → observations → kaplanMeier (steps with survival, Greenwood variance and the
 * log(−log) 95 % interval). DuckDB: one SQL statement computing the same steps (group by time,
 * at risk by a running sum, survival as a running product, Greenwood's sum, the interval) read
 * back into JavaScript. The bench asserts both curves are equal: the same times, at-risk,
 * events and censored, and survival, variance and interval to 1e-9. Then BENCH_RUNS (50) timed
 * runs of each after 5 unmeasured: median and p95, and the ratio Helhed / DuckDB (target ≤ 2).
 * DuckDB's load of the rows is timed apart (a DuckDB user would have the rows in DuckDB).
 * Writes bench/results/survival-<timestamp>.json. DuckDB is a devDependency used only here.
 * Environment: DATABASE_URL, BENCH_COHORT (50000), BENCH_RUNS (50), BENCH_NOTE.
 */
import os from 'node:os';
import { DuckDBInstance } from '@duckdb/node-api';
import { sql } from 'kysely';
import {
  type KmCurve,
  type KmStep,
  kaplanMeier,
  Z975,
} from '../src/modules/evaluation/stats/survival.js';
import { percentile } from './common.js';
import { Bench, ratio } from './harness.js';

const COHORT = Number(process.env.BENCH_COHORT ?? 50_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 50);
const WARM = 5;
const TARGET = 2;
const EXACT = 1e-9;

interface Row {
  days: number;
  event: boolean;
}

/** Helhed's code path from the cohort's rows to the curve (effectFor's toObs, then KM). */
function helhed(rows: readonly Row[]): KmCurve {
  return kaplanMeier(rows.map((r) => ({ time: Math.max(0, r.days) / 7, event: r.event })));
}

/** The same estimator in one DuckDB statement: steps in time order, as KmStep. */
const DUCKDB_KM = `
  with total as (select count(*)::bigint as n from cohort),
  t as (
    select greatest(days, 0)::double / 7::double as time,
      count(*) filter (where event)::bigint as d,
      count(*) filter (where not event)::bigint as c
    from cohort group by 1
  ),
  s as (
    select time, d, c,
      (select n from total) - coalesce(sum(d + c) over (order by time
        rows between unbounded preceding and 1 preceding), 0)::bigint as n
    from t
  ),
  k as (
    select time, n, d, c,
      product(1 - d::double / n::double) over w as survival,
      sum(case when d = 0 then 0::double when d = n then 'infinity'::double
        else d::double / (n::double * (n - d)::double) end) over w as gw
    from s
    window w as (order by time rows between unbounded preceding and current row)
  )
  select time, n, d, c, survival,
    case when survival = 0 then 0::double else survival * survival * gw end as variance,
    case when survival <= 0 then 0::double when survival >= 1 then 1::double
      when isinf(gw) then 0::double
      else power(survival, exp(${Z975} * sqrt(gw) / abs(ln(survival)))) end as lower,
    case when survival <= 0 then 0::double when survival >= 1 then 1::double
      when isinf(gw) then survival
      else power(survival, exp(-${Z975} * sqrt(gw) / abs(ln(survival)))) end as upper
  from k order by time`;

function duckSteps(rows: unknown[][]): KmStep[] {
  return rows.map((r) => ({
    time: Number(r[0]),
    atRisk: Number(r[1]),
    events: Number(r[2]),
    censored: Number(r[3]),
    survival: Number(r[4]),
    variance: Number(r[5]),
    lower: Number(r[6]),
    upper: Number(r[7]),
  }));
}

/** Throws at the first difference: exact for times and counts, 1e-9 for the rest. */
function assertEqual(a: KmStep[], b: KmStep[]) {
  if (a.length !== b.length)
    throw new Error(`steps differ: Helhed ${a.length}, DuckDB ${b.length}`);
  let maxDiff = 0;
  a.forEach((x, i) => {
    const y = b[i]!;
    for (const k of ['time', 'atRisk', 'events', 'censored'] as const)
      if (x[k] !== y[k]) throw new Error(`step ${i}: ${k} ${x[k]} (Helhed) ≠ ${y[k]} (DuckDB)`);
    for (const k of ['survival', 'variance', 'lower', 'upper'] as const) {
      const d = Math.abs(x[k] - y[k]);
      if (!(d <= EXACT))
        throw new Error(`step ${i} (time ${x.time}): ${k} ${x[k]} (Helhed) ≠ ${y[k]} (DuckDB)`);
      maxDiff = Math.max(maxDiff, d);
    }
  });
  return maxDiff;
}

async function timed(fn: () => unknown | Promise<unknown>) {
  for (let i = 0; i < WARM; i++) await fn();
  const xs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await fn();
    xs.push(performance.now() - t0);
  }
  xs.sort((a, b) => a - b);
  const r = (n: number) => Math.round(n * 100) / 100;
  return { runs: RUNS, medianMs: r(percentile(xs, 50)), p95Ms: r(percentile(xs, 95)) };
}

const bench = new Bench('bench:survival');

async function main() {
  const postgres = await bench.check();
  const t0 = performance.now();
  // The same rows for both: one read, ordered so a rerun takes the same cohort.
  const { rows: raw } = await sql<{ days: number; event: boolean }>`
    select (case when end_date is not null and end_date <= current_date then end_date
        else current_date end - start_date) as days,
      (end_date is not null and end_date <= current_date
        and end_reason in ('job', 'education', 'declared_fit')) as event
    from benefit_period order by md5(municipality_code || id::text) limit ${COHORT}`.execute(
    bench.database.db,
  );
  const rows: Row[] = raw.map((r) => ({ days: Number(r.days), event: !!r.event }));
  if (rows.length < COHORT)
    throw new Error(
      `${bench.url} has ${rows.length} benefit periods: run npm run seed:national first`,
    );
  const exportMs = Math.round(performance.now() - t0);
  const events = rows.filter((r) => r.event).length;
  console.log(
    `cohort of ${rows.length.toLocaleString('da-DK')} benefit periods (${events.toLocaleString('da-DK')} events), read from PostgreSQL in ${exportMs} ms`,
  );

  const instance = await DuckDBInstance.create(':memory:');
  const duck = await instance.connect();
  const [duckVersion, duckThreads] = (
    await duck.runAndReadAll("select version(), current_setting('threads')::int")
  ).getRows()[0]!;
  const load = async () => {
    await duck.run(
      'create or replace table cohort (days integer not null, event boolean not null)',
    );
    const appender = await duck.createAppender('cohort');
    for (const r of rows) {
      appender.appendInteger(r.days);
      appender.appendBoolean(r.event);
      appender.endRow();
    }
    appender.closeSync();
  };
  const loadStart = performance.now();
  await load();
  const loadMs = Math.round((performance.now() - loadStart) * 100) / 100;
  const duckdb = async () => duckSteps((await duck.runAndReadAll(DUCKDB_KM)).getRows());

  // Equal curves first, or the times compare different work.
  const ours = helhed(rows);
  const theirs = await duckdb();
  const maxDiff = assertEqual(ours.steps, theirs);
  console.log(
    `curves equal: ${ours.steps.length} steps (distinct times), the same times, at risk, events and censored; survival, variance and interval within ${EXACT} (largest difference ${maxDiff.toExponential(2)}); median survival ${ours.steps.find((s) => s.survival <= 0.5)?.time ?? 'not reached'} weeks`,
  );

  const loadBefore = Math.round(os.loadavg()[0]! * 10) / 10;
  const helhedTimes = await timed(() => helhed(rows));
  const duckTimes = await timed(duckdb);
  const loadAndQuery = await timed(async () => {
    await load();
    await duckdb();
  });
  const r = ratio(helhedTimes.medianMs, duckTimes.medianMs);
  console.log(
    `  Helhed kaplanMeier        median ${helhedTimes.medianMs} ms  p95 ${helhedTimes.p95Ms} ms`,
  );
  console.log(
    `  DuckDB (rows in DuckDB)   median ${duckTimes.medianMs} ms  p95 ${duckTimes.p95Ms} ms  (DuckDB ${duckVersion}, ${duckThreads} threads)`,
  );
  console.log(
    `  DuckDB load + query       median ${loadAndQuery.medianMs} ms  p95 ${loadAndQuery.p95Ms} ms  (first load ${loadMs} ms)`,
  );
  console.log(
    `ratio Helhed / DuckDB (median) ${r} (target ≤ ${TARGET}: ${r <= TARGET ? 'met' : 'MISSED'}); p95 ratio ${ratio(helhedTimes.p95Ms, duckTimes.p95Ms)}; load average ${loadBefore}`,
  );
  duck.closeSync();
  instance.closeSync();

  bench.write('survival', {
    benchmark: 'survival',
    at: new Date().toISOString(),
    machine: bench.machine(),
    postgres,
    cohort: {
      rows: rows.length,
      events,
      source:
        'benefit_period of the national seed, order by md5(municipality_code || id) limit N: days from start to end (or today), event = ended with job, education or declared fit',
      exportMs,
    },
    duckdb: { version: String(duckVersion), threads: Number(duckThreads), firstLoadMs: loadMs },
    equal: { steps: ours.steps.length, tolerance: EXACT, largestDifference: maxDiff },
    helhed: {
      description:
        'rows → observations (days / 7) → kaplanMeier (stats/survival.ts): steps, survival, Greenwood variance, log(−log) 95 % interval',
      ...helhedTimes,
    },
    duckdbQuery: {
      description:
        'one SQL statement over the rows in an in-memory DuckDB table, the same steps read back into JavaScript',
      ...duckTimes,
    },
    duckdbLoadAndQuery: loadAndQuery,
    ratio: r,
    p95Ratio: ratio(helhedTimes.p95Ms, duckTimes.p95Ms),
    target: `Helhed / DuckDB <= ${TARGET}`,
    met: r <= TARGET,
  });
}

try {
  await main();
} finally {
  await bench.close();
}
