/**
 * Helhed as two stateless instances on one PostgreSQL primary, with the evaluation and dashboard
 * reads on a hot-standby replica made with PostgreSQL's own tools (pg_basebackup -R, streaming),
 * as docs/SCALING.md describes (issue 20). A round-robin client (what a proxy does: a request
 * whose instance refuses the connection goes to the other) spreads caseworker and manager work
 * over both; one instance is killed (SIGKILL) under load. Then: every request that was answered
 * 2xx left its audit row (no acknowledged request lost), every audit row is sealed by the
 * survivor, `npm run audit:verify` passes, both instances sealed and never at the same time (the
 * advisory lock), and the replica served the dashboards.
 *
 * Runs its own clusters (never the shared server), in the PostgreSQL pass only.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openPostgres } from '../../src/db/database.js';
import { migrate } from '../../src/db/migrate.js';
import { DEMO_PASSWORD, seedDemo } from '../../src/db/seed/demo.js';
import { repoRoot } from '../../src/paths.js';
import { testConfig } from '../helper.js';
import { findBinDir, freePort, PrivateCluster } from '../private-cluster.js';

interface Instance {
  name: string;
  port: number;
  child: ChildProcess;
  output: string[];
  alive: boolean;
}

let primary: PrivateCluster;
let replica: PrivateCluster;
let database: Database;
let replicaDb: Database;
const instances: Instance[] = [];

const serverEnv = (port: number) => ({
  ...process.env,
  NODE_ENV: 'development',
  DATABASE_URL: primary.url,
  DATABASE_READ_URL: replica.url,
  PORT: String(port),
  HOST: '127.0.0.1',
  SEED_DEMO: 'false',
  LOG_LEVEL: 'debug',
  RATE_LIMIT_PER_MINUTE: '1000000',
  RATE_LIMIT_ADDRESS_PER_MINUTE: '1000000',
});

async function startInstance(name: string): Promise<Instance> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/server.ts'], {
    cwd: repoRoot,
    env: serverEnv(port),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const instance: Instance = { name, port, child, output: [], alive: true };
  let buffered = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start`)), 90_000);
    child.stdout!.on('data', (d: Buffer) => {
      buffered += d.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      instance.output.push(...lines);
      if (lines.some((l) => l.includes('Helhed kører på'))) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.stderr!.on('data', (d: Buffer) => instance.output.push(d.toString()));
    child.on('exit', (code) => {
      instance.alive = false;
      clearTimeout(timer);
      reject(new Error(`${name} exited (${code}): ${instance.output.join('\n').slice(-2000)}`));
    });
  });
  instances.push(instance);
  return instance;
}

beforeAll(async () => {
  const bin = findBinDir();
  primary = new PrivateCluster(bin, await freePort(), ['wal_level=replica', 'max_wal_senders=4']);
  primary.init();
  primary.ctl('start');
  database = openPostgres(primary.url, 4);
  await migrate(database);
  await seedDemo(database, testConfig({ LOG_LEVEL: 'warn' }));
  replica = new PrivateCluster(bin, await freePort(), ['hot_standby=on']);
  replica.basebackupFrom(primary);
  replica.ctl('start');
  replicaDb = openPostgres(replica.url, 2);
  await Promise.all([startInstance('a'), startInstance('b')]);
}, 150_000);

afterAll(async () => {
  for (const i of instances) if (i.alive) i.child.kill('SIGKILL');
  await replicaDb?.close();
  await database?.close();
  replica?.destroy();
  primary?.destroy();
});

interface Sent {
  requestId: string;
  status: number;
  instance: string;
  kind: string;
}

/** A session made on instance a; every instance finds it in the shared database. */
async function login(username: string) {
  const res = await fetch(`http://127.0.0.1:${instances[0]!.port}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  expect(res.status).toBe(200);
  const token = /helhed_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')![1]!;
  const body = (await res.json()) as { csrfToken: string };
  return { cookie: `helhed_session=${token}`, csrf: body.csrfToken };
}

describe('two instances on one primary, reads on a streaming replica', () => {
  it('loses no acknowledged request or audit row when one is killed; one sealer at a time; the chain verifies', async () => {
    const { rows: state } = await sql<{ standby: boolean }>`
      select pg_is_in_recovery() as standby`.execute(replicaDb.db);
    expect(state[0]!.standby).toBe(true);

    const caseworker = await login('rebild.sagsbehandler');
    const manager = await login('rebild.leder');
    const { rows: citizens } = await sql<{ id: string }>`
      select id from citizen where municipality_code = '840' order by id limit 20`.execute(
      database.db,
    );
    const readsBefore = await replicaCommits();

    // The web app's requests: the citizen page (GET, audited), a search (POST with the CSRF
    // token, writes its audit row) and the manager's dashboard (replica read, audit on primary).
    const work = [
      (id: string) => ({
        kind: 'overview',
        url: `/api/citizens/${citizens[Number.parseInt(id.slice(0, 4), 16) % citizens.length]!.id}/overview`,
        init: { headers: { cookie: caseworker.cookie } },
      }),
      () => ({
        kind: 'search',
        url: '/api/citizens/search',
        init: {
          method: 'POST',
          headers: {
            cookie: caseworker.cookie,
            'x-csrf-token': caseworker.csrf,
            'content-type': 'application/json',
          },
          body: '{}',
        },
      }),
      () => ({
        kind: 'dashboard',
        url: '/api/evaluation/dashboard',
        init: { headers: { cookie: manager.cookie } },
      }),
    ];

    const sent: Sent[] = [];
    let refused = 0;
    let next = 0;
    let running = true;
    const worker = async (w: number) => {
      for (let i = w; running; i++) {
        const requestId = randomUUID();
        const job = work[i % work.length]!(requestId);
        // Round robin over the instances a proxy still believes alive; a refused connection
        // marks the instance down and the request goes to the next (never answered twice: the
        // first attempt got no answer).
        for (let tries = 0; tries < instances.length; tries++) {
          const up = instances.filter((x) => x.alive);
          const target = up[next++ % up.length]!;
          try {
            const res = await fetch(`http://127.0.0.1:${target.port}${job.url}`, {
              ...job.init,
              headers: { ...job.init.headers, 'x-request-id': requestId },
            } as RequestInit);
            await res.arrayBuffer();
            sent.push({ requestId, status: res.status, instance: target.name, kind: job.kind });
            break;
          } catch {
            refused++;
            target.alive = target.child.exitCode === null && target.child.signalCode === null;
          }
        }
      }
    };
    const workers = Array.from({ length: 6 }, (_, w) => worker(w));
    await new Promise((r) => setTimeout(r, 6000));
    const killed = instances[1]!;
    const beforeKill = sent.filter((s) => s.instance === killed.name).length;
    killed.child.kill('SIGKILL');
    await new Promise((r) => setTimeout(r, 5000));
    running = false;
    await Promise.all(workers);

    const ok = sent.filter((s) => s.status >= 200 && s.status < 300);
    expect(
      sent.filter((s) => s.status >= 300).map((s) => `${s.kind} ${s.status}`),
      'answers other than 2xx',
    ).toEqual([]);
    expect(beforeKill, 'the killed instance served before it died').toBeGreaterThan(3);
    const survivor = instances[0]!;
    const servedBySurvivor = ok.filter((s) => s.instance === survivor.name).length;
    expect(servedBySurvivor, 'the survivor carried on alone').toBeGreaterThan(beforeKill);
    for (const kind of ['overview', 'search', 'dashboard']) {
      expect(ok.filter((s) => s.kind === kind).length, kind).toBeGreaterThan(3);
    }

    // No acknowledged request lost: every 2xx answer's request id has its audit row.
    const ids = ok.map((s) => s.requestId);
    const { rows: audited } = await sql<{ request_id: string }>`
      select distinct request_id from audit_event where request_id = any(${ids}::text[])`.execute(
      database.db,
    );
    const missing = ids.filter((id) => !audited.some((a) => a.request_id === id));
    expect(missing, 'answered requests without an audit row').toEqual([]);

    // The replica answered the dashboards (its own commit counter moved), not the primary.
    // A backend reports its counters when idle, at the latest 10 s later (PostgreSQL 15's
    // PGSTAT_IDLE_INTERVAL): read the counter once, after that, so it holds every dashboard's
    // commit (a polling loop would count its own reads and could pass without the replica).
    await new Promise((resolve) => setTimeout(resolve, 11_000));
    expect((await replicaCommits()) - readsBefore).toBeGreaterThanOrEqual(
      ok.filter((s) => s.kind === 'dashboard').length,
    );

    // The survivor's sealer seals everything, including rows the killed instance wrote.
    const deadline = Date.now() + 30_000;
    for (;;) {
      const { rows } = await sql<{ n: number }>`
        select count(*)::int as n from audit_event e where not exists (select 1 from audit_seal s
          where s.municipality_code = e.municipality_code and s.event_id = e.id)`.execute(
        database.db,
      );
      if (Number(rows[0]!.n) === 0) break;
      expect(Date.now(), `${rows[0]!.n} audit rows still unsealed`).toBeLessThan(deadline);
      await new Promise((r) => setTimeout(r, 300));
    }

    // npm run audit:verify, as an operator runs it.
    const verify = execFileSync(
      process.execPath,
      ['--import', 'tsx', path.join('server', 'src', 'cli', 'audit-verify.ts')],
      { cwd: repoRoot, env: { ...process.env, DATABASE_URL: primary.url }, encoding: 'utf8' },
    );
    expect(verify).toMatch(/^OK: revisionsloggen er intakt/);
    expect(verify).not.toMatch(/ikke forseglet/);

    // Exactly one sealer at a time: each instance logs the database-clock interval it held the
    // lock; both sealed (they competed) and no two intervals overlap.
    const passes = instances.flatMap((i) =>
      i.output
        .filter((l) => l.includes('"audit sealed"'))
        .map((l) => ({ instance: i.name, ...JSON.parse(l).sealer })),
    ) as { instance: string; lockedAt: number; releasedAt: number; sealed: number }[];
    expect(new Set(passes.map((p) => p.instance))).toEqual(new Set(['a', 'b']));
    passes.sort((x, y) => x.lockedAt - y.lockedAt);
    for (let i = 1; i < passes.length; i++) {
      expect(
        passes[i]!.lockedAt,
        `${passes[i]!.instance} took the lock while ${passes[i - 1]!.instance} held it`,
      ).toBeGreaterThan(passes[i - 1]!.releasedAt);
    }
    console.log(
      `two instances: ${ok.length} answered (${beforeKill} by ${killed.name} before it was killed), ${refused} refused connections retried, ${passes.length} seal passes`,
    );
  }, 120_000);
});

async function replicaCommits(): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    select xact_commit::int8 as n from pg_stat_database where datname = current_database()`.execute(
    replicaDb.db,
  );
  return Number(rows[0]!.n);
}
