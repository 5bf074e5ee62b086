import { sql } from 'kysely';
import type { Tx } from '../../platform/context.js';

export interface TaskRow {
  kind: 'screening_due' | 'attendance_flag' | 'referral_waiting' | 'follow_up_due' | 'plan_review';
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
 * Screenings due: open benefit periods of the caseworker's citizens older than four weeks with
 * no screening yet. The screening table belongs to another module; until it exists every such
 * period counts (guarded with to_regclass so this runs before that module lands).
 */
export async function screeningsDue(tx: Tx, caseworkerId: string | null) {
  const { rows: reg } = await sql<{ t: string | null; has_col: boolean }>`
    select to_regclass('screening')::text as t,
      exists (select 1 from information_schema.columns where table_name = 'screening' and column_name = 'citizen_id') as has_col`.execute(
    tx,
  );
  const screened =
    reg[0]?.t && reg[0].has_col
      ? sql`and not exists (select 1 from screening s where s.municipality_code = b.municipality_code and s.citizen_id = b.citizen_id)`
      : sql``;
  const { rows } = await sql<TaskRow>`select 'screening_due' as kind, b.id as ref_id, b.citizen_id,
      ${name} as citizen_name, (b.start_date + 28)::text as due, b.benefit_type as detail
    from benefit_period b ${joinCitizen('b')}
    where b.end_date is null and b.start_date <= current_date - 28
      ${caseworkerId ? sql`and c.responsible_caseworker_id = ${caseworkerId}` : sql``} ${screened}
    order by b.start_date limit 100`.execute(tx);
  return rows;
}

/** Two absences without notice in a row: the last two recorded sessions of an enrolment. */
export async function attendanceFlags(tx: Tx, orgIds: string[], caseworkerId: string | null) {
  const { rows } = await sql<TaskRow>`with recent as (
      select a.enrolment_id, a.status,
        row_number() over (partition by a.enrolment_id order by s.starts_at desc) as n
      from attendance a join course_session s on s.municipality_code = a.municipality_code and s.id = a.session_id
    )
    select 'attendance_flag' as kind, e.id as ref_id, e.citizen_id, ${name} as citizen_name,
      null as due, k.title as detail
    from enrolment e ${joinCitizen('e')}
    join course k on k.municipality_code = e.municipality_code and k.id = e.course_id
    join offer o on o.municipality_code = k.municipality_code and o.id = k.offer_id
    where e.status = 'enrolled'
      and (select count(*) from recent r where r.enrolment_id = e.id and r.n <= 2 and r.status = 'absent_no_notice') = 2
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
