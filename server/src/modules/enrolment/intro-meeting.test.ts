/**
 * Randers' alcohol course begins with an informal intro meeting; only then does the citizen sign
 * up (seed 001). The gate sits in the enrolment service, the one owner of enrolment (0840): a
 * referral cannot be enrolled, nor an open offer signed up for, before the recipient has
 * recorded that the citizen attended the intro meeting.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, login, type Session, type TestApp } from '../../../test/helper.js';
import {
  act,
  createCourse,
  createOffer,
  createReferral,
  driveTo,
  giveConsent,
  type Municipality,
  municipality,
} from '../referrals/referrals.fixtures.js';

let t: TestApp;
let caseworker: Session;
let provider: Session;
let health: Session;
let rebild: Municipality;

beforeAll(async () => {
  t = await buildTestApp();
  caseworker = await login(t.app, 'rebild.sagsbehandler');
  provider = await login(t.app, 'rebild.udbyder');
  health = await login(t.app, 'rebild.sundhed');
  rebild = await municipality(t, '840');
});
afterAll(() => t?.close());

async function introOffer(referralType: 'referred' | 'open' = 'referred') {
  const id = await createOffer(t, rebild, rebild.provider, 'Alkoholforløb med intromøde', {
    referralType,
  });
  const res = await provider.inject({
    method: 'PATCH',
    url: `/api/catalogue/offers/${id}`,
    payload: { introRequired: true, introMeeting: 'Uformelt og uforpligtende møde om forløbet' },
  });
  expect(res.statusCode, res.body).toBe(200);
  expect(res.json().introRequired).toBe(true);
  return id;
}

describe('intro meeting before sign-up', () => {
  it('holds the referral back from a course until the citizen has attended the intro meeting', async () => {
    const offer = await introOffer();
    const course = await createCourse(provider, offer, { weeks: 2 });
    const citizen = rebild.citizens[3]!;
    await giveConsent(caseworker, citizen, rebild.provider);
    const r = await createReferral(caseworker, citizen, offer);
    await driveTo({ caseworker, provider }, r.id, 'accepted', course.id);

    const shown = (await provider.inject({ method: 'GET', url: `/api/referrals/${r.id}` })).json();
    expect(shown).toMatchObject({ introRequired: true, introAttendedOn: null });
    expect(shown.allowedActions).toContain('referral.intro_meeting');

    const refused = await act(provider, r.id, 'enroll', { courseId: course.id });
    expect(refused.statusCode, refused.body).toBe(409);
    expect(refused.json().reason).toBe('intro_meeting_pending');
    // Nothing changed: no place was taken, the referral is still accepted.
    const { rows } = await sql`select 1 from enrolment where course_id = ${course.id}`.execute(
      t.database.db,
    );
    expect(rows).toHaveLength(0);
    expect(
      (await provider.inject({ method: 'GET', url: `/api/referrals/${r.id}` })).json().state,
    ).toBe('accepted');

    // Only the recipient records the intro meeting: the job centre has no such step, and
    // another organisation does not see the referral.
    expect(
      (
        await caseworker.inject({
          method: 'POST',
          url: `/api/referrals/${r.id}/intro-meeting`,
          payload: { attendedOn: '2026-04-20' },
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await health.inject({
          method: 'POST',
          url: `/api/referrals/${r.id}/intro-meeting`,
          payload: { attendedOn: '2026-04-20' },
        })
      ).statusCode,
    ).toBe(404);

    const recorded = await provider.inject({
      method: 'POST',
      url: `/api/referrals/${r.id}/intro-meeting`,
      payload: { attendedOn: '2026-04-20' },
    });
    expect(recorded.statusCode, recorded.body).toBe(200);
    expect(recorded.json()).toMatchObject({ introAttendedOn: '2026-04-20' });
    expect(recorded.json().allowedActions).not.toContain('referral.intro_meeting');
    const { rows: audited } = await sql`select 1 from audit_event
      where resource_type = 'intro_meeting_attendance' and citizen_id = ${citizen}`.execute(
      t.database.db,
    );
    expect(audited).toHaveLength(1);

    const enrolled = await act(provider, r.id, 'enroll', { courseId: course.id });
    expect(enrolled.statusCode, enrolled.body).toBe(200);
    expect(enrolled.json().state).toBe('enrolled');
  });

  it('refuses recording an intro meeting on an offer that has none', async () => {
    const offer = await createOffer(t, rebild, rebild.provider, 'Motion uden intromøde');
    const citizen = rebild.citizens[4]!;
    await giveConsent(caseworker, citizen, rebild.provider);
    const r = await createReferral(caseworker, citizen, offer);
    await driveTo({ caseworker, provider }, r.id, 'received', '');
    const res = await provider.inject({
      method: 'POST',
      url: `/api/referrals/${r.id}/intro-meeting`,
      payload: { attendedOn: '2026-04-20' },
    });
    expect(res.statusCode, res.body).toBe(409);
  });

  it('holds back the citizen’s own sign-up for an open offer in the same way', async () => {
    const offer = await introOffer('open');
    const course = await createCourse(provider, offer, { weeks: 2 });
    const citizen = await login(t.app, 'rebild.borger');
    const refused = await citizen.inject({
      method: 'POST',
      url: `/api/courses/${course.id}/signup`,
    });
    expect(refused.statusCode, refused.body).toBe(409);
    expect(refused.json().reason).toBe('intro_meeting_pending');

    await sql`insert into intro_meeting_attendance (municipality_code, offer_id, citizen_id, attended_on)
      values ('840', ${offer}, ${citizen.user.citizenId}, '2026-04-20')`.execute(t.database.db);
    const ok = await citizen.inject({ method: 'POST', url: `/api/courses/${course.id}/signup` });
    expect(ok.statusCode, ok.body).toBe(201);
  });

  it('lets a citizen who came by themself ask for the intro meeting; the provider records it and the sign-up opens', async () => {
    const offer = await introOffer('open');
    const course = await createCourse(provider, offer, { weeks: 2 });
    const citizen = await login(t.app, 'rebild.borger');
    const citizenId = citizen.user.citizenId!;
    await sql`delete from intro_meeting_attendance where citizen_id = ${citizenId}`.execute(
      t.database.db,
    );
    const mine = async () =>
      (
        (await citizen.inject({ method: 'GET', url: '/api/courses' })).json() as {
          id: string;
          introRequired: boolean;
          myIntro: string | null;
        }[]
      ).find((c) => c.id === course.id)!;
    expect(await mine()).toMatchObject({ introRequired: true, myIntro: 'needed' });

    // The provider has nobody to record for until the citizen asks.
    const before = await provider.inject({
      method: 'POST',
      url: `/api/courses/${course.id}/intro-meeting`,
      payload: { citizenId, attendedOn: '2026-04-20' },
    });
    expect(before.statusCode, before.body).toBe(404);

    const asked = await citizen.inject({
      method: 'POST',
      url: `/api/courses/${course.id}/intro-meeting/request`,
    });
    expect(asked.statusCode, asked.body).toBe(201);
    expect(await mine()).toMatchObject({ myIntro: 'requested' });
    // Still no sign-up before the meeting.
    const early = await citizen.inject({ method: 'POST', url: `/api/courses/${course.id}/signup` });
    expect(early.statusCode).toBe(409);
    expect(early.json().reason).toBe('intro_meeting_pending');

    const listed = await provider.inject({
      method: 'GET',
      url: `/api/courses/${course.id}/intro-meeting`,
    });
    expect(listed.statusCode, listed.body).toBe(200);
    expect(listed.json()).toMatchObject({
      introRequired: true,
      items: [{ citizenId, attendedOn: null }],
    });
    // Another organisation's staff does not see the course at all; the job centre may not record.
    expect(
      (await health.inject({ method: 'GET', url: `/api/courses/${course.id}/intro-meeting` }))
        .statusCode,
    ).toBe(404);
    expect(
      (
        await caseworker.inject({
          method: 'POST',
          url: `/api/courses/${course.id}/intro-meeting`,
          payload: { citizenId, attendedOn: '2026-04-20' },
        })
      ).statusCode,
    ).toBe(403);

    const recorded = await provider.inject({
      method: 'POST',
      url: `/api/courses/${course.id}/intro-meeting`,
      payload: { citizenId, attendedOn: '2026-04-21' },
    });
    expect(recorded.statusCode, recorded.body).toBe(200);
    expect(recorded.json().items).toMatchObject([{ citizenId, attendedOn: '2026-04-21' }]);
    const { rows: audited } = await sql<{ resource_type: string; action: string }>`
      select resource_type, action from audit_event
      where citizen_id = ${citizenId} and resource_type in ('intro_meeting_request', 'intro_meeting_attendance')
      order by occurred_at, resource_type`.execute(t.database.db);
    expect(audited).toEqual(
      expect.arrayContaining([
        { resource_type: 'intro_meeting_request', action: 'create' },
        { resource_type: 'intro_meeting_request', action: 'read' },
        { resource_type: 'intro_meeting_attendance', action: 'create' },
      ]),
    );

    expect(await mine()).toMatchObject({ myIntro: 'attended' });
    const ok = await citizen.inject({ method: 'POST', url: `/api/courses/${course.id}/signup` });
    expect(ok.statusCode, ok.body).toBe(201);
    // Asking again after the meeting is pointless and says so.
    const again = await citizen.inject({
      method: 'POST',
      url: `/api/courses/${course.id}/intro-meeting/request`,
    });
    expect(again.statusCode).toBe(409);
  });

  it('shows the citizen’s language and interpreter need on the referral, the course and the team meeting', async () => {
    const citizen = rebild.citizens[9]!;
    await sql`update citizen set preferred_language = 'ar', needs_interpreter = true
      where id = ${citizen}`.execute(t.database.db);
    const offer = await introOffer();
    const course = await createCourse(provider, offer, { weeks: 2 });
    await giveConsent(caseworker, citizen, rebild.provider);
    const r = await createReferral(caseworker, citizen, offer);
    await driveTo({ caseworker, provider }, r.id, 'accepted', course.id);
    const shown = (await provider.inject({ method: 'GET', url: `/api/referrals/${r.id}` })).json();
    expect(shown).toMatchObject({ citizenLanguage: 'ar', needsInterpreter: true });
    await provider.inject({
      method: 'POST',
      url: `/api/referrals/${r.id}/intro-meeting`,
      payload: { attendedOn: '2026-04-20' },
    });
    expect((await act(provider, r.id, 'enroll', { courseId: course.id })).statusCode).toBe(200);
    const detail = (
      await provider.inject({ method: 'GET', url: `/api/courses/${course.id}` })
    ).json();
    expect(
      detail.enrolments.find((e: { citizenId: string }) => e.citizenId === citizen),
    ).toMatchObject({
      language: 'ar',
      needsInterpreter: true,
    });
    const meeting = await caseworker.inject({
      method: 'POST',
      url: '/api/meetings',
      payload: {
        citizenId: citizen,
        kind: 'rehabilitation_team',
        scheduledAt: '2026-05-04T08:00:00.000Z',
        agenda: 'Afklaring',
        participants: [{ role: 'caseworker', name: 'Sagsbehandler' }],
      },
    });
    expect(meeting.statusCode, meeting.body).toBe(201);
    expect(meeting.json()).toMatchObject({ citizenLanguage: 'ar', needsInterpreter: true });
  });
});
