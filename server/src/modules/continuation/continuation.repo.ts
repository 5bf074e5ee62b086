import { sql } from 'kysely';
import type { Tx } from '../../platform/context.js';

export async function healthOrganisation(tx: Tx) {
  const { rows } = await sql<{ id: string }>`select id from organisation
    where type = 'sundhedscenter' and active order by created_at, name limit 1`.execute(tx);
  return rows[0]?.id ?? null;
}

/** Active health course enrolments of the citizen, with who owns them now. */
export async function activeHealthEnrolments(tx: Tx, citizenId: string) {
  const { rows } = await sql<{
    id: string;
    referral_id: string | null;
    owner: string | null;
    course_title: string;
    continue_after_work_weeks: number | null;
  }>`select e.id, e.referral_id, coalesce(e.owner_organisation_id, r.from_organisation_id) as owner,
      k.title as course_title, o.continue_after_work_weeks
    from enrolment e
    join course k on k.municipality_code = e.municipality_code and k.id = e.course_id
    join offer o on o.municipality_code = k.municipality_code and o.id = k.offer_id
    left join referral r on r.municipality_code = e.municipality_code and r.id = e.referral_id
    where e.citizen_id = ${citizenId} and e.status in ('enrolled', 'waitlisted') and o.kind = 'health'
      and k.status in ('planned', 'running')`.execute(tx);
  return rows;
}

export async function changeOwner(
  tx: Tx,
  m: string,
  v: {
    citizenId: string;
    enrolmentId: string;
    referralId: string | null;
    from: string | null;
    to: string;
    reason: string;
    userId: string;
  },
) {
  await sql`update enrolment set owner_organisation_id = ${v.to} where id = ${v.enrolmentId}`.execute(
    tx,
  );
  await sql`insert into activity_owner_change (municipality_code, citizen_id, enrolment_id, referral_id,
      from_organisation_id, to_organisation_id, reason, changed_by)
    values (${m}, ${v.citizenId}, ${v.enrolmentId}, ${v.referralId}, ${v.from}, ${v.to}, ${v.reason}, ${v.userId})`.execute(
    tx,
  );
}

export async function createFollowUps(
  tx: Tx,
  m: string,
  citizenId: string,
  owner: string,
  fromDate: string,
  reason: string,
) {
  const { rows } = await sql<{ id: string; months: number; due_date: string }>`
    insert into follow_up (municipality_code, citizen_id, owner_organisation_id, months, due_date, reason)
    select ${m}, ${citizenId}, ${owner}, n, (${fromDate}::date + make_interval(months => n))::date, ${reason}
    from unnest(array[3, 6, 12]) as n
    on conflict (municipality_code, citizen_id, reason, months) do nothing
    returning id, months, due_date`.execute(tx);
  return rows;
}

export async function endOpenPeriods(tx: Tx, citizenId: string, endDate: string, reason: string) {
  const { rows } = await sql<{ id: string }>`update benefit_period
    set end_date = greatest(${endDate}::date, start_date), end_reason = ${reason}
    where citizen_id = ${citizenId} and end_date is null returning id`.execute(tx);
  return rows.map((r) => r.id);
}

export async function overview(tx: Tx, citizenId: string) {
  const { rows: changes } = await sql<{
    id: string;
    enrolment_id: string | null;
    from_name: string | null;
    to_name: string;
    reason: string;
    changed_at: Date | string;
  }>`select a.id, a.enrolment_id, f.name as from_name, t.name as to_name, a.reason, a.changed_at
    from activity_owner_change a
    left join organisation f on f.municipality_code = a.municipality_code and f.id = a.from_organisation_id
    join organisation t on t.municipality_code = a.municipality_code and t.id = a.to_organisation_id
    where a.citizen_id = ${citizenId} order by a.changed_at`.execute(tx);
  const { rows: bridges } = await sql<BridgeRow>`${bridgeSelect}
    where b.citizen_id = ${citizenId} order by b.created_at`.execute(tx);
  const { rows: continuing } = await sql<{
    enrolment_id: string;
    course_title: string;
    continue_until: string;
  }>`select e.id as enrolment_id, k.title as course_title, to_char(e.continue_until, 'YYYY-MM-DD') as continue_until
    from enrolment e join course k on k.municipality_code = e.municipality_code and k.id = e.course_id
    where e.citizen_id = ${citizenId} and e.continue_until is not null order by e.continue_until`.execute(
    tx,
  );
  const { rows: followUps } = await sql<{
    id: string;
    months: number;
    due_date: string;
    owner_name: string;
    owner_organisation_id: string;
    done_at: Date | string | null;
  }>`select f.id, f.months, f.due_date, o.name as owner_name, f.owner_organisation_id, f.done_at
    from follow_up f join organisation o on o.municipality_code = f.municipality_code and o.id = f.owner_organisation_id
    where f.citizen_id = ${citizenId} order by f.due_date`.execute(tx);
  return { changes, bridges, followUps, continuing };
}

export interface BridgeRow {
  id: string;
  citizen_id: string;
  citizen_name: string;
  offer_id: string | null;
  offer_title: string;
  enrolment_id: string | null;
  course_title: string | null;
  club_name: string | null;
  discount: string | null;
  first_visit: string | null;
  continued: boolean | null;
  note: string;
  created_at: Date | string;
}

/** A bridge names a catalogue association (offer) or a club by name; the title is either. */
const bridgeSelect = sql`select b.id, b.citizen_id, c.first_name || ' ' || c.last_name as citizen_name,
    b.offer_id, coalesce(o.title, b.club_name) as offer_title, b.enrolment_id, k.title as course_title,
    b.club_name, b.discount, to_char(b.first_visit, 'YYYY-MM-DD') as first_visit, b.continued, b.note,
    b.created_at
  from association_bridge b
  join citizen c on c.municipality_code = b.municipality_code and c.id = b.citizen_id
  left join offer o on o.municipality_code = b.municipality_code and o.id = b.offer_id
  left join enrolment e on e.municipality_code = b.municipality_code and e.id = b.enrolment_id
  left join course k on k.municipality_code = e.municipality_code and k.id = e.course_id`;

export async function courseBridges(tx: Tx, courseId: string) {
  const { rows } = await sql<BridgeRow>`${bridgeSelect}
    where e.course_id = ${courseId} order by c.last_name, c.first_name, b.created_at`.execute(tx);
  return rows;
}

export async function findBridge(tx: Tx, id: string) {
  const { rows } = await sql<BridgeRow>`${bridgeSelect} where b.id = ${id}`.execute(tx);
  return rows[0];
}

export async function insertCourseBridge(
  tx: Tx,
  m: string,
  v: {
    citizenId: string;
    enrolmentId: string;
    offerId: string | null;
    clubName: string | null;
    discount: string | null;
    firstVisit: string | null;
    note: string;
    userId: string;
    organisationId: string | null;
  },
) {
  const { rows } = await sql<{ id: string }>`insert into association_bridge (municipality_code,
      citizen_id, enrolment_id, offer_id, club_name, discount, first_visit, note, created_by,
      recorded_by_organisation_id)
    values (${m}, ${v.citizenId}, ${v.enrolmentId}, ${v.offerId}, ${v.clubName}, ${v.discount},
      ${v.firstVisit}, ${v.note}, ${v.userId}, ${v.organisationId}) returning id`.execute(tx);
  return rows[0]!.id;
}

export async function setContinued(tx: Tx, id: string, continued: boolean) {
  await sql`update association_bridge set continued = ${continued}, continued_recorded_at = now()
    where id = ${id}`.execute(tx);
}

/** Middelfart: the citizen may keep the place for some weeks after returning to work. */
export async function setContinueUntil(tx: Tx, enrolmentId: string, until: string) {
  await sql`update enrolment set continue_until = ${until} where id = ${enrolmentId}`.execute(tx);
}

/** Published association offers of the municipality: what a bridge can lead to. */
export async function associationOffers(tx: Tx) {
  const { rows } = await sql<{ id: string; title: string; provider_name: string }>`
    select o.id, o.title, p.name as provider_name from offer o
    join organisation p on p.municipality_code = o.municipality_code and p.id = o.provider_organisation_id
    where o.kind = 'association' and o.status = 'published' order by o.title`.execute(tx);
  return rows;
}

export async function associationOffer(tx: Tx, offerId: string) {
  const { rows } = await sql<{
    id: string;
    provider_organisation_id: string;
  }>`select id, provider_organisation_id
    from offer where id = ${offerId} and kind = 'association'`.execute(tx);
  return rows[0];
}

export async function insertBridge(
  tx: Tx,
  m: string,
  citizenId: string,
  offerId: string,
  note: string,
  userId: string,
) {
  const { rows } = await sql<{
    id: string;
  }>`insert into association_bridge (municipality_code, citizen_id,
      offer_id, note, created_by) values (${m}, ${citizenId}, ${offerId}, ${note}, ${userId}) returning id`.execute(
    tx,
  );
  return rows[0]!.id;
}

export async function findFollowUp(tx: Tx, id: string) {
  const { rows } = await sql<{
    id: string;
    municipality_code: string;
    citizen_id: string;
    owner_organisation_id: string;
    done_at: Date | string | null;
  }>`select id, municipality_code, citizen_id, owner_organisation_id, done_at from follow_up where id = ${id}`.execute(
    tx,
  );
  return rows[0];
}

export async function markFollowUpDone(tx: Tx, id: string) {
  await sql`update follow_up set done_at = coalesce(done_at, now()) where id = ${id}`.execute(tx);
}
