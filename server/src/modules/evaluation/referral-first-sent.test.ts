/**
 * The dashboard's waiting times read each referral's first "sent" from referral.first_sent_at
 * (decision 1141), kept by triggers on referral_event. Whatever writes the events — the
 * referrals module's state changes, or an insert, update or delete by anything else — the column
 * must equal a recount from the events: the earliest 'sent' event, none when there is none.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, login, type Session, type TestApp } from '../../../test/helper.js';
import {
  createCourse,
  createOffer,
  createReferral,
  driveTo,
  giveConsent,
  municipality,
} from '../referrals/referrals.fixtures.js';
import { type ReferralState, referralStates } from '../referrals/referrals.machine.js';
import { waitingTimes } from './evaluation.repo.js';

let t: TestApp;
let caseworker: Session;
let provider: Session;

beforeAll(async () => {
  t = await buildTestApp();
  caseworker = await login(t.app, 'rebild.sagsbehandler');
  provider = await login(t.app, 'rebild.udbyder');
});
afterAll(async () => {
  await t?.close();
});

/** Every referral with its kept first "sent" and the recount from its events, where they differ. */
async function mismatches() {
  const { rows } = await sql<{ id: string; kept: Date | null; recount: Date | null }>`
    select r.id, r.first_sent_at as kept,
      (select min(e.occurred_at) from referral_event e where e.municipality_code = r.municipality_code
        and e.referral_id = r.id and e.to_state = 'sent') as recount
    from referral r`.execute(t.database.db);
  return rows.filter((r) => (r.kept?.getTime() ?? null) !== (r.recount?.getTime() ?? null));
}

async function withFirstSent(): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from referral where first_sent_at is not null`.execute(t.database.db);
  return rows[0]!.n;
}

/**
 * The waiting-time table as it was computed before 1141: each referral's first "sent" found by
 * scanning its events. The dashboard's table (from first_sent_at) must show the same figures.
 */
async function waitingFromEvents(m: string) {
  const { rows } = await sql<{ offer: string; n: number; median: number; mean: number }>`
    with sent as (
      select ev.referral_id, min(ev.occurred_at)::date as sent_on from referral_event ev
      where ev.municipality_code = ${m} and ev.to_state = 'sent' group by 1
    ),
    w as (
      select o.title || ' (' || org.name || ')' as offer, (k.start_date - sent.sent_on) as days
      from referral r
      join sent on sent.referral_id = r.id
      join offer o on o.municipality_code = r.municipality_code and o.id = r.offer_id
      join organisation org on org.municipality_code = o.municipality_code and org.id = o.provider_organisation_id
      join course k on k.municipality_code = r.municipality_code and k.id = r.course_id
      where r.municipality_code = ${m} and r.state in ('started', 'completed', 'dropped_out')
    )
    select offer, count(days)::int as n,
      percentile_cont(0.5) within group (order by days)::float8 as median, avg(days)::float8 as mean
    from w where days is not null group by offer order by offer`.execute(t.database.db);
  return rows;
}

async function sameWaitingTimes() {
  const { rows } = await sql<{ m: string }>`
    select distinct municipality_code as m from referral order by 1`.execute(t.database.db);
  let offers = 0;
  for (const { m } of rows) {
    const shown = await t.database.db
      .transaction()
      .execute((tx) => waitingTimes(tx, m, { from: '2000-01-01', to: '2100-01-01' }));
    const expected = await waitingFromEvents(m);
    expect(shown, m).toEqual(expected);
    offers += shown.length;
  }
  return offers;
}

/** A small seeded generator: the same random sequence on every run. */
function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('referral.first_sent_at', () => {
  it('equals the recount from the events after the demo seed', async () => {
    expect(await withFirstSent()).toBeGreaterThan(5);
    expect(await mismatches()).toEqual([]);
    expect(await sameWaitingTimes()).toBeGreaterThan(0);
  });

  it('follows the referrals module through random state changes', async () => {
    const rebild = await municipality(t, '840');
    const offer = await createOffer(t, rebild, rebild.provider, 'Ventetid – trigger (test)');
    const citizen = rebild.citizens[2]!;
    await giveConsent(caseworker, citizen, rebild.provider, ['attendance']);
    const random = prng(1141);
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) {
      const state = referralStates[Math.floor(random() * referralStates.length)] as ReferralState;
      const r = await createReferral(caseworker, citizen, offer);
      // A citizen is enrolled once per course: a course for each referral.
      const course = await createCourse(provider, offer, { weeks: 1, capacity: 5 });
      await driveTo({ caseworker, provider }, r.id, state, course.id);
      ids.push(r.id);
      expect(await mismatches()).toEqual([]);
    }
    const { rows } = await sql<{ state: string; first_sent_at: Date | null }>`
      select state, first_sent_at from referral where id in (${sql.join(ids)})`.execute(
      t.database.db,
    );
    // A draft or a referral cancelled before it was sent has no first "sent"; every other one has.
    for (const r of rows)
      expect(r.first_sent_at === null, r.state).toBe(['draft', 'cancelled'].includes(r.state));
  });

  it('equals the recount after random inserts, updates and deletes of events', async () => {
    const db = t.database.db;
    const { rows: referrals } = await sql<{ m: string; id: string }>`
      select municipality_code as m, id from referral order by municipality_code, id limit 12`.execute(
      db,
    );
    expect(referrals.length).toBeGreaterThanOrEqual(6);
    const random = prng(20);
    const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)]!;
    const states = ['sent', 'sent', 'received', 'accepted', 'cancelled'];
    const when = () => new Date(Date.UTC(2026, 0, 1) + Math.floor(random() * 300) * 86_400_000);
    for (let step = 0; step < 40; step++) {
      const op = random();
      if (op < 0.45) {
        // One statement with several events, possibly several for one referral.
        const n = 1 + Math.floor(random() * 4);
        const values = Array.from({ length: n }, () => {
          const r = pick(referrals);
          return sql`(${r.m}, ${r.id}, ${pick(states)}, ${when()})`;
        });
        await sql`insert into referral_event (municipality_code, referral_id, to_state, occurred_at)
          values ${sql.join(values)}`.execute(db);
      } else {
        const { rows: events } = await sql<{ m: string; id: string }>`
          select municipality_code as m, id::text as id from referral_event
          where referral_id in (${sql.join(referrals.map((r) => r.id))}) order by id`.execute(db);
        const e = pick(events);
        if (op < 0.6)
          await sql`update referral_event set occurred_at = ${when()}
            where municipality_code = ${e.m} and id = ${e.id}::bigint`.execute(db);
        else if (op < 0.75)
          await sql`update referral_event set to_state = ${pick(states)}
            where municipality_code = ${e.m} and id = ${e.id}::bigint`.execute(db);
        else if (op < 0.85) {
          // An event moved to another referral of the same municipality: both are recounted.
          const other = referrals.find((r) => r.m === e.m && random() < 0.5) ?? referrals[0]!;
          if (other.m === e.m)
            await sql`update referral_event set referral_id = ${other.id}
              where municipality_code = ${e.m} and id = ${e.id}::bigint`.execute(db);
        } else
          await sql`delete from referral_event where municipality_code = ${e.m} and id = ${e.id}::bigint`.execute(
            db,
          );
      }
      expect(await mismatches(), `step ${step}`).toEqual([]);
    }
    // The manager's waiting-time table shows what a scan of the events would.
    expect(await sameWaitingTimes()).toBeGreaterThan(0);
  });
});
