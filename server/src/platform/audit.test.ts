import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, login, type Session, type TestApp } from '../../test/helper.js';
import { AuditSealer, purgeAudit, verifyAuditChain } from './audit-chain.js';
import { auditVerifyReport } from './audit-report.js';
import { runAuditRetention } from './audit-retention.js';
import { tenantTx } from './context.js';

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

const count = async (where = sql`true`) => {
  const { rows } = await sql<{ n: number }>`
    select count(*) as n from audit_event where ${where}`.execute(t.database.db);
  return Number(rows[0]!.n);
};

describe('the audit log', () => {
  it('writes exactly one row per read of a citizen, with who, why and from where', async () => {
    const before = await count(sql`citizen_id = ${citizenId} and action = 'read'`);
    const N = 7;
    for (let i = 0; i < N; i++) {
      const res = await caseworker.inject({
        url: `/api/citizens/${citizenId}`,
        headers: { 'x-request-id': `laes-borger-${i}` },
      });
      expect(res.statusCode).toBe(200);
    }
    expect(await count(sql`citizen_id = ${citizenId} and action = 'read'`)).toBe(before + N);
    const { rows } = await sql<Record<string, unknown>>`
      select * from audit_event where request_id = 'laes-borger-3'`.execute(t.database.db);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      municipality_code: '840',
      actor_user_id: caseworker.user.id,
      actor_role: 'caseworker',
      actor_organisation_id: caseworker.user.roles[0]!.organisationId,
      citizen_id: citizenId,
      action: 'read',
      resource_type: 'citizen',
      resource_id: citizenId,
      purpose: 'Sagsbehandling og opfølgning',
    });
    expect(rows[0]!.ip).toBeTruthy();
    expect(rows[0]!.occurred_at).toBeTruthy();
  });

  it('an administrator reading a citizen’s access log is itself logged for the citizen', async () => {
    const admin = await login(t.app, 'rebild.admin');
    const res = await admin.inject({ url: `/api/audit/citizens/${citizenId}` });
    expect(res.statusCode).toBe(200);
    expect(res.json().items[0].actorName).toBe('Sara Sagsbehandler');
    const borger = await login(t.app, 'rebild.borger');
    const own = await borger.inject({ url: '/api/audit/me?limit=200' });
    expect(own.statusCode).toBe(200);
    const items = own.json().items as { resourceType: string; role: string; actorName?: string }[];
    expect(items[0]).toMatchObject({ resourceType: 'access_log', role: 'administrator' });
    expect(items.filter((i) => i.role === 'caseworker').length).toBeGreaterThanOrEqual(7);
    // Citizens see organisation and role, never the employee's name.
    expect(items.some((i) => 'actorName' in i)).toBe(false);
  });

  it('a refused read writes no audit row', async () => {
    const odense = await login(t.app, 'odense.sagsbehandler');
    const before = await count();
    expect((await odense.inject({ url: `/api/citizens/${citizenId}` })).statusCode).toBe(404);
    expect(await count()).toBe(before);
  });

  it('rolls the change back when its audit row cannot be written', async () => {
    const { rows: before } = await sql<{ city: string }>`
      select city from citizen where id = ${citizenId}`.execute(t.database.db);
    // Make every audit insert for a citizen update fail, as a full disk or a bug would.
    await sql`alter table audit_event add constraint test_no_updates
      check (action <> 'update') not valid`.execute(t.database.db);
    try {
      const res = await caseworker.inject({
        method: 'PATCH',
        url: `/api/citizens/${citizenId}`,
        payload: { city: 'Ændret By' },
      });
      expect(res.statusCode).toBe(500);
      expect(res.json()).toMatchObject({ code: 'internal' });
    } finally {
      await sql`alter table audit_event drop constraint test_no_updates`.execute(t.database.db);
    }
    const { rows: after } = await sql<{ city: string }>`
      select city from citizen where id = ${citizenId}`.execute(t.database.db);
    expect(after[0]!.city).toBe(before[0]!.city);
    // With the audit insert working again, the same change goes through with its row.
    const ok = await caseworker.inject({
      method: 'PATCH',
      url: `/api/citizens/${citizenId}`,
      payload: { city: 'Ændret By' },
    });
    expect(ok.statusCode).toBe(200);
    expect(await count(sql`citizen_id = ${citizenId} and action = 'update'`)).toBe(1);
  });

  it('the database refuses UPDATE and DELETE on the audit table, for the owner too', async () => {
    await expect(
      sql`update audit_event set purpose = 'skjult' where citizen_id = ${citizenId}`.execute(
        t.database.db,
      ),
    ).rejects.toThrow(/append-only/);
    await expect(
      sql`delete from audit_event where citizen_id = ${citizenId}`.execute(t.database.db),
    ).rejects.toThrow(/append-only/);
    // The application role may not even try.
    await expect(
      tenantTx(t, '840', (tx) =>
        sql`update audit_event set purpose = 'skjult' where citizen_id = ${citizenId}`.execute(tx),
      ),
    ).rejects.toThrow(/permission denied/);
    await expect(
      tenantTx(t, '840', (tx) => sql`delete from audit_event`.execute(tx)),
    ).rejects.toThrow(/permission denied/);
    // Switching the purge flag on is not enough for the application role either.
    await expect(
      tenantTx(t, '840', async (tx) => {
        await sql`select set_config('helhed.audit_purge', 'on', true)`.execute(tx);
        return sql`delete from audit_event`.execute(tx);
      }),
    ).rejects.toThrow(/permission denied/);
    expect(await count(sql`citizen_id = ${citizenId}`)).toBeGreaterThan(0);
  });

  it('audit:verify names the row that was changed with the trigger disabled', async () => {
    await new AuditSealer(t.database).sealAll();
    const clean = await auditVerifyReport(t.database, { seal: true });
    expect(clean.exitCode).toBe(0);
    expect(clean.lines.join('\n')).toMatch(/OK/);

    const { rows } = await sql<{ id: number }>`
      select id from audit_event where request_id = 'laes-borger-4'`.execute(t.database.db);
    const id = Number(rows[0]!.id);
    await sql`alter table audit_event disable trigger audit_event_append_only`.execute(
      t.database.db,
    );
    await sql`update audit_event set purpose = 'Ingen grund' where id = ${id}`.execute(
      t.database.db,
    );
    await sql`alter table audit_event enable trigger audit_event_append_only`.execute(
      t.database.db,
    );

    const result = await verifyAuditChain(t.database);
    expect(result.ok).toBe(false);
    expect(result.firstBroken).toMatchObject({
      municipalityCode: '840',
      eventId: id,
      reason: 'hash_mismatch',
    });
    const report = await auditVerifyReport(t.database, { seal: false });
    expect(report.exitCode).toBe(1);
    const text = report.lines.join('\n');
    expect(text).toContain(`hændelse ${id}`);
    expect(text).toContain('840');
    expect(text).toContain(`seq ${result.firstBroken!.seq}`);

    // Put it back so the rest of the file works on a sound chain.
    await sql`alter table audit_event disable trigger audit_event_append_only`.execute(
      t.database.db,
    );
    await sql`update audit_event set purpose = 'Sagsbehandling og opfølgning' where id = ${id}`.execute(
      t.database.db,
    );
    await sql`alter table audit_event enable trigger audit_event_append_only`.execute(
      t.database.db,
    );
    expect((await verifyAuditChain(t.database)).ok).toBe(true);
  });

  it('audit:verify also catches a deleted row', async () => {
    await caseworker.inject({ url: `/api/citizens/${citizenId}` });
    await new AuditSealer(t.database).sealAll();
    const { rows } = await sql<{ id: number }>`
      select max(id) as id from audit_event`.execute(t.database.db);
    const id = Number(rows[0]!.id);
    await sql`alter table audit_event disable trigger audit_event_append_only`.execute(
      t.database.db,
    );
    await sql`create table test_saved_audit as select * from audit_event where id = ${sql.lit(id)}`.execute(
      t.database.db,
    );
    await sql`delete from audit_event where id = ${id}`.execute(t.database.db);
    await sql`alter table audit_event enable trigger audit_event_append_only`.execute(
      t.database.db,
    );
    const result = await verifyAuditChain(t.database);
    expect(result.firstBroken).toMatchObject({ eventId: id, reason: 'missing_event' });
    // Restore the row exactly (same id and time) so the chain verifies again.
    await sql`insert into audit_event overriding system value select * from test_saved_audit`.execute(
      t.database.db,
    );
    await sql`drop table test_saved_audit`.execute(t.database.db);
    expect((await verifyAuditChain(t.database)).ok).toBe(true);
  });

  it('the retention purge removes old rows and leaves a chain that still verifies', async () => {
    await new AuditSealer(t.database).sealAll();
    const total = await count();
    // Age the first half of the rows by six years (trigger off: only the test may do this).
    const { rows: ids } = await sql<{ id: number }>`
      select id from audit_event order by id`.execute(t.database.db);
    const cut = Number(ids[Math.floor(ids.length / 2)]!.id);
    await sql`alter table audit_event disable trigger audit_event_append_only`.execute(
      t.database.db,
    );
    await sql`update audit_event set occurred_at = occurred_at - interval '6 years' where id < ${cut}`.execute(
      t.database.db,
    );
    await sql`alter table audit_event enable trigger audit_event_append_only`.execute(
      t.database.db,
    );
    // Re-seal over the aged rows: start a fresh chain as an installation would have it.
    await sql`alter table audit_seal disable trigger audit_seal_append_only`.execute(t.database.db);
    await sql`delete from audit_seal`.execute(t.database.db);
    await sql`alter table audit_seal enable trigger audit_seal_append_only`.execute(t.database.db);
    await new AuditSealer(t.database).sealAll();
    expect((await verifyAuditChain(t.database)).ok).toBe(true);

    // The daily job: seal, then purge what is older than AUDIT_RETENTION_YEARS (default 5).
    expect(t.config.auditRetentionYears).toBe(5);
    const { purged, cutoff } = await runAuditRetention(t.database, t.config);
    expect(purged).toBe(ids.filter((r) => Number(r.id) < cut).length);
    expect(await count()).toBe(total - purged);
    expect(await count(sql`occurred_at < ${cutoff}`)).toBe(0);

    const after = await verifyAuditChain(t.database);
    expect(after).toMatchObject({ ok: true, firstBroken: null });
    expect(after.checked).toBe(total - purged);

    // New rows chain on after the anchor, and a second purge with nothing old is a no-op.
    await caseworker.inject({ url: `/api/citizens/${citizenId}` });
    await new AuditSealer(t.database).sealAll();
    expect(await purgeAudit(t.database, cutoff)).toBe(0);
    expect((await verifyAuditChain(t.database)).ok).toBe(true);
  });
});
