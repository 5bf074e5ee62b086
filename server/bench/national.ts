/**
 * npm run bench:national — the manager's evaluation pages on the national data set
 * (1,000,000 citizens, 98 municipalities), through the real server with real manager sessions
 * (issue 20; target p95 < 200 ms). bench:evaluation measures the same service calls in-process
 * on 50,000 synthetic citizens of one municipality; this bench measures the web app's requests
 * over HTTP on the national seed in DATABASE_URL (npm run seed:national first).
 *
 * The requests are the ones web/src makes, with the headers web/src/api/client.ts sends
 * (session cookie, accept, accept-language; a GET carries no CSRF token):
 *   - the dashboard page (/evaluering, EvaluationPage): GET /api/evaluation/courses and
 *     GET /api/evaluation/dashboard at once (two react-query hooks); the page is ready when both
 *     have answered;
 *   - the dashboard after the filter form (offer, age band, benefit type, as `query()` builds it);
 *   - a course evaluation with its survival curves (/evaluering/hold/:id, CourseEvaluationPage):
 *     GET /api/evaluation/courses/:id, a course picked from the courses that have started.
 * There is no national view: every evaluation route shows one municipality's figures to its own
 * managers (tenant). So each is measured for København (101, the largest municipality, about
 * 110,000 citizens of the seed) and over all municipalities (each request by a random
 * municipality's manager: the national load, small and large municipalities alike).
 *
 * One request at a time (a manager reads a page; the machine has 2 cores), BENCH_WARM_REQUESTS
 * (5) unmeasured, then BENCH_REQUESTS (100) measured per page and scope: p50/p95/p99/max and the
 * ratio of p95 to the target. Checks that every page answered 200, that a course evaluation holds
 * survival curves for both groups and that the server audited every request. Writes
 * bench/results/national-<timestamp>.json.
 * Environment: DATABASE_URL, BENCH_REQUESTS (100), BENCH_WARM_REQUESTS (5), BENCH_NOTE.
 */
import { sql } from 'kysely';
import { percentile } from './common.js';
import { Bench, ONE_MUNICIPALITY, pick, ratio } from './harness.js';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 100);
const WARM = Number(process.env.BENCH_WARM_REQUESTS ?? 5);
const TARGET_MS = 200;
const bench = new Bench('bench:national');

interface Timed {
  ms: number;
  status: number;
}

interface Stats {
  requests: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  meanMs: number;
  non2xx: number;
  p95VsTarget: number;
}

function stats(xs: Timed[]): Stats {
  const ms = xs.map((x) => x.ms).sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 10) / 10;
  const p95 = percentile(ms, 95);
  return {
    requests: xs.length,
    p50Ms: round(percentile(ms, 50)),
    p95Ms: round(p95),
    p99Ms: round(percentile(ms, 99)),
    maxMs: round(ms[ms.length - 1]!),
    meanMs: round(ms.reduce((a, b) => a + b, 0) / ms.length),
    non2xx: xs.filter((x) => x.status < 200 || x.status > 299).length,
    p95VsTarget: ratio(p95, TARGET_MS),
  };
}

async function main() {
  const postgres = await bench.check();
  const sessions = await bench.sessions('manager');
  const { rows: sizes } = await sql<{ m: string; name: string; citizens: number }>`
    select m.code as m, m.name, count(c.id)::int as citizens
    from municipality m left join citizen c on c.municipality_code = m.code
    group by m.code, m.name order by m.code`.execute(bench.database.db);
  const municipalities = sizes.filter((s) => sessions.has(s.m)).map((s) => s.m);
  if (!sessions.has(ONE_MUNICIPALITY)) throw new Error(`no manager in ${ONE_MUNICIPALITY}`);
  // The courses a manager would open: started ones (a planned course has no follow-up yet).
  const { rows: courseRows } = await sql<{ m: string; id: string; offer: string }>`
    select municipality_code as m, id, offer_id as offer from course
    where start_date <= current_date order by municipality_code, id`.execute(bench.database.db);
  const courses = new Map<string, { id: string; offer: string }[]>();
  for (const c of courseRows) courses.set(c.m, [...(courses.get(c.m) ?? []), c]);
  const { rows: bt } = await sql<{ code: string }>`
    select distinct benefit_type as code from benefit_period
    where municipality_code = ${ONE_MUNICIPALITY} order by 1`.execute(bench.database.db);
  const benefitTypes = bt.map((b) => b.code);
  const ageBands = ['18-29', '30-39', '40-49', '50-59', '60+'];
  const cph = sizes.find((s) => s.m === ONE_MUNICIPALITY)!;
  console.log(
    `prepared ${[...sessions.values()].flat().length} manager sessions in ${municipalities.length} municipalities; ${courseRows.length} started courses (${courses.get(ONE_MUNICIPALITY)?.length ?? 0} in ${cph.name}, ${cph.citizens.toLocaleString('da-DK')} citizens)`,
  );

  const startId = await bench.maxAuditId();
  const { real } = await bench.startReal();
  const headers = (m: string) => ({
    cookie: `helhed_session=${pick(sessions.get(m)!).token}`,
    accept: 'application/json, application/problem+json',
    'accept-language': 'da',
  });
  let audited = 0;
  const get = async (m: string, path: string): Promise<Timed & { body: unknown }> => {
    const t0 = performance.now();
    const res = await fetch(`${real}${path}`, { headers: headers(m) });
    const body = await res.json();
    const ms = performance.now() - t0;
    if (res.status === 200) audited++;
    return { ms, status: res.status, body };
  };
  // The query string the filter form builds (web/src/api/evaluation.ts, query()).
  const filtered = (m: string) => {
    const p = new URLSearchParams();
    const offer = pick(courses.get(m) ?? [{ id: '', offer: '' }]).offer;
    if (offer) p.set('offerId', offer);
    p.set('ageBand', pick(ageBands));
    p.set('benefitType', pick(benefitTypes));
    return `/api/evaluation/dashboard?${p}`;
  };

  const pages = {
    dashboardPage: async (m: string): Promise<Timed> => {
      const t0 = performance.now();
      const [a, b] = await Promise.all([
        get(m, '/api/evaluation/courses'),
        get(m, '/api/evaluation/dashboard'),
      ]);
      return { ms: performance.now() - t0, status: a.status === 200 ? b.status : a.status };
    },
    dashboardFiltered: (m: string) => get(m, filtered(m)),
    courseEvaluation: (m: string) => get(m, `/api/evaluation/courses/${pick(courses.get(m)!).id}`),
  };

  // Every page must answer, and the course evaluation must hold survival curves for both
  // groups, or the figures mean nothing.
  for (const [name, page] of Object.entries(pages)) {
    const r = await page(ONE_MUNICIPALITY);
    if (r.status !== 200) throw new Error(`${name} answered ${r.status}`);
  }
  const probe = (await get(
    ONE_MUNICIPALITY,
    `/api/evaluation/courses/${courses.get(ONE_MUNICIPALITY)![0]!.id}`,
  )) as Timed & {
    body: {
      effect: {
        groups: { group: string; n: unknown; curve: { survival: number | null }[] }[];
        enough: boolean;
      };
    };
  };
  const curves = probe.body.effect.groups.map((g) => ({
    group: g.group,
    n: g.n,
    pointsShown: g.curve.filter((p) => p.survival !== null).length,
  }));
  if (!probe.body.effect.enough || curves.some((c) => c.pointsShown < 2))
    throw new Error(`course evaluation without survival curves: ${JSON.stringify(curves)}`);
  console.log(`probe course evaluation in ${cph.name}: curves ${JSON.stringify(curves)}`);

  const scopes = {
    copenhagen: () => ONE_MUNICIPALITY,
    allMunicipalities: () => pick(municipalities),
  };
  const results: Record<string, Record<string, Stats>> = {};
  for (const [scope, municipality] of Object.entries(scopes)) {
    results[scope] = {};
    for (const [name, page] of Object.entries(pages)) {
      for (let i = 0; i < WARM; i++) await page(municipality());
      const xs: Timed[] = [];
      for (let i = 0; i < REQUESTS; i++) xs.push(await page(municipality()));
      const s = stats(xs);
      results[scope][name] = s;
      console.log(
        `  ${scope.padEnd(18)} ${name.padEnd(18)} p50 ${String(s.p50Ms).padStart(7)} ms  p95 ${String(s.p95Ms).padStart(7)} ms  p99 ${String(s.p99Ms).padStart(7)} ms  max ${String(s.maxMs).padStart(7)} ms  non-2xx ${s.non2xx}  p95/target ${s.p95VsTarget}`,
      );
    }
  }

  // The server audits every evaluation read in the same transaction; the audit rows are
  // committed before the answer, so they are there now.
  const { rows: auditRows } = await sql<{ n: number }>`
    select count(*)::int as n from audit_event
    where id > ${startId} and resource_type = 'dashboard'`.execute(bench.database.db);
  const audit = { auditRows: Number(auditRows[0]!.n), answeredRequests: audited };
  bench.stopChildren();

  const targets: Record<string, boolean> = {};
  for (const [scope, byPage] of Object.entries(results))
    for (const [name, s] of Object.entries(byPage))
      targets[`${scope} ${name} p95 < ${TARGET_MS} ms`] = s.p95Ms < TARGET_MS;
  targets['every request answered 200'] = Object.values(results).every((p) =>
    Object.values(p).every((s) => s.non2xx === 0),
  );
  targets['one audit row per answered request'] = audit.auditRows >= audit.answeredRequests;

  console.log(
    `audit: ${audit.auditRows} evaluation audit rows for ${audit.answeredRequests} answered requests`,
  );
  for (const [t, ok] of Object.entries(targets)) console.log(`  ${ok ? 'met   ' : 'MISSED'} ${t}`);

  bench.write('national', {
    benchmark: 'national',
    at: new Date().toISOString(),
    machine: bench.machine(),
    postgres,
    requests: {
      dashboardPage:
        'GET /api/evaluation/courses + GET /api/evaluation/dashboard at once; time until both answered',
      dashboardFiltered:
        'GET /api/evaluation/dashboard?offerId=…&ageBand=…&benefitType=… (the filter form)',
      courseEvaluation:
        'GET /api/evaluation/courses/:id (criteria, satisfaction, effect with Kaplan–Meier curves and log-rank), a random started course',
      headers: 'session cookie, accept, accept-language: da (web/src/api/client.ts)',
    },
    settings: {
      requestsPerPage: REQUESTS,
      warmRequests: WARM,
      concurrency: 1,
      oneMunicipality: `${ONE_MUNICIPALITY} ${cph.name} (${cph.citizens} citizens, ${courses.get(ONE_MUNICIPALITY)?.length ?? 0} started courses)`,
      municipalities: municipalities.length,
    },
    probeCurves: curves,
    targetP95Ms: TARGET_MS,
    results,
    audit,
    targets,
  });
}

try {
  await main();
} finally {
  await bench.close();
}
