import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, login, type Session, type TestApp } from '../../../test/helper.js';
import { DEMO_FIRST_COURSE_TITLE, DEMO_NEXT_COURSE_TITLE } from './evaluation.seed.js';

let t: TestApp;
let leder: Session;

beforeAll(async () => {
  t = await buildTestApp();
  leder = await login(t.app, 'roedovre.leder');
});
afterAll(async () => {
  await t?.close();
});

interface CourseItem {
  id: string;
  title: string;
  status: string;
  locked: boolean;
  hasCriteria: boolean;
}

async function courses(): Promise<CourseItem[]> {
  const res = await leder.inject({ method: 'GET', url: '/api/evaluation/courses' });
  expect(res.statusCode).toBe(200);
  return res.json();
}

const isSmallNumber = (v: unknown) => typeof v === 'number' && v >= 1 && v <= 4;

function allShown(value: unknown, path = ''): [string, unknown][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => allShown(v, `${path}/${i}`));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => allShown(v, `${path}/${k}`));
  return [[path, value]];
}

async function auditRows(resourceId: string, action: string) {
  const { rows } = await sql<{ n: number; with_citizen: number }>`
    select count(*)::int as n, count(citizen_id)::int as with_citizen from audit_event
    where resource_type = 'dashboard' and resource_id = ${resourceId} and action = ${action}`.execute(
    t.database.db,
  );
  return rows[0]!;
}

describe('course evaluation against preset success criteria', () => {
  it('shows actual vs each criterion for the completed Rødovre course, audited without a citizen', async () => {
    const list = await courses();
    const done = list.find((c) => c.title === DEMO_FIRST_COURSE_TITLE)!;
    expect(done).toMatchObject({ status: 'completed', locked: true, hasCriteria: true });
    const res = await leder.inject({ method: 'GET', url: `/api/evaluation/courses/${done.id}` });
    expect(res.statusCode).toBe(200);
    const e = res.json();
    expect(e.participants).toBe(22);
    expect(e.results.map((r: { metric: string }) => r.metric)).toEqual([
      'attendance_rate',
      'dropout_rate',
      'self_sufficient_13w',
      'satisfaction_mean',
    ]);
    const attendance = e.results[0];
    expect(typeof attendance.numerator).toBe('number');
    expect(attendance.actual).toBeCloseTo((100 * attendance.numerator) / attendance.denominator, 1);
    expect(attendance.met).toBe(attendance.actual >= 80);
    // 4 of 22 dropped out (every fifth): a count below 5 is hidden, the verdict is still given.
    expect(e.results[1]).toMatchObject({
      numerator: '<5',
      denominator: 22,
      actual: null,
      met: true,
    });
    expect(e.effect.label).toBe('observationel sammenligning – ikke bevis for årsag');
    expect(e.effect.enough).toBe(true);
    expect(e.effect.groups[0].curve[0]).toMatchObject({ week: 0, survival: 1 });
    expect(e.effect.logRank.pValue).toBeGreaterThan(0);
    for (const [path, v] of allShown({
      results: e.results,
      satisfaction: e.satisfaction,
      n: e.effect.groups.map((g: { n: unknown; events: unknown }) => [g.n, g.events]),
    }))
      if (!/actual|threshold|mean|rating/.test(path)) expect(isSmallNumber(v), path).toBe(false);
    expect(await auditRows(`course:${done.id}`, 'read')).toEqual({ n: 1, with_citizen: 0 });
  });

  it('lets a manager set criteria before start, locks them when the course starts (409), and completes it', async () => {
    const next = (await courses()).find((c) => c.title === DEMO_NEXT_COURSE_TITLE)!;
    expect(next).toMatchObject({ status: 'planned', locked: false, hasCriteria: false });
    const criteria = [
      { metric: 'attendance_rate', operator: '>=', threshold: 80 },
      { metric: 'dropout_rate', operator: '<=', threshold: 20 },
    ];
    const set = await leder.inject({
      method: 'PUT',
      url: `/api/evaluation/courses/${next.id}/criteria`,
      payload: { criteria },
    });
    expect(set.statusCode).toBe(200);
    expect(set.json()).toMatchObject({ scope: 'course', version: 2, locked: false, criteria });
    const bad = await leder.inject({
      method: 'PUT',
      url: `/api/evaluation/courses/${next.id}/criteria`,
      payload: { criteria: [{ metric: 'satisfaction_mean', operator: '>=', threshold: 40 }] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].pointer).toBe('/criteria/0/threshold');

    const start = await leder.inject({
      method: 'POST',
      url: `/api/evaluation/demo/courses/${next.id}/advance`,
      payload: { to: 'running' },
    });
    expect(start.statusCode).toBe(204);
    const refused = await leder.inject({
      method: 'PUT',
      url: `/api/evaluation/courses/${next.id}/criteria`,
      payload: { criteria: [] },
    });
    expect(refused.statusCode).toBe(400);
    const locked = await leder.inject({
      method: 'PUT',
      url: `/api/evaluation/courses/${next.id}/criteria`,
      payload: { criteria },
    });
    expect(locked.statusCode).toBe(409);
    expect(locked.json().detail).toMatch(/låst/);
    const read = await leder.inject({
      method: 'GET',
      url: `/api/evaluation/courses/${next.id}/criteria`,
    });
    expect(read.json()).toMatchObject({ locked: true, criteria });

    const done = await leder.inject({
      method: 'POST',
      url: `/api/evaluation/demo/courses/${next.id}/advance`,
      payload: { to: 'completed' },
    });
    expect(done.statusCode).toBe(204);
    const e = (
      await leder.inject({ method: 'GET', url: `/api/evaluation/courses/${next.id}` })
    ).json();
    expect(e.course.status).toBe('completed');
    expect(e.results).toHaveLength(2);
    expect(typeof e.results[0].actual).toBe('number');

    const xlsx = await leder.inject({
      method: 'GET',
      url: `/api/evaluation/courses/${next.id}/export.xlsx`,
    });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as never);
    const sheet = wb.getWorksheet('Succeskriterier')!;
    const row = sheet.getRow(3).values as unknown[];
    expect(row[4]).toBe(e.results[0].actual);
    expect(row[5]).toBe(e.results[0].numerator);
    expect(typeof row[5]).toBe('number');
    expect(await auditRows(`course:${next.id}`, 'export')).toEqual({ n: 1, with_citizen: 0 });

    const pdf = await leder.inject({
      method: 'GET',
      url: `/api/evaluation/courses/${next.id}/report.pdf`,
    });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('offers a new offer-level version once the old one is locked', async () => {
    const next = (await courses()).find((c) => c.title === DEMO_FIRST_COURSE_TITLE)!;
    const offerId = (
      await leder.inject({ method: 'GET', url: `/api/evaluation/courses/${next.id}` })
    ).json().course.offerId;
    const criteria = [{ metric: 'satisfaction_mean', operator: '>=', threshold: 4 }];
    const read = async () =>
      (
        await leder.inject({ method: 'GET', url: `/api/evaluation/offers/${offerId}/criteria` })
      ).json();
    expect((await read()).criteria).toBeNull();
    const v1 = await leder.inject({
      method: 'PUT',
      url: `/api/evaluation/offers/${offerId}/criteria`,
      payload: { criteria },
    });
    expect(v1.statusCode).toBe(200);
    expect(v1.json()).toMatchObject({ scope: 'offer', version: 1, locked: false });
    const edit = await leder.inject({
      method: 'PUT',
      url: `/api/evaluation/offers/${offerId}/criteria`,
      payload: { criteria, note: 'rettet' },
    });
    expect(edit.json()).toMatchObject({ version: 1, note: 'rettet' });
    const v2 = await leder.inject({
      method: 'PUT',
      url: `/api/evaluation/offers/${offerId}/criteria`,
      payload: { criteria, newVersion: true },
    });
    expect(v2.json()).toMatchObject({ version: 2 });
    expect(await read()).toMatchObject({
      offerId,
      criteria: { scope: 'offer', version: 2, criteria },
    });
    const odense = await login(t.app, 'odense.leder');
    expect(
      (await odense.inject({ method: 'GET', url: `/api/evaluation/offers/${offerId}/criteria` }))
        .statusCode,
    ).toBe(404);
  });

  it('refuses other roles (403) and other municipalities (404)', async () => {
    const caseworker = await login(t.app, 'roedovre.sagsbehandler');
    expect(
      (await caseworker.inject({ method: 'GET', url: '/api/evaluation/dashboard' })).statusCode,
    ).toBe(403);
    const id = (await courses())[0]!.id;
    const odense = await login(t.app, 'odense.leder');
    expect(
      (await odense.inject({ method: 'GET', url: `/api/evaluation/courses/${id}` })).statusCode,
    ).toBe(404);
    expect(
      (await odense.inject({ method: 'GET', url: `/api/evaluation/courses/${id}/export.xlsx` }))
        .statusCode,
    ).toBe(404);
  });
});

describe('manager dashboard', () => {
  it('shows aggregated tables with no count of 1–4, and the XLSX export has the same numbers', async () => {
    const res = await leder.inject({ method: 'GET', url: '/api/evaluation/dashboard' });
    expect(res.statusCode).toBe(200);
    const d = res.json();
    expect(d.tables.map((x: { key: string }) => x.key)).toEqual([
      'referrals',
      'attendance',
      'enrolments',
      'outcomes',
      'riskGroups',
    ]);
    for (const table of d.tables)
      for (const row of table.grid) for (const v of row) expect(isSmallNumber(v)).toBe(false);
    const attendance = d.tables.find((x: { key: string }) => x.key === 'attendance');
    expect(attendance.rows[0]).toContain('Sundhedskursus for ledige (Rødovre)');
    expect(d.waiting[0].medianDays).toBeGreaterThan(0);
    // Only themes without a published offer: the Rødovre offer covers motion, kost and
    // psykisk helbred (the codes of the catalogue and of the gaps are the same).
    expect(d.catalogueGaps).toContain('rygning');
    expect(d.catalogueGaps).not.toContain('motion');
    expect(d.catalogueGaps).not.toContain('kost');
    expect(d.catalogueGaps).not.toContain('psykisk_helbred');
    expect(JSON.stringify(d)).not.toMatch(/cpr|firstName|citizenId/i);
    expect(await auditRows('municipality', 'read')).toMatchObject({ with_citizen: 0 });

    const x = await leder.inject({ method: 'GET', url: '/api/evaluation/dashboard/export.xlsx' });
    expect(x.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as never);
    const sheet = wb.getWorksheet('Fremmøde')!;
    const values = sheet.getRow(3).values as unknown[];
    expect(values.slice(2)).toEqual(attendance.grid[0]);
    expect(await auditRows('municipality', 'export')).toEqual({ n: 1, with_citizen: 0 });
  });

  it('counts citizens by their latest risk group decided in the risk module (each once)', async () => {
    const db = t.database.db;
    const { rows: people } = await sql<{ id: string }>`select id from citizen
      where municipality_code = '175' order by id limit 19`.execute(db);
    const { rows: users } = await sql<{ id: string }>`select id from app_user
      where username = 'roedovre.sagsbehandler'`.execute(db);
    const decide = (citizenId: string, group: string, daysAgo: number) =>
      sql`insert into risk_decision (municipality_code, citizen_id, suggested_group, fired_rules,
          decided_group, overridden, reason, decided_by, decided_at)
        values ('175', ${citizenId}, ${group}, '[]', ${group}, false, null, ${users[0]!.id},
          now() - make_interval(days => ${daysAgo}))`.execute(db);
    // 12 green; 6 of them re-assessed red later; 5 orange; one decided before the period.
    for (const p of people.slice(0, 12)) await decide(p.id, 'green', 20);
    for (const p of people.slice(0, 6)) await decide(p.id, 'red', 5);
    for (const p of people.slice(12, 17)) await decide(p.id, 'orange', 30);
    await decide(people[17]!.id, 'red', 3 * 365);
    const d = (await leder.inject({ method: 'GET', url: '/api/evaluation/dashboard' })).json();
    expect(d.riskGroupsAvailable).toBe(true);
    const risk = d.tables.find((x: { key: string }) => x.key === 'riskGroups');
    expect(risk.rows).toEqual(['Grøn', 'Orange', 'Rød']);
    expect(risk.grid).toEqual([[6], [5], [6], [17]]);
    expect(d.screened).toBe(17);

    // One more orange decision makes a group of 1 for a fresh citizen: "<5", and the rest of
    // the column is hidden so that it cannot be worked out from the total.
    const { rows: more } = await sql<{ id: string }>`select id from citizen
      where municipality_code = '175' order by id offset 19 limit 1`.execute(db);
    await sql`delete from risk_decision where municipality_code = '175'
      and decided_group = 'orange'`.execute(db);
    await decide(more[0]!.id, 'orange', 2);
    const e = (await leder.inject({ method: 'GET', url: '/api/evaluation/dashboard' })).json();
    const small = e.tables.find((x: { key: string }) => x.key === 'riskGroups');
    expect(small.grid[1]).toEqual(['<5']);
    expect(small.grid.flat().filter((v: unknown) => typeof v !== 'number').length).toBeGreaterThan(
      1,
    );
    expect(e.screened).toBe(small.grid[3][0]);
    // The course effect estimate is matched on the risk group too.
    const done = (await courses()).find((c) => c.title === DEMO_FIRST_COURSE_TITLE)!;
    const ev = (
      await leder.inject({ method: 'GET', url: `/api/evaluation/courses/${done.id}` })
    ).json();
    expect(ev.effect.matchedOn).toContain('risk_group');
  });

  it('filters by offer, age band and benefit type and rejects a backwards period', async () => {
    const all = (await leder.inject({ method: 'GET', url: '/api/evaluation/dashboard' })).json();
    const offerId = all.options.offers[0].id;
    const f = await leder.inject({
      method: 'GET',
      url: `/api/evaluation/dashboard?offerId=${offerId}&ageBand=30-39&benefitType=sygedagpenge`,
    });
    expect(f.statusCode).toBe(200);
    expect(f.json().filters).toMatchObject({
      offerId,
      ageBand: '30-39',
      benefitType: 'sygedagpenge',
    });
    const bad = await leder.inject({
      method: 'GET',
      url: '/api/evaluation/dashboard?from=2026-05-01&to=2026-01-01',
    });
    expect(bad.statusCode).toBe(400);
  });
});

describe('anonymous needs surveys', () => {
  it('is answered without login and shows aggregated answers only from five responses', async () => {
    const created = await leder.inject({
      method: 'POST',
      url: '/api/evaluation/surveys',
      payload: {
        title: 'Hvad vil du gerne have hjælp til?',
        questions: [
          {
            kind: 'single',
            text: 'Hvad betyder mest?',
            options: ['Motion', 'Kost', 'Søvn'],
            required: true,
          },
          { kind: 'multiple', text: 'Hvad vil du prøve?', options: ['Holdtræning', 'Madlavning'] },
          { kind: 'scale', text: 'Hvor motiveret er du?', scaleMin: 1, scaleMax: 5 },
          { kind: 'text', text: 'Andet?' },
        ],
      },
    });
    expect(created.statusCode).toBe(201);
    const survey = created.json();
    expect(survey.publicPath).toMatch(/^\/undersoegelse\/175\//);
    const [, , m, token] = survey.publicPath.split('/');
    const pub = await t.app.inject({
      method: 'GET',
      url: `/api/evaluation/public/surveys/${m}/${token}`,
    });
    expect(pub.statusCode).toBe(200);
    expect(pub.json()).toMatchObject({
      municipalityName: 'Rødovre',
      questions: [{ position: 1, kind: 'single' }, {}, {}, {}],
    });

    const answer = (answers: unknown) =>
      t.app.inject({
        method: 'POST',
        url: `/api/evaluation/public/surveys/${m}/${token}/responses`,
        payload: { answers },
      });
    expect((await answer({ '2': ['Holdtræning'] })).statusCode).toBe(400);
    expect((await answer({ '1': 'Fodbold' })).statusCode).toBe(400);
    for (let i = 0; i < 4; i++) {
      const r = await answer({ '1': 'Motion', '3': 4, '2': ['Holdtræning'] });
      expect(r.statusCode, r.body).toBe(204);
    }
    let results = (
      await leder.inject({ method: 'GET', url: `/api/evaluation/surveys/${survey.id}/results` })
    ).json();
    expect(results).toMatchObject({ responses: '<5', enough: false });
    expect(results.questions[0].table).toBeNull();
    expect((await answer({ '1': 'Kost', '3': 2, '4': 'Mere om søvn' })).statusCode).toBe(204);
    results = (
      await leder.inject({ method: 'GET', url: `/api/evaluation/surveys/${survey.id}/results` })
    ).json();
    expect(results).toMatchObject({ responses: 5, enough: true });
    // Motion 4, Kost 1, Søvn 0 of 5: both 4 and 1 hidden; the total 5 is shown.
    expect(results.questions[0].table.grid).toEqual([['<5'], ['<5'], [0], [5]]);
    expect(results.questions[2].mean).toBe(3.6);
    expect(results.questions[3].texts).toEqual([]);
    // Stored on the questionnaire engine: anonymous responses, dated by the day only.
    const { rows: stored } = await sql<{
      n: number;
      anonymous: number;
      day_only: number;
    }>`select count(*)::int as n,
        count(*) filter (where filled_in_by = 'anonymous' and subject_citizen_id is null
          and created_by is null and organisation_id is null)::int as anonymous,
        count(*) filter (where created_at = created_at::date::timestamptz
          and completed_at = created_at and updated_at = created_at)::int as day_only
      from questionnaire_response where definition_key = ${`needs_survey:${survey.id}`}`.execute(
      t.database.db,
    );
    expect(stored[0]).toEqual({ n: 5, anonymous: 5, day_only: 5 });
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from audit_event
      where resource_id = ${`survey:${survey.id}`}`.execute(t.database.db);
    expect(rows[0]!.n).toBe(2);
  });

  it('shares the public link as a QR code (SVG) that only the own municipality can fetch', async () => {
    const created = await leder.inject({
      method: 'POST',
      url: '/api/evaluation/surveys',
      payload: { title: 'QR-undersøgelse', questions: [{ kind: 'text', text: 'Ønsker?' }] },
    });
    const survey = created.json();
    const res = await leder.inject({
      method: 'GET',
      url: `/api/evaluation/surveys/${survey.id}/qr.svg`,
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^image\/svg\+xml/);
    const svg = res.body;
    expect(svg).toMatch(/^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    const url = `${t.config.publicUrl}${survey.publicPath}`;
    expect(svg).toContain(`<title>QR-kode til ${url}</title>`);
    // The modules drawn are exactly those of the QR code for the survey's public URL.
    const { encode, renderSVG } = await import('uqr');
    expect(encode(url).size).toBeGreaterThan(20);
    const paths = (x: string) => x.match(/<path [^>]*d="([^"]+)"/)![1];
    expect(paths(svg)).toBe(paths(renderSVG(url, { ecc: 'M', border: 4, pixelSize: 8 })));
    expect(paths(svg)).not.toBe(paths(renderSVG(`${url}x`, { ecc: 'M', border: 4, pixelSize: 8 })));
    const odense = await login(t.app, 'odense.leder');
    const other = await odense.inject({
      method: 'GET',
      url: `/api/evaluation/surveys/${survey.id}/qr.svg`,
    });
    expect(other.statusCode).toBe(404);
    expect(other.headers['content-type']).toMatch(/^application\/problem\+json/);
    const anonymous = await t.app.inject({
      method: 'GET',
      url: `/api/evaluation/surveys/${survey.id}/qr.svg`,
    });
    expect(anonymous.statusCode).toBe(401);
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from audit_event
      where resource_type = 'needs_survey' and resource_id = ${survey.id} and action = 'read'`.execute(
      t.database.db,
    );
    expect(rows[0]!.n).toBe(1);
  });

  it('is rate-limited for anonymous answers', async () => {
    // The limit counts per address: answers from an address no earlier test used.
    const s = await login(t.app, 'roedovre.leder');
    const survey = (
      await s.inject({
        method: 'POST',
        url: '/api/evaluation/surveys',
        payload: { title: 'Kort', questions: [{ kind: 'text', text: 'Ønsker?' }] },
      })
    ).json();
    const url = `/api/evaluation/public/surveys${survey.publicPath.replace('/undersoegelse', '')}/responses`;
    const codes: number[] = [];
    for (let i = 0; i < 12; i++)
      codes.push(
        (
          await t.app.inject({
            method: 'POST',
            url,
            remoteAddress: '192.0.2.77',
            payload: { answers: { '1': 'x' } },
          })
        ).statusCode,
      );
    expect(codes.slice(0, 10).every((c) => c === 204)).toBe(true);
    expect(codes[11]).toBe(429);
    // Another address is not held back by it.
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url,
          remoteAddress: '192.0.2.78',
          payload: { answers: { '1': 'x' } },
        })
      ).statusCode,
    ).toBe(204);
  });
});

describe('authorization cases (as the matrix runner will derive them)', () => {
  it('manager: own and other_org ok, other municipality 404; caseworker 403', async () => {
    const { authzCases } = await import('./evaluation.authz.js');
    const sessions = new Map<string, Session>();
    const session = async (u: string) => {
      if (!sessions.has(u)) sessions.set(u, await login(t.app, u));
      return sessions.get(u)!;
    };
    const ctx = { app: t.app, database: t.database, config: t.config, session };
    for (const c of authzCases) {
      const [method, route] = c.route.split(' ') as [string, string];
      const isPublic = route.includes('/public/');
      for (const [username, role] of [
        ['rebild.leder', 'manager'],
        ['rebild.sagsbehandler', 'caseworker'],
      ] as const) {
        const s = await session(username);
        const owners = c.row
          ? (['own', 'other_org', 'other_municipality'] as const)
          : (['own'] as const);
        for (const owner of owners) {
          const req = await c.request(ctx, { role, username, session: s }, owner);
          const res = await s.inject({
            method: method as 'GET',
            url: req.url,
            payload: req.payload as never,
          });
          const expected =
            role === 'caseworker' && !isPublic
              ? 403
              : owner === 'other_municipality'
                ? 404
                : (c.ok ?? 200);
          expect(res.statusCode, `${c.route} ${role} ${owner}: ${res.body.slice(0, 200)}`).toBe(
            expected,
          );
        }
      }
    }
  });
});
