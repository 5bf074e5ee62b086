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

describe('continuation after job', () => {
  it('keeps the health course enrolment active under the health centre and creates 3/6/12-month follow-ups', async () => {
    const res = await sagsbehandler.inject({
      method: 'POST',
      url: `/api/continuation/${citizenId}/job-start`,
      payload: { reason: 'job', endDate: '2026-12-01' },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.endedPeriods).toBe(1);
    expect(body.continued).toHaveLength(1);
    expect(body.followUps.map((f: { dueDate: string }) => f.dueDate)).toEqual([
      '2027-03-01',
      '2027-06-01',
      '2027-12-01',
    ]);
    const { rows } = await sql<{ status: string; owner: string; type: string; end_reason: string }>`
      select e.status, o.name as owner, o.type, b.end_reason from enrolment e
      join organisation o on o.municipality_code = e.municipality_code and o.id = e.owner_organisation_id
      join benefit_period b on b.municipality_code = e.municipality_code and b.citizen_id = e.citizen_id
      where e.id = ${body.continued[0]}`.execute(t.database.db);
    expect(rows[0]).toMatchObject({
      status: 'enrolled',
      type: 'sundhedscenter',
      end_reason: 'job',
    });
    const again = await sagsbehandler.inject({
      method: 'POST',
      url: `/api/continuation/${citizenId}/job-start`,
      payload: { reason: 'job', endDate: '2026-12-01' },
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
    const { rows: sessions } = await sql<{ id: string; enrolment_id: string }>`
      select s.id, e.id as enrolment_id from course_session s
      join enrolment e on e.course_id = s.course_id and e.citizen_id = ${citizenId}
      order by s.starts_at limit 2`.execute(t.database.db);
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
