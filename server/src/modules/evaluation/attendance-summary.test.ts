/**
 * The dashboard reads attendance from attendance_summary (one row per enrolment), kept by
 * triggers on attendance. Whatever writes attendance — insert, the courses module's upsert,
 * an update or a delete — the summary must equal a count of the attendance rows themselves.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/helper.js';

let t: TestApp;

beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t?.close();
});

type Counts = Record<string, [number, number, number, number]>;

async function fromAttendance(): Promise<Counts> {
  const { rows } = await sql<{ k: string; p: number; an: number; ann: number; s: number }>`
    select municipality_code || '/' || enrolment_id as k,
      count(*) filter (where status = 'present')::int as p,
      count(*) filter (where status = 'absent_notice')::int as an,
      count(*) filter (where status = 'absent_no_notice')::int as ann,
      count(*) filter (where status = 'sick')::int as s
    from attendance group by 1`.execute(t.database.db);
  return Object.fromEntries(rows.map((r) => [r.k, [r.p, r.an, r.ann, r.s]]));
}

async function fromSummary(): Promise<Counts> {
  const { rows } = await sql<{ k: string; p: number; an: number; ann: number; s: number }>`
    select municipality_code || '/' || enrolment_id as k, present as p, absent_notice as an,
      absent_no_notice as ann, sick as s
    from attendance_summary where present + absent_notice + absent_no_notice + sick > 0`.execute(
    t.database.db,
  );
  return Object.fromEntries(rows.map((r) => [r.k, [r.p, r.an, r.ann, r.s]]));
}

describe('attendance summary per enrolment', () => {
  it('matches the attendance rows after the demo seed, inserts, upserts, updates and deletes', async () => {
    const db = t.database.db;
    const before = await fromAttendance();
    expect(Object.keys(before).length).toBeGreaterThan(10);
    expect(await fromSummary()).toEqual(before);

    // A course session with no attendance yet, and the enrolments of its course.
    const { rows } = await sql<{ m: string; session_id: string; enrolment_id: string }>`
      select s.municipality_code as m, s.id as session_id, e.id as enrolment_id
      from course_session s
      join enrolment e on e.municipality_code = s.municipality_code and e.course_id = s.course_id
      where not exists (select 1 from attendance a where a.municipality_code = s.municipality_code
        and a.session_id = s.id)
      order by s.starts_at, e.id limit 6`.execute(db);
    expect(rows.length).toBeGreaterThanOrEqual(3);
    const [first, second, ...rest] = rows;

    await sql`insert into attendance (municipality_code, session_id, enrolment_id, status)
      values ${sql.join(rows.map((r) => sql`(${r.m}, ${r.session_id}, ${r.enrolment_id}, 'present')`))}`.execute(
      db,
    );
    expect(await fromSummary()).toEqual(await fromAttendance());

    // The courses module records attendance as an upsert: a second registration changes status.
    await sql`insert into attendance (municipality_code, session_id, enrolment_id, status)
      values (${first!.m}, ${first!.session_id}, ${first!.enrolment_id}, 'sick')
      on conflict (municipality_code, session_id, enrolment_id) do update set status = excluded.status`.execute(
      db,
    );
    await sql`update attendance set status = 'absent_no_notice'
      where municipality_code = ${second!.m} and session_id = ${second!.session_id}`.execute(db);
    expect(await fromSummary()).toEqual(await fromAttendance());

    await sql`delete from attendance where municipality_code = ${rest[0]!.m}
      and session_id = ${rest[0]!.session_id} and enrolment_id = ${rest[0]!.enrolment_id}`.execute(
      db,
    );
    expect(await fromSummary()).toEqual(await fromAttendance());
  });
});
