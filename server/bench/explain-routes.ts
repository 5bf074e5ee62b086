/**
 * npm run bench:explain — for each of the slow read routes of issue 20 (task list, screening
 * queue, portal start, citizen search), the route's own statements, recorded through the real
 * app for a real user of a municipality (as bench:routes records them), each run again under
 * EXPLAIN (ANALYZE, BUFFERS) as the application role with that municipality's tenant setting
 * (so row-level security filters as in the route). Prints, per request, the time app.inject
 * took (the second of two runs) and each statement's execution time and plan root.
 *
 * Environment: DATABASE_URL (national data set), BENCH_MUNICIPALITIES (comma-separated codes,
 * default 101,825: København and Læsø), EXPLAIN_PLANS=1 prints every plan in full,
 * BENCH_ROUTES (comma-separated request names to run only those).
 *
 * It writes only what bench:routes writes: a session per user and, when the municipality has
 * none, one citizen login (bench.borger.*), and every request's audit rows.
 */
import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openPostgres } from '../src/db/database.js';
import { migrate } from '../src/db/migrate.js';
import { benchDatabaseUrl } from './database-url.js';

const url = benchDatabaseUrl('bench:explain', 'national');
const municipalities = (process.env.BENCH_MUNICIPALITIES ?? '101,825').split(',');
const only = process.env.BENCH_ROUTES?.split(',').map((s) => s.trim());
const showPlans = process.env.EXPLAIN_PLANS === '1';

interface Request {
  name: string;
  user: (m: string) => string;
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
}

const caseworker = (m: string) => `${m}.sagsbehandler1`;
const requests: Request[] = [
  { name: 'tasks', user: caseworker, method: 'GET', path: '/api/tasks' },
  {
    name: 'tasks (coordinating)',
    user: (m) => `${m}.koordinator`,
    method: 'GET',
    path: '/api/tasks',
  },
  { name: 'tasks (provider)', user: (m) => `${m}.udbyder`, method: 'GET', path: '/api/tasks' },
  { name: 'screening queue', user: caseworker, method: 'GET', path: '/api/screening/queue' },
  {
    name: 'screening queue (page, due now)',
    user: caseworker,
    method: 'GET',
    path: '/api/screening/queue?limit=25&offset=0&due=now',
  },
  {
    name: 'screening queue (page 40, coming)',
    user: caseworker,
    method: 'GET',
    path: '/api/screening/queue?limit=25&offset=1000&due=coming',
  },
  { name: 'portal start', user: (m) => `bench.borger.${m}`, method: 'GET', path: '/api/portal/me' },
  {
    name: 'citizen search',
    user: caseworker,
    method: 'POST',
    path: '/api/citizens/search',
    body: { name: 'Jens' },
  },
  {
    name: 'citizen search (list opens)',
    user: caseworker,
    method: 'POST',
    path: '/api/citizens/search',
    body: { sort: 'name', limit: 25, offset: 0 },
  },
  {
    name: 'citizen search (full name, by birth date)',
    user: caseworker,
    method: 'POST',
    path: '/api/citizens/search',
    body: { name: 'hussein ali', sort: 'birthDate', limit: 25, offset: 0 },
  },
];

const platform = [
  /^\s*(begin|commit|rollback)\b/i,
  /\buser_session\b/i,
  /\bset_config\(/i,
  /\binsert into "?audit_event"?/i,
  /\brate_limit/i,
];

const database = openPostgres(url, 3);
let recording: { sql: string; parameters: unknown[] }[] | null = null;
const recorder = openPostgres(url, 4, (text, parameters) => {
  recording?.push({ sql: text, parameters: [...parameters] });
});

/** A citizen login in m (the national seed has none), named so the request list finds it. */
async function citizenUser(m: string) {
  await sql`insert into app_user (municipality_code, kind, username, password_hash, display_name, citizen_id)
    select c.municipality_code, 'citizen', ${`bench.borger.${m}`}, 'x', c.first_name || ' ' || c.last_name, c.id
    from citizen c where c.municipality_code = ${m}
      and not exists (select 1 from app_user u where u.citizen_id = c.id)
    order by c.id limit 1
    on conflict do nothing`.execute(database.db);
  await sql`insert into user_role (municipality_code, user_id, role)
    select u.municipality_code, u.id, 'citizen' from app_user u
    where u.username = ${`bench.borger.${m}`}
      and not exists (select 1 from user_role r where r.user_id = u.id)`.execute(database.db);
}

async function session(username: string) {
  const token = randomBytes(32).toString('base64url');
  const csrf = randomBytes(24).toString('base64url');
  const hash = createHash('sha256').update(token).digest('hex');
  const { rows } = await sql<{ id: string }>`
    insert into user_session (token_hash, user_id, municipality_code, csrf_token, expires_at, via)
    select ${hash}, u.id, u.municipality_code, ${csrf}, now() + interval '1 hour', 'password'
    from app_user u where u.username = ${username} returning user_id as id`.execute(database.db);
  if (rows.length === 0) throw new Error(`no user ${username}`);
  return { cookie: `helhed_session=${token}`, csrf };
}

async function explain(m: string, statement: { sql: string; parameters: unknown[] }) {
  return database.withConnection(async (c) => {
    await c.query('begin');
    try {
      await c.query("set local statement_timeout = '60s'");
      await c.query(
        "select set_config('role', 'helhed_app', true), set_config('app.municipality_code', $1, true)",
        [m],
      );
      const { rows } = await c.query<{ 'QUERY PLAN': string }>(
        `explain (analyze, buffers) ${statement.sql}`,
        statement.parameters,
      );
      return rows.map((r) => r['QUERY PLAN']);
    } finally {
      await c.query('rollback');
    }
  });
}

async function main() {
  await migrate(database);
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: url,
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
    SEED_DEMO: 'false',
  });
  const app = await buildApp({ config, database: recorder, rateLimitPerMinute: 100_000_000 });
  await app.ready();
  for (const m of municipalities) {
    await citizenUser(m);
    for (const r of requests.filter((x) => !only || only.includes(x.name))) {
      const s = await session(r.user(m));
      const inject = () =>
        app.inject({
          method: r.method,
          url: r.path,
          headers: {
            cookie: s.cookie,
            'x-csrf-token': s.csrf,
            accept: 'application/json',
            ...(r.body ? { 'content-type': 'application/json' } : {}),
          },
          ...(r.body ? { payload: JSON.stringify(r.body) } : {}),
        });
      await inject();
      recording = [];
      const t0 = performance.now();
      const res = await inject();
      const ms = performance.now() - t0;
      const all = recording;
      recording = null;
      if (res.statusCode !== 200) {
        throw new Error(`${r.name}: ${res.statusCode} ${res.body.slice(0, 300)}`);
      }
      const data = all.filter((x) => !platform.some((p) => p.test(x.sql)));
      const body = res.json() as { total?: number; items?: unknown[]; counts?: unknown };
      const shape =
        body.counts !== undefined
          ? JSON.stringify(body.counts)
          : body.items
            ? `${body.items.length} items, total ${body.total}`
            : '';
      console.log(
        `\n== ${m} ${r.name} (${r.user(m)}): ${ms.toFixed(1)} ms, ${data.length} data + ${all.length - data.length} platform statements ${shape}`,
      );
      let sum = 0;
      for (const st of data) {
        const plan = await explain(m, st);
        const exec = Number(/Execution Time: ([\d.]+)/.exec(plan.join('\n'))?.[1] ?? 0);
        sum += exec;
        const first = st.sql.replace(/\s+/g, ' ').trim().slice(0, 90);
        console.log(`  ${exec.toFixed(2).padStart(9)} ms  ${first}`);
        if (showPlans) console.log(plan.map((l) => `      ${l}`).join('\n'));
      }
      console.log(`  ${sum.toFixed(2).padStart(9)} ms  (sum of execution times)`);
    }
  }
  await app.close();
}

try {
  await main();
} finally {
  await recorder.close();
  await database.close();
}
