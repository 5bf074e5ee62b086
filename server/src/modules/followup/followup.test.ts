import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, login, type Session, type TestApp } from '../../../test/helper.js';
import { syntheticCpr } from '../../db/seed/national.js';
import { addDays, danishToday, isWorkingDay } from '../../platform/dates.js';
import { ruleSetV1, shiftDue } from './engine.js';

let t: TestApp;
let caseworker: Session;
let odense: Session;
const today = danishToday();

beforeAll(async () => {
  t = await buildTestApp();
  caseworker = await login(t.app, 'rebild.sagsbehandler');
  odense = await login(t.app, 'odense.sagsbehandler');
});
afterAll(async () => t?.close());

let made = 0;
/** A new Rebild citizen (synthetic CPR) with an open sickness-benefit period starting on `start`. */
async function sickCitizen(start: string, firstAbsenceDay = start): Promise<string> {
  made++;
  const created = await caseworker.inject({
    method: 'POST',
    url: '/api/citizens',
    payload: {
      cpr: syntheticCpr(3 + made, 3, 500 + made),
      firstName: 'Sygemeldt',
      lastName: `Test ${made}`,
      responsibleCaseworkerId: caseworker.user.id,
    },
  });
  expect(created.statusCode, created.body).toBe(201);
  const citizenId = created.json().id as string;
  const res = await caseworker.inject({
    method: 'POST',
    url: '/api/benefit-periods',
    payload: { citizenId, benefitType: 'sygedagpenge', startDate: start },
  });
  expect(res.statusCode, res.body).toBe(201);
  if (firstAbsenceDay !== start) await put(citizenId, { firstAbsenceDay });
  return citizenId;
}

const put = async (citizenId: string, body: object) => {
  const res = await caseworker.inject({
    method: 'PUT',
    url: `/api/follow-up/citizen/${citizenId}/case`,
    payload: body,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const post = async (citizenId: string, path: string, body: object, status = 200) => {
  const res = await caseworker.inject({
    method: 'POST',
    url: `/api/follow-up/citizen/${citizenId}/${path}`,
    payload: body,
  });
  expect(res.statusCode, res.body).toBe(status);
  return res.json();
};
const followUp = async (citizenId: string, session = caseworker) => {
  const res = await session.inject({ method: 'GET', url: `/api/citizens/${citizenId}/follow-up` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as {
    benefitPeriodId: string;
    firstAbsenceDay: string;
    category: number | null;
    steps: {
      kind: string;
      dueDate: string | null;
      status: string;
      doneAt: string | null;
      ruleVersion: number | null;
    }[];
  };
};
const stepOf = (f: Awaited<ReturnType<typeof followUp>>, kind: string) =>
  f.steps.filter((s) => s.kind === kind);

describe('GET /api/citizens/:id/follow-up', () => {
  it('returns exactly the period, first absence day, category and steps', async () => {
    const citizenId = await sickCitizen(addDays(today, -3));
    const f = await followUp(citizenId);
    expect(Object.keys(f).sort()).toEqual([
      'benefitPeriodId',
      'category',
      'firstAbsenceDay',
      'steps',
    ]);
    expect(f.steps.map((s) => s.kind)).toEqual([
      'information_form',
      'gp_certificate',
      'first_conversation',
      'follow_up',
      'reassessment',
    ]);
    for (const s of f.steps) {
      expect(Object.keys(s).sort()).toEqual(['doneAt', 'dueDate', 'kind', 'ruleVersion', 'status']);
    }
    // Reading it writes one audit row naming the citizen.
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from audit_event
      where citizen_id = ${citizenId} and resource_type = 'followup_case' and action = 'read'`.execute(
      t.database.db,
    );
    expect(rows[0]!.n).toBe(1);
  });

  it('first conversation due D + 55, moved back over Christmas; reassessment by D + 153', async () => {
    // D = 2 November 2026: D + 55 = Sunday 27 December → Thursday 24 December.
    const citizenId = await sickCitizen('2026-11-02');
    const f = await followUp(citizenId);
    expect(f.firstAbsenceDay).toBe('2026-11-02');
    expect(stepOf(f, 'first_conversation')[0]).toMatchObject({
      dueDate: '2026-12-24',
      ruleVersion: 1,
    });
    // D + 153 = Sunday 4 April 2027 → Friday 2 April.
    expect(stepOf(f, 'reassessment')[0]).toMatchObject({ dueDate: '2027-04-02', ruleVersion: 1 });
    // The GP certificate is needed by the first conversation until it is requested …
    expect(stepOf(f, 'gp_certificate')[0]!.dueDate).toBe('2026-12-24');
    // … then the GP has 14 days: 16 November + 14 = Monday 30 November.
    const d = await post(citizenId, 'gp-certificate', { requestedOn: '2026-11-16' });
    expect(
      d.followUp.steps.find((s: { kind: string }) => s.kind === 'gp_certificate').dueDate,
    ).toBe('2026-11-30');
    // Never under 8 days.
    await post(
      citizenId,
      'gp-certificate',
      { requestedOn: '2026-11-16', deadline: '2026-11-20' },
      400,
    );
    // Held by law, and the page says so.
    expect(d.gpCertificate).toMatchObject({ basis: 'law' });
    expect(d.gpCertificate.reference.da).toContain('§ 11 a');
    const received = await post(citizenId, 'gp-certificate/received', { receivedOn: '2026-11-27' });
    expect(
      received.followUp.steps.find((s: { kind: string }) => s.kind === 'gp_certificate'),
    ).toMatchObject({
      status: 'done',
      doneAt: '2026-11-27',
      dueDate: '2026-11-30',
    });
  });

  it('follow-ups every 28 days after the last held conversation', async () => {
    const D = addDays(today, -70);
    const citizenId = await sickCitizen(D);
    const first = addDays(today, -40);
    const second = addDays(today, -12);
    await post(citizenId, 'conversations', { heldOn: first, form: 'in_person', category: 2 });
    let f = await followUp(citizenId);
    expect(stepOf(f, 'first_conversation')[0]).toMatchObject({
      status: 'done',
      doneAt: first,
      dueDate: shiftDue(addDays(D, 55), D, ruleSetV1.parameters),
    });
    const due1 = shiftDue(addDays(first, 28), first, ruleSetV1.parameters);
    expect(stepOf(f, 'follow_up')).toEqual([
      {
        kind: 'follow_up',
        dueDate: due1,
        status: due1 < today ? 'overdue' : 'open',
        doneAt: null,
        ruleVersion: 1,
      },
    ]);
    expect(f.category).toBe(2);
    await post(citizenId, 'conversations', {
      heldOn: second,
      form: 'video',
      category: 3,
      nextDate: addDays(today, 10),
    });
    f = await followUp(citizenId);
    const due2 = shiftDue(addDays(second, 28), second, ruleSetV1.parameters);
    expect(stepOf(f, 'follow_up')).toEqual([
      { kind: 'follow_up', dueDate: due1, status: 'done', doneAt: second, ruleVersion: 1 },
      { kind: 'follow_up', dueDate: due2, status: 'open', doneAt: null, ruleVersion: 1 },
    ]);
    expect(f.category).toBe(3);
  });

  it('fast track gives the request + 14 days', async () => {
    const citizenId = await sickCitizen('2026-11-16');
    // Wednesday 18 November + 14 = Wednesday 2 December (before D + 55).
    await put(citizenId, { fastTrackRequestedOn: '2026-11-18', fastTrackRequestedBy: 'employer' });
    const f = await followUp(citizenId);
    expect(stepOf(f, 'first_conversation')[0]!.dueDate).toBe('2026-12-02');
  });

  it('standby gives no conversation deadlines', async () => {
    const citizenId = await sickCitizen(addDays(today, -20));
    await put(citizenId, { standby: true });
    const f = await followUp(citizenId);
    expect(stepOf(f, 'first_conversation')[0]).toMatchObject({
      status: 'not_required',
      dueDate: null,
    });
    expect(stepOf(f, 'follow_up')[0]).toMatchObject({ status: 'not_required', dueDate: null });
  });

  it('expected back within 8 weeks: no statutory conversation deadlines, back once past week 8', async () => {
    const early = await sickCitizen(addDays(today, -10));
    await put(early, { expectedBackWithin8Weeks: true });
    const f = await followUp(early);
    expect(stepOf(f, 'first_conversation')[0]!.status).toBe('not_required');
    expect(stepOf(f, 'gp_certificate')[0]!.status).toBe('not_required');
    expect(stepOf(f, 'reassessment')[0]!.status).toBe('not_required');

    // Expected back, but day 61 of absence and still on sickness benefit: the deadline is back.
    const D = addDays(today, -60);
    const late = await sickCitizen(D);
    await put(late, { expectedBackWithin8Weeks: true });
    const g = await followUp(late);
    expect(stepOf(g, 'first_conversation')[0]).toMatchObject({
      status: 'overdue',
      dueDate: shiftDue(addDays(D, 55), D, ruleSetV1.parameters),
    });
  });

  it('is 404 for another municipality and for a citizen without a sickness-benefit period', async () => {
    const citizenId = await sickCitizen(addDays(today, -5));
    const other = await odense.inject({
      method: 'GET',
      url: `/api/citizens/${citizenId}/follow-up`,
    });
    expect(other.statusCode).toBe(404);
    const write = await odense.inject({
      method: 'POST',
      url: `/api/follow-up/citizen/${citizenId}/conversations`,
      payload: { heldOn: today, form: 'phone' },
    });
    expect(write.statusCode).toBe(404);
    const { rows } = await sql<{
      id: string;
    }>`select c.id from citizen c where c.municipality_code = '840'
      and not exists (select 1 from benefit_period p where p.citizen_id = c.id and p.benefit_type = 'sygedagpenge')
      limit 1`.execute(t.database.db);
    const none = await caseworker.inject({
      method: 'GET',
      url: `/api/citizens/${rows[0]!.id}/follow-up`,
    });
    expect(none.statusCode).toBe(404);
    expect(none.json().detail).toBe('Borgeren har ikke et sygedagpengeforløb.');
  });
});

describe('the information form', () => {
  it('the citizen answers their own form, and the caseworker sees the answers', async () => {
    const citizen = await login(t.app, 'rebild.borger');
    const citizenId = citizen.user.citizenId!;
    const before = await citizen.inject({
      method: 'GET',
      url: '/api/follow-up/my/information-form',
    });
    expect(before.statusCode).toBe(404);
    const period = await caseworker.inject({
      method: 'POST',
      url: '/api/benefit-periods',
      payload: { citizenId, benefitType: 'sygedagpenge', startDate: addDays(today, -6) },
    });
    expect(period.statusCode, period.body).toBe(201);
    await post(citizenId, 'information-form', { sentOn: today });
    const mine = await citizen.inject({ method: 'GET', url: '/api/follow-up/my/information-form' });
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json()).toMatchObject({ sentOn: today, answeredOn: null });
    expect(mine.json().dueDate).toBe(shiftDue(addDays(today, 8), today, ruleSetV1.parameters));
    // The citizen sees that the GP certificate and the mulighedserklæring are held by law.
    expect(mine.json().legalBases.map((b: { basis: string }) => b.basis)).toEqual(['law', 'law']);
    const answers = {
      workAbility: 'Jeg kan ikke løfte eller stå længe',
      expectedDuration: 'Omkring 10 uger',
      canStillDo: 'Kontorarbejde nogle timer om dagen',
    };
    const answered = await citizen.inject({
      method: 'PUT',
      url: '/api/follow-up/my/information-form',
      payload: answers,
    });
    expect(answered.statusCode, answered.body).toBe(200);
    const again = await citizen.inject({
      method: 'PUT',
      url: '/api/follow-up/my/information-form',
      payload: answers,
    });
    expect(again.statusCode).toBe(409);
    // A citizen cannot change the case.
    const denied = await citizen.inject({
      method: 'PUT',
      url: `/api/follow-up/citizen/${citizenId}/case`,
      payload: { standby: true },
    });
    expect(denied.statusCode).toBe(403);

    const seen = await caseworker.inject({
      method: 'GET',
      url: `/api/follow-up/citizen/${citizenId}`,
    });
    expect(seen.statusCode).toBe(200);
    expect(seen.json().informationForm).toMatchObject({ answeredOn: today, ...answers });
    expect(seen.json().followUp.steps[0]).toMatchObject({
      kind: 'information_form',
      status: 'done',
      doneAt: today,
    });
    expect(seen.json().allowedActions).toContain('followup.update');
  });
});

describe('reassessment, mulighedserklæring and the deadlines list', () => {
  it('records the reassessment decision and the mulighedserklæring dates', async () => {
    const citizenId = await sickCitizen(addDays(today, -150));
    await post(citizenId, 'reassessment', { decidedOn: today, decision: 'extension' }, 400);
    const d = await post(citizenId, 'reassessment', {
      decidedOn: today,
      decision: 'extension',
      extensionGround:
        'Lægelig behandling med forventet raskmelding (forlængelsesgrund efter loven)',
    });
    expect(d.followUp.steps.at(-1)).toMatchObject({
      kind: 'reassessment',
      status: 'done',
      doneAt: today,
    });
    const fit = await caseworker.inject({
      method: 'PUT',
      url: `/api/follow-up/citizen/${citizenId}/fitness-statement`,
      payload: { part1On: addDays(today, -20), part2On: addDays(today, -14) },
    });
    expect(fit.statusCode, fit.body).toBe(200);
    expect(fit.json().fitnessStatement).toMatchObject({
      part1On: addDays(today, -20),
      basis: 'law',
    });
  });

  it("lists the caseworker's overdue deadlines and those due this week and next", async () => {
    const citizenId = await sickCitizen(addDays(today, -60));
    const res = await caseworker.inject({ method: 'GET', url: '/api/follow-up/deadlines' });
    expect(res.statusCode, res.body).toBe(200);
    const mine = res.json().items.filter((i: { citizenId: string }) => i.citizenId === citizenId);
    // Day 61, no conversation held: the first conversation is overdue (and so is the GP certificate).
    expect(mine).toContainEqual(
      expect.objectContaining({ kind: 'first_conversation', bucket: 'overdue', status: 'overdue' }),
    );
  });
});

describe('rules as data', () => {
  it('an administrator adds a version (audited); it moves only deadlines not yet met', async () => {
    const citizenId = await sickCitizen(addDays(today, -70));
    const held = addDays(today, -20);
    await post(citizenId, 'conversations', { heldOn: held, form: 'phone', category: 2 });
    const before = await followUp(citizenId);
    const firstDue = stepOf(before, 'first_conversation')[0]!.dueDate;

    const admin = await login(t.app, 'rebild.admin');
    const rules = await admin.inject({ method: 'GET', url: '/api/follow-up/rules' });
    expect(rules.json()).toMatchObject({ inForce: 1 });
    const changed = await admin.inject({
      method: 'POST',
      url: '/api/follow-up/rules',
      payload: {
        validFrom: today,
        note: 'Test: opfølgning hver 3. uge',
        parameters: { ...ruleSetV1.parameters, followUpIntervalDays: 21 },
      },
    });
    expect(changed.statusCode, changed.body).toBe(201);
    expect(changed.json().version).toBe(2);
    const refused = await caseworker.inject({
      method: 'POST',
      url: '/api/follow-up/rules',
      payload: { validFrom: today, note: 'x', parameters: ruleSetV1.parameters },
    });
    expect(refused.statusCode).toBe(403);

    const after = await followUp(citizenId);
    // The met deadline keeps its date and version 1; the open follow-up moves and says version 2.
    expect(stepOf(after, 'first_conversation')[0]).toMatchObject({
      dueDate: firstDue,
      ruleVersion: 1,
      status: 'done',
    });
    expect(stepOf(after, 'follow_up')[0]).toMatchObject({
      dueDate: shiftDue(addDays(held, 21), held, ruleSetV1.parameters),
      ruleVersion: 2,
    });
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from audit_event
      where resource_type = 'followup_rule_set' and resource_id = '2' and action = 'update'`.execute(
      t.database.db,
    );
    expect(rows[0]!.n).toBe(1);
  });
});

describe('one engine for all deadlines', () => {
  it("the task list shows the follow-up engine's deadlines, and screenings by the rule's week N", async () => {
    // Day 61 of absence, nothing held: the first conversation is overdue on the citizen page …
    const citizenId = await sickCitizen(addDays(today, -60));
    const f = await followUp(citizenId);
    const first = stepOf(f, 'first_conversation')[0]!;
    const res = await caseworker.inject({ method: 'GET', url: '/api/tasks' });
    expect(res.statusCode, res.body).toBe(200);
    const tasks = res.json();
    // … and the same due date in the task list.
    expect(tasks.items).toContainEqual(
      expect.objectContaining({
        kind: 'sickness_follow_up',
        citizenId,
        due: first.dueDate,
        detail: 'first_conversation',
      }),
    );
    expect(tasks.counts.sicknessFollowUps).toBeGreaterThan(0);
    // Rebild screens sygedagpenge in week 5 (its screening rule), weeks counted from the first
    // day like every deadline: due on day 35 (D + 34), or the last working day before it.
    const screening = tasks.items.find(
      (i: { kind: string; citizenId: string }) =>
        i.kind === 'screening_due' && i.citizenId === citizenId,
    );
    let week5Due = addDays(today, -60 + 34);
    while (!isWorkingDay(week5Due)) week5Due = addDays(week5Due, -1);
    expect(screening.due).toBe(week5Due);
    // The screening queue shows the same date, under "due now" (week 5 has passed).
    const queue = await caseworker.inject({
      method: 'GET',
      url: '/api/screening/queue?due=now&limit=200',
    });
    expect(queue.statusCode, queue.body).toBe(200);
    expect(
      queue.json().items.find((i: { citizenId: string }) => i.citizenId === citizenId),
    ).toMatchObject({ weekNumber: 5, dueDate: week5Due, dueNow: true, overdue: true });
    const coming = await caseworker.inject({
      method: 'GET',
      url: '/api/screening/queue?due=coming&limit=200',
    });
    expect(coming.json().items.map((i: { citizenId: string }) => i.citizenId)).not.toContain(
      citizenId,
    );
  });
});
