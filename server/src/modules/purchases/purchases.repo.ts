import { sql } from 'kysely';
import type { Tx } from '../../platform/context.js';

/** The organisation types (profiles) of the municipal health department: the sellers. */
export const healthTypes = [
  'sundhedscenter',
  'traeningscenter',
  'forebyggelsescenter',
  'rusmiddelcenter',
];

export interface PurchaseRow {
  id: string;
  municipality_code: string;
  buyer_organisation_id: string;
  buyer_name: string;
  seller_organisation_id: string;
  seller_name: string;
  course_id: string;
  course_title: string;
  course_start: string;
  course_weeks: number;
  offer_id: string;
  offer_title: string;
  places: number;
  used: number;
  note: string;
  status: string;
  decision_reason: string | null;
  decided_at: Date | null;
  created_at: Date;
}

/**
 * A bought place counts as used while the citizen holds it, waits for it or has finished it; a
 * drop-out or a cancellation frees it for the next of the buyer's citizens.
 */
const select = sql`
  select p.id, p.municipality_code, p.buyer_organisation_id, b.name as buyer_name,
    p.seller_organisation_id, s.name as seller_name, p.course_id, c.title as course_title,
    to_char(c.start_date, 'YYYY-MM-DD') as course_start, c.weeks as course_weeks,
    o.id as offer_id, o.title as offer_title, p.places,
    (select count(*)::int from enrolment e where e.municipality_code = p.municipality_code
       and e.place_purchase_id = p.id and e.status in ('enrolled', 'waitlisted', 'completed')) as used,
    p.note, p.status, p.decision_reason, p.decided_at, p.created_at
  from place_purchase p
  join organisation b on b.municipality_code = p.municipality_code and b.id = p.buyer_organisation_id
  join organisation s on s.municipality_code = p.municipality_code and s.id = p.seller_organisation_id
  join course c on c.municipality_code = p.municipality_code and c.id = p.course_id
  join offer o on o.municipality_code = c.municipality_code and o.id = c.offer_id`;

/** The purchases one of the organisations bought or sold, newest first. */
export async function listFor(tx: Tx, orgIds: string[]) {
  if (orgIds.length === 0) return [];
  const { rows } = await sql<PurchaseRow>`${select}
    where p.buyer_organisation_id = any(${orgIds}::uuid[]) or p.seller_organisation_id = any(${orgIds}::uuid[])
    order by p.created_at desc, p.id`.execute(tx);
  return rows;
}

export async function find(tx: Tx, id: string, lock = false) {
  if (lock) await sql`select 1 from place_purchase where id = ${id} for update`.execute(tx);
  const { rows } = await sql<PurchaseRow>`${select} where p.id = ${id}`.execute(tx);
  return rows[0];
}

/** A course of the health department's published offers that has not ended: what can be bought. */
export interface CourseForSaleRow {
  course_id: string;
  course_title: string;
  course_start: string;
  offer_title: string;
  seller_organisation_id: string;
  seller_name: string;
  capacity: number;
}

export async function coursesForSale(tx: Tx, courseId?: string) {
  const { rows } = await sql<CourseForSaleRow>`
    select c.id as course_id, c.title as course_title, to_char(c.start_date, 'YYYY-MM-DD') as course_start,
      o.title as offer_title, s.id as seller_organisation_id, s.name as seller_name, c.capacity
    from course c
    join offer o on o.municipality_code = c.municipality_code and o.id = c.offer_id
    join organisation s on s.municipality_code = o.municipality_code and s.id = o.provider_organisation_id
    where o.status = 'published' and c.status in ('planned', 'running')
      and s.type = any(${healthTypes}::text[])
      ${courseId ? sql`and c.id = ${courseId}` : sql``}
    order by c.start_date, c.title, c.id`.execute(tx);
  return rows;
}

export async function insert(
  tx: Tx,
  v: {
    municipalityCode: string;
    buyerId: string;
    sellerId: string;
    courseId: string;
    places: number;
    note: string;
    userId: string;
  },
) {
  const { rows } = await sql<{ id: string }>`
    insert into place_purchase (municipality_code, buyer_organisation_id, seller_organisation_id,
      course_id, places, note, created_by)
    values (${v.municipalityCode}, ${v.buyerId}, ${v.sellerId}, ${v.courseId}, ${v.places}, ${v.note},
      ${v.userId}) returning id`.execute(tx);
  return rows[0]!.id;
}

export async function decide(
  tx: Tx,
  id: string,
  v: { status: 'accepted' | 'declined'; reason: string | null; userId: string },
) {
  await sql`update place_purchase set status = ${v.status}, decision_reason = ${v.reason},
      decided_by = ${v.userId}, decided_at = now()
    where id = ${id}`.execute(tx);
}

export interface PlacementRow {
  enrolment_id: string;
  citizen_id: string;
  citizen_name: string;
  referral_id: string | null;
  status: string;
  declared_fit: boolean | null;
  next_step: string | null;
  outcome_recorded_by_organisation: string | null;
}

/**
 * The citizens on the purchase's places. Only enrolments that name the purchase: the seller's
 * other participants on the same course are not here.
 */
export async function placements(tx: Tx, purchaseId: string) {
  const { rows } = await sql<PlacementRow>`
    select e.id as enrolment_id, e.citizen_id, c.first_name || ' ' || c.last_name as citizen_name,
      e.referral_id, e.status, co.declared_fit, co.next_step,
      ro.name as outcome_recorded_by_organisation
    from enrolment e
    join citizen c on c.municipality_code = e.municipality_code and c.id = e.citizen_id
    left join course_outcome co on co.municipality_code = e.municipality_code and co.enrolment_id = e.id
    left join organisation ro on ro.municipality_code = co.municipality_code
      and ro.id = co.recorded_by_organisation_id
    where e.place_purchase_id = ${purchaseId}
    order by e.enrolled_at, e.id`.execute(tx);
  return rows;
}

/** The buyer's referrals that can take a bought place: accepted or waiting, not on a course. */
export interface PlaceableRow {
  referral_id: string;
  citizen_id: string;
  citizen_name: string;
  offer_title: string;
  state: string;
}

export async function placeable(tx: Tx, buyerId: string) {
  const { rows } = await sql<PlaceableRow>`
    select r.id as referral_id, r.citizen_id, c.first_name || ' ' || c.last_name as citizen_name,
      o.title as offer_title, r.state
    from referral r
    join citizen c on c.municipality_code = r.municipality_code and c.id = r.citizen_id
    join offer o on o.municipality_code = r.municipality_code and o.id = r.offer_id
    where r.to_organisation_id = ${buyerId} and r.state in ('accepted', 'waitlisted')
    order by c.last_name, c.first_name, r.id`.execute(tx);
  return rows;
}

/** The organisation a referral was made to, or undefined. */
export async function referralRecipient(tx: Tx, referralId: string) {
  const { rows } = await sql<{ to_organisation_id: string }>`
    select to_organisation_id from referral where id = ${referralId}`.execute(tx);
  return rows[0]?.to_organisation_id;
}

/** The enrolment a referral holds on the purchase's places. */
export async function enrolmentOfReferral(tx: Tx, purchaseId: string, referralId: string) {
  const { rows } = await sql<{ id: string; citizen_id: string; status: string }>`
    select id, citizen_id, status from enrolment
    where place_purchase_id = ${purchaseId} and referral_id = ${referralId}`.execute(tx);
  return rows[0];
}
