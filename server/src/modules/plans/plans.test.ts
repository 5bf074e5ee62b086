import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipart } from '../../../test/fixtures/imports.js';
import { csvText, encodeText, xlsxOf } from '../../../test/fixtures/tabular.js';
import { buildTestApp, login, type Session, type TestApp } from '../../../test/helper.js';

let t: TestApp;
let koordinator: Session;
let sagsbehandler: Session;
let borger: Session;
let citizenId: string;

beforeAll(async () => {
  t = await buildTestApp();
  koordinator = await login(t.app, 'rebild.koordinator');
  sagsbehandler = await login(t.app, 'rebild.sagsbehandler');
  borger = await login(t.app, 'rebild.borger');
  citizenId = borger.user.citizenId!;
});
afterAll(() => t.close());

const goal = (over: Record<string, unknown> = {}) => ({
  specific: 'Deltage i holdet Sundt liv to gange om ugen',
  measurable: 'Fremmøde mindst 12 af 16 gange',
  agreedWithCitizen: true,
  relevance: 'Bedre kondition gør det muligt at arbejde som lagermedarbejder',
  dueDate: '2027-03-01',
  category: 'participation',
  requirement: true,
  ...over,
});

function expectGuardrail(res: {
  statusCode: number;
  headers: Record<string, unknown>;
  json(): any;
}) {
  expect(res.statusCode).toBe(422);
  expect(String(res.headers['content-type'])).toContain('application/problem+json');
  const body = res.json();
  expect(body.code).toBe('legal_guardrail');
  expect(body.detail).toContain(
    'Kommunen kan ikke stille krav om, at borgeren holder op med at ryge eller taber sig',
  );
  expect(body.rule).toContain('Seed 001');
  return body;
}

describe('the plan and the legal guardrail', () => {
  it('lets a coordinating caseworker build a plan with a SMART goal and a sub-goal', async () => {
    const header = await koordinator.inject({
      method: 'PUT',
      url: `/api/plans/${citizenId}`,
      payload: { goalKind: 'job', jobGoal: 'Job som lagermedarbejder, 25 timer om ugen' },
    });
    expect(header.statusCode).toBe(200);
    expect(header.json().currentVersion).toBe(1);
    const created = await koordinator.inject({
      method: 'POST',
      url: `/api/plans/${citizenId}/goals`,
      payload: goal(),
    });
    expect(created.statusCode).toBe(201);
    const parent = created.json().goals[0];
    expect(parent.requirement).toBe(true);
    const sub = await koordinator.inject({
      method: 'POST',
      url: `/api/plans/${citizenId}/goals`,
      payload: goal({
        specific: 'Møde til første gang mandag',
        requirement: false,
        parentGoalId: parent.id,
      }),
    });
    expect(sub.statusCode).toBe(201);
    const plan = sub.json();
    expect(plan.goals).toHaveLength(2);
    expect(plan.goals[1].parentGoalId).toBe(parent.id);
    expect(plan.currentVersion).toBe(3);
    expect(plan.unseenByCitizen).toBe(true);
    // Link the referral the citizen holds; its course comes along.
    const referral = plan.referrals[0];
    const act = await koordinator.inject({
      method: 'POST',
      url: `/api/plans/${citizenId}/activities`,
      payload: {
        title: 'Sundt liv – motion og kost',
        category: 'participation',
        requirement: true,
        referralId: referral.id,
        goalId: parent.id,
      },
    });
    expect(act.statusCode).toBe(201);
    expect(act.json().activities[0].referralTitle).toBe('Sundt liv – motion og kost');
    expect(act.json().activities[0].courseId).toBe(referral.courseId);
  });

  it('refuses "tabe 10 kg" as a requirement on create, even when categorised as participation', async () => {
    for (const payload of [
      goal({ specific: 'Tabe 10 kg', category: 'participation' }),
      goal({ specific: 'Stoppe med at ryge inden sommer', category: 'other' }),
      goal({ specific: 'Komme under BMI 30', category: 'participation' }),
      goal({ specific: 'Bedre helbred', category: 'lifestyle_outcome' }),
    ]) {
      const res = await koordinator.inject({
        method: 'POST',
        url: `/api/plans/${citizenId}/goals`,
        payload,
      });
      const body = expectGuardrail(res);
      expect(body.errors[0].pointer).toBe('/requirement');
    }
    const activity = await koordinator.inject({
      method: 'POST',
      url: `/api/plans/${citizenId}/activities`,
      payload: { title: 'Rygestop', category: 'participation', requirement: true },
    });
    expectGuardrail(activity);
  });

  it('accepts the same goal as the citizen’s own voluntary goal', async () => {
    const res = await koordinator.inject({
      method: 'POST',
      url: `/api/plans/${citizenId}/goals`,
      payload: goal({ specific: 'Tabe 10 kg', category: 'lifestyle_outcome', requirement: false }),
    });
    expect(res.statusCode).toBe(201);
    const g = res.json().goals.find((x: { specific: string }) => x.specific === 'Tabe 10 kg');
    expect(g.requirement).toBe(false);
    expect(g.lifestyleOutcome).toBe(true);
  });

  it('refuses making a lifestyle goal a requirement on update, and lifestyle words on a required goal', async () => {
    const plan = (
      await koordinator.inject({ method: 'GET', url: `/api/plans/${citizenId}` })
    ).json();
    const lifestyle = plan.goals.find((x: { specific: string }) => x.specific === 'Tabe 10 kg');
    expectGuardrail(
      await koordinator.inject({
        method: 'PATCH',
        url: `/api/plans/${citizenId}/goals/${lifestyle.id}`,
        payload: { requirement: true },
      }),
    );
    const required = plan.goals.find((x: { requirement: boolean }) => x.requirement);
    expectGuardrail(
      await sagsbehandler.inject({
        method: 'PATCH',
        url: `/api/plans/${citizenId}/goals/${required.id}`,
        payload: { specific: 'Tabe 5 kilo' },
      }),
    );
    const activityId = plan.activities[0].id;
    expectGuardrail(
      await koordinator.inject({
        method: 'PATCH',
        url: `/api/plans/${citizenId}/activities/${activityId}`,
        payload: { title: 'Vægttab via holdet' },
      }),
    );
    const after = (
      await koordinator.inject({ method: 'GET', url: `/api/plans/${citizenId}` })
    ).json();
    expect(after.goals.find((x: { id: string }) => x.id === lifestyle.id).requirement).toBe(false);
    expect(after.currentVersion).toBe(plan.currentVersion);
  });

  it('refuses an import with a lifestyle requirement (JSON rows and CSV), all or nothing', async () => {
    const before = (
      await koordinator.inject({ method: 'GET', url: `/api/plans/${citizenId}` })
    ).json();
    const json = await koordinator.inject({
      method: 'POST',
      url: `/api/plans/${citizenId}/import`,
      payload: {
        rows: [
          { specific: 'Deltage i kostvejledning', requirement: true },
          { specific: 'Tabe 10 kg', category: 'participation', requirement: true },
        ],
      },
    });
    expect(expectGuardrail(json).errors[0].pointer).toBe('/rows/1/requirement');
    const csv = await koordinator.inject({
      method: 'POST',
      url: `/api/plans/${citizenId}/import`,
      payload: {
        csv: 'specific;measurable;category;requirement\nDeltage i motionstilbud;Fremmøde;participation;ja\n"Holde op med at ryge";Røgfri;other;ja\n',
      },
    });
    expect(expectGuardrail(csv).errors[0].pointer).toBe('/csv/line/3/requirement');
    const after = (
      await koordinator.inject({ method: 'GET', url: `/api/plans/${citizenId}` })
    ).json();
    expect(after.goals).toHaveLength(before.goals.length);

    const ok = await koordinator.inject({
      method: 'POST',
      url: `/api/plans/${citizenId}/import`,
      payload: {
        csv: 'specific;measurable;category;requirement\nDeltage i kostvejledning;Fremmøde;participation;ja\nTabe 5 kg;Vejes hos sundhedscentret;lifestyle_outcome;nej\n',
      },
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().goals).toHaveLength(before.goals.length + 2);
    // Import is for the coordinating caseworker only.
    const denied = await sagsbehandler.inject({
      method: 'POST',
      url: `/api/plans/${citizenId}/import`,
      payload: { rows: [{ specific: 'x' }] },
    });
    expect(denied.statusCode).toBe(403);
  });

  it('imports goals from CSV text whose quoted field holds a line break, naming a bad row by its first line', async () => {
    const before = (
      await koordinator.inject({ method: 'GET', url: `/api/plans/${citizenId}` })
    ).json();
    const header = 'specific;measurable;category;requirement\n';
    const twoLines = '"Møde op på værkstedet";"Fremmøde hver mandag\nog onsdag";participation;ja\n';
    const bad = await koordinator.inject({
      method: 'POST',
      url: `/api/plans/${citizenId}/import`,
      // The goal on lines 2-3 is fine; the one starting on line 4 has an unknown category.
      payload: { csv: `${header}${twoLines}Søge job;Ansøgninger;ukendt;nej\n` },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].pointer).toBe('/csv/line/4');
    expect(bad.json().detail).toBe('Række på linje 4 er ugyldig.');

    const ok = await koordinator.inject({
      method: 'POST',
      url: `/api/plans/${citizenId}/import`,
      payload: { csv: `${header}${twoLines}Søge job;"10 ansøgninger; 2 samtaler";job;nej\n` },
    });
    expect(ok.statusCode, ok.body).toBe(201);
    const goals = ok.json().goals as { specific: string; measurable: string; category: string }[];
    expect(goals).toHaveLength(before.goals.length + 2);
    expect(goals).toContainEqual(
      expect.objectContaining({
        specific: 'Møde op på værkstedet',
        measurable: 'Fremmøde hver mandag\nog onsdag',
      }),
    );
    expect(goals).toContainEqual(
      expect.objectContaining({ specific: 'Søge job', measurable: '10 ansøgninger; 2 samtaler' }),
    );
  });

  it('imports goals from a Windows-1252 CSV file and an XLSX file with æøå intact, guardrail included', async () => {
    const table = (kind: string) => [
      ['specific', 'measurable', 'category', 'requirement'],
      [
        `Træne på ældrecentrets værksted (${kind})`,
        'Tre gange om ugen\ni fire uger',
        'participation',
        'ja',
      ],
      [`Øve jobsamtale på dansk (${kind})`, 'Én øvesamtale', 'job', 'nej'],
    ];
    const files = [
      {
        kind: 'csv',
        bytes: encodeText(csvText(table('csv'), ','), 'windows-1252'),
        type: 'text/csv',
      },
      {
        kind: 'xlsx',
        bytes: await xlsxOf(table('xlsx')),
        type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      },
    ];
    for (const file of files) {
      const res = await koordinator.inject({
        method: 'POST',
        url: `/api/plans/${citizenId}/import/file`,
        ...multipart(`mål.${file.kind}`, file.bytes, file.type),
      });
      expect(res.statusCode, `${file.kind}: ${res.body}`).toBe(201);
      const goals = res.json().goals as { specific: string; measurable: string }[];
      const added = goals
        .filter((g) => g.specific.endsWith(`(${file.kind})`))
        .map((g) => [g.specific, g.measurable]);
      expect(added.sort()).toEqual([
        [`Træne på ældrecentrets værksted (${file.kind})`, 'Tre gange om ugen\ni fire uger'],
        [`Øve jobsamtale på dansk (${file.kind})`, 'Én øvesamtale'],
      ]);
    }
    // The file path goes through the guardrail like the others; XLSX rows are named by Excel row.
    const smoking = await koordinator.inject({
      method: 'POST',
      url: `/api/plans/${citizenId}/import/file`,
      ...multipart(
        'krav.xlsx',
        await xlsxOf([
          ['specific', 'category', 'requirement'],
          ['Deltage i holdet', 'participation', 'ja'],
          ['Holde op med at ryge', 'other', 'ja'],
        ]),
      ),
    });
    expect(expectGuardrail(smoking).errors[0].pointer).toBe('/file/line/3/requirement');
    const notATable = await koordinator.inject({
      method: 'POST',
      url: `/api/plans/${citizenId}/import/file`,
      ...multipart('mål.pdf', Buffer.from('%PDF-1.7'), 'application/pdf'),
    });
    expect(notATable.statusCode).toBe(400);
    expect(notATable.json().errors[0].pointer).toBe('/file');
  });

  it('lets the citizen see unseen changes and accept the current version, with the time recorded', async () => {
    const mine = await borger.inject({ method: 'GET', url: '/api/portal/plan' });
    expect(mine.statusCode).toBe(200);
    const plan = mine.json();
    expect(plan.acceptedVersion).toBeNull();
    expect(plan.goals.every((g: { changedSinceAccepted: boolean }) => g.changedSinceAccepted)).toBe(
      true,
    );
    const stale = await borger.inject({
      method: 'POST',
      url: '/api/portal/plan/accept',
      payload: { version: plan.currentVersion - 1 },
    });
    expect(stale.statusCode).toBe(409);
    const accepted = await borger.inject({
      method: 'POST',
      url: '/api/portal/plan/accept',
      payload: { version: plan.currentVersion },
    });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().acceptedVersion).toBe(plan.currentVersion);
    expect(Date.parse(accepted.json().acceptedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(
      accepted.json().goals.some((g: { changedSinceAccepted: boolean }) => g.changedSinceAccepted),
    ).toBe(false);
    const staff = (
      await koordinator.inject({ method: 'GET', url: `/api/plans/${citizenId}` })
    ).json();
    expect(staff.unseenByCitizen).toBe(false);
    expect(staff.acceptedVersion).toBe(plan.currentVersion);
  });

  it('hides plans from other municipalities and from the citizen’s own API for other citizens', async () => {
    const odense = await login(t.app, 'odense.koordinator');
    expect(
      (await odense.inject({ method: 'GET', url: `/api/plans/${citizenId}` })).statusCode,
    ).toBe(404);
    expect(
      (await borger.inject({ method: 'GET', url: `/api/plans/${citizenId}` })).statusCode,
    ).toBe(200);
    const udbyder = await login(t.app, 'rebild.udbyder');
    expect(
      (await udbyder.inject({ method: 'GET', url: `/api/plans/${citizenId}` })).statusCode,
    ).toBe(403);
  });
});
