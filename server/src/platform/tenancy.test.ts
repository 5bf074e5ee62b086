/**
 * Tenant isolation in the database itself: with the application role and tenant 840 set, a
 * query that forgets its WHERE sees nothing of Rødovre (175). Runs on PostgreSQL when
 * TEST_DATABASE_URL is set (as in CI) and on PGlite otherwise: the migrations are the same.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, login, type TestApp, usingPostgres } from '../../test/helper.js';
import { tenantTx } from './context.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

async function tenantTables(): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select c.relname as name from pg_class c
    join pg_namespace n on n.oid = c.relnamespace and n.nspname = 'public'
    join pg_attribute a on a.attrelid = c.oid and a.attname = 'municipality_code' and not a.attisdropped
    where c.relkind = 'r' order by 1`.execute(t.database.db);
  return rows.map((r) => r.name);
}

describe(`row-level security on ${usingPostgres ? 'PostgreSQL' : 'PGlite'}`, () => {
  /** Citizens of a municipality as the database owner, past RLS. */
  async function ownerCount(m: string): Promise<number> {
    const { rows } = await sql<{ n: number }>`
      select count(*) as n from citizen where municipality_code = ${m}`.execute(t.database.db);
    return Number(rows[0]!.n);
  }

  it('the owner sees Rødovre citizens (the rows exist)', async () => {
    // The demo data decides how many (the evaluation part adds some); what matters is that there
    // are rows for RLS to hide in the tests below.
    expect(await ownerCount('175')).toBeGreaterThan(0);
    expect(await ownerCount('840')).toBeGreaterThan(0);
  });

  it('as helhed_app with tenant 840, a query without WHERE returns no row of 175', async () => {
    const rows = await tenantTx(t, '840', async (tx) => {
      const role = await sql<{ r: string }>`select current_user as r`.execute(tx);
      expect(role.rows[0]!.r).toBe('helhed_app');
      return (await sql<{ municipality_code: string }>`select * from citizen`.execute(tx)).rows;
    });
    // Every Rebild citizen, and nothing else: RLS hides Rødovre without hiding Rebild.
    expect(rows.length).toBe(await ownerCount('840'));
    expect(rows.filter((r) => r.municipality_code === '175')).toEqual([]);
    expect(new Set(rows.map((r) => r.municipality_code))).toEqual(new Set(['840']));
  });

  it('every table with a municipality_code has RLS on and hides 175 from tenant 840', async () => {
    const tables = await tenantTables();
    expect(tables).toEqual(expect.arrayContaining(['citizen', 'organisation', 'audit_event']));
    const { rows: rls } = await sql<{ relname: string; relrowsecurity: boolean }>`
      select relname, relrowsecurity from pg_class where relname in (${sql.join(tables)})`.execute(
      t.database.db,
    );
    // Tables the application role may not touch at all need no policy; all others do.
    const { rows: granted } = await sql<{ table_name: string }>`
      select distinct table_name from information_schema.role_table_grants
      where grantee = 'helhed_app' and privilege_type = 'SELECT'`.execute(t.database.db);
    const readable = new Set(granted.map((g) => g.table_name));
    const withoutRls = rls.filter((r) => readable.has(r.relname) && !r.relrowsecurity);
    expect(withoutRls.map((r) => r.relname)).toEqual([]);

    const leaks: string[] = [];
    await tenantTx(t, '840', async (tx) => {
      for (const table of tables.filter((x) => readable.has(x))) {
        const { rows } = await sql<{ n: number }>`
          select count(*) as n from ${sql.table(table)} where municipality_code = '175'`.execute(
          tx,
        );
        if (Number(rows[0]!.n) > 0) leaks.push(`${table}: ${rows[0]!.n}`);
      }
    });
    expect(leaks).toEqual([]);
  });

  it('without a tenant the application role sees nothing at all', async () => {
    const n = await t.database.db.transaction().execute(async (tx) => {
      await sql`select set_config('role', 'helhed_app', true)`.execute(tx);
      const { rows } = await sql<{ n: number }>`select count(*) as n from citizen`.execute(tx);
      return Number(rows[0]!.n);
    });
    expect(n).toBe(0);
  });

  it('refuses to write a row into another tenant', async () => {
    await expect(
      tenantTx(t, '840', (tx) =>
        sql`insert into organisation (municipality_code, name, type) values ('175', 'Snyd', 'association')`.execute(
          tx,
        ),
      ),
    ).rejects.toThrow(/row-level security/);
    // Nor move a row out of the tenant.
    await expect(
      tenantTx(t, '840', (tx) =>
        sql`update organisation set municipality_code = '175' where municipality_code = '840'`.execute(
          tx,
        ),
      ),
    ).rejects.toThrow(/row-level security|violates/);
  });

  it('the application role cannot read sessions, throttling or the seals at all', async () => {
    for (const table of [
      'user_session',
      'login_throttle',
      'oidc_flow',
      'audit_seal',
      'rate_limit_counter',
    ]) {
      await expect(
        tenantTx(t, '840', (tx) => sql`select * from ${sql.table(table)}`.execute(tx)),
      ).rejects.toThrow(/permission denied/);
    }
  });

  it('the API answers 404 for a Rødovre citizen to a Rebild caseworker, in search too', async () => {
    const { rows } = await sql<{ id: string }>`
      select id from citizen where municipality_code = '175' limit 1`.execute(t.database.db);
    const s = await login(t.app, 'rebild.sagsbehandler');
    expect((await s.inject({ url: `/api/citizens/${rows[0]!.id}` })).statusCode).toBe(404);
    const search = await s.inject({
      method: 'POST',
      url: '/api/citizens/search',
      payload: { limit: 200 },
    });
    expect(search.json().items.map((c: { id: string }) => c.id)).not.toContain(rows[0]!.id);
    expect(search.json().total).toBe(12);
  });
});
