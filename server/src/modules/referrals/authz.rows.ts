/**
 * Rows for the authorization matrix (server/test/authz), made directly as the database owner:
 * for a caller and an owner cell, a citizen, an offer, a course, a referral or a consent that is
 * the caller's own, another organisation's in Rebild, or Odense's.
 */
import { sql } from 'kysely';
import type { AuthzCaller, AuthzContext, Owner } from '../../../test/authz/types.js';

export interface Cell {
  code: string;
  /** The organisation the row belongs to from the caller's side. */
  org: string;
  jobcenter: string;
  /** A citizen: the caller's own for a citizen caller in the 'own' cell, else someone else. */
  citizen: string;
  caseworker: string;
}

export async function cell(ctx: AuthzContext, caller: AuthzCaller, owner: Owner): Promise<Cell> {
  const db = ctx.database.db;
  const code = owner === 'other_municipality' ? '461' : '840';
  const { rows: orgs } = await sql<{ id: string; type: string }>`
    select id, type from organisation where municipality_code = ${code}`.execute(db);
  const byType = (t: string) => orgs.find((o) => o.type === t)!.id;
  const callerOrg = caller.session.user.roles.find((r) => r.organisationId)?.organisationId ?? null;
  let org: string;
  if (owner === 'own')
    org = callerOrg && callerOrg !== byType('jobcenter') ? callerOrg : byType('provider');
  else if (owner === 'other_org')
    org = callerOrg === byType('sundhedscenter') ? byType('provider') : byType('sundhedscenter');
  else org = byType('provider');
  // For a citizen caller, 'own' is their own record and every other cell is another person's:
  // the seeded citizens share one created_at and have random ids, so the caller's own record
  // can land at any index and must be left out explicitly.
  const self = caller.session.user.citizenId ?? null;
  const { rows: citizens } = await sql<{ id: string }>`
    select id from citizen where municipality_code = ${code} order by created_at, id`.execute(db);
  const others = citizens.filter((c) => c.id !== self);
  const citizen = owner === 'own' && self ? self : others[5]!.id;
  const { rows: users } = await sql<{ id: string }>`
    select u.id from app_user u join user_role r on r.user_id = u.id
    where u.municipality_code = ${code} and r.role = 'caseworker' limit 1`.execute(db);
  return { code, org, jobcenter: byType('jobcenter'), citizen, caseworker: users[0]!.id };
}

export async function offer(ctx: AuthzContext, c: Cell, open = false): Promise<string> {
  const { rows } = await sql<{ id: string }>`
    insert into offer (municipality_code, provider_organisation_id, title, referral_type, format, status)
    values (${c.code}, ${c.org}, 'Authz-tilbud', ${open ? 'open' : 'referred'}, 'group', 'published')
    returning id`.execute(ctx.database.db);
  return rows[0]!.id;
}

export async function course(ctx: AuthzContext, c: Cell, open = false, enrol = true) {
  const db = ctx.database.db;
  const offerId = await offer(ctx, c, open);
  const { rows } = await sql<{ id: string }>`
    insert into course (municipality_code, offer_id, title, start_date, weeks, capacity)
    values (${c.code}, ${offerId}, 'Authz-hold', '2026-04-27', 1, 10) returning id`.execute(db);
  const courseId = rows[0]!.id;
  const { rows: s } = await sql<{ id: string }>`
    insert into course_session (municipality_code, course_id, starts_at, ends_at)
    values (${c.code}, ${courseId}, '2026-04-27T07:00:00Z', '2026-04-27T09:00:00Z') returning id`.execute(
    db,
  );
  if (!enrol) return { offerId, courseId, sessionId: s[0]!.id, enrolmentId: '' };
  const { rows: e } = await sql<{ id: string }>`
    insert into enrolment (municipality_code, course_id, citizen_id, status)
    values (${c.code}, ${courseId}, ${c.citizen}, 'enrolled') returning id`.execute(db);
  return { offerId, courseId, sessionId: s[0]!.id, enrolmentId: e[0]!.id };
}

export async function consent(ctx: AuthzContext, c: Cell, recipient = c.org): Promise<string> {
  const { rows } = await sql<{ id: string }>`
    insert into consent (municipality_code, citizen_id, recipient_organisation_id, categories,
      purpose, given_how, status)
    values (${c.code}, ${c.citizen}, ${recipient}, ${['attendance']}, 'Authz', 'verbal', 'given')
    returning id`.execute(ctx.database.db);
  return rows[0]!.id;
}

/** A referral to the cell's organisation, with a consent covering what it shares. */
export async function referral(ctx: AuthzContext, c: Cell, state: string): Promise<string> {
  const db = ctx.database.db;
  const offerId = await offer(ctx, c);
  const consentId = await consent(ctx, c);
  const { rows } = await sql<{ id: string }>`
    insert into referral (municipality_code, citizen_id, offer_id, from_organisation_id,
      to_organisation_id, created_by, reason, participation, shared_categories, consent_id, state)
    values (${c.code}, ${c.citizen}, ${offerId}, ${c.jobcenter}, ${c.org}, ${c.caseworker}, 'Authz',
      'voluntary', ${['attendance']}, ${consentId}, ${state}) returning id`.execute(db);
  return rows[0]!.id;
}

/**
 * An absence flag at a voluntary offer, with the citizen's consent to share attendance with the
 * job centre: the basis on which a caseworker sees the flag (decision 0801).
 */
export async function flag(ctx: AuthzContext, c: Cell): Promise<string> {
  const k = await course(ctx, c);
  await consent(ctx, c, c.jobcenter);
  const { rows } = await sql<{ id: string }>`
    insert into attendance_flag (municipality_code, enrolment_id, citizen_id, course_id, session_id)
    values (${c.code}, ${k.enrolmentId}, ${c.citizen}, ${k.courseId}, ${k.sessionId}) returning id`.execute(
    ctx.database.db,
  );
  return rows[0]!.id;
}

export const isProviderSide = (caller: AuthzCaller) =>
  caller.role === 'provider_staff' || caller.role === 'health_professional';
