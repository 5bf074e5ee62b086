import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, login, type Session, type TestApp } from '../../../test/helper.js';

let t: TestApp;
let sagsbehandler: Session;
let sundhed: Session;
let citizenId: string;

beforeAll(async () => {
  t = await buildTestApp();
  sagsbehandler = await login(t.app, 'rebild.sagsbehandler');
  sundhed = await login(t.app, 'rebild.sundhed');
  citizenId = (await login(t.app, 'rebild.borger')).user.citizenId!;
  await sql`insert into benefit_period (municipality_code, citizen_id, benefit_type, start_date)
    values ('840', ${citizenId}, 'kontanthjaelp_aktivitetsparat', '2025-09-01')`.execute(
    t.database.db,
  );
});
afterAll(() => t.close());

// The job starts today (UTC, never ahead of the server's Danish today), so no open period can
// start after it; the follow-ups fall 3, 6 and 12 months later, a month end clamped as
// PostgreSQL's date + interval does, and none is due within the task list's 14 days by itself.
const now = new Date();
const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const monthsAhead = (months: number) => {
  const lastDay = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + months + 1, 0));
  return isoDay(
    new Date(
      Date.UTC(
        lastDay.getUTCFullYear(),
        lastDay.getUTCMonth(),
        Math.min(now.getUTCDate(), lastDay.getUTCDate()),
      ),
    ),
  );
};
const endDate = isoDay(now);

describe('continuation after job', () => {
  it('keeps the health course enrolment active under the health centre and creates 3/6/12-month follow-ups', async () => {
    // The demo parts give the demo citizen periods and enrolments of their own: read what is
    // open and active now, so the expectations follow the data rather than a count fixed here.
    const { rows: open } = await sql<{ id: string }>`
      select id from benefit_period where citizen_id = ${citizenId} and end_date is null`.execute(
      t.database.db,
    );
    const { rows: active } = await sql<{ id: string }>`
      select e.id from enrolment e
      join course k on k.municipality_code = e.municipality_code and k.id = e.course_id
      join offer o on o.municipality_code = k.municipality_code and o.id = k.offer_id
      left join referral r on r.municipality_code = e.municipality_code and r.id = e.referral_id
      left join organisation w on w.municipality_code = e.municipality_code
        and w.id = coalesce(e.owner_organisation_id, r.from_organisation_id)
      where e.citizen_id = ${citizenId} and e.status in ('enrolled', 'waitlisted') and o.kind = 'health'
        and k.status in ('planned', 'running') and w.type is distinct from 'sundhedscenter'`.execute(
      t.database.db,
    );
    expect(open.length).toBeGreaterThanOrEqual(1);
    expect(active.length).toBeGreaterThanOrEqual(1);
    const res = await sagsbehandler.inject({
      method: 'POST',
      url: `/api/continuation/${citizenId}/job-start`,
      payload: { reason: 'job', endDate },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.endedPeriods).toBe(open.length);
    expect([...body.continued].sort()).toEqual(active.map((e) => e.id).sort());
    expect(body.followUps.map((f: { dueDate: string }) => f.dueDate)).toEqual([
      monthsAhead(3),
      monthsAhead(6),
      monthsAhead(12),
    ]);
    const { rows } = await sql<{ status: string; owner: string; type: string }>`
      select e.status, o.name as owner, o.type from enrolment e
      join organisation o on o.municipality_code = e.municipality_code and o.id = e.owner_organisation_id
      where e.id in (${sql.join(body.continued as string[])})`.execute(t.database.db);
    expect(rows).toHaveLength(body.continued.length);
    for (const row of rows)
      expect(row).toMatchObject({ status: 'enrolled', type: 'sundhedscenter' });
    const { rows: ended } = await sql<{ end_date: string; end_reason: string }>`
      select end_date::text, end_reason from benefit_period
      where id in (${sql.join(open.map((p) => p.id))})`.execute(t.database.db);
    expect(ended).toHaveLength(open.length);
    for (const p of ended) expect(p).toEqual({ end_date: endDate, end_reason: 'job' });
    expect(
      (
        await sql<{ n: number }>`select count(*)::int as n from benefit_period
          where citizen_id = ${citizenId} and end_date is null`.execute(t.database.db)
      ).rows[0]!.n,
    ).toBe(0);
    const again = await sagsbehandler.inject({
      method: 'POST',
      url: `/api/continuation/${citizenId}/job-start`,
      payload: { reason: 'job', endDate },
    });
    expect(again.json().followUps).toHaveLength(0);
  });

  it('shows the owner change, records a bridge to an association, and puts follow-ups in the health centre’s tasks', async () => {
    const overview = (
      await sundhed.inject({ method: 'GET', url: `/api/continuation/${citizenId}` })
    ).json();
    expect(overview.ownerChanges[0].toName).toBe('Sundhedscenter Rebild');
    expect(overview.ownerChanges[0].fromName).toBe('Jobcenter Rebild');
    expect(overview.followUps.map((f: { months: number }) => f.months)).toEqual([3, 6, 12]);
    // The health centre owns the follow-ups: its staff may mark them done, the job centre's
    // caseworker (whose role allows it only for the own organisation) may not.
    expect(overview.allowedActions).toEqual(['continuation.bridge']);
    for (const f of overview.followUps)
      expect(f.allowedActions).toEqual(['continuation.follow_up']);
    const asCaseworker = (
      await sagsbehandler.inject({ method: 'GET', url: `/api/continuation/${citizenId}` })
    ).json();
    expect(asCaseworker.allowedActions).toEqual(['continuation.job_start', 'continuation.bridge']);
    for (const f of asCaseworker.followUps) expect(f.allowedActions).toEqual([]);
    expect(asCaseworker.associations.map((a: { title: string }) => a.title).join()).toContain(
      'boksning',
    );
    const { rows } = await sql<{
      id: string;
    }>`select id from offer where municipality_code = '840' and kind = 'association'`.execute(
      t.database.db,
    );
    const bridge = await sundhed.inject({
      method: 'POST',
      url: `/api/continuation/${citizenId}/bridges`,
      payload: { offerId: rows[0]!.id, note: 'Prøvetræning aftalt' },
    });
    expect(bridge.statusCode).toBe(201);
    expect(bridge.json().bridges[0].offerTitle).toContain('boksning');
    // Make the 3-month follow-up due now and see it in the health professional's task list.
    await sql`update follow_up set due_date = current_date where months = 3 and citizen_id = ${citizenId}`.execute(
      t.database.db,
    );
    const tasks = (await sundhed.inject({ method: 'GET', url: '/api/tasks' })).json();
    expect(tasks.counts.followUpsDue).toBe(1);
    const followUp = tasks.items.find((i: { kind: string }) => i.kind === 'follow_up_due');
    const done = await sundhed.inject({
      method: 'POST',
      url: `/api/continuation/follow-ups/${followUp.refId}/done`,
    });
    expect(done.statusCode).toBe(200);
    // Another organisation cannot close the health centre's follow-up.
    const udbyder = await login(t.app, 'rebild.udbyder');
    expect(
      (
        await udbyder.inject({
          method: 'POST',
          url: `/api/continuation/follow-ups/${followUp.refId}/done`,
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (await sundhed.inject({ method: 'GET', url: '/api/tasks' })).json().counts.followUpsDue,
    ).toBe(0);
  });

  it('flags two absences without notice in a row in the provider’s task list', async () => {
    // Two sessions in a row of one enrolment (the citizen may be on more than one course).
    const { rows: sessions } = await sql<{ id: string; enrolment_id: string }>`
      with one as (
        select e.id, e.course_id from enrolment e
        where e.citizen_id = ${citizenId} and e.status = 'enrolled'
          and (select count(*) from course_session c where c.course_id = e.course_id) >= 2
        order by e.enrolled_at, e.id limit 1)
      select s.id, one.id as enrolment_id from course_session s join one on one.course_id = s.course_id
      order by s.starts_at limit 2`.execute(t.database.db);
    expect(sessions).toHaveLength(2);
    for (const s of sessions) {
      await sql`insert into attendance (municipality_code, session_id, enrolment_id, status)
        values ('840', ${s.id}, ${s.enrolment_id}, 'absent_no_notice')`.execute(t.database.db);
    }
    const tasks = (await sundhed.inject({ method: 'GET', url: '/api/tasks' })).json();
    expect(tasks.counts.attendanceFlags).toBe(1);
    const koordinator = await login(t.app, 'rebild.koordinator');
    const kt = (await koordinator.inject({ method: 'GET', url: '/api/tasks' })).json();
    expect(kt.counts).toHaveProperty('screeningsDue');
  });
});
