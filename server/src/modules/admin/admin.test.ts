/**
 * Organisation types as data (decision 1051) and the municipality's export (decision 1053).
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, login, type Session, type TestApp } from '../../../test/helper.js';
import { parseCsvText } from '../../platform/tabular.js';
import { typeCode } from './admin.service.js';

let t: TestApp;
let admin: Session;

beforeAll(async () => {
  t = await buildTestApp();
  admin = await login(t.app, 'rebild.admin');
});
afterAll(async () => {
  await t?.close();
});

describe('organisation types as data', () => {
  it('a municipality adds its own types, each on a permission profile, visible only to it', async () => {
    const social = await admin.inject({
      method: 'POST',
      url: '/api/admin/organisation-types',
      payload: { name: 'Socialforvaltning med sundhedstilbud', profile: 'sundhedscenter' },
    });
    expect(social.statusCode, social.body).toBe(201);
    expect(social.json().code).toBe('socialforvaltning_med_sundhedstilbud');
    const dup = await admin.inject({
      method: 'POST',
      url: '/api/admin/organisation-types',
      payload: { name: 'Socialforvaltning med sundhedstilbud', profile: 'jobcenter' },
    });
    expect(dup.statusCode).toBe(409);
    const odense = await login(t.app, 'odense.admin');
    const theirs = (
      await odense.inject({ method: 'GET', url: '/api/admin/organisation-types' })
    ).json();
    expect(theirs.own).toEqual([]);
    expect(theirs.builtIn).toHaveLength(8);
    // Odense cannot use Rebild's type.
    const foreign = await odense.inject({
      method: 'POST',
      url: '/api/admin/organisations',
      payload: { name: 'Odense Social', type: social.json().code },
    });
    expect(foreign.statusCode).toBe(400);
  });

  it('an organisation of the own type acts with its profile: its health staff runs health offers', async () => {
    const org = await admin.inject({
      method: 'POST',
      url: '/api/admin/organisations',
      payload: { name: 'Rebild Socialforvaltning', type: 'socialforvaltning_med_sundhedstilbud' },
    });
    expect(org.statusCode, org.body).toBe(201);
    expect(org.json()).toMatchObject({
      type: 'sundhedscenter',
      localType: 'socialforvaltning_med_sundhedstilbud',
      localTypeName: 'Socialforvaltning med sundhedstilbud',
    });
    const user = await admin.inject({
      method: 'POST',
      url: '/api/admin/users',
      payload: {
        username: 'rebild.social',
        displayName: 'Sofie Social',
        password: 'en-lang-adgangskode',
        roles: [{ role: 'health_professional', organisationId: org.json().id }],
      },
    });
    expect(user.statusCode).toBe(201);
    const social = await login(t.app, 'rebild.social', 'en-lang-adgangskode');
    expect(social.user.roles[0]).toMatchObject({ organisationType: 'sundhedscenter' });
    const offer = await social.inject({
      method: 'POST',
      url: '/api/catalogue/offers',
      payload: {
        providerOrganisationId: org.json().id,
        title: 'Gåtur med socialforvaltningen',
        themes: ['motion'],
        referralType: 'open',
        format: 'group',
      },
    });
    expect(offer.statusCode, offer.body).toBe(201);
  });

  it('an own type is renamed (its organisations keep it) and deleted only when no organisation uses it; built-in types stay', async () => {
    const code = 'socialforvaltning_med_sundhedstilbud';
    const renamed = await admin.inject({
      method: 'PATCH',
      url: `/api/admin/organisation-types/${code}`,
      payload: { name: 'Social- og sundhedsforvaltning' },
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toEqual({
      code,
      name: 'Social- og sundhedsforvaltning',
      profile: 'sundhedscenter',
    });
    const orgs = (await admin.inject({ method: 'GET', url: '/api/admin/organisations' })).json();
    expect(orgs.find((o: { name: string }) => o.name === 'Rebild Socialforvaltning')).toMatchObject(
      { localType: code, localTypeName: 'Social- og sundhedsforvaltning' },
    );

    // In use by Rebild Socialforvaltning: 409 naming it, in Danish and English.
    const inUse = await admin.inject({
      method: 'DELETE',
      url: `/api/admin/organisation-types/${code}`,
    });
    expect(inUse.statusCode).toBe(409);
    expect(inUse.headers['content-type']).toContain('application/problem+json');
    expect(inUse.json()).toMatchObject({ reason: 'organisation_type_in_use' });
    expect(inUse.json().detail).toContain('Rebild Socialforvaltning');

    // A built-in type is not the municipality's to rename or delete.
    const builtIn = await admin.inject({
      method: 'DELETE',
      url: '/api/admin/organisation-types/jobcenter',
    });
    expect(builtIn.statusCode).toBe(409);
    expect(builtIn.json().reason).toBe('organisation_type_built_in');
    expect(
      (
        await admin.inject({
          method: 'PATCH',
          url: '/api/admin/organisation-types/jobcenter',
          payload: { name: 'Arbejdsmarkedscenter' },
        })
      ).statusCode,
    ).toBe(409);

    // An unused own type goes; another municipality cannot touch Rebild's types (404).
    const spare = await admin.inject({
      method: 'POST',
      url: '/api/admin/organisation-types',
      payload: { name: 'Virksomhedscenter', profile: 'jobcenter' },
    });
    expect(spare.statusCode).toBe(201);
    const odense = await login(t.app, 'odense.admin');
    expect(
      (
        await odense.inject({
          method: 'DELETE',
          url: '/api/admin/organisation-types/virksomhedscenter',
        })
      ).statusCode,
    ).toBe(404);
    const taken = await admin.inject({
      method: 'PATCH',
      url: '/api/admin/organisation-types/virksomhedscenter',
      payload: { name: 'social- og sundhedsforvaltning' },
    });
    expect(taken.statusCode).toBe(409);
    const gone = await admin.inject({
      method: 'DELETE',
      url: '/api/admin/organisation-types/virksomhedscenter',
    });
    expect(gone.statusCode, gone.body).toBe(204);
    const list = (
      await admin.inject({ method: 'GET', url: '/api/admin/organisation-types' })
    ).json();
    expect(list.own.map((o: { code: string }) => o.code)).toEqual([code]);
  });

  it('codes from Danish names', () => {
    expect(typeCode('Regional lægekonsulent')).toBe('regional_laegekonsulent');
    expect(typeCode('Virksomhedscenter Øst')).toBe('virksomhedscenter_oest');
    expect(typeCode('2. sal')).toBe('t_2_sal');
  });
});

describe('the municipality’s export', () => {
  it('lists the tables with their rows and gives each as CSV, without secrets', async () => {
    const list = (await admin.inject({ method: 'GET', url: '/api/admin/export' })).json();
    const citizen = list.find((x: { table: string }) => x.table === 'citizen');
    expect(citizen.rows).toBeGreaterThan(5);
    expect(list.map((x: { table: string }) => x.table)).not.toContain('user_session');
    const res = await admin.inject({ method: 'GET', url: '/api/admin/export/citizen' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const table = parseCsvText(res.body);
    expect(table.rows).toHaveLength(citizen.rows);
    expect(table.headers).toContain('cpr');
    expect(table.headers).not.toContain('cpr_hash');
    expect(table.rows.every((r) => /^\d{10}$/.test(r.values.cpr ?? ''))).toBe(true);
    expect(table.rows.every((r) => r.values.municipality_code === '840')).toBe(true);
    const users = parseCsvText(
      (await admin.inject({ method: 'GET', url: '/api/admin/export/app_user' })).body,
    );
    expect(users.headers).not.toContain('password_hash');
    expect(users.rows.some((r) => r.values.username === 'rebild.admin')).toBe(true);
    expect(users.rows.some((r) => r.values.username?.startsWith('odense.'))).toBe(false);
  });

  it('audits the citizen export once per citizen and refuses a table it does not offer', async () => {
    const { rows } = await sql<{ n: string }>`select count(*) as n from audit_event
      where municipality_code = '840' and action = 'export' and resource_type = 'citizen'`.execute(
      t.database.db,
    );
    const { rows: citizens } = await sql<{ n: string }>`select count(*) as n from citizen
      where municipality_code = '840'`.execute(t.database.db);
    expect(Number(rows[0]!.n)).toBe(Number(citizens[0]!.n));
    for (const table of ['user_session', 'no_such_table', 'municipality']) {
      const res = await admin.inject({ method: 'GET', url: `/api/admin/export/${table}` });
      expect(res.statusCode, table).toBe(404);
    }
  });
});
