/**
 * Issue 17 through the API: the FHIR read API runs the JSON API's checks (session, tenant, policy,
 * the sharing builder), answers 404 as OperationOutcome for what the caller may not see, leaves
 * out what no consent covers, audits each read, and everything it produces validates against the
 * FHIR R4 base definitions. The round trip reads $everything with a FHIR client library
 * (fhir-kit-client) over HTTP.
 */
import type { Bundle, Patient, Resource } from '@medplum/fhirtypes';
import { Client } from 'fhir-kit-client';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, login, type Session, type TestApp } from '../../../test/helper.js';
import { encryptCpr } from '../../platform/cpr.js';
import { giveConsent } from '../referrals/referrals.fixtures.js';
import {
  type Organisations,
  organisations,
  rebildScene,
  type Scene,
} from '../sharing/sharing.fixtures.js';
import { allErrors, dkCoreCprErrors } from './fhir.fixtures.js';

let t: TestApp;
let o: Organisations;
let caseworker: Session;
let health: Session;
let provider: Session;
let odense: Session;
let borger: Session;

beforeAll(async () => {
  t = await buildTestApp();
  o = await organisations(t);
  caseworker = await login(t.app, 'rebild.sagsbehandler');
  health = await login(t.app, 'rebild.sundhed');
  provider = await login(t.app, 'rebild.udbyder');
  odense = await login(t.app, 'odense.sagsbehandler');
  borger = await login(t.app, 'rebild.borger');
}, 120_000);

afterAll(async () => {
  await t?.close();
});

const get = (s: Session, url: string) =>
  s.inject({ method: 'GET', url, headers: { accept: 'application/fhir+json' } });

const resourcesOf = (bundle: Bundle) => (bundle.entry ?? []).map((e) => e.resource as Resource);
const ofType = (resources: Resource[], type: string) =>
  resources.filter((r) => r.resourceType === type);

/** Min Plan for the citizen: a mandatory participation goal with a sub-goal, and the referral. */
async function addPlan(citizenId: string, referralId: string) {
  const db = t.database.db;
  const { rows } = await sql<{ id: string }>`
    insert into plan (municipality_code, citizen_id, job_goal, owner_organisation_id)
    values (${o.code}, ${citizenId}, 'Lagerarbejde 20 timer om ugen', ${o.jobcenter})
    on conflict (municipality_code, citizen_id) do update set job_goal = excluded.job_goal
    returning id`.execute(db);
  const plan = rows[0]!.id;
  const { rows: goal } = await sql<{ id: string }>`
    insert into plan_goal (municipality_code, plan_id, specific, measurable, agreed_with_citizen,
      relevance, due_date, category, requirement, status)
    values (${o.code}, ${plan}, 'Deltage i træning to gange om ugen', 'Fremmøde mindst 80 %', true,
      'Mere overskud til praktik', current_date + 60, 'participation', true, 'in_progress')
    returning id`.execute(db);
  const { rows: sub } = await sql<{ id: string }>`
    insert into plan_goal (municipality_code, plan_id, parent_goal_id, specific, category, requirement)
    values (${o.code}, ${plan}, ${goal[0]!.id}, 'Gå en tur hver dag', 'lifestyle_outcome', false)
    returning id`.execute(db);
  await sql`insert into plan_activity (municipality_code, plan_id, goal_id, title, requirement, referral_id, status)
    values (${o.code}, ${plan}, ${goal[0]!.id}, 'Motion og træning', true, ${referralId}, 'active')`.execute(
    db,
  );
  return { plan, goal: goal[0]!.id, subGoal: sub[0]!.id };
}

/** The scene's citizens get a random CPR blob; the Patient needs one that decrypts. */
async function setCpr(citizenId: string, cpr: string) {
  const blob = encryptCpr(
    { encryptionKey: t.config.cprEncryptionKey, hashKey: t.config.cprHashKey },
    cpr,
  );
  await sql`update citizen set cpr_encrypted = ${blob} where id = ${citizenId}`.execute(
    t.database.db,
  );
}

async function auditRows(citizenId: string, userId: string, resourceType: string) {
  const { rows } = await sql<{ n: string }>`
    select count(*) as n from audit_event
    where citizen_id = ${citizenId} and actor_user_id = ${userId} and resource_type = ${resourceType}`.execute(
    t.database.db,
  );
  return Number(rows[0]!.n);
}

describe('GET /fhir/R4/metadata', () => {
  it('is a valid CapabilityStatement in application/fhir+json, without signing in', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/fhir/R4/metadata' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/fhir+json');
    const statement = res.json();
    expect(statement.resourceType).toBe('CapabilityStatement');
    expect(allErrors([statement])).toEqual([]);
    expect(statement.rest[0].resource.map((r: { type: string }) => r.type)).toContain(
      'EpisodeOfCare',
    );
  });
});

describe('errors are OperationOutcome under /fhir/R4, problem+json elsewhere', () => {
  it('401, unknown type, unknown path', async () => {
    const anonymous = await t.app.inject({ method: 'GET', url: `/fhir/R4/Patient/${o.jobcenter}` });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers['content-type']).toContain('application/fhir+json');
    expect(anonymous.json()).toMatchObject({
      resourceType: 'OperationOutcome',
      issue: [{ severity: 'error', code: 'login' }],
    });
    expect(allErrors([anonymous.json()])).toEqual([]);

    const unknown = await get(caseworker, '/fhir/R4/Medication/abc');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().issue[0].code).toBe('not-supported');

    const noParam = await get(caseworker, '/fhir/R4/Observation');
    expect(noParam.statusCode).toBe(400);
    expect(noParam.json().resourceType).toBe('OperationOutcome');

    const deep = await get(caseworker, '/fhir/R4/Patient/x/y/z');
    expect(deep.statusCode).toBe(404);
    expect(deep.json().resourceType).toBe('OperationOutcome');

    const api = await get(caseworker, '/api/citizens/not-a-uuid');
    expect(api.headers['content-type']).toContain('application/problem+json');
  });
});

describe('consent and organisation decide what a reader gets', () => {
  let scene: Scene;
  beforeAll(async () => {
    scene = await rebildScene(t, o, { profileBy: 'sundhedscenter' });
    await setCpr(scene.citizen, '0505455902');
    await addPlan(scene.citizen, scene.stage1.referral);
  }, 60_000);

  it('the health centre that recorded the profile gets WHO-5, answers and tests; no CPR; all valid', async () => {
    const res = await get(health, `/fhir/R4/Patient/${scene.citizen}/$everything`);
    expect(res.statusCode, res.body).toBe(200);
    const bundle = res.json() as Bundle;
    const all = resourcesOf(bundle);
    expect(allErrors([bundle, ...all])).toEqual([]);
    const patient = ofType(all, 'Patient')[0] as Patient;
    expect(patient.identifier).toBeUndefined();
    expect(ofType(all, 'QuestionnaireResponse')).toHaveLength(1);
    const codes = ofType(all, 'Observation').map(
      (r) => (r as { code: { coding: { code: string }[] } }).code.coding[0]!.code,
    );
    expect(codes).toEqual(
      expect.arrayContaining(['who5', 'self-rated-health', '29463-7', '39156-5']),
    );
  });

  it('a caseworker without consent to health data gets no Observation or QuestionnaireResponse, and 404 on them by id', async () => {
    const res = await get(caseworker, `/fhir/R4/Patient/${scene.citizen}/$everything`);
    expect(res.statusCode).toBe(200);
    const all = resourcesOf(res.json());
    expect(allErrors(all)).toEqual([]);
    expect(ofType(all, 'Observation')).toEqual([]);
    expect(ofType(all, 'QuestionnaireResponse')).toEqual([]);
    expect(res.body).not.toContain('who5');
    // What the job centre has: the referrals with their state, the plan, the benefit period.
    expect(ofType(all, 'ServiceRequest')).toHaveLength(2);
    expect(
      ofType(all, 'Task').map(
        (r) =>
          (r as { businessStatus: { coding: { code: string }[] } }).businessStatus.coding[0]!.code,
      ),
    ).toEqual(['started', 'started']);
    expect(ofType(all, 'Goal')).toHaveLength(2);
    expect(ofType(all, 'EpisodeOfCare')).toHaveLength(1);
    // The caseworker may see the CPR: DK core's identifier.
    const patient = ofType(all, 'Patient')[0] as Patient;
    expect(patient.identifier?.[0]?.system).toBe('urn:oid:1.2.208.176.1.2');

    const qr = await get(caseworker, `/fhir/R4/QuestionnaireResponse/${scene.profile}`);
    expect(qr.statusCode).toBe(404);
    expect(qr.json().issue[0].code).toBe('not-found');
    const who5 = await get(caseworker, `/fhir/R4/Observation/who5-${scene.citizen}`);
    expect(who5.statusCode).toBe(404);
    const search = await get(caseworker, `/fhir/R4/Observation?subject=Patient/${scene.citizen}`);
    expect(search.json()).toMatchObject({ resourceType: 'Bundle', type: 'searchset', total: 0 });

    // With the citizen's consent to the job centre: the profile and WHO-5, never the health tests.
    await giveConsent(caseworker, scene.citizen, o.jobcenter, ['health_profile']);
    const after = await get(caseworker, `/fhir/R4/QuestionnaireResponse/${scene.profile}`);
    expect(after.statusCode).toBe(200);
    expect(allErrors([after.json()])).toEqual([]);
    const observations = await get(caseworker, `/fhir/R4/Observation?patient=${scene.citizen}`);
    const ids = resourcesOf(observations.json()).map((r) => r.id);
    expect(ids).toEqual(expect.arrayContaining([`who5-${scene.citizen}`]));
    expect(ids.some((id) => id?.startsWith('test-'))).toBe(false);
  });

  it('the provider sees its own course’s sessions and attendance, not the health centre’s', async () => {
    const res = await get(provider, `/fhir/R4/Patient/${scene.citizen}/$everything`);
    expect(res.statusCode).toBe(200);
    const all = resourcesOf(res.json());
    expect(allErrors(all)).toEqual([]);
    expect(ofType(all, 'Encounter')).toHaveLength(3);
    expect(res.body).toContain(scene.stage1.title);
    expect(res.body).not.toContain(scene.stage2.title);
    expect(ofType(all, 'QuestionnaireResponse')).toEqual([]);
    // Only the referral to the provider itself.
    expect(ofType(all, 'ServiceRequest').map((r) => r.id)).toEqual([scene.stage1.referral]);
    expect(ofType(all, 'CarePlan')).toEqual([]);
  });

  it('another municipality gets 404 on the citizen and every resource, and an empty search', async () => {
    for (const url of [
      `/fhir/R4/Patient/${scene.citizen}`,
      `/fhir/R4/Patient/${scene.citizen}/$everything`,
      `/fhir/R4/ServiceRequest/${scene.stage1.referral}`,
      `/fhir/R4/Task/${scene.stage1.referral}`,
    ]) {
      const res = await get(odense, url);
      expect(res.statusCode, url).toBe(404);
      expect(res.json().resourceType).toBe('OperationOutcome');
    }
    const search = await get(odense, `/fhir/R4/ServiceRequest?subject=${scene.citizen}`);
    expect(search.json().total).toBe(0);
  });

  it('each read writes audit rows, the CPR a reveal row', async () => {
    const user = caseworker.user.id;
    const before = await auditRows(scene.citizen, user, 'fhir:Patient');
    const cprBefore = await auditRows(scene.citizen, user, 'citizen');
    const res = await get(caseworker, `/fhir/R4/Patient/${scene.citizen}`);
    expect(res.statusCode).toBe(200);
    expect(dkCoreCprErrors(res.json())).toEqual([]);
    expect(await auditRows(scene.citizen, user, 'fhir:Patient')).toBe(before + 1);
    expect(await auditRows(scene.citizen, user, 'citizen')).toBe(cprBefore + 1);

    const goals = await auditRows(scene.citizen, user, 'fhir:Goal');
    await get(caseworker, `/fhir/R4/Goal?subject=Patient/${scene.citizen}`);
    expect(await auditRows(scene.citizen, user, 'fhir:Goal')).toBe(goals + 1);

    // A refused read writes nothing.
    const odenseBefore = await auditRows(scene.citizen, odense.user.id, 'fhir:Patient');
    expect((await get(odense, `/fhir/R4/Patient/${scene.citizen}`)).statusCode).toBe(404);
    expect(await auditRows(scene.citizen, odense.user.id, 'fhir:Patient')).toBe(odenseBefore);
  });

  it('a citizen reads their own data through FHIR, CPR included, and nobody else’s', async () => {
    const own = await get(borger, `/fhir/R4/Patient/${borger.user.citizenId}`);
    expect(own.statusCode).toBe(200);
    expect(dkCoreCprErrors(own.json())).toEqual([]);
    const other = await get(borger, `/fhir/R4/Patient/${scene.citizen}/$everything`);
    expect(other.statusCode).toBe(404);
    expect(other.json().resourceType).toBe('OperationOutcome');
  });
});

describe('round trip: a FHIR client library reads $everything for the demo citizen', () => {
  it('finds the consent, the referral with its state, the answers and the plan’s goals; the citizen sees the read', async () => {
    const citizen = borger.user.citizenId!;
    const scene = await rebildScene(t, o, { citizenId: citizen, profileBy: 'sundhedscenter' });
    const { goal, subGoal } = await addPlan(citizen, scene.stage1.referral);
    const consentId = await giveConsent(caseworker, citizen, o.jobcenter, ['health_profile']);
    await sql`update referral set state = 'waitlisted' where id = ${scene.stage2.referral}`.execute(
      t.database.db,
    );

    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const client = new Client({
      baseUrl: `${address}/fhir/R4`,
      customHeaders: { cookie: caseworker.cookie },
    });
    const bundle = (await client.operation({
      name: '$everything',
      resourceType: 'Patient',
      id: citizen,
      method: 'GET',
    })) as unknown as Bundle;
    const all = resourcesOf(bundle);
    expect(allErrors([bundle, ...all])).toEqual([]);

    const consent = all.find((r) => r.resourceType === 'Consent' && r.id === consentId);
    expect(consent).toMatchObject({
      status: 'active',
      provision: { class: [{ code: 'health_profile' }] },
    });

    const task = all.find((r) => r.resourceType === 'Task' && r.id === scene.stage2.referral);
    expect(task).toMatchObject({
      status: 'on-hold',
      businessStatus: { coding: [{ code: 'waitlisted' }] },
    });
    expect(
      all.some((r) => r.resourceType === 'ServiceRequest' && r.id === scene.stage2.referral),
    ).toBe(true);

    const response = all.find(
      (r) => r.resourceType === 'QuestionnaireResponse' && r.id === scene.profile,
    );
    const who5 = (
      response as { item: { linkId: string; item: { answer: unknown[] }[] }[] }
    ).item.find((i) => i.linkId === 'who5');
    expect(who5?.item).toHaveLength(5);
    expect(who5?.item[0]?.answer).toEqual([
      expect.objectContaining({ valueCoding: expect.objectContaining({ code: '1' }) }),
    ]);

    const goals = ofType(all, 'Goal').map((g) => g.id);
    expect(goals).toEqual(expect.arrayContaining([goal, subGoal]));
    const plan = ofType(all, 'CarePlan')[0] as { goal: { reference: string }[] };
    expect(plan.goal.map((g) => g.reference)).toEqual(expect.arrayContaining([`Goal/${goal}`]));

    // The same client reads one resource and searches.
    const read = await client.read({ resourceType: 'Goal', id: goal });
    expect(read).toMatchObject({
      resourceType: 'Goal',
      description: { text: 'Deltage i træning to gange om ugen' },
    });
    const searched = (await client.search({
      resourceType: 'Task',
      searchParams: { patient: citizen },
    })) as unknown as Bundle;
    // The demo citizen has a referral of its own besides the scene's two.
    expect(resourcesOf(searched).map((r) => r.id)).toEqual(
      expect.arrayContaining([scene.stage1.referral, scene.stage2.referral]),
    );
    expect(resourcesOf(searched).every((r) => r.resourceType === 'Task')).toBe(true);

    // The citizen's "who read my data" shows the FHIR reads.
    const log = await borger.inject({ method: 'GET', url: '/api/audit/me?limit=200' });
    expect(log.statusCode).toBe(200);
    const fhirReads = (log.json().items as { resourceType: string; purpose: string }[]).filter(
      (i) => i.resourceType.startsWith('fhir:'),
    );
    expect(fhirReads.map((i) => i.resourceType)).toEqual(
      expect.arrayContaining([
        'fhir:Patient',
        'fhir:Consent',
        'fhir:Task',
        'fhir:QuestionnaireResponse',
        'fhir:Goal',
      ]),
    );
    expect(fhirReads[0]!.purpose).toBe('Udlevering af borgerens data i FHIR-format');
  });
});
