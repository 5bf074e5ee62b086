/**
 * npm run bench:search — catalogue search on PostgreSQL: 5,000 offers in 5 municipalities,
 * the service's full search (tenant transaction with RLS, Danish prefix tsquery, filters,
 * items + facet counts) against a bare baseline (the same item query by itself, no tenant
 * setting, no facets), sequentially from one client. Prints p50/p95 and the ratio; writes
 * bench/results/search.json. Target: p95 < 50 ms.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import pg from 'pg';
import { openPostgres } from '../src/db/database.js';
import { migrate } from '../src/db/migrate.js';
import '../src/modules/catalogue/catalogue.policy.js';
import { prefixQuery } from '../src/modules/catalogue/catalogue.repo.js';
import { searchOffers } from '../src/modules/catalogue/catalogue.service.js';
import type { AuthedContext } from '../src/platform/context.js';
import { benchDatabaseUrl } from './database-url.js';

const BASE = benchDatabaseUrl('bench:search', 'server');
const DB = 'helhed_bench_search';
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 400);
const municipalities = [
  ['840', 'Rebild'],
  ['461', 'Odense'],
  ['159', 'Gladsaxe'],
  ['860', 'Hjørring'],
  ['175', 'Rødovre'],
] as const;
const themes = ['kost', 'rygning', 'alkohol', 'motion', 'misbrug', 'psykisk_helbred'];
const words = [
  'motion',
  'træning',
  'styrke',
  'kondition',
  'rygestop',
  'røgfri',
  'kost',
  'madlavning',
  'sund',
  'mad',
  'alkohol',
  'samtaler',
  'stress',
  'angst',
  'depression',
  'mindfulness',
  'natur',
  'gåture',
  'smerter',
  'bassin',
  'varmtvand',
  'fællesskab',
  'hold',
  'individuelt',
  'fysioterapeut',
  'psykolog',
  'diætist',
  'rusmidler',
  'hash',
  'søvn',
  'trivsel',
  'bevægelse',
];
const pick = <T>(a: readonly T[], i: number) => a[i % a.length]!;

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function main() {
  const admin = new pg.Client({ connectionString: BASE });
  await admin.connect();
  await admin.query(`drop database if exists ${DB} with (force)`);
  await admin.query(`create database ${DB}`);
  await admin.end();
  const url = new URL(BASE);
  url.pathname = `/${DB}`;
  const database = openPostgres(url.toString(), 4);
  try {
    await migrate(database);
    const db = database.db;
    const orgs: Record<string, string[]> = {};
    for (const [code, name] of municipalities) {
      await sql`insert into municipality (code, name) values (${code}, ${name})`.execute(db);
      orgs[code] = [];
      for (const [i, type] of ['sundhedscenter', 'provider', 'provider'].entries()) {
        const { rows } = await sql<{
          id: string;
        }>`insert into organisation (municipality_code, name, type, address)
          values (${code}, ${`${name} udbyder ${i}`}, ${type}, ${`Vej ${i}, ${9000 + i} ${name}`}) returning id`.execute(
          db,
        );
        orgs[code]!.push(rows[0]!.id);
      }
    }
    let n = 0;
    for (const [code] of municipalities) {
      const values = [];
      for (let i = 0; i < 1000; i++, n++) {
        const t1 = pick(themes, n * 7 + i);
        const t2 = pick(themes, n * 3 + 1);
        const title = `${pick(words, n * 13)} og ${pick(words, n * 5 + 3)} ${i}`;
        const description = Array.from({ length: 25 }, (_, k) => pick(words, n * 11 + k * 7)).join(
          ' ',
        );
        values.push(
          sql`(${code}, ${pick(orgs[code]!, i)}, ${title}, ${description}, ${[...new Set([t1, t2])]}::text[],
            ${['ledige', i % 3 ? 'sygemeldte' : 'unge']}::text[], ${i % 2 ? 'open' : 'referred'}, ${i % 4 ? 'group' : 'individual'},
            ${i % 5 === 0 ? 'draft' : 'published'}, current_date + ${i % 120}::int, ${10 + (i % 10)})`,
        );
      }
      await sql`insert into offer (municipality_code, provider_organisation_id, title, description, themes,
          target_groups, referral_type, format, status, next_start, capacity)
        values ${sql.join(values)}`.execute(db);
    }
    await sql`analyze`.execute(db);

    const queries = [
      { q: 'motionere' },
      { q: 'ryg' },
      { q: 'stress angst' },
      { q: 'kost', themes: ['kost'], freePlaces: true },
      { themes: ['motion'], startsWithinWeeks: 4 },
      { q: 'træ', referralType: 'open' as const, sort: 'next_start' as const },
      {},
      { q: 'smerter', format: 'group' as const, offset: 20 },
    ];
    const ctxFor = (code: string): AuthedContext => ({
      database,
      config: {} as never,
      requestId: 'bench',
      ip: null,
      actor: {
        userId: '00000000-0000-0000-0000-000000000000',
        kind: 'staff',
        displayName: 'Bench',
        municipalityCode: code,
        municipalityName: code,
        citizenId: null,
        grants: [
          {
            role: 'caseworker',
            organisationId: null,
            organisationName: null,
            organisationType: null,
          },
        ],
        sessionTokenHash: '',
        csrfToken: '',
      },
    });
    const today = new Date().toISOString().slice(0, 10);

    async function time(fn: (i: number) => Promise<unknown>) {
      for (let i = 0; i < 40; i++) await fn(i);
      const ms: number[] = [];
      for (let i = 0; i < ITERATIONS; i++) {
        const t0 = performance.now();
        await fn(i);
        ms.push(performance.now() - t0);
      }
      ms.sort((a, b) => a - b);
      return { p50: percentile(ms, 50), p95: percentile(ms, 95), p99: percentile(ms, 99) };
    }

    let sample = 0;
    const full = await time(async (i) => {
      const [code] = pick(municipalities, i);
      const r = await searchOffers(ctxFor(code), { ...pick(queries, i), limit: 20 }, today);
      sample = r.total;
    });
    const bare = await time(async (i) => {
      const [code] = pick(municipalities, i);
      const q = pick(queries, i) as { q?: string };
      const tsq = prefixQuery(q.q);
      await sql`select o.id, o.title, ${tsq ? sql`ts_rank(o.search_vector, to_tsquery('danish', ${tsq}))` : sql`0`} as rank,
          count(*) over () as total
        from offer o
        where o.municipality_code = ${code} and o.status = 'published'
          ${tsq ? sql`and o.search_vector @@ to_tsquery('danish', ${tsq})` : sql``}
        order by rank desc, o.next_start limit 20`.execute(db);
    });
    const ratio = full.p95 / bare.p95;
    const result = {
      benchmark: 'catalogue search',
      when: new Date().toISOString(),
      database: 'PostgreSQL (127.0.0.1), one client, sequential',
      offers: 5000,
      municipalities: 5,
      iterations: ITERATIONS,
      full_search_ms: full,
      bare_item_query_ms: bare,
      ratio_p95_full_to_bare: Number(ratio.toFixed(2)),
      target_p95_ms: 50,
      meets_target: full.p95 < 50,
      last_total: sample,
      load_average: (await import('node:os')).loadavg().map((x) => Number(x.toFixed(2))),
    };
    const fmt = (x: { p50: number; p95: number }) =>
      `p50 ${x.p50.toFixed(2)} ms, p95 ${x.p95.toFixed(2)} ms`;
    console.log(`search (tenant tx + RLS + items + facets): ${fmt(full)}`);
    console.log(`baseline (bare item query, no tenant, no facets): ${fmt(bare)}`);
    console.log(
      `ratio p95 full/baseline: ${ratio.toFixed(2)}; target p95 < 50 ms: ${result.meets_target ? 'met' : 'NOT met'}`,
    );
    const out = path.resolve(
      path.dirname(fileURLToPath(import.meta.url)),
      '..',
      '..',
      'bench',
      'results',
      'search.json',
    );
    writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
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
