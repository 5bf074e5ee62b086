/**
 * The whole path of issue 5 through the API: import 3 good and 2 bad rows → preview names the
 * bad rows → commit writes 3 → re-import writes nothing new → the Rebild citizen in week 5 is in
 * the screening queue → a caseworker books and completes the screening with three disciplines →
 * the suggested risk group shows its reasons → the caseworker overrides it with a reason → the
 * timeline shows it all.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fiveRows, multipart, toCsv, toXlsx } from '../../../test/fixtures/imports.js';
import { buildTestApp, login, type Session, type TestApp } from '../../../test/helper.js';
import { syntheticCpr } from '../../db/seed/national.js';
import { addDays, danishToday, isWorkingDay } from '../../platform/dates.js';
import { expireStalePreviews, runImportsUntilIdle } from '../imports/imports.worker.js';

let t: TestApp;
let caseworker: Session;

beforeAll(async () => {
  t = await buildTestApp();
  caseworker = await login(t.app, 'rebild.sagsbehandler');
});
afterAll(async () => t?.close());

async function upload(session: Session, name: string, content: Buffer, type?: string) {
  const body = multipart(name, content, type);
  return session.inject({ method: 'POST', url: '/api/imports', ...body });
}

async function countAll(table: string) {
  const { rows } = await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}
    where municipality_code = '840'`.execute(t.database.db);
  return Number(rows[0]!.n);
}

describe('issue 5: import → queue → screening → risk group → timeline', () => {
  let anna: string;
  let periodId: string;

  it('previews a CSV with 3 good and 2 bad rows, names the bad rows and writes nothing', async () => {
    const citizensBefore = await countAll('citizen');
    const res = await upload(caseworker, 'momentum.csv', toCsv(fiveRows(danishToday())));
    expect(res.statusCode, res.body).toBe(201);
    const job = res.json();
    expect(job).toMatchObject({ status: 'previewed', totalRows: 5, validRows: 3, errorRows: 2 });
    const badRows = [...new Set(job.errors.map((e: { row: number }) => e.row))];
    expect(badRows).toEqual([5, 6]);
    expect(job.errors).toContainEqual({
      row: 5,
      column: 'CPR',
      message: 'CPR-nummeret er ikke gyldigt (10 cifre og en gyldig fødselsdato)',
    });
    expect(job.errors).toContainEqual({ row: 6, column: 'Fornavn', message: 'Fornavn mangler' });
    expect(
      job.errors.some((e: { row: number; column: string }) => e.row === 6 && e.column === 'Ydelse'),
    ).toBe(true);
    expect(job.sample.map((s: { cprMasked: string }) => s.cprMasked)).toEqual([
      '010190-xxxx',
      '150285-xxxx',
      '200378-xxxx',
    ]);
    expect(JSON.stringify(job)).not.toContain('0101902345');
    expect(await countAll('citizen')).toBe(citizensBefore);

    const commit = await caseworker.inject({
      method: 'POST',
      url: `/api/imports/${job.id}/commit`,
    });
    expect(commit.statusCode, commit.body).toBe(202);
    expect(commit.json().status).toBe('queued');
    await runImportsUntilIdle(t.database, { chunkSize: 2 });
    const done = (await caseworker.inject({ method: 'GET', url: `/api/imports/${job.id}` })).json();
    expect(done).toMatchObject({
      status: 'completed',
      processed: 3,
      createdCitizens: 3,
      createdPeriods: 3,
      skippedRows: 0,
    });
    expect(await countAll('citizen')).toBe(citizensBefore + 3);
    const { rows: audits } = await sql<{ n: string }>`select count(*) as n from audit_event
      where municipality_code = '840' and action = 'import' and resource_type = 'citizen'
        and details->>'importJobId' = ${job.id}`.execute(t.database.db);
    expect(Number(audits[0]!.n)).toBe(3);

    const search = await caseworker.inject({
      method: 'POST',
      url: '/api/citizens/search',
      payload: { name: 'ørnsø' },
    });
    anna = search.json().items[0].id;
    expect(search.json().items[0]).toMatchObject({ firstName: 'Anna', lastName: 'Ørnsø' });
  });

  it('cancels a preview nobody committed within a day and deletes its staging rows', async () => {
    const res = await upload(caseworker, 'glemt.csv', toCsv(fiveRows(danishToday())));
    expect(res.statusCode, res.body).toBe(201);
    const stale = res.json().id;
    const staged = async (id: string) =>
      (
        await sql<{
          n: number;
        }>`select count(*)::int as n from import_row where job_id = ${id}`.execute(t.database.db)
      ).rows[0]!.n;
    expect(await staged(stale)).toBe(5);
    // A day later, nothing happens to it yet; after more than a day it is cancelled.
    const dayLater = new Date(Date.now() + 23 * 3_600_000);
    expect(await expireStalePreviews(t.database, dayLater)).toBe(0);
    const later = new Date(Date.now() + 25 * 3_600_000);
    expect(await expireStalePreviews(t.database, later)).toBeGreaterThanOrEqual(1);
    expect(await staged(stale)).toBe(0);
    const job = (await caseworker.inject({ method: 'GET', url: `/api/imports/${stale}` })).json();
    expect(job.status).toBe('cancelled');
    // A cancelled preview cannot be committed any more.
    const commit = await caseworker.inject({ method: 'POST', url: `/api/imports/${stale}/commit` });
    expect(commit.statusCode).toBe(409);
    expect(commit.json().detail).toContain('udløbet');
  });

  it('re-importing the same rows (as XLSX) writes nothing new', async () => {
    const citizens = await countAll('citizen');
    const periods = await countAll('benefit_period');
    const res = await upload(
      caseworker,
      'momentum.xlsx',
      await toXlsx(fiveRows(danishToday())),
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ format: 'xlsx', validRows: 3, errorRows: 2 });
    await caseworker.inject({ method: 'POST', url: `/api/imports/${res.json().id}/commit` });
    await runImportsUntilIdle(t.database);
    const done = (
      await caseworker.inject({ method: 'GET', url: `/api/imports/${res.json().id}` })
    ).json();
    expect(done).toMatchObject({
      status: 'completed',
      createdCitizens: 0,
      createdPeriods: 0,
      skippedRows: 3,
    });
    expect(await countAll('citizen')).toBe(citizens);
    expect(await countAll('benefit_period')).toBe(periods);
  });

  it('puts the imported citizen in week 5 of sygedagpenge in Rebild’s screening queue', async () => {
    const res = await caseworker.inject({ method: 'GET', url: '/api/screening/queue?limit=200' });
    expect(res.statusCode, res.body).toBe(200);
    const item = res.json().items.find((i: { citizenId: string }) => i.citizenId === anna);
    // Week 5 counted from the first day (a Monday here): due on its last day, D + 34, or the
    // working day before; on a weekend that Friday has passed and the screening is overdue.
    let due = addDays(item.startDate, 34);
    while (!isWorkingDay(due)) due = addDays(due, -1);
    expect(item).toMatchObject({
      citizenName: 'Anna Ørnsø',
      weekNumber: 5,
      weekStart: addDays(item.startDate, 28),
      dueDate: due,
      status: 'to_do',
      dueNow: true,
      overdue: due < danishToday(),
    });
    periodId = item.periodId;
  });

  it('tells "due now" (week N begun) from "coming up" (it begins within 14 days)', async () => {
    const today = danishToday();
    // A citizen whose week 5 begins in 5 days: weeks count from the first day (D + 28).
    const created = await caseworker.inject({
      method: 'POST',
      url: '/api/citizens',
      payload: { cpr: syntheticCpr(8, 8, 502), firstName: 'Kaj', lastName: 'Kommende' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const kaj = created.json().id;
    const period = await caseworker.inject({
      method: 'POST',
      url: '/api/benefit-periods',
      payload: { citizenId: kaj, benefitType: 'sygedagpenge', startDate: addDays(today, -23) },
    });
    expect(period.statusCode, period.body).toBe(201);
    const ids = async (due: string) =>
      (await caseworker.inject({ method: 'GET', url: `/api/screening/queue?due=${due}&limit=200` }))
        .json()
        .items.map((i: { citizenId: string; dueNow: boolean }) => [i.citizenId, i.dueNow]);
    const now = await ids('now');
    const coming = await ids('coming');
    expect(now).toContainEqual([anna, true]);
    expect(now.map(([id]: [string]) => id)).not.toContain(kaj);
    expect(coming).toContainEqual([kaj, false]);
    expect(coming.map(([id]: [string]) => id)).not.toContain(anna);
    expect(now.every(([, d]: [string, boolean]) => d)).toBe(true);
    expect(coming.every(([, d]: [string, boolean]) => !d)).toBe(true);
    const all = await caseworker.inject({ method: 'GET', url: '/api/screening/queue?limit=200' });
    expect(all.json().total).toBe(now.length + coming.length);
  });

  it('lets the caseworker assign, book and complete the screening with three disciplines', async () => {
    const workers = (
      await caseworker.inject({ method: 'GET', url: '/api/screening/caseworkers' })
    ).json();
    const me = workers.items.find((w: { name: string }) => w.name === 'Sara Sagsbehandler');
    const booked = await caseworker.inject({
      method: 'PATCH',
      url: `/api/screening/periods/${periodId}`,
      payload: { assignedTo: me.id, status: 'booked' },
    });
    expect(booked.statusCode, booked.body).toBe(200);
    expect(booked.json()).toMatchObject({ status: 'booked', assignedToName: 'Sara Sagsbehandler' });

    const done = await caseworker.inject({
      method: 'POST',
      url: `/api/screening/periods/${periodId}/complete`,
      payload: {
        findings: [
          {
            discipline: 'social',
            findings: 'Bor alene, økonomi presset',
            recommendation: 'Kontakt til gældsrådgivning',
            filledByName: 'Sara Sagsbehandler',
          },
          {
            discipline: 'psychological',
            findings: 'Tegn på stress',
            recommendation: 'Stresshåndtering',
            filledByName: 'Peter Psykolog',
          },
          {
            discipline: 'physical',
            findings: 'Rygsmerter',
            recommendation: 'Træningsforløb',
            filledByName: 'Finn Fysioterapeut',
          },
        ],
        overallRecommendation: 'course',
        note: 'Henvis til Rebilds træningsforløb',
      },
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().status).toBe('screened');
    expect(done.json().findings.map((f: { discipline: string }) => f.discipline)).toEqual([
      'social',
      'psychological',
      'physical',
    ]);
    const queue = (
      await caseworker.inject({ method: 'GET', url: '/api/screening/queue?limit=200' })
    ).json();
    expect(queue.items.some((i: { periodId: string }) => i.periodId === periodId)).toBe(false);
  });

  it('shows the suggested risk group with its reasons, and records an override with a reason', async () => {
    // A WHO-5 from a profile the job centre recorded with the citizen: the caseworker's own
    // data (a profile another organisation recorded needs the citizen's consent, decision 0801).
    await sql`insert into health_profile_fact (municipality_code, citizen_id, fact, value,
        origin_organisation_id)
      values ('840', ${anna}, 'who5', 28,
        (select id from organisation where municipality_code = '840' and type = 'jobcenter' limit 1))`.execute(
      t.database.db,
    );
    const risk = await caseworker.inject({ method: 'GET', url: `/api/risk/citizens/${anna}` });
    expect(risk.statusCode, risk.body).toBe(200);
    const body = risk.json();
    expect(body.suggestion.group).toBe('red');
    expect(body.suggestion.isDecision).toBe(false);
    expect(body.currentDecision).toBeNull();
    expect(body.suggestion.firedRules.map((r: { description: string }) => r.description)).toEqual([
      'WHO-5 under 35: tegn på nedsat trivsel',
      'WHO-5 under 50: nedsat trivsel',
    ]);
    expect(body.suggestion.notes.join(' ')).toContain('Selvvurderet helbred');

    const noReason = await caseworker.inject({
      method: 'POST',
      url: `/api/risk/citizens/${anna}/decisions`,
      payload: { group: 'orange' },
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors[0].pointer).toBe('/reason');

    const override = await caseworker.inject({
      method: 'POST',
      url: `/api/risk/citizens/${anna}/decisions`,
      payload: { group: 'orange', reason: 'Screeningen viser god støtte fra familien' },
    });
    expect(override.statusCode, override.body).toBe(201);
    expect(override.json()).toMatchObject({
      suggestedGroup: 'red',
      decidedGroup: 'orange',
      overridden: true,
    });
  });

  it('shows benefit periods, the screening and the risk decision on the timeline, newest first', async () => {
    const res = await caseworker.inject({ method: 'GET', url: `/api/timeline/citizens/${anna}` });
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as {
      kind: string;
      title: string;
      detail: string | null;
      occurredAt: string;
    }[];
    expect(items.map((i) => i.kind)).toEqual([
      'risk_decision',
      'screening_completed',
      'benefit_started',
    ]);
    expect(items[0]!.title).toBe('Risikogruppe besluttet: orange (forslaget var rød)');
    expect(items[0]!.detail).toBe('Begrundelse: Screeningen viser god støtte fra familien');
    expect(items[1]!.title).toBe('Screening gennemført – anbefaling: forløb/kursus');
    expect(items[1]!.detail).toContain('Fagligheder: social, psykologisk, fysisk');
    expect(items[2]!.title).toBe('Ydelsesforløb startet: Sygedagpenge');
    // In English when the user reads in English; what a person wrote stays as written.
    const en = (
      await caseworker.inject({
        method: 'GET',
        url: `/api/timeline/citizens/${anna}`,
        headers: { 'accept-language': 'en' },
      })
    ).json().items as typeof items;
    expect(en.map((i) => i.title)).toEqual([
      'Risk group decided: orange (the suggestion was red)',
      'Screening completed – recommendation: course',
      'Benefit period started: Sickness benefit',
    ]);
    expect(en[0]!.detail).toBe('Reason: Screeningen viser god støtte fra familien');
    expect(en[1]!.detail).toContain('Disciplines: social, psychological, physical');
  });
});

describe('Hjørring early detection', () => {
  it('lists orange and red citizens with no action in the last 30 days, red first', async () => {
    const hj = await login(t.app, 'hjoerring.sagsbehandler');
    const res = await hj.inject({ method: 'GET', url: '/api/risk/attention?days=30' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items.map((i: { group: string }) => i.group)).toEqual(['red', 'orange']);
    // An action (the screening is booked) takes the red citizen off the list.
    const red = res.json().items[0].citizenId;
    const periods = await hj.inject({ method: 'GET', url: `/api/benefit-periods/citizen/${red}` });
    const open = periods.json().items.find((p: { endDate: string | null }) => !p.endDate);
    const booked = await hj.inject({
      method: 'PATCH',
      url: `/api/screening/periods/${open.id}`,
      payload: { status: 'booked' },
    });
    expect(booked.statusCode, booked.body).toBe(200);
    const after = await hj.inject({ method: 'GET', url: '/api/risk/attention?days=30' });
    expect(after.json().items.map((i: { group: string }) => i.group)).toEqual(['orange']);
  });
});
