import { sql } from 'kysely';
import type { Tx } from '../../platform/context.js';

export interface MeetingRow {
  id: string;
  municipality_code: string;
  organiser_organisation_id: string;
  organiser_name: string;
  held_on: string;
  title: string;
  participants: string;
  minutes: string;
  next_meeting_on: string | null;
  open_questions: number;
}

const select = sql`select m.id, m.municipality_code, m.organiser_organisation_id, o.name as organiser_name,
    to_char(m.held_on, 'YYYY-MM-DD') as held_on, m.title, m.participants, m.minutes,
    to_char(m.next_meeting_on, 'YYYY-MM-DD') as next_meeting_on,
    (select count(*)::int from gp_meeting_question q where q.municipality_code = m.municipality_code
      and q.meeting_id = m.id and q.status = 'open') as open_questions
  from gp_meeting m
  join organisation o on o.municipality_code = m.municipality_code and o.id = m.organiser_organisation_id`;

export async function list(tx: Tx) {
  const { rows } =
    await sql<MeetingRow>`${select} order by m.held_on desc, m.created_at desc`.execute(tx);
  return rows;
}

export async function find(tx: Tx, id: string) {
  const { rows } = await sql<MeetingRow>`${select} where m.id = ${id}`.execute(tx);
  return rows[0];
}

export async function insert(
  tx: Tx,
  v: {
    municipalityCode: string;
    organiserId: string;
    heldOn: string;
    title: string;
    participants: string;
    minutes: string;
    nextMeetingOn: string | null;
    userId: string;
  },
) {
  const { rows } = await sql<{ id: string }>`insert into gp_meeting (municipality_code,
      organiser_organisation_id, held_on, title, participants, minutes, next_meeting_on, created_by)
    values (${v.municipalityCode}, ${v.organiserId}, ${v.heldOn}, ${v.title}, ${v.participants},
      ${v.minutes}, ${v.nextMeetingOn}, ${v.userId}) returning id`.execute(tx);
  return rows[0]!.id;
}

export async function update(
  tx: Tx,
  id: string,
  p: { participants?: string; minutes?: string; nextMeetingOn?: string | null },
) {
  await sql`update gp_meeting set
      participants = coalesce(${p.participants ?? null}, participants),
      minutes = coalesce(${p.minutes ?? null}, minutes),
      next_meeting_on = case when ${p.nextMeetingOn !== undefined} then ${p.nextMeetingOn ?? null}::date
        else next_meeting_on end
    where id = ${id}`.execute(tx);
}

export async function questions(tx: Tx, meetingId: string) {
  const { rows } = await sql<{
    id: string;
    question: string;
    answer: string | null;
    status: string;
    created_at: Date;
  }>`select id, question, answer, status, created_at from gp_meeting_question
    where meeting_id = ${meetingId} order by created_at, id`.execute(tx);
  return rows;
}

export async function addQuestion(tx: Tx, m: string, meetingId: string, question: string) {
  const { rows } = await sql<{ id: string }>`insert into gp_meeting_question (municipality_code,
      meeting_id, question) values (${m}, ${meetingId}, ${question}) returning id`.execute(tx);
  return rows[0]!.id;
}

export async function answerQuestion(tx: Tx, meetingId: string, id: string, answer: string) {
  const { rows } = await sql<{ id: string }>`update gp_meeting_question
    set answer = ${answer}, status = 'answered'
    where id = ${id} and meeting_id = ${meetingId} returning id`.execute(tx);
  return rows.length > 0;
}

export async function healthCentre(tx: Tx) {
  const { rows } = await sql<{ id: string }>`select id from organisation
    where type = 'sundhedscenter' and active order by created_at, name limit 1`.execute(tx);
  return rows[0]?.id;
}
