/**
 * Randers' dialogue meetings with the GPs: the health centre and the job centre keep the minutes
 * and the list of what the GPs asked; no citizen data, and nothing of it crosses municipalities.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, login, type Session, type TestApp } from '../../../test/helper.js';

let t: TestApp;
let health: Session;
let caseworker: Session;

beforeAll(async () => {
  t = await buildTestApp();
  health = await login(t.app, 'rebild.sundhed');
  caseworker = await login(t.app, 'rebild.sagsbehandler');
});
afterAll(() => t?.close());

describe('dialogue meetings with the GPs', () => {
  it('keeps minutes and the GPs’ questions, answered by the job centre, visible to the municipality only', async () => {
    const created = await health.inject({
      method: 'POST',
      url: '/api/gp-meetings',
      payload: {
        heldOn: '2026-03-10',
        title: 'Dialogmøde med lægerne, forår 2026',
        participants: 'Praksiskonsulent, 14 praktiserende læger, jobcenterchef, sundhedschef',
        minutes: 'Jobcentrets sundhedstilbud blev præsenteret.',
        nextMeetingOn: '2026-09-08',
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const m = created.json();
    expect(m).toMatchObject({ organiserName: 'Sundhedscenter Rebild', openQuestions: 0 });

    const asked = await health.inject({
      method: 'POST',
      url: `/api/gp-meetings/${m.id}/questions`,
      payload: { question: 'Hvordan udfylder vi den nye mulighedserklæring?' },
    });
    expect(asked.statusCode, asked.body).toBe(201);
    const q = asked.json().questions[0];
    expect(asked.json().openQuestions).toBe(1);

    const answered = await caseworker.inject({
      method: 'POST',
      url: `/api/gp-meetings/${m.id}/questions/${q.id}/answer`,
      payload: { answer: 'Jobcentret holder sparring med praksiskonsulenten i april.' },
    });
    expect(answered.statusCode, answered.body).toBe(200);
    expect(answered.json()).toMatchObject({ openQuestions: 0 });
    expect(answered.json().questions[0]).toMatchObject({ status: 'answered' });

    const list = (await caseworker.inject({ method: 'GET', url: '/api/gp-meetings' })).json();
    expect(list.items.map((i: { id: string }) => i.id)).toContain(m.id);
    expect(list.allowedActions).toContain('gp_meeting.write');

    // Odense does not see Rebild's meeting; a provider has no access at all.
    const odense = await login(t.app, 'odense.sundhed');
    expect(
      (await odense.inject({ method: 'GET', url: `/api/gp-meetings/${m.id}` })).statusCode,
    ).toBe(404);
    const provider = await login(t.app, 'rebild.udbyder');
    expect((await provider.inject({ method: 'GET', url: '/api/gp-meetings' })).statusCode).toBe(
      403,
    );
  });

  it('refuses a CPR number in the minutes or a question: no citizen data here', async () => {
    const res = await health.inject({
      method: 'POST',
      url: '/api/gp-meetings',
      payload: { heldOn: '2026-03-10', title: 'Dialogmøde', minutes: 'Vi talte om 010145-5234' },
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().errors[0].pointer).toBe('/minutes');
  });
});
