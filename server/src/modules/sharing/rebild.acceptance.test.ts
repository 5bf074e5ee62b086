/**
 * Issue 15's acceptance on Rebild's path, through the API: what the stage-1 provider and the job
 * centre's caseworker see of data other organisations recorded, before and after the citizen's
 * consent (decision 0801).
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, login, type Session, type TestApp } from '../../../test/helper.js';
import { giveConsent } from '../referrals/referrals.fixtures.js';
import {
  type Organisations,
  organisations,
  rebildScene,
  screeningFindings,
} from './sharing.fixtures.js';

let t: TestApp;
let o: Organisations;
let caseworker: Session;
let provider: Session;

beforeAll(async () => {
  t = await buildTestApp();
  o = await organisations(t);
  caseworker = await login(t.app, 'rebild.sagsbehandler');
  provider = await login(t.app, 'rebild.udbyder');
}, 120_000);

afterAll(async () => {
  await t?.close();
});

const get = (s: Session, url: string) => s.inject({ method: 'GET', url });

async function auditedCategories(citizenId: string, organisationId: string) {
  const { rows } = await sql<{ resource_type: string }>`
    select distinct resource_type from audit_event
    where citizen_id = ${citizenId} and actor_organisation_id = ${organisationId}
      and action = 'read'`.execute(t.database.db);
  return rows.map((r) => r.resource_type);
}

describe('Rebild: the stage-1 provider', () => {
  it('sees its own course’s attendance and the three-discipline screening notes, not stage 2; after withdrawal, neither', async () => {
    const scene = await rebildScene(t, o);
    const consentId = await giveConsent(caseworker, scene.citizen, o.provider, [
      'screening_notes',
      'attendance',
    ]);

    const page = await get(provider, `/api/referrals/${scene.stage1.referral}`);
    expect(page.json().allowedActions).toContain('referral.shared');
    const res = await get(provider, `/api/referrals/${scene.stage1.referral}/shared`);
    expect(res.statusCode, res.body).toBe(200);
    const view = res.json();
    expect(view.screeningNotes.findings.map((f: { discipline: string }) => f.discipline)).toEqual([
      'social',
      'psychological',
      'physical',
    ]);
    expect(view.attendance).toEqual([
      {
        courseTitle: scene.stage1.title,
        registered: 3,
        present: 1,
        absent: 2,
        basis: expect.objectContaining({ kind: 'consent', consentId }),
      },
    ]);
    expect(res.body).not.toContain(scene.stage2.title);
    // The referral names the outcome too, but the consent does not: the page says so.
    expect(view.outcomes).toBeUndefined();
    expect(view.withheld).toEqual([{ category: 'outcome', reason: 'no_consent' }]);
    expect(view.consent).toMatchObject({
      id: consentId,
      categories: ['screening_notes', 'attendance'],
    });
    // Each category read is in the citizen's access log as a read of that category.
    expect(await auditedCategories(scene.citizen, o.provider)).toEqual(
      expect.arrayContaining(['screening_notes', 'attendance']),
    );

    const withdrawn = await caseworker.inject({
      method: 'POST',
      url: `/api/consents/${consentId}/withdraw`,
    });
    expect(withdrawn.statusCode).toBe(200);
    const after = await get(provider, `/api/referrals/${scene.stage1.referral}/shared`);
    expect(after.statusCode).toBe(404);
    // The referral page no longer offers the shared view.
    const pageAfter = await get(provider, `/api/referrals/${scene.stage1.referral}`);
    expect(pageAfter.json().allowedActions).not.toContain('referral.shared');
    expect(after.body).not.toContain(screeningFindings.psychological);
    expect(after.body).not.toContain(scene.stage1.title);
  });
});

describe('Rebild: the caseworker and health data', () => {
  it('a profile the health centre recorded shows no WHO-5 or health answer to a caseworker, in the profile or the risk view, until the citizen consents', async () => {
    const scene = await rebildScene(t, o, { profileBy: 'sundhedscenter' });

    const profile = await get(caseworker, `/api/health/citizens/${scene.citizen}/profile`);
    expect(profile.statusCode).toBe(200);
    expect(profile.json().response).toBeNull();
    expect(profile.json().withheld).toEqual({
      reason: 'no_consent',
      originOrganisationName: expect.any(String),
    });
    expect(profile.body).not.toContain('"answers"');

    const risk = await get(caseworker, `/api/risk/citizens/${scene.citizen}`);
    expect(risk.statusCode).toBe(200);
    const facts = risk.json().suggestion.facts as { fact: string; value: number | null }[];
    expect(facts.find((f) => f.fact === 'who5')!.value).toBeNull();
    expect(facts.find((f) => f.fact === 'self_rated_health')!.value).toBeNull();
    expect(risk.json().suggestion.notes.join(' ')).toContain('ikke givet samtykke');
    expect(risk.body).not.toMatch(/WHO-5 trivselsscore \(0–100\) er/);

    // Matching offers reads the answers too: refused, saying why.
    const matches = await get(caseworker, `/api/health/citizens/${scene.citizen}/matches`);
    expect(matches.json().code).toBe('consent_required');

    await giveConsent(caseworker, scene.citizen, o.jobcenter, ['health_profile']);
    const shared = await get(caseworker, `/api/health/citizens/${scene.citizen}/profile`);
    expect(shared.json().response.who5.score).toBe(20);
    expect(shared.json().basis.kind).toBe('consent');
    const riskShared = await get(caseworker, `/api/risk/citizens/${scene.citizen}`);
    const sharedFacts = riskShared.json().suggestion.facts as { fact: string; value: number }[];
    expect(sharedFacts.find((f) => f.fact === 'who5')!.value).toBe(20);
  });

  it('a profile the caseworker recorded with the citizen stays readable to the job centre', async () => {
    const scene = await rebildScene(t, o);
    // A second citizen, with no profile yet: the caseworker holds the conversation (Odense).
    const { rows } = await sql<{ id: string }>`
      select id from citizen where municipality_code = '840'
        and id not in (select subject_citizen_id from questionnaire_response where subject_citizen_id is not null)
      order by id limit 1`.execute(t.database.db);
    const citizen = rows[0]!.id;
    expect(citizen).not.toBe(scene.citizen);
    const started = await caseworker.inject({
      method: 'POST',
      url: `/api/health/citizens/${citizen}/profile`,
    });
    expect(started.statusCode, started.body).toBeLessThan(300);
    const id = started.json().id;
    const answers: Record<string, unknown> = { self_rated_health: 'good' };
    for (const th of ['kost', 'rygning', 'alkohol', 'motion', 'misbrug', 'psykisk_helbred']) {
      answers[`${th}_readiness`] = 'ready';
      answers[`${th}_wants_help`] = 'no';
    }
    for (let i = 1; i <= 5; i++) answers[`who5_${i}`] = 3;
    const saved = await caseworker.inject({
      method: 'PATCH',
      url: `/api/health/profiles/${id}`,
      payload: { answers },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const done = await caseworker.inject({
      method: 'POST',
      url: `/api/health/profiles/${id}/complete`,
    });
    expect(done.statusCode, done.body).toBe(200);

    const profile = await get(caseworker, `/api/health/citizens/${citizen}/profile`);
    expect(profile.json().response.who5.score).toBe(60);
    expect(profile.json().basis.kind).toBe('own');
    const risk = await get(caseworker, `/api/risk/citizens/${citizen}`);
    const facts = risk.json().suggestion.facts as { fact: string; value: number | null }[];
    expect(facts.find((f) => f.fact === 'who5')!.value).toBe(60);
  });

  it('absence at a voluntary offer reaches the caseworker only under consent to attendance, at a mandatory activation offer always', async () => {
    const flagIds = async () =>
      new Set(
        (await get(caseworker, '/api/referrals/flags')).json().map((f: { id: string }) => f.id),
      );

    // The caseworker's task list shows absence the same way (two absences in a row).
    const absenceTasks = async (citizenId: string) =>
      (await get(caseworker, '/api/tasks'))
        .json()
        .items.filter(
          (i: { kind: string; citizenId: string }) =>
            i.kind === 'attendance_flag' && i.citizenId === citizenId,
        ).length;

    const voluntary = await rebildScene(t, o, { participation: 'voluntary' });
    await sql`update citizen set responsible_caseworker_id = ${caseworker.user.id}
      where id = ${voluntary.citizen}`.execute(t.database.db);
    expect((await flagIds()).has(voluntary.stage1.flag)).toBe(false);
    expect(await absenceTasks(voluntary.citizen)).toBe(0);
    const hidden = await caseworker.inject({
      method: 'POST',
      url: `/api/referrals/flags/${voluntary.stage1.flag}/resolve`,
    });
    expect(hidden.statusCode).toBe(404);
    await giveConsent(caseworker, voluntary.citizen, o.jobcenter, ['attendance']);
    expect((await flagIds()).has(voluntary.stage1.flag)).toBe(true);
    expect(await absenceTasks(voluntary.citizen)).toBe(2);

    const mandatory = await rebildScene(t, o, { participation: 'mandatory' });
    await sql`update citizen set responsible_caseworker_id = ${caseworker.user.id}
      where id = ${mandatory.citizen}`.execute(t.database.db);
    expect(await absenceTasks(mandatory.citizen)).toBe(2);
    const flags = (await get(caseworker, '/api/referrals/flags')).json() as {
      id: string;
      basis: { kind: string; law: string | null };
    }[];
    const flag = flags.find((f) => f.id === mandatory.stage1.flag);
    expect(flag?.basis).toMatchObject({ kind: 'legal', law: 'mandatory_activation' });
  });
});
