/**
 * Test fixtures for referrals and courses: offers created directly (the catalogue is another
 * module), consents and referrals through the API, and a referral driven to any state along the
 * legal path.
 */
import { sql } from 'kysely';
import { expect } from 'vitest';
import type { Session, TestApp } from '../../../test/helper.js';
import type { ReferralState } from './referrals.machine.js';

export interface Municipality {
  code: string;
  jobcenter: string;
  sundhedscenter: string;
  provider: string;
  citizens: string[];
}

export async function municipality(t: TestApp, code: string): Promise<Municipality> {
  const db = t.database.db;
  const { rows: orgs } = await sql<{ id: string; type: string }>`
    select id, type from organisation where municipality_code = ${code}`.execute(db);
  // Citizens the demo data has not touched come first (it gives some consents and referrals).
  const { rows: citizens } = await sql<{ id: string }>`
    select c.id from citizen c where c.municipality_code = ${code}
    order by exists (select 1 from consent k where k.citizen_id = c.id), c.created_at, c.id`.execute(
    db,
  );
  const org = (type: string) => orgs.find((o) => o.type === type)!.id;
  return {
    code,
    jobcenter: org('jobcenter'),
    sundhedscenter: org('sundhedscenter'),
    provider: org('provider'),
    citizens: citizens.map((c) => c.id),
  };
}

export async function createOffer(
  t: TestApp,
  m: Municipality,
  providerOrganisationId: string,
  title: string,
  opts: { referralType?: 'referred' | 'open'; status?: string } = {},
): Promise<string> {
  const { rows } = await sql<{ id: string }>`
    insert into offer (municipality_code, provider_organisation_id, title, referral_type, format,
      weeks, status)
    values (${m.code}, ${providerOrganisationId}, ${title}, ${opts.referralType ?? 'referred'},
      'group', 6, ${opts.status ?? 'published'}) returning id`.execute(t.database.db);
  return rows[0]!.id;
}

export async function giveConsent(
  caseworker: Session,
  citizenId: string,
  recipientOrganisationId: string,
  categories: string[] = ['attendance', 'outcome'],
): Promise<string> {
  const res = await caseworker.inject({
    method: 'POST',
    url: '/api/consents',
    payload: {
      citizenId,
      recipientOrganisationId,
      categories,
      purpose: 'Henvisning til træningsforløb',
      givenHow: 'verbal',
      status: 'given',
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

export async function createReferral(
  caseworker: Session,
  citizenId: string,
  offerId: string,
  sharedCategories: string[] = ['attendance'],
): Promise<{ id: string; state: string }> {
  const res = await caseworker.inject({
    method: 'POST',
    url: '/api/referrals',
    payload: {
      citizenId,
      offerId,
      reason: 'Sygemeldt med rygsmerter; ønsker at komme i gang med træning',
      participation: 'voluntary',
      sharedCategories,
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

export async function createCourse(
  provider: Session,
  offerId: string,
  opts: { capacity?: number; startDate?: string; weeks?: number; followOnCourseId?: string } = {},
) {
  const res = await provider.inject({
    method: 'POST',
    url: '/api/courses',
    payload: {
      offerId,
      startDate: opts.startDate ?? '2026-04-27',
      weeks: opts.weeks ?? 6,
      weeklyPattern: [
        { weekday: 1, start: '09:00', end: '14:00' },
        { weekday: 4, start: '09:00', end: '14:00' },
      ],
      place: 'Træningssalen, Erhvervsvej 10',
      capacity: opts.capacity ?? 12,
      ...(opts.followOnCourseId ? { followOnCourseId: opts.followOnCourseId } : {}),
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

export async function act(
  session: Session,
  referralId: string,
  action: string,
  extra: Record<string, unknown> = {},
) {
  return session.inject({
    method: 'POST',
    url: `/api/referrals/${referralId}/transitions`,
    payload: { action, ...extra },
  });
}

/** The legal path from draft to each state: [side, action]. */
export const pathTo: Record<ReferralState, ['caseworker' | 'provider', string][]> = {
  draft: [],
  sent: [['caseworker', 'send']],
  received: [
    ['caseworker', 'send'],
    ['provider', 'receive'],
  ],
  accepted: [
    ['caseworker', 'send'],
    ['provider', 'receive'],
    ['provider', 'accept'],
  ],
  waitlisted: [
    ['caseworker', 'send'],
    ['provider', 'receive'],
    ['provider', 'waitlist'],
  ],
  rejected: [
    ['caseworker', 'send'],
    ['provider', 'receive'],
    ['provider', 'reject'],
  ],
  enrolled: [
    ['caseworker', 'send'],
    ['provider', 'receive'],
    ['provider', 'accept'],
    ['provider', 'enroll'],
  ],
  started: [
    ['caseworker', 'send'],
    ['provider', 'receive'],
    ['provider', 'accept'],
    ['provider', 'enroll'],
    ['provider', 'start'],
  ],
  completed: [
    ['caseworker', 'send'],
    ['provider', 'receive'],
    ['provider', 'accept'],
    ['provider', 'enroll'],
    ['provider', 'start'],
    ['provider', 'complete'],
  ],
  dropped_out: [
    ['caseworker', 'send'],
    ['provider', 'receive'],
    ['provider', 'accept'],
    ['provider', 'enroll'],
    ['provider', 'drop_out'],
  ],
  cancelled: [['caseworker', 'cancel']],
};

export function extraFor(action: string, courseId: string): Record<string, unknown> {
  if (action === 'reject') return { reason: 'Tilbuddet passer ikke til borgerens behov' };
  if (action === 'drop_out') return { reasonCode: 'illness' };
  if (action === 'enroll') return { courseId };
  return {};
}

export async function driveTo(
  sides: { caseworker: Session; provider: Session },
  referralId: string,
  state: ReferralState,
  courseId: string,
) {
  for (const [side, action] of pathTo[state]) {
    const res = await act(sides[side], referralId, action, extraFor(action, courseId));
    expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
  }
}
