/**
 * The task list's attendance flag: two absences without notice in a row are the last two
 * recorded sessions of an enrolment by session start. The flag is kept per enrolment as
 * attendance is written (migration 1130), so it must follow every way those two sessions
 * change: a later session recorded, a status corrected, a session moved, a record deleted.
 * The coordinating caseworker's screenings due are read per screening rule (decision 1130):
 * they must stay the screening queue's "due now" list.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, login, type Session, type TestApp } from '../../../test/helper.js';

let t: TestApp;
let sundhed: Session;
let enrolmentId: string;
let sessions: string[];

beforeAll(async () => {
  t = await buildTestApp();
  sundhed = await login(t.app, 'rebild.sundhed');
  const citizenId = (await login(t.app, 'rebild.borger')).user.citizenId!;
  // An enrolment of the demo citizen in a course of the health centre with three sessions.
  const { rows } = await sql<{ id: string; enrolment_id: string }>`
    with one as (
      select e.id, e.course_id from enrolment e
      join course k on k.municipality_code = e.municipality_code and k.id = e.course_id
      join offer o on o.municipality_code = k.municipality_code and o.id = k.offer_id
      join organisation g on g.municipality_code = o.municipality_code and g.id = o.provider_organisation_id
      where e.citizen_id = ${citizenId} and e.status = 'enrolled' and g.type = 'sundhedscenter'
        and (select count(*) from course_session c where c.course_id = e.course_id) >= 3
      order by e.enrolled_at, e.id limit 1)
    select s.id, one.id as enrolment_id from course_session s join one on one.course_id = s.course_id
    order by s.starts_at limit 3`.execute(t.database.db);
  expect(rows).toHaveLength(3);
  enrolmentId = rows[0]!.enrolment_id;
  sessions = rows.map((r) => r.id);
  await sql`delete from attendance where enrolment_id = ${enrolmentId}`.execute(t.database.db);
});
afterAll(() => t.close());

const flagged = async () =>
  (
    (await sundhed.inject({ method: 'GET', url: '/api/tasks' })).json().items as {
      kind: string;
      refId: string;
    }[]
  ).some((i) => i.kind === 'attendance_flag' && i.refId === enrolmentId);

const record = (session: string, status: string) =>
  sql`insert into attendance (municipality_code, session_id, enrolment_id, status)
    values ('840', ${session}, ${enrolmentId}, ${status})
    on conflict (municipality_code, session_id, enrolment_id) do update set status = excluded.status`.execute(
    t.database.db,
  );

describe('attendance flag in the task list', () => {
  it('appears after two absences without notice in a row, and goes when a later session is attended', async () => {
    await record(sessions[0]!, 'absent_no_notice');
    expect(await flagged()).toBe(false);
    await record(sessions[1]!, 'absent_no_notice');
    expect(await flagged()).toBe(true);
    await record(sessions[2]!, 'present');
    expect(await flagged()).toBe(false);
  });

  it('follows a corrected status, a moved session and a deleted record', async () => {
    // Corrected: the third session was an absence without notice after all.
    await record(sessions[2]!, 'absent_no_notice');
    expect(await flagged()).toBe(true);
    await record(sessions[1]!, 'absent_notice');
    expect(await flagged()).toBe(false);
    // Moved: the second session (absence with notice) now comes first, so the last two are
    // the first and the third, both without notice.
    await sql`update course_session set starts_at = starts_at - interval '30 days',
        ends_at = ends_at - interval '30 days'
      where id = ${sessions[1]}`.execute(t.database.db);
    expect(await flagged()).toBe(true);
    // Deleted: the first session's record goes; the last two are the second and the third.
    await sql`delete from attendance where session_id = ${sessions[0]} and enrolment_id = ${enrolmentId}`.execute(
      t.database.db,
    );
    expect(await flagged()).toBe(false);
  });
});

describe("screenings due in the coordinating caseworker's task list", () => {
  it("are the screening queue's periods whose week N has begun, oldest first", async () => {
    const koordinator = await login(t.app, 'rebild.koordinator');
    const tasks = (await koordinator.inject({ method: 'GET', url: '/api/tasks' })).json() as {
      items: { kind: string; refId: string }[];
    };
    const due = tasks.items.filter((i) => i.kind === 'screening_due').map((i) => i.refId);
    const queue = (
      await koordinator.inject({ method: 'GET', url: '/api/screening/queue?due=now&limit=200' })
    ).json() as { items: { periodId: string; startDate: string }[] };
    expect(due.length).toBeGreaterThan(0);
    expect(due).toEqual(
      [...queue.items]
        .sort(
          (a, b) => a.startDate.localeCompare(b.startDate) || (a.periodId < b.periodId ? -1 : 1),
        )
        .map((i) => i.periodId),
    );
  });
});
