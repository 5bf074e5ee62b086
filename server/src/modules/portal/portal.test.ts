import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, login, type Session, type TestApp } from '../../../test/helper.js';
import { createCourse, createOffer, municipality } from '../referrals/referrals.fixtures.js';
import { calendar, foldLine } from './portal.ics.js';

let t: TestApp;
let borger: Session;
let fuldmagt: Session;
let citizenId: string;

beforeAll(async () => {
  t = await buildTestApp();
  borger = await login(t.app, 'rebild.borger');
  fuldmagt = await login(t.app, 'rebild.fuldmagt');
  citizenId = borger.user.citizenId!;
});
afterAll(() => t.close());

/** Unfolds RFC 5545 content lines and checks the framing rules a phone calendar relies on. */
function parseIcs(text: string) {
  expect(text.endsWith('\r\n')).toBe(true);
  expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/); // every line break is CRLF
  for (const raw of text.split('\r\n')) expect(Buffer.byteLength(raw)).toBeLessThanOrEqual(75);
  const lines = text
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .filter(Boolean);
  expect(lines[0]).toBe('BEGIN:VCALENDAR');
  expect(lines.at(-1)).toBe('END:VCALENDAR');
  const events: Record<string, string>[] = [];
  let current: Record<string, string> | null = null;
  for (const line of lines) {
    if (line === 'BEGIN:VEVENT') current = {};
    else if (line === 'END:VEVENT') {
      events.push(current!);
      current = null;
    } else if (current) {
      const i = line.indexOf(':');
      current[line.slice(0, i)] = line.slice(i + 1);
    }
  }
  return { lines, events };
}

describe('Min side', () => {
  it('gives a valid RFC 5545 calendar file with the citizen’s course sessions', async () => {
    const res = await borger.inject({ method: 'GET', url: '/api/portal/sessions.ics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/calendar');
    expect(String(res.headers['content-disposition'])).toContain('attachment');
    const { lines, events } = parseIcs(res.body);
    expect(lines).toContain('VERSION:2.0');
    expect(lines.some((l) => l.startsWith('PRODID:'))).toBe(true);
    expect(events).toHaveLength(16);
    const uids = new Set(events.map((e) => e.UID));
    expect(uids.size).toBe(16);
    for (const e of events) {
      expect(e.DTSTART).toMatch(/^\d{8}T\d{6}Z$/);
      expect(e.DTEND).toMatch(/^\d{8}T\d{6}Z$/);
      expect(e.DTSTAMP).toMatch(/^\d{8}T\d{6}Z$/);
      expect(e.SUMMARY).toBe('Sundt liv – hold 1');
      expect(e.DTEND! > e.DTSTART!).toBe(true);
    }
    const json = await borger.inject({ method: 'GET', url: '/api/portal/sessions' });
    expect(json.json().items).toHaveLength(16);
  });

  it('folds long lines without splitting characters and escapes text', () => {
    const long = `DESCRIPTION:${'æøå, ; '.repeat(30)}`;
    const folded = foldLine(long);
    for (const part of folded.split('\r\n'))
      expect(Buffer.byteLength(part)).toBeLessThanOrEqual(75);
    expect(folded.replace(/\r\n /g, '')).toBe(long);
    const ics = calendar([
      {
        uid: 'a@helhed.dk',
        start: new Date(0),
        end: new Date(3_600_000),
        summary: 'Hold; kost, motion\nny linje',
      },
    ]);
    expect(ics).toContain('SUMMARY:Hold\\; kost\\, motion\\nny linje');
  });

  it('shows referrals and lets the citizen give and withdraw a consent at once', async () => {
    const refs = (await borger.inject({ method: 'GET', url: '/api/portal/referrals' })).json();
    expect(refs.items[0].state).toBe('enrolled');
    const list = (await borger.inject({ method: 'GET', url: '/api/portal/consents' })).json();
    const given = list.items.find((c: { status: string }) => c.status === 'given');
    expect(given).toBeTruthy();
    const jobcenter = list.organisations.find((o: { type: string }) => o.type === 'jobcenter');
    const created = await borger.inject({
      method: 'POST',
      url: '/api/portal/consents',
      payload: {
        recipientOrganisationId: jobcenter.id,
        categories: ['health_profile'],
        purpose: 'Teammøde',
      },
    });
    expect(created.statusCode).toBe(201);
    const withdrawn = await borger.inject({
      method: 'POST',
      url: `/api/portal/consents/${given.id}/withdraw`,
    });
    expect(withdrawn.statusCode).toBe(200);
    const after = (await borger.inject({ method: 'GET', url: '/api/portal/consents' })).json();
    const row = after.items.find((c: { id: string }) => c.id === given.id);
    expect(row.status).toBe('withdrawn');
    expect(Date.parse(row.withdrawnAt)).toBeGreaterThan(Date.now() - 60_000);
    // The consent module's record: who gave the new consent and who withdrew the old one.
    const { rows: recorded } = await sql<{
      id: string;
      given_how: string;
      recorded_by: string | null;
      withdrawn_by: string | null;
    }>`select id, given_how, recorded_by, withdrawn_by from consent
      where id in (${created.json().id}, ${given.id})`.execute(t.database.db);
    const byId = new Map(recorded.map((r) => [r.id, r]));
    expect(byId.get(created.json().id)).toMatchObject({
      given_how: 'portal',
      recorded_by: borger.user.id,
    });
    expect(byId.get(given.id)!.withdrawn_by).toBe(borger.user.id);
    const again = await borger.inject({
      method: 'POST',
      url: `/api/portal/consents/${given.id}/withdraw`,
    });
    expect(again.statusCode).toBe(409);
  });

  it('signs the citizen up for an open offer, and refuses a second sign-up', async () => {
    const offers = (await borger.inject({ method: 'GET', url: '/api/portal/offers' })).json();
    const walk = offers.items.find((o: { title: string }) => o.title.startsWith('Gåhold'));
    expect(walk.freeSeats).toBe(20);
    const res = await borger.inject({
      method: 'POST',
      url: `/api/portal/offers/${walk.id}/signup`,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().status).toBe('enrolled');
    expect(
      (await borger.inject({ method: 'POST', url: `/api/portal/offers/${walk.id}/signup` }))
        .statusCode,
    ).toBe(409);
  });

  it('signs up through the enrolment owner: a free place goes to the first in line, not to the newcomer', async () => {
    const rebild = await municipality(t, '840');
    const offerId = await createOffer(t, rebild, rebild.sundhedscenter, 'Åbent hold (portaltest)', {
      referralType: 'open',
    });
    const health = await login(t.app, 'rebild.sundhed');
    const course = await createCourse(health, offerId, { capacity: 1, weeks: 1 });
    // Someone waits while the one place is free (a state the lifecycle repairs on the next change).
    const waiting = rebild.citizens.find((c) => c !== citizenId)!;
    await sql`insert into enrolment (municipality_code, course_id, citizen_id, status, waitlist_position)
      values ('840', ${course.id}, ${waiting}, 'waitlisted', 1)`.execute(t.database.db);

    const res = await borger.inject({
      method: 'POST',
      url: `/api/portal/offers/${offerId}/signup`,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toEqual({ status: 'waitlisted', waitlistPosition: 1 });
    const { rows } = await sql<{
      citizen_id: string;
      status: string;
      waitlist_position: number | null;
    }>`
      select citizen_id, status, waitlist_position from enrolment where course_id = ${course.id}`.execute(
      t.database.db,
    );
    const byCitizen = new Map(rows.map((r) => [r.citizen_id, r]));
    expect(byCitizen.get(waiting)).toMatchObject({ status: 'enrolled', waitlist_position: null });
    expect(byCitizen.get(citizenId)).toMatchObject({ status: 'waitlisted', waitlist_position: 1 });
    // The one who moved up is told in their own log; the sign-up is the citizen's own row.
    const { rows: audited } = await sql<{ citizen_id: string; details: Record<string, unknown> }>`
      select citizen_id, details from audit_event where resource_type = 'enrolment'
        and citizen_id in (${waiting}, ${citizenId}) and purpose is not null
        and request_id is not null order by id desc limit 2`.execute(t.database.db);
    expect(audited.find((a) => a.citizen_id === waiting)?.details).toMatchObject({
      movedUpFromWaitingList: true,
    });
    expect(audited.find((a) => a.citizen_id === citizenId)?.details).toMatchObject({
      offerId,
      status: 'waitlisted',
    });
    const again = await borger.inject({
      method: 'POST',
      url: `/api/portal/offers/${offerId}/signup`,
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toContain('ventelisten');
    // The course list shows the citizen their place on it.
    const listed = (await borger.inject({ method: 'GET', url: '/api/courses' })).json();
    expect(listed.find((c: { id: string }) => c.id === course.id).myStatus).toBe('waitlisted');
  });

  it('lets a proxy act within the granted scopes and records the proxy in the audit log', async () => {
    const me = (await fuldmagt.inject({ method: 'GET', url: '/api/portal/me' })).json();
    expect(me.actingFor[0].citizenId).toBe(citizenId);
    const headers = { 'x-act-for': citizenId };
    const sent = await fuldmagt.inject({
      method: 'POST',
      url: '/api/portal/messages',
      headers,
      payload: { body: 'Jeg skriver for min mor: hun kan ikke komme torsdag.' },
    });
    expect(sent.statusCode).toBe(201);
    const messages = (await borger.inject({ method: 'GET', url: '/api/portal/messages' })).json();
    expect(messages.items[0].byProxy).toBe(true);
    // Consents were not granted to the proxy.
    expect(
      (await fuldmagt.inject({ method: 'GET', url: '/api/portal/consents', headers })).statusCode,
    ).toBe(404);
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from audit_event
      where proxy_for_citizen_id = ${citizenId} and citizen_id = ${citizenId} and resource_type = 'portal_message'`.execute(
      t.database.db,
    );
    expect(rows[0]!.n).toBeGreaterThanOrEqual(1);
    // The citizen's own access log shows the message as the proxy's, by name; staff rows are not.
    const log = (await borger.inject({ method: 'GET', url: '/api/audit/me?limit=200' })).json();
    const byProxy = log.items.filter((e: { byProxy: boolean }) => e.byProxy);
    expect(byProxy.length).toBeGreaterThanOrEqual(1);
    expect(byProxy[0]).toMatchObject({ resourceType: 'portal_message', role: 'citizen' });
    expect(byProxy[0].proxyName).toBe(fuldmagt.user.displayName);
    expect(
      log.items.filter(
        (e: { byProxy: boolean; proxyName: string | null }) => !e.byProxy && e.proxyName,
      ),
    ).toEqual([]);
    // Without a grant, naming another citizen is not found.
    const other = await login(t.app, 'rebild.borger');
    const otherCitizen =
      me.actingFor[0].citizenId === citizenId ? fuldmagt.user.citizenId! : citizenId;
    expect(
      (
        await other.inject({
          method: 'GET',
          url: '/api/portal/plan',
          headers: { 'x-act-for': otherCitizen },
        })
      ).statusCode,
    ).toBe(404);
  });

  it('lets the citizen grant and revoke a fuldmagt; a revoked proxy is refused at once', async () => {
    const past = await borger.inject({
      method: 'POST',
      url: '/api/portal/proxies',
      payload: { username: 'rebild.fuldmagt', scopes: ['consents'], validTo: '2020-01-01' },
    });
    expect(past.statusCode).toBe(400);
    expect(past.json().errors[0].pointer).toBe('/validTo');
    const granted = await borger.inject({
      method: 'POST',
      url: '/api/portal/proxies',
      payload: { username: 'rebild.fuldmagt', scopes: ['consents'] },
    });
    expect(granted.statusCode).toBe(201);
    // The standing proxy and the new one: the proxy sees the citizen once, with both scopes.
    const proxyMe = (await fuldmagt.inject({ method: 'GET', url: '/api/portal/me' })).json();
    const entries = proxyMe.actingFor.filter(
      (a: { citizenId: string }) => a.citizenId === citizenId,
    );
    expect(entries).toHaveLength(1);
    expect(entries[0].scopes).toEqual(expect.arrayContaining(['plan', 'messages', 'consents']));
    const headers = { 'x-act-for': citizenId };
    expect(
      (await fuldmagt.inject({ method: 'GET', url: '/api/portal/consents', headers })).statusCode,
    ).toBe(200);
    const revoked = await borger.inject({
      method: 'POST',
      url: `/api/portal/proxies/${granted.json().id}/revoke`,
    });
    expect(revoked.statusCode).toBe(200);
    expect(
      (await fuldmagt.inject({ method: 'GET', url: '/api/portal/consents', headers })).statusCode,
    ).toBe(404);
    // A proxy cannot pass the access on: granting always acts for the caller's own citizen.
    const me = (await borger.inject({ method: 'GET', url: '/api/portal/me' })).json();
    expect(me.grantedTo.some((g: { scopes: string[] }) => g.scopes.includes('consents'))).toBe(
      false,
    );
  });

  it('lets the caseworker answer, and keeps staff out of the citizen portal', async () => {
    const sagsbehandler = await login(t.app, 'rebild.sagsbehandler');
    const res = await sagsbehandler.inject({
      method: 'POST',
      url: `/api/portal/citizens/${citizenId}/messages`,
      payload: { body: 'Tak for beskeden.' },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().items[0].fromCitizen).toBe(false);
    expect(
      (await sagsbehandler.inject({ method: 'GET', url: '/api/portal/plan' })).statusCode,
    ).toBe(403);
    const odense = await login(t.app, 'odense.sagsbehandler');
    expect(
      (await odense.inject({ method: 'GET', url: `/api/portal/citizens/${citizenId}/messages` }))
        .statusCode,
    ).toBe(404);
  });
});
