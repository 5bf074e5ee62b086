import { sql } from 'kysely';
import type { Tx } from '../../platform/context.js';

/** Enrolments of the citizen on courses that are over (or that they completed or left). */
export async function feedbackDue(tx: Tx, citizenId: string, today: string) {
  const { rows } = await sql<{
    enrolment_id: string;
    course_id: string;
    course_title: string;
    offer_title: string;
    provider_name: string;
    end_date: string;
    submitted_at: Date | null;
  }>`select e.id as enrolment_id, k.id as course_id, k.title as course_title, o.title as offer_title,
      g.name as provider_name, to_char(k.start_date + k.weeks * 7 - 1, 'YYYY-MM-DD') as end_date,
      f.submitted_at
    from enrolment e
    join course k on k.municipality_code = e.municipality_code and k.id = e.course_id
    join offer o on o.municipality_code = k.municipality_code and o.id = k.offer_id
    join organisation g on g.municipality_code = o.municipality_code and g.id = o.provider_organisation_id
    left join course_feedback f on f.municipality_code = e.municipality_code and f.enrolment_id = e.id
    where e.citizen_id = ${citizenId} and e.status in ('enrolled', 'completed', 'dropped_out')
      and (e.status <> 'enrolled' or k.status = 'completed' or k.start_date + k.weeks * 7 - 1 <= ${today}::date)
    order by k.start_date desc, k.id`.execute(tx);
  return rows;
}

export async function enrolment(tx: Tx, id: string) {
  const { rows } = await sql<{
    id: string;
    municipality_code: string;
    citizen_id: string;
    course_id: string;
    status: string;
    over: boolean;
  }>`select e.id, e.municipality_code, e.citizen_id, e.course_id, e.status,
      (e.status <> 'enrolled' or k.status = 'completed' or k.start_date + k.weeks * 7 - 1 <= current_date) as over
    from enrolment e join course k on k.municipality_code = e.municipality_code and k.id = e.course_id
    where e.id = ${id}`.execute(tx);
  return rows[0];
}

export async function insertFeedback(
  tx: Tx,
  v: {
    municipalityCode: string;
    courseId: string;
    enrolmentId: string;
    citizenId: string;
    satisfaction: number;
    madeDifference: string;
    wouldContinue: boolean;
    comment: string | null;
  },
) {
  const { rows } = await sql<{ id: string }>`insert into course_feedback (municipality_code,
      course_id, enrolment_id, citizen_id, satisfaction, made_difference, would_continue, comment)
    values (${v.municipalityCode}, ${v.courseId}, ${v.enrolmentId}, ${v.citizenId}, ${v.satisfaction},
      ${v.madeDifference}, ${v.wouldContinue}, ${v.comment})
    on conflict (municipality_code, enrolment_id) do nothing returning id`.execute(tx);
  return rows[0]?.id ?? null;
}

export interface CourseRow {
  id: string;
  municipality_code: string;
  title: string;
  offer_title: string;
  provider_organisation_id: string;
  provider_name: string;
  start_date: string;
  participants: number;
  respondents: number;
}

const courseSelect = sql`select k.id, k.municipality_code, k.title, o.title as offer_title,
    o.provider_organisation_id, g.name as provider_name, to_char(k.start_date, 'YYYY-MM-DD') as start_date,
    (select count(*)::int from enrolment e where e.municipality_code = k.municipality_code
      and e.course_id = k.id and e.status in ('enrolled', 'completed', 'dropped_out')) as participants,
    (select count(*)::int from course_feedback f where f.municipality_code = k.municipality_code
      and f.course_id = k.id) as respondents
  from course k
  join offer o on o.municipality_code = k.municipality_code and o.id = k.offer_id
  join organisation g on g.municipality_code = o.municipality_code and g.id = o.provider_organisation_id`;

export async function findCourse(tx: Tx, id: string) {
  const { rows } = await sql<CourseRow>`${courseSelect} where k.id = ${id}`.execute(tx);
  return rows[0];
}

/** Courses with at least one answer; providers' own (organisation ids) or all (null). */
export async function coursesWithFeedback(tx: Tx, providerIds: string[] | null) {
  const only =
    providerIds === null
      ? sql`true`
      : providerIds.length
        ? sql`o.provider_organisation_id in (${sql.join(providerIds)})`
        : sql`false`;
  const { rows } = await sql<CourseRow>`${courseSelect}
    where ${only} and exists (select 1 from course_feedback f
      where f.municipality_code = k.municipality_code and f.course_id = k.id)
    order by k.start_date desc, k.title, k.id`.execute(tx);
  return rows;
}

export async function answers(tx: Tx, courseId: string) {
  const { rows } = await sql<{
    satisfaction: number;
    made_difference: string;
    would_continue: boolean;
    comment: string | null;
  }>`select satisfaction, made_difference, would_continue, comment from course_feedback
    where course_id = ${courseId}`.execute(tx);
  return rows;
}
