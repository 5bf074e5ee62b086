/**
 * How many round trips a signed-in read of an ordinary route makes to the database, counted at
 * the driver (Database.watch), so the platform's share (session, request limits, BEGIN, tenant,
 * audit, COMMIT) cannot grow back unnoticed (docs/decisions/1120-fewer-round-trips.md).
 *
 * Before 1120 every such request paid 7 platform round trips on PostgreSQL: the session lookup,
 * the rate-limit counter, BEGIN, set_config(role, tenant), the audit insert and COMMIT, plus the
 * session touch (an UPDATE) once a minute; 5–6 on PGlite, whose counters are in memory. Now 3:
 * session + counters (+ touch), BEGIN + tenant, audit insert + COMMIT.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildTestApp,
  login,
  type Session,
  type TestApp,
  usingPostgres,
} from '../../test/helper.js';
import { audit } from './audit.js';
import { tenantStatement, tenantTx } from './context.js';
import { tokenHash } from './sessions.js';

let t: TestApp;
let caseworker: Session;
let citizenId: string;

beforeAll(async () => {
  t = await buildTestApp();
  caseworker = await login(t.app, 'rebild.sagsbehandler');
  citizenId = (await login(t.app, 'rebild.borger')).user.citizenId!;
});
afterAll(async () => {
  await t.close();
});

/** The platform's share of a request; everything else is the route's own SQL. */
const PLATFORM_TRIPS = 3;

async function tripsOf(url: string, requestId: string) {
  const sent: string[] = [];
  const stop = t.database.watch((text) => sent.push(text));
  try {
    const res = await caseworker.inject({ url, headers: { 'x-request-id': requestId } });
    expect(res.statusCode, res.body).toBe(200);
  } finally {
    stop();
  }
  const session = sent.filter((s) => /from user_session/.test(s));
  const begin = sent.filter((s) => s.startsWith('begin'));
  const commit = sent.filter((s) => /\bcommit$/.test(s));
  return { sent, session, begin, commit, route: sent.length - PLATFORM_TRIPS };
}

const sessionHash = (s: Session) => tokenHash(s.cookie.replace(/^helhed_session=/, ''));

describe('round trips per request', () => {
  const routes = [
    ['the citizen', () => `/api/citizens/${citizenId}`],
    ['the plan', () => `/api/plans/${citizenId}`],
    ['the timeline', () => `/api/timeline/citizens/${citizenId}`],
  ] as const;

  for (const [name, url] of routes) {
    it(`${name}: the platform costs ${PLATFORM_TRIPS} round trips, the audit row commits with the read`, async () => {
      const requestId = `rundture-${name.replace(/\W/g, '')}`;
      const trips = await tripsOf(url(), requestId);
      // One statement checks the session (and, on PostgreSQL, counts the request limits).
      expect(trips.session).toHaveLength(1);
      expect(trips.sent[0]).toBe(trips.session[0]);
      if (usingPostgres) expect(trips.session[0]).toMatch(/insert into rate_limit_counter/);
      // BEGIN travels with the tenant's set_config; the audit insert with COMMIT.
      expect(trips.begin).toHaveLength(1);
      expect(trips.begin[0]).toMatch(/set_config\('role', 'helhed_app', true\)/);
      expect(trips.commit).toHaveLength(1);
      expect(trips.commit[0]).toMatch(/insert into audit_event/);
      expect(trips.sent.at(-1)).toBe(trips.commit[0]);
      // Old figure: 7 on PostgreSQL (6 on PGlite) before decision 1120.
      expect(trips.sent.length - trips.route).toBeLessThanOrEqual(PLATFORM_TRIPS);
      expect(trips.route).toBeGreaterThanOrEqual(1);
      const { rows } = await sql<{ n: number }>`
        select count(*)::int as n from audit_event where request_id = ${requestId}`.execute(
        t.database.db,
      );
      expect(rows[0]!.n).toBeGreaterThanOrEqual(1);
    });
  }

  it('the once-a-minute session touch rides in the session statement', async () => {
    const hash = sessionHash(caseworker);
    await sql`update user_session set last_seen_at = now() - interval '5 minutes' where token_hash = ${hash}`.execute(
      t.database.db,
    );
    const trips = await tripsOf(`/api/citizens/${citizenId}`, 'rundture-touch');
    expect(trips.session).toHaveLength(1);
    expect(trips.sent.filter((s) => /update user_session/.test(s))).toEqual(trips.session);
    const { rows } = await sql<{ fresh: boolean }>`
      select last_seen_at > now() - interval '1 minute' as fresh from user_session
      where token_hash = ${hash}`.execute(t.database.db);
    expect(rows[0]!.fresh).toBe(true);
  });

  it('an idle session is refused and revoked by that same one statement', async () => {
    const s = await login(t.app, 'rebild.sagsbehandler');
    const hash = sessionHash(s);
    await sql`update user_session set last_seen_at = now() - make_interval(mins => ${t.config.sessionIdleMinutes + 1})
      where token_hash = ${hash}`.execute(t.database.db);
    const sent: string[] = [];
    const stop = t.database.watch((text) => sent.push(text));
    const res = await s.inject({ url: `/api/citizens/${citizenId}` });
    stop();
    expect(res.statusCode).toBe(401);
    expect(sent).toHaveLength(1);
    const { rows } = await sql<{ revoked: boolean }>`
      select revoked_at is not null as revoked from user_session where token_hash = ${hash}`.execute(
      t.database.db,
    );
    expect(rows[0]!.revoked).toBe(true);
    // Refused at once, and stays refused when it is touched again.
    await sql`update user_session set last_seen_at = now() where token_hash = ${hash}`.execute(
      t.database.db,
    );
    expect((await s.inject({ url: `/api/citizens/${citizenId}` })).statusCode).toBe(401);
  });

  it('work that fails after audit() rolls back without sending the audit row at all', async () => {
    const ctx = {
      database: t.database,
      config: t.config,
      actor: {
        userId: caseworker.user.id,
        kind: 'staff' as const,
        displayName: caseworker.user.displayName,
        municipalityCode: '840',
        municipalityName: 'Rebild',
        citizenId: null,
        grants: [],
        sessionTokenHash: sessionHash(caseworker),
        csrfToken: caseworker.csrf,
      },
      requestId: 'rundture-fejl',
      ip: null,
    };
    const sent: string[] = [];
    const stop = t.database.watch((text) => sent.push(text));
    const failed = tenantTx(ctx, '840', async (tx) => {
      await sql`select 1`.execute(tx);
      await audit(tx, ctx, {
        action: 'read',
        policyAction: 'citizen.read',
        resourceType: 'citizen',
        resourceId: citizenId,
        citizenId,
        grant: null,
      });
      throw new Error('the work failed after its audit row');
    });
    await expect(failed).rejects.toThrow('the work failed');
    stop();
    expect(sent.some((s) => /audit_event/.test(s))).toBe(false);
    expect(sent.at(-1)).toBe('rollback');
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from audit_event where request_id = 'rundture-fejl'`.execute(
      t.database.db,
    );
    expect(rows[0]!.n).toBe(0);
    // The same work that succeeds commits its row.
    await tenantTx(ctx, '840', (tx) =>
      audit(tx, ctx, {
        action: 'read',
        policyAction: 'citizen.read',
        resourceType: 'citizen',
        resourceId: citizenId,
        citizenId,
        grant: null,
        details: { note: "O'Brien \\ 'quoted' \\n" },
      }),
    );
    const written = await sql<{ details: { note: string } }>`
      select details from audit_event where request_id = 'rundture-fejl'`.execute(t.database.db);
    expect(written.rows.map((r) => r.details.note)).toEqual(["O'Brien \\ 'quoted' \\n"]);
  });

  it('an audit row held for COMMIT is dropped with a savepoint that is rolled back', async () => {
    const ctx = {
      database: t.database,
      config: t.config,
      actor: {
        userId: caseworker.user.id,
        kind: 'staff' as const,
        displayName: caseworker.user.displayName,
        municipalityCode: '840',
        municipalityName: 'Rebild',
        citizenId: null,
        grants: [],
        sessionTokenHash: sessionHash(caseworker),
        csrfToken: caseworker.csrf,
      },
      ip: null,
    };
    const entry = (resourceId: string) => ({
      action: 'read' as const,
      policyAction: 'citizen.read',
      resourceType: 'citizen',
      resourceId,
      citizenId,
      grant: null,
    });
    const trx = await t.database.db.startTransaction().execute();
    await tenantStatement('840').execute(trx);
    await audit(trx, { ...ctx, requestId: 'rundture-savepoint' }, entry('kept'));
    const sp = await trx.savepoint('a').execute();
    await audit(sp, { ...ctx, requestId: 'rundture-savepoint' }, entry('dropped'));
    await sp.rollbackToSavepoint('a').execute();
    await trx.commit().execute();
    const { rows } = await sql<{ resource_id: string }>`
      select resource_id from audit_event where request_id = 'rundture-savepoint'`.execute(
      t.database.db,
    );
    expect(rows.map((r) => r.resource_id)).toEqual(['kept']);
  });
});
