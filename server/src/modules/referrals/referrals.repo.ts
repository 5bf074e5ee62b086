import { sql } from 'kysely';
import type { Tx } from '../../platform/context.js';

export interface ReferralRow {
  id: string;
  municipality_code: string;
  citizen_id: string;
  citizen_name: string;
  citizen_language: string;
  needs_interpreter: boolean;
  offer_id: string;
  offer_title: string;
  from_organisation_id: string;
  from_organisation_name: string;
  to_organisation_id: string;
  to_organisation_name: string;
  created_by: string;
  created_by_name: string;
  reason: string;
  participation: string;
  shared_categories: string[];
  consent_id: string | null;
  state: string;
  state_reason: string | null;
  state_reason_code: string | null;
  course_id: string | null;
  course_title: string | null;
  previous_referral_id: string | null;
  intro_required: boolean;
  intro_attended_on: string | null;
  mandatory_activation: boolean;
  created_at: Date;
  updated_at: Date;
}

const select = sql`
  select r.id, r.municipality_code, r.citizen_id, c.first_name || ' ' || c.last_name as citizen_name,
    c.preferred_language as citizen_language, c.needs_interpreter,
    r.offer_id, o.title as offer_title, r.from_organisation_id, fo.name as from_organisation_name,
    r.to_organisation_id, tor.name as to_organisation_name, r.created_by,
    u.display_name as created_by_name, r.reason, r.participation, r.shared_categories, r.consent_id,
    r.state, r.state_reason, r.state_reason_code, r.course_id, k.title as course_title,
    r.previous_referral_id, r.created_at, r.updated_at, o.intro_required, o.mandatory_activation,
    (select to_char(i.attended_on, 'YYYY-MM-DD') from intro_meeting_attendance i
      where i.municipality_code = r.municipality_code and i.offer_id = r.offer_id
        and i.citizen_id = r.citizen_id) as intro_attended_on
  from referral r
  join citizen c on c.municipality_code = r.municipality_code and c.id = r.citizen_id
  join offer o on o.municipality_code = r.municipality_code and o.id = r.offer_id
  join organisation fo on fo.municipality_code = r.municipality_code and fo.id = r.from_organisation_id
  join organisation tor on tor.municipality_code = r.municipality_code and tor.id = r.to_organisation_id
  left join course k on k.municipality_code = r.municipality_code and k.id = r.course_id
  join app_user u on u.id = r.created_by`;

export async function findReferral(
  tx: Tx,
  id: string,
  forUpdate = false,
): Promise<ReferralRow | undefined> {
  if (forUpdate) await sql`select 1 from referral where id = ${id} for update`.execute(tx);
  const { rows } = await sql<ReferralRow>`${select} where r.id = ${id}`.execute(tx);
  return rows[0];
}

export interface ListFilter {
  toOrganisationIds?: string[];
  citizenId?: string;
  state?: string;
  offerId?: string;
  limit: number;
  offset: number;
}

function whereOf(f: Omit<ListFilter, 'state' | 'limit' | 'offset'>) {
  const where = [sql`true`];
  if (f.toOrganisationIds) {
    where.push(
      f.toOrganisationIds.length
        ? sql`r.to_organisation_id in (${sql.join(f.toOrganisationIds)})`
        : sql`false`,
    );
    // The recipient never sees the sender's drafts.
    where.push(sql`r.state <> 'draft'`);
  }
  if (f.citizenId) where.push(sql`r.citizen_id = ${f.citizenId}`);
  if (f.offerId) where.push(sql`r.offer_id = ${f.offerId}`);
  return where;
}

export async function listReferrals(tx: Tx, f: ListFilter) {
  const where = whereOf(f);
  if (f.state) where.push(sql`r.state = ${f.state}`);
  const { rows } = await sql<ReferralRow & { total: number }>`
    ${select} where ${sql.join(where, sql` and `)}
    order by r.updated_at desc, r.id limit ${f.limit} offset ${f.offset}`.execute(tx);
  const { rows: total } = await sql<{ n: number }>`
    select count(*)::int as n from referral r where ${sql.join(where, sql` and `)}`.execute(tx);
  const { rows: counts } = await sql<{ state: string; n: number }>`
    select r.state, count(*)::int as n from referral r
    where ${sql.join(whereOf(f), sql` and `)} group by r.state`.execute(tx);
  return { rows, total: Number(total[0]?.n ?? 0), counts };
}

export async function insertReferral(
  tx: Tx,
  r: {
    municipalityCode: string;
    citizenId: string;
    offerId: string;
    fromOrganisationId: string;
    toOrganisationId: string;
    createdBy: string;
    reason: string;
    participation: string;
    sharedCategories: string[];
    consentId: string | null;
    previousReferralId?: string | null;
  },
): Promise<string> {
  const { rows } = await sql<{ id: string }>`
    insert into referral (municipality_code, citizen_id, offer_id, from_organisation_id,
      to_organisation_id, created_by, reason, participation, shared_categories, consent_id,
      previous_referral_id)
    values (${r.municipalityCode}, ${r.citizenId}, ${r.offerId}, ${r.fromOrganisationId},
      ${r.toOrganisationId}, ${r.createdBy}, ${r.reason}, ${r.participation}, ${r.sharedCategories},
      ${r.consentId}, ${r.previousReferralId ?? null})
    returning id`.execute(tx);
  return rows[0]!.id;
}

export async function setState(
  tx: Tx,
  id: string,
  s: {
    state: string;
    reason?: string | null;
    reasonCode?: string | null;
    courseId?: string | null;
    consentId?: string | null;
  },
): Promise<void> {
  await sql`update referral set state = ${s.state}, state_reason = ${s.reason ?? null},
    state_reason_code = ${s.reasonCode ?? null},
    course_id = coalesce(${s.courseId ?? null}::uuid, course_id),
    consent_id = coalesce(${s.consentId ?? null}::uuid, consent_id),
    updated_at = now() where id = ${id}`.execute(tx);
}

export async function insertEvent(
  tx: Tx,
  e: {
    municipalityCode: string;
    referralId: string;
    fromState: string | null;
    toState: string;
    reason?: string | null;
    actorUserId: string;
    actorOrganisationId: string | null;
  },
): Promise<void> {
  await sql`insert into referral_event (municipality_code, referral_id, from_state, to_state, reason,
      actor_user_id, actor_organisation_id)
    values (${e.municipalityCode}, ${e.referralId}, ${e.fromState}, ${e.toState}, ${e.reason ?? null},
      ${e.actorUserId}, ${e.actorOrganisationId})`.execute(tx);
}

export async function listEvents(tx: Tx, referralId: string) {
  const { rows } = await sql<{
    id: number;
    from_state: string | null;
    to_state: string;
    reason: string | null;
    actor_name: string | null;
    actor_organisation_name: string | null;
    occurred_at: Date;
  }>`
    select e.id, e.from_state, e.to_state, e.reason, u.display_name as actor_name,
      o.name as actor_organisation_name, e.occurred_at
    from referral_event e
    left join app_user u on u.id = e.actor_user_id
    left join organisation o on o.municipality_code = e.municipality_code and o.id = e.actor_organisation_id
    where e.referral_id = ${referralId} order by e.id`.execute(tx);
  return rows;
}

export async function listMessages(tx: Tx, referralId: string) {
  const { rows } = await sql<{
    id: string;
    body: string;
    author_name: string;
    author_organisation_name: string | null;
    created_at: Date;
  }>`
    select m.id, m.body, u.display_name as author_name, o.name as author_organisation_name,
      m.created_at
    from referral_message m
    join app_user u on u.id = m.author_user_id
    left join organisation o on o.municipality_code = m.municipality_code and o.id = m.author_organisation_id
    where m.referral_id = ${referralId} order by m.created_at, m.id`.execute(tx);
  return rows;
}

export async function insertMessage(
  tx: Tx,
  m: {
    municipalityCode: string;
    referralId: string;
    authorUserId: string;
    authorOrganisationId: string | null;
    body: string;
  },
): Promise<string> {
  const { rows } = await sql<{ id: string }>`
    insert into referral_message (municipality_code, referral_id, author_user_id,
      author_organisation_id, body)
    values (${m.municipalityCode}, ${m.referralId}, ${m.authorUserId}, ${m.authorOrganisationId},
      ${m.body}) returning id`.execute(tx);
  return rows[0]!.id;
}

export async function findOffer(tx: Tx, id: string) {
  const { rows } = await sql<{
    id: string;
    title: string;
    provider_organisation_id: string;
    referral_type: string;
    status: string;
  }>`select id, title, provider_organisation_id, referral_type, status from offer where id = ${id}`.execute(
    tx,
  );
  return rows[0];
}

export async function listOffers(tx: Tx) {
  const { rows } = await sql<{
    id: string;
    title: string;
    provider_organisation_id: string;
    provider_name: string;
    referral_type: string;
    weeks: number | null;
  }>`
    select o.id, o.title, o.provider_organisation_id, g.name as provider_name, o.referral_type, o.weeks
    from offer o join organisation g on g.municipality_code = o.municipality_code and g.id = o.provider_organisation_id
    where o.status <> 'closed' order by o.title`.execute(tx);
  return rows;
}

export async function listOpenFlags(tx: Tx) {
  const { rows } = await sql<{
    id: string;
    citizen_id: string;
    citizen_name: string;
    course_id: string;
    course_title: string;
    referral_id: string | null;
    session_starts_at: Date;
    raised_at: Date;
  }>`
    select f.id, f.citizen_id, c.first_name || ' ' || c.last_name as citizen_name, f.course_id,
      k.title as course_title, f.referral_id, s.starts_at as session_starts_at, f.raised_at
    from attendance_flag f
    join citizen c on c.municipality_code = f.municipality_code and c.id = f.citizen_id
    join course k on k.municipality_code = f.municipality_code and k.id = f.course_id
    join course_session s on s.municipality_code = f.municipality_code and s.id = f.session_id
    where f.resolved_at is null order by f.raised_at, f.id`.execute(tx);
  return rows;
}

export async function findFlag(tx: Tx, id: string) {
  const { rows } = await sql<{
    id: string;
    municipality_code: string;
    citizen_id: string;
    resolved_at: Date | null;
  }>`select id, municipality_code, citizen_id, resolved_at from attendance_flag where id = ${id}`.execute(
    tx,
  );
  return rows[0];
}

export async function resolveFlag(tx: Tx, id: string, userId: string) {
  await sql`update attendance_flag set resolved_at = now(), resolved_by = ${userId}
    where id = ${id} and resolved_at is null`.execute(tx);
}
