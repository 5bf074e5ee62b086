import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, login, type Session, type TestApp } from '../../../test/helper.js';
import { addDays, danishToday } from '../../platform/dates.js';

let t: TestApp;
let caseworker: Session;
let citizenId: string;

beforeAll(async () => {
  t = await buildTestApp();
  caseworker = await login(t.app, 'odense.sagsbehandler');
  const citizen = await login(t.app, 'odense.borger');
  citizenId = citizen.user.citizenId as string;
});
afterAll(async () => t?.close());

const themes = ['kost', 'rygning', 'alkohol', 'motion', 'misbrug', 'psykisk_helbred'];

function fullAnswers(wanted: string[], who5: number[]) {
  const a: Record<string, unknown> = {};
  for (const th of themes) {
    a[`${th}_view`] = `Min egen vurdering af ${th}`;
    a[`${th}_readiness`] = wanted.includes(th) ? 'ready' : 'not_ready';
    a[`${th}_wants_help`] = wanted.includes(th) ? 'yes' : 'no';
  }
  a.self_rated_health = 'fair';
  who5.forEach((v, i) => {
    a[`who5_${i + 1}`] = v;
  });
  a.wish_matters = 'At kunne lege med mine børn';
  a.wish_cards = ['energi', 'job'];
  return a;
}

async function facts(id: string) {
  const { rows } = await sql<{ fact: string; value: string }>`
    select fact, value from health_profile_fact where citizen_id = ${id} order by fact`.execute(
    t.database.db,
  );
  return Object.fromEntries(rows.map((r) => [r.fact, Number(r.value)]));
}

describe('health conversation', () => {
  it('caseworker starts a draft, autosaves answers, completes it and gets WHO-5 with its flag', async () => {
    const start = await caseworker.inject({
      method: 'POST',
      url: `/api/health/citizens/${citizenId}/profile`,
    });
    expect(start.statusCode, start.body).toBe(201);
    const draft = start.json();
    expect(draft.status).toBe('draft');
    const again = await caseworker.inject({
      method: 'POST',
      url: `/api/health/citizens/${citizenId}/profile`,
    });
    expect(
      again.statusCode,
      again.body +
        t.logs
          .filter((l) => l.includes('"level":50'))
          .join('\n')
          .slice(0, 3000),
    ).toBe(200);
    expect(again.json().id).toBe(draft.id);

    // Invalid answers are refused with a pointer to the question.
    const bad = await caseworker.inject({
      method: 'PATCH',
      url: `/api/health/profiles/${draft.id}`,
      payload: { answers: { who5_1: 7 } },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].pointer).toBe('/answers/who5_1');

    // Completing an incomplete draft names the missing questions.
    await caseworker.inject({
      method: 'PATCH',
      url: `/api/health/profiles/${draft.id}`,
      payload: { answers: { motion_wants_help: 'yes' } },
    });
    const early = await caseworker.inject({
      method: 'POST',
      url: `/api/health/profiles/${draft.id}/complete`,
    });
    expect(early.statusCode).toBe(400);
    expect(early.json().errors.map((e: { pointer: string }) => e.pointer)).toContain(
      '/answers/who5_1',
    );

    // 2+2+1+1+1 = 7 → 28: likely depression.
    const save = await caseworker.inject({
      method: 'PATCH',
      url: `/api/health/profiles/${draft.id}`,
      payload: {
        answers: {
          ...fullAnswers(['motion', 'rygning', 'misbrug'], [2, 2, 1, 1, 1]),
          motion_help_note: 'Gerne på hold',
        },
      },
    });
    expect(save.statusCode, save.body).toBe(200);
    const done = await caseworker.inject({
      method: 'POST',
      url: `/api/health/profiles/${draft.id}/complete`,
    });
    expect(done.statusCode, done.body).toBe(200);
    const profile = done.json();
    expect(profile.status).toBe('completed');
    expect(profile.who5).toMatchObject({ raw: 7, score: 28, flag: 'likely_depression' });
    expect(profile.who5.explanation).toMatch(/sundhedsprofessionel/);
    expect(profile.answers.motion_help_note).toBe('Gerne på hold');
    expect(profile.answers.kost_help_note).toBeUndefined();
    expect(await facts(citizenId)).toEqual({ self_rated_health: 4, who5: 28 });

    // A completed response cannot be changed.
    const late = await caseworker.inject({
      method: 'PATCH',
      url: `/api/health/profiles/${draft.id}`,
      payload: { answers: { who5_1: 5 } },
    });
    expect(late.statusCode).toBe(409);

    const view = await caseworker.inject({
      method: 'GET',
      url: `/api/health/citizens/${citizenId}/profile`,
    });
    expect(view.json().response.definitionVersion).toBe(1);
    expect(view.json().definition.sections).toHaveLength(9);
  });

  it('matches offers with Danish reasons and shows catalogue gaps', async () => {
    const res = await caseworker.inject({
      method: 'GET',
      url: `/api/health/citizens/${citizenId}/matches`,
    });
    expect(res.statusCode, res.body).toBe(200);
    const m = res.json();
    expect(m.wantedThemes).toEqual(['rygning', 'motion', 'misbrug']);
    expect(m.suggestions.length).toBeGreaterThan(0);
    for (const s of m.suggestions) expect(s.reasonText).toMatch(/^matcher tema: /);
    const rygestop = m.suggestions.find((s: { title: string }) => s.title === 'Rygestop – Odense');
    expect(rygestop.reasonText).toMatch(
      /matcher tema: rygning; .*starter \d+\. \w+; 15 ledige pladser/,
    );
    expect(m.gaps).toEqual([]);
  });

  it('a manager sees gaps across citizens as counts when no published offer covers a theme', async () => {
    const admin = await login(t.app, 'odense.admin');
    const list = (
      await admin.inject({
        method: 'POST',
        url: '/api/catalogue/offers/search',
        payload: { themes: ['misbrug'] },
      })
    ).json();
    for (const o of list.items) {
      await admin.inject({
        method: 'PATCH',
        url: `/api/catalogue/offers/${o.id}`,
        payload: { status: 'paused' },
      });
    }
    const m = (
      await caseworker.inject({ method: 'GET', url: `/api/health/citizens/${citizenId}/matches` })
    ).json();
    expect(m.gaps).toEqual([{ theme: 'misbrug', label: 'misbrug' }]);
    const manager = await login(t.app, 'odense.leder');
    const gaps = await manager.inject({ method: 'GET', url: '/api/health/gaps' });
    expect(gaps.statusCode).toBe(200);
    const misbrug = gaps.json().themes.find((g: { theme: string }) => g.theme === 'misbrug');
    expect(misbrug).toMatchObject({ citizensWantingHelp: 1, publishedOffers: 0, gap: true });
    expect((await caseworker.inject({ method: 'GET', url: '/api/health/gaps' })).statusCode).toBe(
      403,
    );
  });

  it('the citizen fills in their own profile from the portal, but not someone else’s', async () => {
    const citizen = await login(t.app, 'rebild.borger');
    const own = citizen.user.citizenId as string;
    const start = await citizen.inject({
      method: 'POST',
      url: `/api/health/citizens/${own}/profile`,
    });
    expect(start.statusCode).toBe(201);
    expect(start.json().filledInBy).toBe('citizen');
    const save = await citizen.inject({
      method: 'PATCH',
      url: `/api/health/profiles/${start.json().id}`,
      payload: { answers: fullAnswers(['kost'], [5, 4, 4, 3, 3]) },
    });
    expect(save.json().who5).toMatchObject({ score: 76, flag: 'none' });
    const { rows } = await sql<{
      id: string;
    }>`select id from citizen where municipality_code = '840' and id <> ${own} limit 1`.execute(
      t.database.db,
    );
    expect(
      (await citizen.inject({ method: 'GET', url: `/api/health/citizens/${rows[0]!.id}/profile` }))
        .statusCode,
    ).toBe(404);
  });
});

describe('health tests are for health professionals and the citizen only', () => {
  it('caseworker 404, health professional of the health center 200, citizen 200', async () => {
    const health = await login(t.app, 'odense.sundhed');
    const rec = await health.inject({
      method: 'POST',
      url: `/api/health/citizens/${citizenId}/tests`,
      payload: {
        weightKg: 92,
        heightCm: 178,
        fatPercent: 31,
        coPpm: 18,
        systolic: 138,
        diastolic: 88,
      },
    });
    expect(rec.statusCode, rec.body).toBe(201);
    // A test with no measurement, or dated tomorrow, is refused and adds nothing.
    const empty = await health.inject({
      method: 'POST',
      url: `/api/health/citizens/${citizenId}/tests`,
      payload: { note: 'Glemte at måle' },
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().detail).toBe('Angiv mindst én måling.');
    const tomorrow = addDays(danishToday(), 2);
    const future = await health.inject({
      method: 'POST',
      url: `/api/health/citizens/${citizenId}/tests`,
      payload: { measuredOn: tomorrow, weightKg: 80 },
    });
    expect(future.statusCode).toBe(400);
    expect(future.json().errors[0].pointer).toBe('/measuredOn');
    // A nullable field out of range is one mistake with one message, not three.
    const light = await health.inject({
      method: 'POST',
      url: `/api/health/citizens/${citizenId}/tests`,
      payload: { weightKg: 5 },
    });
    expect(light.statusCode).toBe(400);
    expect(light.json().errors).toHaveLength(1);
    expect(light.json().errors[0]).toMatchObject({ pointer: '/weightKg', in: 'body' });
    const listed = await health.inject({
      method: 'GET',
      url: `/api/health/citizens/${citizenId}/tests`,
    });
    expect(listed.json().items).toHaveLength(1);
    // The recording health professional is told it may record another; the page shows the
    // form from this, not from the role name.
    expect(listed.json().allowedActions).toEqual(['health.tests.write']);
    // 92 / 1.78² = 29.04 → 29.0
    expect(rec.json().items[0]).toMatchObject({
      bmi: 29,
      coPpm: 18,
      recordedBy: 'Sundhedscenter Odense',
    });

    expect(
      (await health.inject({ method: 'GET', url: `/api/health/citizens/${citizenId}/tests` }))
        .statusCode,
    ).toBe(200);
    const cw = await caseworker.inject({
      method: 'GET',
      url: `/api/health/citizens/${citizenId}/tests`,
    });
    expect(cw.statusCode).toBe(404);
    // Nothing of the test leaks into the refusal (the echoed URL holds a random id, left out).
    const { instance: _url, ...refusal } = cw.json();
    expect(JSON.stringify(refusal)).not.toMatch(/92|bmi/i);
    const coordinator = await login(t.app, 'odense.koordinator');
    expect(
      (await coordinator.inject({ method: 'GET', url: `/api/health/citizens/${citizenId}/tests` }))
        .statusCode,
    ).toBe(404);
    const citizen = await login(t.app, 'odense.borger');
    const own = await citizen.inject({
      method: 'GET',
      url: `/api/health/citizens/${citizenId}/tests`,
    });
    expect(own.statusCode).toBe(200);
    expect(own.json().items[0].weightKg).toBe(92);
    // The citizen reads their tests but is not offered recording one, and cannot.
    expect(own.json().allowedActions).toEqual([]);
    expect(
      (
        await citizen.inject({
          method: 'POST',
          url: `/api/health/citizens/${citizenId}/tests`,
          payload: { weightKg: 80 },
        })
      ).statusCode,
    ).toBe(403);
    // The caseworker's profile view never offers the tests.
    const view = (
      await caseworker.inject({ method: 'GET', url: `/api/health/citizens/${citizenId}/profile` })
    ).json();
    expect(view.allowedActions).not.toContain('health.tests.read');
    // Even a job center linked to the citizen by a referral is never in scope for health tests.
    await sql`insert into referral (municipality_code, citizen_id, offer_id, from_organisation_id,
        to_organisation_id, created_by, reason, participation, state)
      select c.municipality_code, c.id, (select id from offer where municipality_code = '461' limit 1),
        c.organisation_id, c.organisation_id, c.responsible_caseworker_id, 'Test', 'voluntary', 'sent'
      from citizen c where c.id = ${citizenId}`.execute(t.database.db);
    expect(
      (await caseworker.inject({ method: 'GET', url: `/api/health/citizens/${citizenId}/tests` }))
        .statusCode,
    ).toBe(404);
    const linkedView = (
      await caseworker.inject({ method: 'GET', url: `/api/health/citizens/${citizenId}/profile` })
    ).json();
    expect(linkedView.allowedActions).not.toContain('health.tests.read');
    // The health professional's and the citizen's views do offer them.
    for (const s of [health, citizen]) {
      const v = (
        await s.inject({ method: 'GET', url: `/api/health/citizens/${citizenId}/profile` })
      ).json();
      expect(v.allowedActions).toContain('health.tests.read');
    }
    // Another municipality's health professional does not reach them.
    const rebildHealth = await login(t.app, 'rebild.sundhed');
    expect(
      (await rebildHealth.inject({ method: 'GET', url: `/api/health/citizens/${citizenId}/tests` }))
        .statusCode,
    ).toBe(404);
  });
});
