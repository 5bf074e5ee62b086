import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, login, type Session, type TestApp } from '../../../test/helper.js';

let t: TestApp;
let koordinator: Session;
let sundhed: Session;
let udbyder: Session;
let citizenId: string;
let meetingId: string;

beforeAll(async () => {
  t = await buildTestApp();
  koordinator = await login(t.app, 'rebild.koordinator');
  sundhed = await login(t.app, 'rebild.sundhed');
  udbyder = await login(t.app, 'rebild.udbyder');
  const borger = await login(t.app, 'rebild.borger');
  citizenId = borger.user.citizenId!;
});
afterAll(() => t.close());

describe('team meetings', () => {
  it('plans a meeting with participants from several organisations and records minutes', async () => {
    const sundhedOrg = sundhed.user.roles[0]!.organisationId;
    const res = await koordinator.inject({
      method: 'POST',
      url: '/api/meetings',
      payload: {
        citizenId,
        kind: 'health_clarifying_team',
        scheduledAt: '2027-01-12T09:00:00.000Z',
        agenda: 'Afklaring af helbred',
        participants: [
          { organisationId: sundhedOrg, role: 'health_professional', name: 'Finn Fysioterapeut' },
          { role: 'gp_consultant', name: 'Lægekonsulent' },
          { role: 'citizen', name: 'Borgeren' },
        ],
      },
    });
    expect(res.statusCode).toBe(201);
    meetingId = res.json().id;
    const minutes = await sundhed.inject({
      method: 'PATCH',
      url: `/api/meetings/${meetingId}`,
      payload: {
        minutes: 'Borgeren fortalte om sine mål.',
        recommendation: 'Ressourceforløb',
        status: 'held',
      },
    });
    expect(minutes.statusCode).toBe(200);
    expect(minutes.json().recommendation).toBe('Ressourceforløb');
  });

  it('tells with the list who may plan a meeting (the page shows "plan a meeting" from it)', async () => {
    const planner = await koordinator.inject({ method: 'GET', url: '/api/meetings' });
    expect(planner.statusCode).toBe(200);
    expect(planner.json().allowedActions).toEqual(['meeting.create']);
    expect(planner.json().items.map((m: { id: string }) => m.id)).toContain(meetingId);
    // The health professional takes part in the meeting and sees it, but plans none.
    const participant = await sundhed.inject({ method: 'GET', url: '/api/meetings' });
    expect(participant.json().items.map((m: { id: string }) => m.id)).toContain(meetingId);
    expect(participant.json().allowedActions).toEqual([]);
    const refused = await sundhed.inject({
      method: 'POST',
      url: '/api/meetings',
      payload: {
        citizenId,
        kind: 'rehabilitation_team',
        scheduledAt: '2027-01-13T09:00:00.000Z',
        agenda: 'Ikke tilladt',
        participants: [],
      },
    });
    expect([403, 404]).toContain(refused.statusCode);
  });

  it('hides the minutes (404) from a user of an organisation not in the meeting', async () => {
    const res = await udbyder.inject({ method: 'GET', url: `/api/meetings/${meetingId}` });
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain('Borgeren fortalte');
    // Provider staff may never write minutes: refused by role before the row is looked at.
    expect(
      (
        await udbyder.inject({
          method: 'PATCH',
          url: `/api/meetings/${meetingId}`,
          payload: { minutes: 'x' },
        })
      ).statusCode,
    ).toBe(403);
    const list = (await udbyder.inject({ method: 'GET', url: '/api/meetings' })).json();
    expect(list.items.some((m: { id: string }) => m.id === meetingId)).toBe(false);
    const odense = await login(t.app, 'odense.sundhed');
    expect(
      (await odense.inject({ method: 'GET', url: `/api/meetings/${meetingId}` })).statusCode,
    ).toBe(404);
    expect(
      (await sundhed.inject({ method: 'GET', url: `/api/meetings/${meetingId}` })).json().minutes,
    ).toBe('Borgeren fortalte om sine mål.');
  });

  it('refuses health data unless the citizen consented for every organisation present', async () => {
    // The demo consent covers the health centre only; the job centre is present too.
    const refused = await koordinator.inject({
      method: 'POST',
      url: `/api/meetings/${meetingId}/health-items`,
      payload: { category: 'health_profile', body: 'Rygsmerter begrænser løft.' },
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('consent_required');
    expect(refused.json().detail).toContain('Jobcenter Rebild');
    const borger = await login(t.app, 'rebild.borger');
    const consents = (await borger.inject({ method: 'GET', url: '/api/portal/consents' })).json();
    const jobcenter = consents.organisations.find((o: { type: string }) => o.type === 'jobcenter');
    await borger.inject({
      method: 'POST',
      url: '/api/portal/consents',
      payload: {
        recipientOrganisationId: jobcenter.id,
        categories: ['health_profile'],
        purpose: 'Teammøde',
      },
    });
    const ok = await koordinator.inject({
      method: 'POST',
      url: `/api/meetings/${meetingId}/health-items`,
      payload: { category: 'health_profile', body: 'Rygsmerter begrænser løft.' },
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().healthItems).toHaveLength(1);
  });
});
