/**
 * `npm run seed:national` at a small size, on PostgreSQL (the seed is PostgreSQL-only: COPY-style
 * batches, session_replication_role). It loads with triggers off, so what triggers keep current
 * elsewhere it must build itself: the per-enrolment attendance counts (0700), each referral's
 * first "sent" (1141) and the audit chain. This file is in the 'api' project only when TEST_DATABASE_URL is set (CI's second pass).
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../src/db/migrate.js';
import { seedNational } from '../../src/db/seed/national.js';
import { verifyAuditChain } from '../../src/platform/audit-chain.js';
import { decryptCpr, hashCpr, parseCpr } from '../../src/platform/cpr.js';
import { createEmptyTestDatabase, type TestDatabase, testConfig } from '../helper.js';

const CITIZENS = 3000;
const config = testConfig({ SEED_DEMO: 'false' });
const quiet = () => {};
let a: TestDatabase;
let b: TestDatabase;
let counts: Record<string, number>;

beforeAll(async () => {
  [a, b] = await Promise.all([createEmptyTestDatabase(), createEmptyTestDatabase()]);
  await migrate(a.database);
  await migrate(b.database);
  counts = await seedNational({ databaseUrl: a.url!, config, citizens: CITIZENS, log: quiet });
  await seedNational({ databaseUrl: b.url!, config, citizens: CITIZENS, log: quiet });
}, 300_000);

afterAll(async () => {
  await a?.close();
  await b?.close();
});

/** A digest of the rows that do not depend on the day the seed ran. */
async function digest(t: TestDatabase) {
  const { rows } = await sql<{ citizens: string; referrals: string; consents: string }>`
    select
      (select md5(string_agg(concat_ws('|', id, encode(cpr_hash, 'hex'), first_name, last_name, birth_date), ',' order by id))
        from citizen) as citizens,
      (select md5(string_agg(concat_ws('|', id, citizen_id, state, course_id), ',' order by id))
        from referral) as referrals,
      (select md5(string_agg(concat_ws('|', id, citizen_id, recipient_organisation_id, categories), ',' order by id))
        from consent) as consents`.execute(t.database.db);
  return rows[0];
}

describe('seed:national (small)', () => {
  it('places the citizens by population, and a seed gives the same data', async () => {
    expect(counts.citizen).toBe(CITIZENS);
    const { rows } = await sql<{ code: string; n: number }>`
      select municipality_code as code, count(*)::int as n from citizen group by 1 order by 2 desc, 1`.execute(
      a.database.db,
    );
    expect(rows).toHaveLength(98);
    expect(rows[0]!.code).toBe('101'); // København
    expect(rows.at(-1)!.code).toBe('825'); // Læsø
    expect(await digest(b)).toEqual(await digest(a));
  });

  it('builds the attendance counts the triggers would have kept', async () => {
    const { rows } = await sql<{ missing: number; wrong: number; enrolments: number }>`
      with truth as (
        select municipality_code, enrolment_id,
          count(*) filter (where status = 'present')::int as present,
          count(*) filter (where status = 'absent_notice')::int as absent_notice,
          count(*) filter (where status = 'absent_no_notice')::int as absent_no_notice,
          count(*) filter (where status = 'sick')::int as sick
        from attendance group by 1, 2)
      select
        (select count(*)::int from truth t where not exists (select 1 from attendance_summary s
          where s.municipality_code = t.municipality_code and s.enrolment_id = t.enrolment_id)) as missing,
        (select count(*)::int from truth t join attendance_summary s using (municipality_code, enrolment_id)
          where (s.present, s.absent_notice, s.absent_no_notice, s.sick)
            <> (t.present, t.absent_notice, t.absent_no_notice, t.sick)) as wrong,
        (select count(*)::int from truth) as enrolments`.execute(a.database.db);
    expect(rows[0]!.enrolments).toBeGreaterThan(50);
    expect(rows[0]).toMatchObject({ missing: 0, wrong: 0 });
  });

  it("builds the task list's attendance flag (1130) as the triggers keep it: the last two sessions absent without notice", async () => {
    const { rows } = await sql<{ wrong: number; summaries: number }>`
      with truth as (
        select municipality_code, enrolment_id, count(*) filter (where status = 'absent_no_notice') = 2 as flag
        from (select a.municipality_code, a.enrolment_id, a.status,
            row_number() over (partition by a.municipality_code, a.enrolment_id order by cs.starts_at desc) as n
          from attendance a join course_session cs on cs.municipality_code = a.municipality_code
            and cs.id = a.session_id) r
        where n <= 2 group by 1, 2)
      select (select count(*)::int from truth t join attendance_summary s using (municipality_code, enrolment_id)
          where s.tail_absent_no_notice <> t.flag) as wrong,
        (select count(*)::int from attendance_summary) as summaries`.execute(a.database.db);
    expect(rows[0]!.summaries).toBeGreaterThan(50);
    expect(rows[0]!.wrong).toBe(0);
  });

  it('sets each referral\'s first "sent" the event triggers would have kept (1141)', async () => {
    const { rows } = await sql<{ wrong: number; sent: number }>`
      with truth as (
        select r.first_sent_at, (select min(e.occurred_at) from referral_event e
          where e.municipality_code = r.municipality_code and e.referral_id = r.id
            and e.to_state = 'sent') as recount
        from referral r)
      select count(*) filter (where first_sent_at is distinct from recount)::int as wrong,
        count(recount)::int as sent from truth`.execute(a.database.db);
    expect(rows[0]!.sent).toBeGreaterThan(50);
    expect(rows[0]!.wrong).toBe(0);
  });

  it('keeps the follow-up rule sets the migrations made, so the task list answers', async () => {
    const { rows } = await sql<{ municipalities: number; with_rules: number }>`
      select (select count(*) from municipality)::int as municipalities,
        (select count(distinct municipality_code) from followup_rule_set)::int as with_rules`.execute(
      a.database.db,
    );
    expect(rows[0]!.municipalities).toBe(98);
    expect(rows[0]!.with_rules).toBe(98);
  });

  it('seals the audit history so audit:verify passes', async () => {
    const result = await verifyAuditChain(a.database);
    expect(result.ok).toBe(true);
    expect(result.checked).toBe(counts.audit_event);
  });

  it('uses CPR numbers that cannot be real (born 2040-2057 by the CPR century table), found by their hash', async () => {
    const keys = { encryptionKey: config.cprEncryptionKey, hashKey: config.cprHashKey };
    const { rows } = await sql<{ cpr_encrypted: Uint8Array; cpr_hash: Uint8Array }>`
      select cpr_encrypted, cpr_hash from citizen order by id limit 500`.execute(a.database.db);
    for (const r of rows) {
      const cpr = decryptCpr(keys, r.cpr_encrypted);
      const year = parseCpr(cpr)?.birthDate.slice(0, 4);
      expect(Number(year)).toBeGreaterThanOrEqual(2040);
      expect(Number(year)).toBeLessThanOrEqual(2057);
      expect(Buffer.from(hashCpr(keys, cpr))).toEqual(Buffer.from(r.cpr_hash));
    }
  });
});
