/**
 * Issue 18: a municipality is onboarded through the product. The operator creates Vejle from
 * the reference table; its first administrator sets a password with the one-time link and
 * builds the municipality alone (organisations, staff, an offer, a course); a caseworker of Vejle
 * refers a citizen. None of it is visible to Rebild or to the operator, who reads no citizen of
 * any municipality. Offboarding deletes Vejle's data and keeps its audit trail.
 */
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomCpr } from '../../../test/authz/fixtures.js';
import { buildTestApp, login, type Session, type TestApp } from '../../../test/helper.js';
import { DEMO_OPERATOR } from '../../db/seed/demo.js';

let t: TestApp;
let operator: Session;
let rebildAdmin: Session;
let rebildCaseworker: Session;

beforeAll(async () => {
  t = await buildTestApp();
  operator = await login(t.app, DEMO_OPERATOR);
  rebildAdmin = await login(t.app, 'rebild.admin');
  rebildCaseworker = await login(t.app, 'rebild.sagsbehandler');
});
afterAll(async () => {
  await t?.close();
});

const VEJLE = {
  code: '630',
  name: 'Vejle',
  organisations: [
    { name: 'Jobcenter Vejle', type: 'jobcenter' },
    { name: 'Sundhedscenter Vejle', type: 'sundhedscenter', address: 'Sundhedsvej 1, 7100 Vejle' },
  ],
  administrator: { username: 'vejle.admin', displayName: 'Vera Vejle', email: 'vera@vejle.dk' },
};

/** Counts past row-level security, as an auditor with database access would. */
async function count(table: string, code: string) {
  const { rows } = await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}
    where municipality_code = ${code}`.execute(t.database.db);
  return Number(rows[0]!.n);
}

/** The session the set-password answer started (as the browser would hold it). */
function sessionFrom(res: LightMyRequestResponse) {
  const cookie = `helhed_session=${res.cookies.find((c) => c.name === 'helhed_session')!.value}`;
  const csrf = res.json().csrfToken as string;
  return {
    me: res.json().user,
    inject: (o: InjectOptions) =>
      t.app.inject({ ...o, headers: { cookie, 'x-csrf-token': csrf, ...(o.headers ?? {}) } }),
  };
}

describe('the platform operator', () => {
  it('is outside every municipality and may do its own work only', async () => {
    const me = (await operator.inject({ method: 'GET', url: '/api/auth/me' })).json().user;
    expect(me.kind).toBe('operator');
    expect(me.municipalityCode).toBe('');
    expect([...me.allowedActions].sort()).toEqual([
      'operator.municipalities.offboard',
      'operator.municipalities.onboard',
      'operator.municipalities.read',
    ]);
  });

  it('reads no citizen of any municipality: 404 on every citizen route', async () => {
    const { rows } = await sql<{ id: string; municipality_code: string }>`
      select distinct on (municipality_code) id, municipality_code from citizen
      order by municipality_code, id`.execute(t.database.db);
    expect(rows.length).toBeGreaterThanOrEqual(5);
    // The same routes answer a caseworker of the citizen's municipality: they exist.
    const rebild = rows.find((c) => c.municipality_code === '840')!;
    for (const url of [`/api/citizens/${rebild.id}`, `/api/citizens/${rebild.id}/overview`]) {
      expect((await rebildCaseworker.inject({ method: 'GET', url })).statusCode, url).toBe(200);
    }
    for (const c of rows) {
      for (const url of [
        `/api/citizens/${c.id}`,
        `/api/citizens/${c.id}/overview`,
        `/api/plans/${c.id}`,
        `/api/timeline/citizens/${c.id}`,
        `/api/audit/citizens/${c.id}`,
      ]) {
        const res = await operator.inject({ method: 'GET', url });
        expect(res.statusCode, url).toBe(404);
      }
    }
    const search = await operator.inject({
      method: 'POST',
      url: '/api/citizens/search',
      payload: { name: 'a', limit: 5 },
    });
    expect(search.statusCode).toBe(404);
    expect((await operator.inject({ method: 'GET', url: '/api/admin/users' })).statusCode).toBe(
      404,
    );
  });

  it('is refused its routes to every municipal role (403)', async () => {
    const res = await rebildAdmin.inject({ method: 'GET', url: '/api/operator/municipalities' });
    expect(res.statusCode).toBe(403);
  });

  it('lists the 98 municipalities with the five demo ones onboarded', async () => {
    const list = (
      await operator.inject({ method: 'GET', url: '/api/operator/municipalities' })
    ).json();
    expect(list).toHaveLength(98);
    const onboarded = list.filter((m: { status: string }) => m.status === 'onboarded');
    expect(onboarded.map((m: { code: string }) => m.code).sort()).toEqual(
      ['159', '175', '461', '840', '860'].sort(),
    );
  });

  it('refuses a code that is not a municipality, a wrong name and one already onboarded', async () => {
    const bad = async (body: object) =>
      operator.inject({ method: 'POST', url: '/api/operator/municipalities', payload: body });
    expect((await bad({ ...VEJLE, code: '999' })).statusCode).toBe(400);
    const wrongName = await bad({ ...VEJLE, name: 'Kolding' });
    expect(wrongName.statusCode).toBe(400);
    expect(wrongName.json().detail).toContain('Vejle');
    const again = await bad({
      ...VEJLE,
      code: '840',
      name: 'Rebild',
      administrator: { username: 'rebild.ny', displayName: 'X Y' },
    });
    expect(again.statusCode).toBe(409);
  });
});

describe('onboarding a new municipality through the API alone', () => {
  let invitation: { token: string; url: string };
  let vejleAdmin: ReturnType<typeof sessionFrom>;
  let jobcentre: string;
  let health: string;
  let citizenId: string;
  let offerId: string;
  let referralId: string;

  it('the operator creates Vejle with its organisations and first administrator, audited', async () => {
    const res = await operator.inject({
      method: 'POST',
      url: '/api/operator/municipalities',
      payload: VEJLE,
    });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body.organisations.map((o: { name: string }) => o.name)).toEqual([
      'Jobcenter Vejle',
      'Sundhedscenter Vejle',
    ]);
    invitation = body.invitation;
    expect(invitation.url).toMatch(/\/velkommen#[A-Za-z0-9_-]{40,}$/);
    jobcentre = body.organisations[0].id;
    health = body.organisations[1].id;
    // The operator's action is in Vejle's own audit chain, with its role.
    const { rows } = await sql<{ actor_role: string; action: string; actor_user_id: string }>`
      select actor_role, action, actor_user_id from audit_event
      where municipality_code = '630' and resource_type = 'municipality'`.execute(t.database.db);
    expect(rows).toEqual([
      { actor_role: 'operator', action: 'create', actor_user_id: operator.user.id },
    ]);
    // The administrator cannot log in before choosing a password.
    const early = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'vejle.admin', password: 'any-password-at-all' },
    });
    expect(early.statusCode).toBe(401);
  });

  it('the administrator sets a password with the link, once, and is logged in', async () => {
    const short = await t.app.inject({
      method: 'POST',
      url: '/api/auth/set-password',
      payload: { token: invitation.token, password: 'kort' },
    });
    expect(short.statusCode).toBe(400);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/set-password',
      payload: { token: invitation.token, password: 'vejle-er-med-nu' },
    });
    expect(res.statusCode, res.body).toBe(200);
    vejleAdmin = sessionFrom(res);
    expect(vejleAdmin.me.municipalityName).toBe('Vejle');
    expect(vejleAdmin.me.allowedActions).toContain('admin.users.manage');
    const reused = await t.app.inject({
      method: 'POST',
      url: '/api/auth/set-password',
      payload: { token: invitation.token, password: 'en-anden-kode-123' },
    });
    expect(reused.statusCode).toBe(404);
    // The chosen password works for an ordinary login.
    await login(t.app, 'vejle.admin', 'vejle-er-med-nu');
  });

  it('the administrator creates an organisation, staff, an offer and a course', async () => {
    const org = await vejleAdmin.inject({
      method: 'POST',
      url: '/api/admin/organisations',
      payload: { name: 'Vejle Motion ApS', type: 'provider' },
    });
    expect(org.statusCode, org.body).toBe(201);
    const staff = [
      ['vejle.sagsbehandler', 'caseworker', jobcentre],
      ['vejle.sundhed', 'health_professional', health],
    ] as const;
    for (const [username, role, organisationId] of staff) {
      const res = await vejleAdmin.inject({
        method: 'POST',
        url: '/api/admin/users',
        payload: {
          username,
          displayName: username,
          password: 'vejle-medarbejder',
          roles: [{ role, organisationId }],
        },
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    const healthPro = await login(t.app, 'vejle.sundhed', 'vejle-medarbejder');
    const offer = await healthPro.inject({
      method: 'POST',
      url: '/api/catalogue/offers',
      payload: {
        providerOrganisationId: health,
        title: 'Motion i Vejle',
        themes: ['motion'],
        referralType: 'referred',
        format: 'group',
      },
    });
    expect(offer.statusCode, offer.body).toBe(201);
    offerId = offer.json().id;
    await healthPro.inject({
      method: 'PATCH',
      url: `/api/catalogue/offers/${offerId}`,
      payload: { status: 'published' },
    });
    const course = await healthPro.inject({
      method: 'POST',
      url: '/api/courses',
      payload: {
        offerId,
        startDate: '2026-04-27',
        weeks: 2,
        weeklyPattern: [{ weekday: 1, start: '09:00', end: '11:00' }],
        capacity: 8,
      },
    });
    expect(course.statusCode, course.body).toBe(201);
  });

  it('a caseworker of Vejle refers a citizen', async () => {
    const caseworker = await login(t.app, 'vejle.sagsbehandler', 'vejle-medarbejder');
    const citizen = await caseworker.inject({
      method: 'POST',
      url: '/api/citizens',
      payload: { cpr: randomCpr(), firstName: 'Villy', lastName: 'Vejlesen' },
    });
    expect(citizen.statusCode, citizen.body).toBe(201);
    citizenId = citizen.json().id;
    const referral = await caseworker.inject({
      method: 'POST',
      url: '/api/referrals',
      payload: {
        citizenId,
        offerId,
        reason: 'Ønsker at komme i gang med motion',
        participation: 'voluntary',
        sharedCategories: [],
      },
    });
    expect(referral.statusCode, referral.body).toBe(201);
    referralId = referral.json().id;
  });

  it('none of it is visible to another municipality or to the operator', async () => {
    for (const s of [rebildCaseworker, operator]) {
      for (const url of [
        `/api/citizens/${citizenId}`,
        `/api/citizens/${citizenId}/overview`,
        `/api/referrals/${referralId}`,
        `/api/catalogue/offers/${offerId}`,
      ]) {
        expect((await s.inject({ method: 'GET', url })).statusCode, `${s.username} ${url}`).toBe(
          404,
        );
      }
    }
    const orgs = (await rebildAdmin.inject({ method: 'GET', url: '/api/admin/organisations' }))
      .json()
      .map((o: { name: string }) => o.name);
    expect(orgs.some((n: string) => n.includes('Vejle'))).toBe(false);
    const users = (await rebildAdmin.inject({ method: 'GET', url: '/api/admin/users?limit=200' }))
      .json()
      .items.map((u: { username: string }) => u.username);
    expect(users.some((u: string) => u.startsWith('vejle.'))).toBe(false);
    const search = await rebildCaseworker.inject({
      method: 'POST',
      url: '/api/catalogue/offers/search',
      payload: { q: 'Motion i Vejle' },
    });
    expect(search.json().items.map((o: { id: string }) => o.id)).not.toContain(offerId);
  });

  it('a lost link is replaced only while the administrator has no password', async () => {
    const res = await operator.inject({
      method: 'POST',
      url: '/api/operator/municipalities/630/invitation',
    });
    expect(res.statusCode).toBe(409);
  });

  it('offboarding needs the name typed, deletes the data and keeps the audit trail', async () => {
    const auditBefore = await count('audit_event', '630');
    expect(auditBefore).toBeGreaterThan(3);
    const wrong = await operator.inject({
      method: 'POST',
      url: '/api/operator/municipalities/630/offboard',
      payload: { confirmName: 'Rebild' },
    });
    expect(wrong.statusCode).toBe(400);
    expect(await count('citizen', '630')).toBe(1);
    const res = await operator.inject({
      method: 'POST',
      url: '/api/operator/municipalities/630/offboard',
      payload: { confirmName: 'vejle' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().kept).toContain('audit_event');
    for (const table of ['citizen', 'referral', 'offer', 'course', 'organisation', 'app_user']) {
      expect(await count(table, '630'), table).toBe(0);
    }
    expect(await count('audit_event', '630')).toBe(auditBefore + 1);
    // The law's follow-up rules every municipality had before onboarding stay, nothing else.
    expect(await count('followup_rule_set', '630')).toBe(1);
    const { rows } = await sql<{ action: string }>`select action from audit_event
      where municipality_code = '630' order by id desc limit 1`.execute(t.database.db);
    expect(rows[0]!.action).toBe('delete');
    // The administrator's session ended with the data; the other municipalities are untouched.
    expect((await vejleAdmin.inject({ method: 'GET', url: '/api/admin/users' })).statusCode).toBe(
      401,
    );
    expect(await count('citizen', '840')).toBeGreaterThan(0);
    const list = (
      await operator.inject({ method: 'GET', url: '/api/operator/municipalities' })
    ).json();
    expect(list.find((m: { code: string }) => m.code === '630').status).toBe('offboarded');
    // Offboarded, it can be onboarded afresh.
    const again = await operator.inject({
      method: 'POST',
      url: '/api/operator/municipalities',
      payload: { ...VEJLE, administrator: { username: 'vejle.admin2', displayName: 'Vera V' } },
    });
    expect(again.statusCode, again.body).toBe(201);
  });
});
