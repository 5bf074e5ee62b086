import { sql } from 'kysely';
import type { Tx } from '../../platform/context.js';

export interface MeetingRow {
  municipality_code: string;
  id: string;
  citizen_id: string;
  kind: string;
  scheduled_at: Date | string;
  agenda: string;
  minutes: string | null;
  recommendation: string | null;
  status: string;
  organiser_organisation_id: string;
  participant_org_ids: string[];
  citizen_name: string;
  citizen_language: string;
  needs_interpreter: boolean;
}

const base = sql`select t.*, c.first_name || ' ' || c.last_name as citizen_name,
    c.preferred_language as citizen_language, c.needs_interpreter,
    array(select distinct p.organisation_id from team_meeting_participant p
      where p.meeting_id = t.id and p.organisation_id is not null)
      || array[t.organiser_organisation_id] as participant_org_ids
  from team_meeting t join citizen c on c.municipality_code = t.municipality_code and c.id = t.citizen_id`;

export async function findMeeting(tx: Tx, id: string): Promise<MeetingRow | undefined> {
  const { rows } = await sql<MeetingRow>`${base} where t.id = ${id}`.execute(tx);
  return rows[0];
}

export async function meetingsForOrgs(tx: Tx, orgIds: string[], citizenId?: string) {
  if (orgIds.length === 0) return [];
  const { rows } = await sql<MeetingRow>`${base}
    where (t.organiser_organisation_id = any(${orgIds}::uuid[]) or exists (select 1 from team_meeting_participant p
      where p.meeting_id = t.id and p.organisation_id = any(${orgIds}::uuid[])))
      ${citizenId ? sql`and t.citizen_id = ${citizenId}` : sql``}
    order by t.scheduled_at desc limit 200`.execute(tx);
  return rows;
}

export async function participants(tx: Tx, meetingId: string) {
  const { rows } = await sql<{
    id: string;
    organisation_id: string | null;
    organisation_name: string | null;
    user_id: string | null;
    participant_role: string;
    name: string;
  }>`select p.id, p.organisation_id, o.name as organisation_name, p.user_id, p.participant_role, p.name
    from team_meeting_participant p
    left join organisation o on o.municipality_code = p.municipality_code and o.id = p.organisation_id
    where p.meeting_id = ${meetingId} order by p.participant_role, p.name`.execute(tx);
  return rows;
}

export async function healthItems(tx: Tx, meetingId: string) {
  const { rows } = await sql<{
    id: string;
    category: string;
    body: string;
    created_at: Date | string;
  }>`
    select id, category, body, created_at from team_meeting_health_item where meeting_id = ${meetingId}
    order by created_at`.execute(tx);
  return rows;
}

export async function insertMeeting(
  tx: Tx,
  m: string,
  v: {
    citizenId: string;
    kind: string;
    scheduledAt: string;
    agenda: string;
    organiserOrgId: string;
    userId: string;
  },
) {
  const { rows } = await sql<{
    id: string;
  }>`insert into team_meeting (municipality_code, citizen_id, kind,
      scheduled_at, agenda, organiser_organisation_id, created_by)
    values (${m}, ${v.citizenId}, ${v.kind}, ${v.scheduledAt}, ${v.agenda}, ${v.organiserOrgId}, ${v.userId})
    returning id`.execute(tx);
  return rows[0]!.id;
}

export async function insertParticipant(
  tx: Tx,
  m: string,
  meetingId: string,
  p: { organisationId: string | null; userId: string | null; role: string; name: string },
) {
  await sql`insert into team_meeting_participant (municipality_code, meeting_id, organisation_id, user_id,
      participant_role, name)
    values (${m}, ${meetingId}, ${p.organisationId}, ${p.userId}, ${p.role}, ${p.name})`.execute(
    tx,
  );
}

export async function orgExists(tx: Tx, id: string) {
  const { rows } = await sql<{ id: string }>`select id from organisation where id = ${id}`.execute(
    tx,
  );
  return !!rows[0];
}

export async function updateMeeting(
  tx: Tx,
  id: string,
  v: { agenda?: string; minutes?: string | null; recommendation?: string | null; status?: string },
) {
  await sql`update team_meeting set agenda = coalesce(${v.agenda ?? null}, agenda),
    minutes = case when ${v.minutes !== undefined} then ${v.minutes ?? null} else minutes end,
    recommendation = case when ${v.recommendation !== undefined} then ${v.recommendation ?? null} else recommendation end,
    status = coalesce(${v.status ?? null}, status) where id = ${id}`.execute(tx);
}

/** Participant organisations without a consent in force that covers the category. */
export async function orgsWithoutConsent(
  tx: Tx,
  citizenId: string,
  orgIds: string[],
  category: string,
) {
  const { rows } = await sql<{ id: string; name: string }>`select o.id, o.name from organisation o
    where o.id = any(${orgIds}::uuid[]) and not exists (select 1 from consent c
      where c.citizen_id = ${citizenId} and c.recipient_organisation_id = o.id and c.status = 'given'
        and ${category} = any(c.categories) and c.valid_from <= current_date
        and (c.valid_to is null or c.valid_to >= current_date))
    order by o.name`.execute(tx);
  return rows;
}

export async function insertHealthItem(
  tx: Tx,
  m: string,
  meetingId: string,
  category: string,
  body: string,
  userId: string,
) {
  const { rows } = await sql<{
    id: string;
  }>`insert into team_meeting_health_item (municipality_code,
      meeting_id, category, body, recorded_by)
    values (${m}, ${meetingId}, ${category}, ${body}, ${userId}) returning id`.execute(tx);
  return rows[0]!.id;
}
