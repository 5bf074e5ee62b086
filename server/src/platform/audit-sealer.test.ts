/**
 * The sealer's scan starts above rows it has sealed once no transaction that could still add a
 * lower id is running, and never skips a row whose transaction commits late. On PostgreSQL a
 * transaction is held open on its own connection while later rows are inserted and sealed over
 * several passes; PGlite has one connection, so there the passes are sequential.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/helper.js';
import { AuditSealer, verifyAuditChain } from './audit-chain.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t?.close());

const insertRow = (tag: string) => sql<{ id: number }>`
  insert into audit_event (municipality_code, action, resource_type, purpose, request_id)
  values ('840', 'read', 'citizen', 'Sagsbehandling', ${tag}) returning id`;

async function unsealed() {
  const { rows } = await sql<{ request_id: string }>`
    select e.request_id from audit_event e
    where not exists (select 1 from audit_seal s
      where s.municipality_code = e.municipality_code and s.event_id = e.id)
    order by e.id`.execute(t.database.db);
  return rows.map((r) => r.request_id);
}

const floorOf = (sealer: AuditSealer) => (sealer as unknown as { floor: number | null }).floor ?? 0;

describe('the audit sealer', () => {
  it('seals a row that commits after later rows were sealed, and moves its scan floor only past finished work', async () => {
    const sealer = new AuditSealer(t.database);
    await sealer.sealAll();
    expect(await unsealed()).toEqual([]);

    if (t.database.kind === 'postgres') {
      let releaseLate!: () => void;
      const lateMayCommit = new Promise<void>((r) => {
        releaseLate = r;
      });
      let lateId = 0;
      let lateInserted!: () => void;
      const inserted = new Promise<void>((r) => {
        lateInserted = r;
      });
      const late = t.database.withConnection(async (c) => {
        await c.exec('begin');
        const { rows } = await c.query<{ id: number }>(
          `insert into audit_event (municipality_code, action, resource_type, purpose, request_id)
           values ('840', 'read', 'citizen', 'Sagsbehandling', 'late') returning id`,
        );
        lateId = Number(rows[0]!.id);
        lateInserted();
        await lateMayCommit;
        await c.exec('commit');
      });
      await inserted;
      const after: number[] = [];
      for (const tag of ['after-1', 'after-2', 'after-3']) {
        after.push(Number((await insertRow(tag).execute(t.database.db)).rows[0]!.id));
        await sealer.sealAll();
      }
      expect(Math.min(...after)).toBeGreaterThan(lateId);
      // The open transaction holds a lower id: the floor must stay below it.
      expect(floorOf(sealer)).toBeLessThan(lateId);
      expect(await unsealed()).toEqual([]); // 'late' is not committed, so not visible yet
      releaseLate();
      await late;
      expect(await unsealed()).toEqual(['late']);
      await sealer.sealAll();
      expect(await unsealed()).toEqual([]);
    }

    // With nothing else running, each pass starts above what the pass before it sealed.
    const ids: number[] = [];
    for (const tag of ['seq-1', 'seq-2', 'seq-3']) {
      ids.push(Number((await insertRow(tag).execute(t.database.db)).rows[0]!.id));
      await sealer.sealAll();
    }
    expect(await unsealed()).toEqual([]);
    expect(floorOf(sealer)).toBeGreaterThanOrEqual(ids[1]!);

    const verified = await verifyAuditChain(t.database);
    expect(verified.ok).toBe(true);
    expect(verified.unsealed).toBe(0);
  });
});
