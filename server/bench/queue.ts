/**
 * npm run bench:queue — p95 of the screening-queue query (the first page, as the page asks for
 * it, with its total count and audit rows) for a municipality with 50,000 citizens on PostgreSQL.
 * Data: 50,000 Rebild citizens, each with a sygedagpenge period started within the last two years
 * (details at the inserts below).
 * Also timed: the bare SELECT alone, as the baseline. Target: p95 < 100 ms.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import * as repo from '../src/modules/screening/screening.repo.js';
import { getQueue } from '../src/modules/screening/screening.service.js';
import { tenantTx } from '../src/platform/context.js';
import { danishToday } from '../src/platform/dates.js';
import { freshDatabase, percentile } from './common.js';

const CITIZENS = Number(process.env.BENCH_CITIZENS ?? 50_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 200);
const { database, config } = await freshDatabase('bench:queue', 'helhed_bench_queue');
const db = database.db;
console.log(`bench:queue — ${CITIZENS} citizens in Rebild, ${RUNS} runs, PostgreSQL on loopback`);
await sql`insert into citizen (municipality_code, cpr_hash, cpr_encrypted, birth_date, gender, first_name, last_name)
  select '840', sha256(('bench' || i)::bytea), '\\x00'::bytea, date '1970-01-01' + (i % 12000),
    case when i % 2 = 0 then 'female' else 'male' end, 'Fornavn' || i, 'Efternavn' || i
  from generate_series(1, ${CITIZENS}) i`.execute(db);
// Each citizen has had one sick-leave period within the last two years. Most sick leave ends
// within weeks: periods older than 90 days are ended, except every 20th (long-term sick leave).
// Of the open periods whose screening week has passed, 90% are screened, so the queue holds the
// due ones, the overdue backlog and the long-term unscreened.
await sql`insert into benefit_period (municipality_code, citizen_id, benefit_type, start_date, end_date, end_reason, source)
  select '840', c.id, 'sygedagpenge', current_date - (n % 730),
    case when n % 730 > 90 and n % 20 <> 0 then current_date - (n % 730) + 30 + (n % 60) end,
    case when n % 730 > 90 and n % 20 <> 0 then 'declared_fit' end, 'synthetic'
  from (select id, (row_number() over (order by id))::int as n from citizen
        where municipality_code = '840' and first_name like 'Fornavn%') c
  on conflict do nothing`.execute(db);
await sql`insert into screening (municipality_code, citizen_id, benefit_period_id, week_number, due_date, status, overall_recommendation, completed_at)
  select p.municipality_code, p.citizen_id, p.id, 5, p.start_date + 34, 'screened', 'no_action', now()
  from benefit_period p where p.municipality_code = '840' and p.end_date is null
    and p.start_date < current_date - 35 and ('x' || substr(p.id::text, 1, 2))::bit(8)::int % 10 <> 0`.execute(
  db,
);
await sql`analyze`.execute(db);

const { rows: users } = await sql<{
  id: string;
}>`select id from app_user where username = 'rebild.sagsbehandler'`.execute(db);
const { rows: grants } = await sql<{
  organisation_id: string;
}>`select organisation_id from user_role where user_id = ${users[0]!.id}`.execute(db);
const ctx = {
  database,
  config,
  requestId: 'bench',
  ip: null,
  actor: {
    userId: users[0]!.id,
    kind: 'staff' as const,
    displayName: 'Bench',
    municipalityCode: '840',
    municipalityName: 'Rebild',
    citizenId: null,
    grants: [
      {
        role: 'caseworker' as const,
        organisationId: grants[0]!.organisation_id,
        organisationName: null,
        organisationType: 'jobcenter',
      },
    ],
    sessionTokenHash: '',
    csrfToken: '',
  },
};

async function time(fn: () => Promise<unknown>) {
  const samples: number[] = [];
  for (let i = 0; i < 10; i++) await fn();
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  return samples.sort((a, b) => a - b);
}

const today = danishToday();
const bare = await time(() =>
  tenantTx({ database }, '840', (tx) =>
    repo.queue(tx, { municipalityCode: '840', today, limit: 50, offset: 0 }),
  ),
);
const full = await time(() => getQueue(ctx, { limit: 50 }));
const first = await getQueue(ctx, { limit: 50 });
const result = {
  benchmark: 'screening-queue',
  citizens: CITIZENS,
  queueTotal: first.total,
  runs: RUNS,
  querySelectOnly: {
    p50: Number(percentile(bare, 50).toFixed(1)),
    p95: Number(percentile(bare, 95).toFixed(1)),
  },
  serviceWithAudit: {
    p50: Number(percentile(full, 50).toFixed(1)),
    p95: Number(percentile(full, 95).toFixed(1)),
  },
  targetP95Ms: 100,
  at: new Date().toISOString(),
};
console.log(`queue holds ${first.total} periods (first page 50)`);
console.log(
  `query alone          p50 ${result.querySelectOnly.p50} ms  p95 ${result.querySelectOnly.p95} ms`,
);
console.log(
  `service (+ audit)    p50 ${result.serviceWithAudit.p50} ms  p95 ${result.serviceWithAudit.p95} ms  (target p95 < 100 ms)`,
);
const out = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'bench',
  'results',
  'queue.json',
);
fs.writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
console.log(`written to ${path.relative(process.cwd(), out)}`);
await database.close();
process.exit(0);
