import { sql } from 'kysely';
import type { Tx } from '../../platform/context.js';

export interface TaskRow {
  kind:
    | 'screening_due'
    | 'attendance_flag'
    | 'referral_waiting'
    | 'follow_up_due'
    | 'plan_review'
    | 'sickness_follow_up';
  ref_id: string;
  citizen_id: string;
  citizen_name: string;
  due: string | null;
  detail: string;
}

const name = sql`c.first_name || ' ' || c.last_name`;
const joinCitizen = (alias: string) =>
  sql`join citizen c on c.municipality_code = ${sql.ref(`${alias}.municipality_code`)} and c.id = ${sql.ref(`${alias}.citizen_id`)}`;

/**
 * Screening candidates: open periods of a type with an active screening rule (the municipality's
 * week N, screening_rule) that are not screened or marked not relevant. The week's dates are
 * computed by the service with platform/dates.ts, the definition the screening queue uses, so
 * no week or day count is written here.
 */
export async function screeningCandidates(tx: Tx, caseworkerId: string | null) {
  type Row = TaskRow & { start_date: string; week_number: number };
  if (caseworkerId) {
    // A caseworker's own citizens: found through the citizens, a few hundred at most.
    const { rows } = await sql<Row>`
      select 'screening_due' as kind, b.id as ref_id, b.citizen_id, ${name} as citizen_name,
        null as due, b.benefit_type as detail, b.start_date::text as start_date, r.week_number
      from benefit_period b ${joinCitizen('b')}
      join screening_rule r on r.municipality_code = b.municipality_code
        and r.benefit_type = b.benefit_type and r.active
      left join screening s on s.municipality_code = b.municipality_code and s.benefit_period_id = b.id
      where b.end_date is null and coalesce(s.status, 'to_do') in ('to_do', 'booked')
        and c.responsible_caseworker_id = ${caseworkerId}
      order by b.start_date, b.id limit 1000`.execute(tx);
    return rows;
  }
  // The whole municipality: the oldest 1000 open periods of each screened type, from the
  // open-period index in (start_date, id) order (migration 1130), then the oldest 1000 of those
  // (the same rows as ordering every open period of the municipality, without reading them).
  const { rows } = await sql<Row>`
    select 'screening_due' as kind, x.id as ref_id, x.citizen_id, ${name} as citizen_name,
      null as due, x.benefit_type as detail, x.start_date::text as start_date, x.week_number
    from (select x.* from screening_rule r cross join lateral (
        select b.municipality_code, b.id, b.citizen_id, b.benefit_type, b.start_date, r.week_number
        from benefit_period b
        where b.municipality_code = r.municipality_code and b.benefit_type = r.benefit_type
          and b.end_date is null
          and not exists (select 1 from screening s where s.municipality_code = b.municipality_code
            and s.benefit_period_id = b.id and s.status not in ('to_do', 'booked'))
        order by b.start_date, b.id limit 1000) x
      where r.active
      order by x.start_date, x.id limit 1000) x
    ${joinCitizen('x')}
    order by x.start_date, x.id`.execute(tx);
  return rows;
}

/** Open sickness-benefit periods (the follow-up engine computes their deadlines). */
export async function sicknessPeriods(tx: Tx, caseworkerId: string | null) {
  const { rows } = await sql<{
    id: string;
    citizen_id: string;
    start_date: string;
    end_date: string | null;
    citizen_name: string;
  }>`select b.id, b.citizen_id, b.start_date::text as start_date, b.end_date::text as end_date,
      ${name} as citizen_name
    from benefit_period b ${joinCitizen('b')}
    where b.benefit_type = 'sygedagpenge' and b.end_date is null
      ${caseworkerId ? sql`and c.responsible_caseworker_id = ${caseworkerId}` : sql``}
    order by b.start_date, b.id limit 500`.execute(tx);
  return rows;
}

/**
 * Two absences without notice in a row: the last two recorded sessions of an enrolment (by
 * session start). attendance_summary.tail_absent_no_notice keeps that per enrolment as
 * attendance is written (migration 1130), so only flagged enrolments are read, not every
 * attendance row of the municipality.
 */
export async function attendanceFlags(tx: Tx, orgIds: string[], caseworkerId: string | null) {
  const { rows } = await sql<TaskRow>`
    select 'attendance_flag' as kind, e.id as ref_id, e.citizen_id, ${name} as citizen_name,
      null as due, k.title as detail
    from attendance_summary t
    join enrolment e on e.municipality_code = t.municipality_code and e.id = t.enrolment_id
    ${joinCitizen('e')}
    join course k on k.municipality_code = e.municipality_code and k.id = e.course_id
    join offer o on o.municipality_code = k.municipality_code and o.id = k.offer_id
    where t.tail_absent_no_notice and e.status = 'enrolled'
      and (o.provider_organisation_id = any(${orgIds}::uuid[]) or e.owner_organisation_id = any(${orgIds}::uuid[])
        ${caseworkerId ? sql`or c.responsible_caseworker_id = ${caseworkerId}` : sql``})
    limit 100`.execute(tx);
  return rows;
}

export async function referralsWaiting(tx: Tx, orgIds: string[]) {
  const { rows } =
    await sql<TaskRow>`select 'referral_waiting' as kind, r.id as ref_id, r.citizen_id,
      ${name} as citizen_name, r.updated_at::date::text as due, o.title || ' (' || r.state || ')' as detail
    from referral r ${joinCitizen('r')}
    join offer o on o.municipality_code = r.municipality_code and o.id = r.offer_id
    where r.state in ('sent', 'received') and r.to_organisation_id = any(${orgIds}::uuid[])
    order by r.updated_at limit 100`.execute(tx);
  return rows;
}

export async function followUpsDue(tx: Tx, orgIds: string[]) {
  const { rows } = await sql<TaskRow>`select 'follow_up_due' as kind, f.id as ref_id, f.citizen_id,
      ${name} as citizen_name, f.due_date::text as due, f.months::text as detail
    from follow_up f ${joinCitizen('f')}
    where f.done_at is null and f.owner_organisation_id = any(${orgIds}::uuid[])
      and f.due_date <= current_date + 14
    order by f.due_date limit 100`.execute(tx);
  return rows;
}

export async function planReviews(tx: Tx, caseworkerId: string | null) {
  const { rows } = await sql<TaskRow>`select 'plan_review' as kind, p.id as ref_id, p.citizen_id,
      ${name} as citizen_name, p.review_due::text as due, p.job_goal as detail
    from plan p ${joinCitizen('p')}
    where p.status = 'active' and p.review_due <= current_date + 7
      ${caseworkerId ? sql`and c.responsible_caseworker_id = ${caseworkerId}` : sql``}
    order by p.review_due limit 100`.execute(tx);
  return rows;
}

/** Of the enrolments, those in a course one of the organisations runs (its own records). */
export async function enrolmentsInCoursesOf(
  tx: Tx,
  enrolmentIds: string[],
  orgIds: string[],
): Promise<string[]> {
  if (enrolmentIds.length === 0 || orgIds.length === 0) return [];
  const { rows } = await sql<{ id: string }>`
    select e.id from enrolment e
    join course k on k.municipality_code = e.municipality_code and k.id = e.course_id
    join offer o on o.municipality_code = k.municipality_code and o.id = k.offer_id
    where e.id = any(${enrolmentIds}::uuid[]) and o.provider_organisation_id = any(${orgIds}::uuid[])`.execute(
    tx,
  );
  return rows.map((r) => r.id);
}
