import { sql } from 'kysely';
import type { Tx } from '../../platform/context.js';

export async function proxyGrant(tx: Tx, userId: string, citizenId: string, scope: string) {
  const { rows } = await sql<{ id: string }>`select id from proxy_grant
    where proxy_user_id = ${userId} and citizen_id = ${citizenId} and ${scope} = any(scopes)
      and revoked_at is null and valid_from <= current_date
      and (valid_to is null or valid_to >= current_date)`.execute(tx);
  return rows[0];
}

export async function proxiesFor(tx: Tx, userId: string, citizenId: string | null) {
  const { rows: actingFor } = await sql<{
    citizen_id: string;
    name: string;
    scopes: string[];
  }>`select g.citizen_id, c.first_name || ' ' || c.last_name as name, g.scopes
    from proxy_grant g join citizen c on c.municipality_code = g.municipality_code and c.id = g.citizen_id
    where g.proxy_user_id = ${userId} and g.revoked_at is null
      and (g.valid_to is null or g.valid_to >= current_date)`.execute(tx);
  const { rows: grantedTo } = citizenId
    ? await sql<{ id: string; name: string; scopes: string[]; valid_to: string | null }>`
      select g.id, u.display_name as name, g.scopes, g.valid_to from proxy_grant g
      join app_user u on u.id = g.proxy_user_id
      where g.citizen_id = ${citizenId} and g.revoked_at is null
        and (g.valid_to is null or g.valid_to >= current_date)`.execute(tx)
    : { rows: [] };
  return { actingFor, grantedTo };
}

export async function upcomingSessions(tx: Tx, citizenId: string, limit = 200) {
  const { rows } = await sql<{
    id: string;
    starts_at: Date | string;
    ends_at: Date | string;
    status: string;
    course_title: string;
    place: string | null;
    offer_title: string;
    provider_name: string;
  }>`select s.id, s.starts_at, s.ends_at, s.status, k.title as course_title, k.place,
      o.title as offer_title, org.name as provider_name
    from enrolment e
    join course k on k.municipality_code = e.municipality_code and k.id = e.course_id
    join offer o on o.municipality_code = k.municipality_code and o.id = k.offer_id
    join organisation org on org.municipality_code = o.municipality_code and org.id = o.provider_organisation_id
    join course_session s on s.municipality_code = k.municipality_code and s.course_id = k.id
    where e.citizen_id = ${citizenId} and e.status = 'enrolled' and s.ends_at >= now()
    order by s.starts_at limit ${limit}`.execute(tx);
  return rows;
}

export async function referrals(tx: Tx, citizenId: string) {
  const { rows } = await sql<{
    id: string;
    offer_title: string;
    to_name: string;
    state: string;
    participation: string;
    updated_at: Date | string;
  }>`select r.id, o.title as offer_title, org.name as to_name, r.state, r.participation, r.updated_at
    from referral r
    join offer o on o.municipality_code = r.municipality_code and o.id = r.offer_id
    join organisation org on org.municipality_code = r.municipality_code and org.id = r.to_organisation_id
    where r.citizen_id = ${citizenId} and r.state <> 'draft' order by r.updated_at desc`.execute(
    tx,
  );
  return rows;
}

export interface ConsentRow {
  id: string;
  recipient_organisation_id: string;
  recipient_name: string;
  categories: string[];
  purpose: string;
  valid_from: string;
  valid_to: string | null;
  given_how: string;
  status: string;
  withdrawn_at: Date | string | null;
  created_at: Date | string;
}

export async function consents(tx: Tx, citizenId: string) {
  const { rows } = await sql<ConsentRow>`select c.id, c.recipient_organisation_id,
      o.name as recipient_name, c.categories, c.purpose, c.valid_from, c.valid_to, c.given_how,
      c.status, c.withdrawn_at, c.created_at
    from consent c join organisation o on o.municipality_code = c.municipality_code and o.id = c.recipient_organisation_id
    where c.citizen_id = ${citizenId} order by c.created_at desc`.execute(tx);
  return rows;
}

export async function findConsent(tx: Tx, citizenId: string, id: string) {
  const { rows } = await sql<{ id: string; status: string }>`select id, status from consent
    where id = ${id} and citizen_id = ${citizenId}`.execute(tx);
  return rows[0];
}

export async function organisations(tx: Tx) {
  const { rows } = await sql<{ id: string; name: string; type: string }>`select id, name, type
    from organisation where active order by name`.execute(tx);
  return rows;
}

export async function openOffers(tx: Tx, citizenId: string) {
  const { rows } = await sql<{
    id: string;
    title: string;
    description: string;
    kind: string;
    place_name: string | null;
    provider_name: string;
    course_id: string | null;
    course_title: string | null;
    start_date: string | null;
    capacity: number | null;
    enrolled: number;
    my_status: string | null;
  }>`select o.id, o.title, o.description, o.kind, o.place_name, org.name as provider_name,
      k.id as course_id, k.title as course_title, k.start_date, k.capacity,
      (select count(*)::int from enrolment e where e.course_id = k.id and e.status = 'enrolled') as enrolled,
      (select e.status from enrolment e where e.course_id = k.id and e.citizen_id = ${citizenId}) as my_status
    from offer o
    join organisation org on org.municipality_code = o.municipality_code and org.id = o.provider_organisation_id
    left join lateral (select * from course k where k.municipality_code = o.municipality_code
      and k.offer_id = o.id and k.status in ('planned', 'running') order by k.start_date limit 1) k on true
    where o.status = 'published' and o.referral_type = 'open' order by o.title`.execute(tx);
  return rows;
}

export async function offerCourse(tx: Tx, offerId: string) {
  const { rows } = await sql<{ course_id: string | null; capacity: number | null }>`
    select k.id as course_id, k.capacity from offer o
    left join lateral (select * from course k where k.municipality_code = o.municipality_code
      and k.offer_id = o.id and k.status in ('planned', 'running') order by k.start_date limit 1) k on true
    where o.id = ${offerId} and o.status = 'published' and o.referral_type = 'open'`.execute(tx);
  return rows[0];
}

export async function messages(tx: Tx, citizenId: string) {
  const { rows } = await sql<{
    id: string;
    body: string;
    from_citizen: boolean;
    proxy_for_citizen_id: string | null;
    sender_name: string | null;
    created_at: Date | string;
  }>`select m.id, m.body, m.from_citizen, m.proxy_for_citizen_id, u.display_name as sender_name, m.created_at
    from portal_message m left join app_user u on u.id = m.sender_user_id
    where m.citizen_id = ${citizenId} order by m.created_at desc, m.id limit 200`.execute(tx);
  return rows;
}

export async function insertMessage(
  tx: Tx,
  m: string,
  citizenId: string,
  senderUserId: string,
  fromCitizen: boolean,
  proxyFor: string | null,
  body: string,
) {
  const { rows } = await sql<{
    id: string;
  }>`insert into portal_message (municipality_code, citizen_id,
      sender_user_id, from_citizen, proxy_for_citizen_id, body)
    values (${m}, ${citizenId}, ${senderUserId}, ${fromCitizen}, ${proxyFor}, ${body}) returning id`.execute(
    tx,
  );
  return rows[0]!.id;
}

export async function citizenUserByUsername(tx: Tx, username: string) {
  const { rows } = await sql<{
    id: string;
    display_name: string;
  }>`select u.id, u.display_name from app_user u
    where u.username = ${username} and u.active and u.kind = 'citizen'`.execute(tx);
  return rows[0];
}

export async function insertProxyGrant(
  tx: Tx,
  m: string,
  citizenId: string,
  proxyUserId: string,
  scopes: string[],
  validTo: string | null,
) {
  const { rows } = await sql<{ id: string }>`insert into proxy_grant (municipality_code, citizen_id,
      proxy_user_id, scopes, valid_to)
    values (${m}, ${citizenId}, ${proxyUserId}, ${scopes}::text[], ${validTo}) returning id`.execute(
    tx,
  );
  return rows[0]!.id;
}

export async function revokeProxyGrant(tx: Tx, citizenId: string, id: string) {
  const { rows } = await sql<{ id: string }>`update proxy_grant set revoked_at = now()
    where id = ${id} and citizen_id = ${citizenId} and revoked_at is null returning id`.execute(tx);
  return rows[0];
}
