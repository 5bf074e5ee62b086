/**
 * npm run bench:evaluation — the evaluation queries on synthetic data for 50,000 citizens in one
 * municipality (Rødovre, 175) on the PostgreSQL server in DATABASE_URL, in its own database.
 *
 * Measures, per operation, p50/p95 over N runs of the full service call (tenant transaction,
 * RLS, suppression, audit row) and of a bare baseline: the same SQL as the table owner, without
 * tenant setting, RLS, suppression or audit. Prints target (p95 < 200 ms), figure, baseline and
 * ratio, and writes bench/results/evaluation.json.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import pg from 'pg';
import { loadConfig } from '../src/config.js';
import { openPostgres } from '../src/db/database.js';
import { migrate } from '../src/db/migrate.js';
import { seedDemo } from '../src/db/seed/demo.js';
import * as repo from '../src/modules/evaluation/evaluation.repo.js';
import * as service from '../src/modules/evaluation/evaluation.service.js';
import '../src/modules/evaluation/evaluation.policy.js';
import type { AuthedContext } from '../src/platform/context.js';
import { benchDatabaseUrl } from './database-url.js';

const BASE = benchDatabaseUrl('bench:evaluation', 'server');
const DB = 'helhed_bench_evaluation';
const CITIZENS = 50_000;
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const TARGET_MS = 200;
const M = '175';

const withDb = (url: string, name: string) => {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
};

async function time<T>(fn: () => Promise<T>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

function pct(xs: number[], p: number) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}

async function measure(fn: () => Promise<unknown>) {
  for (let i = 0; i < 3; i++) await fn();
  const xs: number[] = [];
  for (let i = 0; i < RUNS; i++) xs.push(await time(fn));
  return { p50: +pct(xs, 50).toFixed(1), p95: +pct(xs, 95).toFixed(1), runs: RUNS };
}

async function main() {
  const started = Date.now();
  const admin = new pg.Client({ connectionString: BASE });
  await admin.connect();
  await admin.query(`drop database if exists ${DB} with (force)`);
  await admin.query(`create database ${DB}`);
  await admin.end();
  const url = withDb(BASE, DB);
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    SEED_DEMO: 'true',
    DATABASE_URL: url,
  });
  const database = openPostgres(url, 4);
  try {
    await migrate(database);
    await seedDemo(database, config);
    const db = database.db;
    console.log('generating synthetic data…');
    await sql`insert into citizen (municipality_code, cpr_hash, cpr_encrypted, birth_date, gender, first_name, last_name)
      select ${M}, decode(md5('bench-h' || i), 'hex'), decode(md5('bench-e' || i), 'hex'),
        date '1962-01-01' + (i * 37 % 14000), case when i % 2 = 0 then 'female' else 'male' end, 'Bench', 'Borger' || i
      from generate_series(1, ${CITIZENS}) i`.execute(db);
    await sql`create temp table bc as select id, row_number() over (order by id) as n from citizen
      where municipality_code = ${M} and first_name = 'Bench'`.execute(db);
    await sql`insert into benefit_period (municipality_code, citizen_id, benefit_type, start_date, end_date, end_reason, source)
      select ${M}, id, (array['sygedagpenge','kontanthjaelp_aktivitetsparat','kontanthjaelp_jobparat','dagpenge'])[1 + (n % 4)],
        current_date - (120 + (n * 13) % 700)::int,
        case when n % 3 = 0 or (120 + (n * 13) % 700) - (14 + (n * 7) % 600) < 0 then null
          else current_date - (120 + (n * 13) % 700)::int + (14 + (n * 7) % 600)::int end,
        case when n % 3 = 0 or (120 + (n * 13) % 700) - (14 + (n * 7) % 600) < 0 then null
          else (array['job','education','declared_fit','moved','other'])[1 + (n % 5)] end, 'synthetic'
      from bc`.execute(db);
    const { rows: orgs } = await sql<{
      id: string;
      type: string;
    }>`select id, type from organisation where municipality_code = ${M}`.execute(db);
    const health = orgs.find((o) => o.type === 'sundhedscenter')!.id;
    const provider = orgs.find((o) => o.type === 'provider')!.id;
    const jobcenter = orgs.find((o) => o.type === 'jobcenter')!.id;
    const { rows: users } = await sql<{
      id: string;
    }>`select id from app_user where username = 'roedovre.sagsbehandler'`.execute(db);
    await sql`insert into offer (municipality_code, provider_organisation_id, title, referral_type, format, status, themes)
      select ${M}, case when g % 2 = 0 then ${health}::uuid else ${provider}::uuid end, 'Benchtilbud ' || g, 'referred', 'group', 'published',
        array[(array['diet','exercise','mental_health','alcohol'])[1 + g % 4]]
      from generate_series(1, 20) g`.execute(db);
    await sql`insert into course (municipality_code, offer_id, title, start_date, weeks, capacity, status)
      select ${M}, o.id, o.title || ' hold ' || k, current_date - (60 + k * 60), 8, 60, 'completed'
      from offer o, generate_series(1, 10) k where o.municipality_code = ${M} and o.title like 'Benchtilbud%'`.execute(
      db,
    );
    await sql`create temp table bk as select id, offer_id, start_date, row_number() over (order by id) - 1 as k from course
      where municipality_code = ${M} and title like 'Benchtilbud%'`.execute(db);
    await sql`insert into course_session (municipality_code, course_id, starts_at, ends_at)
      select ${M}, bk.id, (bk.start_date + s * 3.5 * interval '1 day'), (bk.start_date + s * 3.5 * interval '1 day' + interval '2 hours')
      from bk, generate_series(0, 15) s`.execute(db);
    await sql`insert into referral (municipality_code, citizen_id, offer_id, from_organisation_id, to_organisation_id, created_by, reason, participation, state, course_id, created_at)
      select ${M}, bc.id, bk.offer_id, ${jobcenter}, ${health}, ${users[0]!.id}, 'bench', 'voluntary',
        case when bc.n <= 10000 then (case when bc.n % 6 = 0 then 'dropped_out' else 'completed' end)
             else (array['sent','received','accepted','waitlisted','rejected','cancelled'])[1 + bc.n % 6] end,
        case when bc.n <= 10000 then bk.id else null end, bk.start_date - 30
      from bc join bk on bk.k = bc.n % 200 where bc.n <= 15000`.execute(db);
    await sql`insert into referral_event (municipality_code, referral_id, from_state, to_state, occurred_at)
      select ${M}, r.id, 'draft', 'sent', r.created_at from referral r where r.municipality_code = ${M} and r.reason = 'bench'`.execute(
      db,
    );
    await sql`insert into enrolment (municipality_code, course_id, citizen_id, referral_id, status)
      select ${M}, r.course_id, r.citizen_id, r.id, r.state from referral r
      where r.municipality_code = ${M} and r.reason = 'bench' and r.course_id is not null`.execute(
      db,
    );
    await sql`insert into attendance (municipality_code, session_id, enrolment_id, status)
      select ${M}, s.id, e.id, (array['present','present','present','present','present','absent_notice','sick','absent_no_notice'])[1 + (abs(hashtext(e.id::text || s.id::text)) % 8)]
      from enrolment e join course_session s on s.municipality_code = e.municipality_code and s.course_id = e.course_id
      join bk on bk.id = e.course_id`.execute(db);
    await sql`insert into course_outcome (municipality_code, enrolment_id, citizen_id, course_id, declared_fit, next_step, satisfaction)
      select ${M}, e.id, e.citizen_id, e.course_id, abs(hashtext(e.id::text)) % 2 = 0,
        case when abs(hashtext(e.id::text)) % 2 = 0 then null else (array['resource_clarification','job_ready','treatment','follow_on_course'])[1 + abs(hashtext(e.citizen_id::text)) % 4] end,
        1 + abs(hashtext(e.citizen_id::text)) % 5
      from enrolment e join bk on bk.id = e.course_id where e.status = 'completed'`.execute(db);
    // Risk groups decided by caseworkers (#5) for every third citizen, some re-assessed.
    await sql`insert into risk_decision (municipality_code, citizen_id, suggested_group, fired_rules,
        decided_group, overridden, decided_by, decided_at)
      select ${M}, bc.id, g.grp, '[]', g.grp, false, ${users[0]!.id}, now() - ((bc.n * 11 + r * 90) % 700) * interval '1 day'
      from bc, generate_series(0, 1) r,
        lateral (select (array['green','green','orange','red'])[1 + (bc.n + r) % 4] as grp) g
      where bc.n % 3 = 0 and (r = 0 or bc.n % 2 = 0)`.execute(db);
    // As autovacuum would after a bulk load: statistics and the visibility map for index-only scans.
    await sql`vacuum analyze`.execute(db);
    const counts = await sql<{
      citizens: number;
      periods: number;
      enrolments: number;
      attendance: number;
      referrals: number;
      riskDecisions: number;
    }>`
      select (select count(*)::int from citizen where municipality_code = ${M}) as citizens,
        (select count(*)::int from benefit_period where municipality_code = ${M}) as periods,
        (select count(*)::int from enrolment where municipality_code = ${M}) as enrolments,
        (select count(*)::int from attendance where municipality_code = ${M}) as attendance,
        (select count(*)::int from referral where municipality_code = ${M}) as referrals,
        (select count(*)::int from risk_decision where municipality_code = ${M}) as "riskDecisions"`.execute(
      db,
    );
    console.log('data:', counts.rows[0]);

    const { rows: leder } = await sql<{
      id: string;
    }>`select id from app_user where username = 'roedovre.leder'`.execute(db);
    const ctx: AuthedContext = {
      database,
      config,
      requestId: 'bench',
      ip: '127.0.0.1',
      actor: {
        userId: leder[0]!.id,
        kind: 'staff',
        displayName: 'Bench',
        municipalityCode: M,
        municipalityName: 'Rødovre',
        citizenId: null,
        grants: [
          {
            role: 'manager',
            organisationId: jobcenter,
            organisationName: null,
            organisationType: 'jobcenter',
          },
        ],
        sessionTokenHash: '',
        csrfToken: '',
      },
    };
    const { rows: mid } = await sql<{ id: string }>`select id from bk where k = 150`.execute(db);
    const courseId = mid[0]!.id;
    const offerId = (
      await sql<{ offer_id: string }>`select offer_id from bk where k = 150`.execute(db)
    ).rows[0]!.offer_id;
    const filters = {
      from: new Date(Date.now() - 730 * 864e5).toISOString().slice(0, 10),
      to: new Date().toISOString().slice(0, 10),
    };

    const bareDashboard = async () => {
      const f = filters;
      await repo.referralsByOfferAndState(db as never, M, f);
      await repo.attendanceByOffer(db as never, M, f);
      await repo.enrolmentsByOffer(db as never, M, f);
      await repo.outcomesByOffer(db as never, M, f);
      await repo.riskGroups(db as never, M, f);
      await repo.waitingTimes(db as never, M, f);
      await repo.catalogueGaps(db as never, M);
      await repo.filterOptions(db as never, M);
    };
    const bareEffect = async () => {
      const course = (await repo.getCourse(db as never, M, courseId))!;
      await repo.effectCohort(db as never, course);
    };

    const results = {
      dashboard: await measure(() => service.dashboard(ctx, {})),
      dashboardBaseline: await measure(bareDashboard),
      dashboardFiltered: await measure(() =>
        service.dashboard(ctx, { offerId, ageBand: '40-49', benefitType: 'dagpenge' }),
      ),
      courseEvaluationWithEffect: await measure(() => service.courseEvaluation(ctx, courseId)),
      effectBaseline: await measure(bareEffect),
    };
    const e = await service.courseEvaluation(ctx, courseId);
    const summary = {
      machine: '2 cores shared; PostgreSQL on loopback',
      database: DB,
      data: counts.rows[0],
      targetP95Ms: TARGET_MS,
      results,
      ratios: {
        dashboardVsBaselineP95: +(results.dashboard.p95 / results.dashboardBaseline.p95).toFixed(2),
        effectVsBaselineP95: +(
          results.courseEvaluationWithEffect.p95 / results.effectBaseline.p95
        ).toFixed(2),
        dashboardP95VsTarget: +(results.dashboard.p95 / TARGET_MS).toFixed(2),
        effectP95VsTarget: +(results.courseEvaluationWithEffect.p95 / TARGET_MS).toFixed(2),
      },
      effectGroups: e.effect.groups.map((g) => ({ group: g.group, n: g.n })),
      measuredAt: new Date().toISOString(),
      seconds: Math.round((Date.now() - started) / 1000),
    };
    for (const [name, r] of Object.entries(results))
      console.log(
        `${name.padEnd(28)} p50 ${String(r.p50).padStart(7)} ms  p95 ${String(r.p95).padStart(7)} ms`,
      );
    console.log(
      `target p95 < ${TARGET_MS} ms; ratios:`,
      summary.ratios,
      'effect groups:',
      summary.effectGroups,
    );
    const out = path.join(
      path.dirname(fileURLToPath(import.meta.url)),
      '../../bench/results/evaluation.json',
    );
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, `${JSON.stringify(summary, null, 2)}\n`);
    console.log(`written ${out}`);
  } finally {
    await database.close();
    if (!process.env.BENCH_KEEP) {
      const a = new pg.Client({ connectionString: BASE });
      await a.connect();
      await a.query(`drop database if exists ${DB} with (force)`);
      await a.end();
    }
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
