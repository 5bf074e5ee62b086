/**
 * SQL for the cross-organisation view builder. It reads across modules' tables on purpose: the
 * builder is the one place that assembles data held by several organisations (decision 0801),
 * so that no other module does.
 */
import { sql } from 'kysely';
import type { Tx } from '../../platform/context.js';

export interface ConsentRow {
  id: string;
  categories: string[];
  purpose: string;
  valid_to: string | null;
}

/** The citizen's valid consents to one organisation, newest first. */
export async function validConsents(
  tx: Tx,
  citizenId: string,
  organisationId: string,
): Promise<ConsentRow[]> {
  const { rows } = await sql<ConsentRow>`
    select id, categories, purpose, valid_to::text as valid_to from consent
    where citizen_id = ${citizenId} and recipient_organisation_id = ${organisationId}
      and status = 'given' and withdrawn_at is null
      and valid_from <= current_date and (valid_to is null or valid_to >= current_date)
    order by created_at desc, id`.execute(tx);
  return rows;
}

/** Whether the organisation holds the citizen (referral, enrolment, meeting, continuation). */
export async function holdsCitizen(
  tx: Tx,
  municipalityCode: string,
  citizenId: string,
  organisationId: string,
): Promise<boolean> {
  const { rows } = await sql<{ holds: boolean }>`
    select ${organisationId}::uuid = any(helhed_citizen_organisations(${municipalityCode}, ${citizenId}::uuid)) as holds`.execute(
    tx,
  );
  return rows[0]?.holds ?? false;
}

export interface CourseRow {
  enrolment_id: string;
  course_id: string;
  course_title: string;
  course_organisation_id: string;
  referral_id: string | null;
  referral_from_organisation_id: string | null;
  participation: 'voluntary' | 'mandatory' | null;
  registered: number;
  present: number;
  absent: number;
}

/** The citizen's courses (not waitlisted) with who runs them, the referral and its participation. */
export async function coursesOfCitizen(tx: Tx, citizenId: string): Promise<CourseRow[]> {
  const { rows } = await sql<CourseRow>`
    select e.id as enrolment_id, k.id as course_id, k.title as course_title,
      o.provider_organisation_id as course_organisation_id, e.referral_id,
      r.from_organisation_id as referral_from_organisation_id, r.participation,
      count(a.status)::int as registered,
      count(*) filter (where a.status = 'present')::int as present,
      count(*) filter (where a.status in ('absent_notice', 'absent_no_notice', 'sick'))::int as absent
    from enrolment e
    join course k on k.municipality_code = e.municipality_code and k.id = e.course_id
    join offer o on o.municipality_code = k.municipality_code and o.id = k.offer_id
    left join referral r on r.municipality_code = e.municipality_code and r.id = e.referral_id
    left join attendance a on a.municipality_code = e.municipality_code and a.enrolment_id = e.id
    where e.citizen_id = ${citizenId} and e.status <> 'waitlisted'
    group by e.id, e.referral_id, k.id, k.title, k.start_date, o.provider_organisation_id,
      r.from_organisation_id,
      r.participation
    order by k.start_date, k.id`.execute(tx);
  return rows;
}

export interface OutcomeRow {
  course_id: string;
  course_title: string;
  declared_fit: boolean;
  next_step: string | null;
  recorded_at: Date;
}

export async function outcomesOfCitizen(tx: Tx, citizenId: string): Promise<OutcomeRow[]> {
  const { rows } = await sql<OutcomeRow>`
    select co.course_id, k.title as course_title, co.declared_fit, co.next_step, co.recorded_at
    from course_outcome co
    join course k on k.municipality_code = co.municipality_code and k.id = co.course_id
    where co.citizen_id = ${citizenId} order by co.recorded_at, co.course_id`.execute(tx);
  return rows;
}

export interface ScreeningNotesRow {
  screening_id: string;
  completed_at: Date | null;
  overall_recommendation: string | null;
  recommendation_note: string | null;
  findings: {
    discipline: string;
    findings: string;
    recommendation: string;
    filled_by_name: string;
  }[];
}

/** The citizen's latest completed screening (Rebild's three disciplines), or none. */
export async function latestScreeningNotes(
  tx: Tx,
  citizenId: string,
): Promise<ScreeningNotesRow | undefined> {
  const { rows } = await sql<ScreeningNotesRow>`
    select s.id as screening_id, s.completed_at, s.overall_recommendation, s.recommendation_note,
      coalesce((
        select jsonb_agg(jsonb_build_object('discipline', f.discipline, 'findings', f.findings,
            'recommendation', f.recommendation, 'filled_by_name', f.filled_by_name)
          order by array_position(array['social', 'psychological', 'physical'], f.discipline))
        from screening_finding f
        where f.municipality_code = s.municipality_code and f.screening_id = s.id), '[]'::jsonb) as findings
    from screening s
    where s.citizen_id = ${citizenId} and s.status = 'screened'
    order by s.completed_at desc nulls last, s.id limit 1`.execute(tx);
  return rows[0];
}

/** Where each health fact (WHO-5, self-rated health) came from. */
export async function factOrigins(
  tx: Tx,
  citizenId: string,
): Promise<{ fact: string; origin_organisation_id: string | null }[]> {
  const { rows } = await sql<{ fact: string; origin_organisation_id: string | null }>`
    select fact, origin_organisation_id from health_profile_fact where citizen_id = ${citizenId}`.execute(
    tx,
  );
  return rows;
}

export interface FlagOriginRow {
  id: string;
  citizen_id: string;
  course_organisation_id: string;
  referral_from_organisation_id: string | null;
  participation: 'voluntary' | 'mandatory' | null;
}

export async function flagOrigins(tx: Tx, ids: readonly string[]): Promise<FlagOriginRow[]> {
  if (ids.length === 0) return [];
  const { rows } = await sql<FlagOriginRow>`
    select f.id, f.citizen_id, o.provider_organisation_id as course_organisation_id,
      r.from_organisation_id as referral_from_organisation_id, r.participation
    from attendance_flag f
    join course k on k.municipality_code = f.municipality_code and k.id = f.course_id
    join offer o on o.municipality_code = k.municipality_code and o.id = k.offer_id
    left join enrolment e on e.municipality_code = f.municipality_code and e.id = f.enrolment_id
    left join referral r on r.municipality_code = f.municipality_code
      and r.id = coalesce(f.referral_id, e.referral_id)
    where f.id = any(${ids as string[]}::uuid[])`.execute(tx);
  return rows;
}

/** Course and referral of enrolments (for absence shown as tasks). */
export async function enrolmentOrigins(
  tx: Tx,
  ids: readonly string[],
): Promise<(Omit<FlagOriginRow, 'id'> & { id: string; owner_organisation_id: string | null })[]> {
  if (ids.length === 0) return [];
  const { rows } = await sql<
    Omit<FlagOriginRow, 'id'> & { id: string; owner_organisation_id: string | null }
  >`
    select e.id, e.citizen_id, o.provider_organisation_id as course_organisation_id,
      r.from_organisation_id as referral_from_organisation_id, r.participation,
      e.owner_organisation_id
    from enrolment e
    join course k on k.municipality_code = e.municipality_code and k.id = e.course_id
    join offer o on o.municipality_code = k.municipality_code and o.id = k.offer_id
    left join referral r on r.municipality_code = e.municipality_code and r.id = e.referral_id
    where e.id = any(${ids as string[]}::uuid[])`.execute(tx);
  return rows;
}

export async function organisationName(tx: Tx, id: string | null): Promise<string | null> {
  if (!id) return null;
  const { rows } = await sql<{
    name: string;
  }>`select name from organisation where id = ${id}`.execute(tx);
  return rows[0]?.name ?? null;
}
