import { sql } from 'kysely';
import type { Tx } from '../../platform/context.js';

export interface CourseRow {
  id: string;
  municipality_code: string;
  offer_id: string;
  offer_title: string;
  offer_referral_type: string;
  offer_status: string;
  intro_required: boolean;
  provider_organisation_id: string;
  provider_name: string;
  title: string;
  start_date: string;
  weeks: number;
  weekly_pattern: { weekday: number; start: string; end: string }[];
  place: string | null;
  instructor_user_ids: string[];
  capacity: number;
  status: string;
  follow_on_course_id: string | null;
  enrolled: number;
  waitlisted: number;
  mandatory_activation: boolean;
  min_hours_per_week: string | number | null;
  min_days_per_week: number | null;
}

const select = sql`
  select k.id, k.municipality_code, k.offer_id, o.title as offer_title,
    o.referral_type as offer_referral_type, o.status as offer_status, o.provider_organisation_id,
    g.name as provider_name, k.title, k.start_date::text as start_date, k.weeks, k.weekly_pattern,
    k.place, k.instructor_user_ids, k.capacity, k.status, k.follow_on_course_id,
    o.mandatory_activation, o.min_hours_per_week, o.min_days_per_week, o.intro_required,
    (select count(*)::int from enrolment e where e.municipality_code = k.municipality_code
      and e.course_id = k.id and e.status in ('enrolled', 'completed')) as enrolled,
    (select count(*)::int from enrolment e where e.municipality_code = k.municipality_code
      and e.course_id = k.id and e.status = 'waitlisted') as waitlisted
  from course k
  join offer o on o.municipality_code = k.municipality_code and o.id = k.offer_id
  join organisation g on g.municipality_code = o.municipality_code and g.id = o.provider_organisation_id`;

export async function lockCourse(tx: Tx, id: string) {
  await sql`select 1 from course where id = ${id} for update`.execute(tx);
}

export async function findCourse(tx: Tx, id: string, lock = false): Promise<CourseRow | undefined> {
  if (lock) await lockCourse(tx, id);
  const { rows } = await sql<CourseRow>`${select} where k.id = ${id}`.execute(tx);
  return rows[0];
}

export async function listCourses(
  tx: Tx,
  f: { providerOrganisationIds?: string[]; openOnly?: boolean; offerId?: string },
): Promise<CourseRow[]> {
  const where = [sql`true`];
  if (f.providerOrganisationIds) {
    where.push(
      f.providerOrganisationIds.length
        ? sql`o.provider_organisation_id in (${sql.join(f.providerOrganisationIds)})`
        : sql`false`,
    );
  }
  if (f.openOnly) where.push(sql`o.referral_type = 'open' and o.status = 'published'`);
  if (f.offerId) where.push(sql`k.offer_id = ${f.offerId}`);
  const { rows } = await sql<CourseRow>`${select} where ${sql.join(where, sql` and `)}
    order by k.start_date desc, k.title limit 500`.execute(tx);
  return rows;
}

export async function findOffer(tx: Tx, id: string) {
  const { rows } = await sql<{ id: string; title: string; provider_organisation_id: string }>`
    select id, title, provider_organisation_id from offer where id = ${id}`.execute(tx);
  return rows[0];
}

export async function insertCourse(
  tx: Tx,
  c: {
    municipalityCode: string;
    offerId: string;
    title: string;
    startDate: string;
    weeks: number;
    weeklyPattern: unknown;
    place: string | null;
    instructorUserIds: string[];
    capacity: number;
    followOnCourseId: string | null;
  },
): Promise<string> {
  const { rows } = await sql<{ id: string }>`
    insert into course (municipality_code, offer_id, title, start_date, weeks, weekly_pattern, place,
      instructor_user_ids, capacity, follow_on_course_id)
    values (${c.municipalityCode}, ${c.offerId}, ${c.title}, ${c.startDate}, ${c.weeks},
      ${JSON.stringify(c.weeklyPattern)}::jsonb, ${c.place}, ${c.instructorUserIds}::uuid[],
      ${c.capacity}, ${c.followOnCourseId})
    returning id`.execute(tx);
  return rows[0]!.id;
}

/** Local Danish wall-clock times, stored as instants. */
export async function insertSession(
  tx: Tx,
  s: { municipalityCode: string; courseId: string; date: string; start: string; end: string },
) {
  await sql`insert into course_session (municipality_code, course_id, starts_at, ends_at)
    values (${s.municipalityCode}, ${s.courseId},
      (${s.date}::date + ${s.start}::time) at time zone 'Europe/Copenhagen',
      (${s.date}::date + ${s.end}::time) at time zone 'Europe/Copenhagen')`.execute(tx);
}

export interface SessionRow {
  id: string;
  course_id: string;
  starts_at: Date;
  ends_at: Date;
  status: string;
  note: string | null;
  registered: number;
}

export async function listSessions(tx: Tx, courseId: string): Promise<SessionRow[]> {
  const { rows } = await sql<SessionRow>`
    select s.id, s.course_id, s.starts_at, s.ends_at, s.status, s.note,
      (select count(*)::int from attendance a where a.municipality_code = s.municipality_code
        and a.session_id = s.id) as registered
    from course_session s where s.course_id = ${courseId} order by s.starts_at, s.id`.execute(tx);
  return rows;
}

export async function findSession(tx: Tx, id: string): Promise<SessionRow | undefined> {
  const { rows } = await sql<SessionRow>`
    select s.id, s.course_id, s.starts_at, s.ends_at, s.status, s.note,
      (select count(*)::int from attendance a where a.municipality_code = s.municipality_code
        and a.session_id = s.id) as registered
    from course_session s where s.id = ${id}`.execute(tx);
  return rows[0];
}

export async function updateSession(
  tx: Tx,
  id: string,
  p: { startsAt?: string; endsAt?: string; status?: string; note?: string | null },
) {
  await sql`update course_session set
      starts_at = coalesce(${p.startsAt ?? null}::timestamptz, starts_at),
      ends_at = coalesce(${p.endsAt ?? null}::timestamptz, ends_at),
      status = coalesce(${p.status ?? null}, status),
      note = case when ${p.note !== undefined} then ${p.note ?? null} else note end
    where id = ${id}`.execute(tx);
}

export interface EnrolmentRow {
  id: string;
  municipality_code: string;
  course_id: string;
  citizen_id: string;
  citizen_name: string;
  citizen_language: string;
  needs_interpreter: boolean;
  referral_id: string | null;
  status: string;
  waitlist_position: number | null;
  drop_out_reason_code: string | null;
  outcome_declared_fit: boolean | null;
  outcome_next_step: string | null;
  outcome_satisfaction: number | null;
  outcome_follow_on_referral_id: string | null;
  has_outcome: boolean;
  place_purchase_id: string | null;
}

const selectEnrolment = sql`
  select e.id, e.municipality_code, e.course_id, e.citizen_id,
    c.first_name || ' ' || c.last_name as citizen_name, c.preferred_language as citizen_language,
    c.needs_interpreter, e.referral_id, e.status, e.waitlist_position, e.drop_out_reason_code, co.declared_fit as outcome_declared_fit,
    co.next_step as outcome_next_step, co.satisfaction as outcome_satisfaction,
    co.follow_on_referral_id as outcome_follow_on_referral_id, (co.id is not null) as has_outcome,
    e.place_purchase_id
  from enrolment e
  join citizen c on c.municipality_code = e.municipality_code and c.id = e.citizen_id
  left join course_outcome co on co.municipality_code = e.municipality_code and co.enrolment_id = e.id`;

export async function listEnrolments(tx: Tx, courseId: string): Promise<EnrolmentRow[]> {
  const { rows } = await sql<EnrolmentRow>`${selectEnrolment} where e.course_id = ${courseId}
    order by case e.status when 'enrolled' then 0 when 'completed' then 1 when 'waitlisted' then 2 else 3 end,
      e.waitlist_position nulls first, c.last_name, c.first_name, e.id`.execute(tx);
  return rows;
}

export async function findEnrolment(tx: Tx, id: string): Promise<EnrolmentRow | undefined> {
  const { rows } = await sql<EnrolmentRow>`${selectEnrolment} where e.id = ${id}`.execute(tx);
  return rows[0];
}

export async function findEnrolmentOf(tx: Tx, courseId: string, citizenId: string) {
  const { rows } = await sql<{ id: string; status: string }>`
    select id, status from enrolment where course_id = ${courseId} and citizen_id = ${citizenId}`.execute(
    tx,
  );
  return rows[0];
}

/** The citizen's enrolment status per course (their own sign-ups and places in line). */
export async function enrolmentStatusesOf(tx: Tx, citizenId: string) {
  const { rows } = await sql<{ course_id: string; status: string }>`
    select course_id, status from enrolment where citizen_id = ${citizenId}`.execute(tx);
  return new Map(rows.map((r) => [r.course_id, r.status]));
}

export async function countEnrolled(tx: Tx, courseId: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from enrolment
    where course_id = ${courseId} and status in ('enrolled', 'completed')`.execute(tx);
  return Number(rows[0]?.n ?? 0);
}

export async function nextWaitlistPosition(tx: Tx, courseId: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`select coalesce(max(waitlist_position), 0)::int + 1 as n
    from enrolment where course_id = ${courseId} and status = 'waitlisted'`.execute(tx);
  return Number(rows[0]!.n);
}

export async function insertEnrolment(
  tx: Tx,
  e: {
    municipalityCode: string;
    courseId: string;
    citizenId: string;
    referralId: string | null;
    status: string;
    waitlistPosition: number | null;
    placePurchaseId?: string | null;
  },
): Promise<string> {
  const { rows } = await sql<{ id: string }>`
    insert into enrolment (municipality_code, course_id, citizen_id, referral_id, status, waitlist_position,
      place_purchase_id)
    values (${e.municipalityCode}, ${e.courseId}, ${e.citizenId}, ${e.referralId}, ${e.status},
      ${e.waitlistPosition}, ${e.placePurchaseId ?? null}) returning id`.execute(tx);
  return rows[0]!.id;
}

export async function reopenEnrolment(
  tx: Tx,
  id: string,
  e: {
    referralId: string | null;
    status: string;
    waitlistPosition: number | null;
    placePurchaseId?: string | null;
  },
) {
  await sql`update enrolment set referral_id = coalesce(${e.referralId}::uuid, referral_id),
      place_purchase_id = ${e.placePurchaseId ?? null},
      status = ${e.status}, waitlist_position = ${e.waitlistPosition}, drop_out_reason = null,
      drop_out_reason_code = null, enrolled_at = now(), ended_at = null
    where id = ${id}`.execute(tx);
}

export async function endEnrolment(
  tx: Tx,
  id: string,
  status: string,
  reasonCode: string | null,
  reason: string | null,
) {
  await sql`update enrolment set status = ${status}, waitlist_position = null,
      drop_out_reason_code = ${reasonCode}, drop_out_reason = ${reason},
      ended_at = case when ${status} = 'completed' then coalesce(ended_at, now()) else now() end
    where id = ${id}`.execute(tx);
}

export async function firstInLine(tx: Tx, courseId: string) {
  const { rows } = await sql<{ id: string; referral_id: string | null; citizen_id: string }>`
    select id, referral_id, citizen_id from enrolment
    where course_id = ${courseId} and status = 'waitlisted'
    order by waitlist_position nulls last, enrolled_at, id limit 1`.execute(tx);
  return rows[0];
}

export async function promote(tx: Tx, id: string) {
  await sql`update enrolment set status = 'enrolled', waitlist_position = null where id = ${id}`.execute(
    tx,
  );
}

/**
 * Numbers the course's waiting list 1..n in its current order, closing the gap left by whoever
 * moved up or left. Only rows whose number changes are written.
 */
export async function renumberWaitlist(tx: Tx, courseId: string) {
  await sql`update enrolment e set waitlist_position = r.position
    from (select id, row_number() over (order by waitlist_position nulls last, enrolled_at, id)::int
        as position
      from enrolment where course_id = ${courseId} and status = 'waitlisted') r
    where e.id = r.id and e.waitlist_position is distinct from r.position`.execute(tx);
}

export async function liveEnrolmentOfReferral(tx: Tx, referralId: string) {
  const { rows } = await sql<{ id: string; course_id: string; status: string }>`
    select id, course_id, status from enrolment
    where referral_id = ${referralId} and status in ('enrolled', 'waitlisted')`.execute(tx);
  return rows[0];
}

export async function attendanceSheet(tx: Tx, courseId: string, sessionId: string) {
  const { rows } = await sql<{
    enrolment_id: string;
    citizen_id: string;
    citizen_name: string;
    status: string | null;
  }>`
    select e.id as enrolment_id, e.citizen_id, c.first_name || ' ' || c.last_name as citizen_name,
      a.status
    from enrolment e
    join citizen c on c.municipality_code = e.municipality_code and c.id = e.citizen_id
    left join attendance a on a.municipality_code = e.municipality_code and a.enrolment_id = e.id
      and a.session_id = ${sessionId}
    where e.course_id = ${courseId} and (e.status in ('enrolled', 'completed') or a.status is not null)
    order by c.last_name, c.first_name, e.id`.execute(tx);
  return rows;
}

export async function upsertAttendance(
  tx: Tx,
  a: {
    municipalityCode: string;
    sessionId: string;
    enrolmentId: string;
    status: string;
    userId: string;
  },
) {
  await sql`insert into attendance (municipality_code, session_id, enrolment_id, status, recorded_by)
    values (${a.municipalityCode}, ${a.sessionId}, ${a.enrolmentId}, ${a.status}, ${a.userId})
    on conflict (municipality_code, session_id, enrolment_id)
    do update set status = excluded.status, recorded_by = excluded.recorded_by, recorded_at = now()`.execute(
    tx,
  );
}

/** The enrolment's registrations over the course's planned sessions, in order. */
export async function attendanceSequence(tx: Tx, courseId: string, enrolmentId: string) {
  const { rows } = await sql<{ session_id: string; status: string | null }>`
    select s.id as session_id, a.status
    from course_session s
    left join attendance a on a.municipality_code = s.municipality_code and a.session_id = s.id
      and a.enrolment_id = ${enrolmentId}
    where s.course_id = ${courseId} and s.status = 'planned'
    order by s.starts_at, s.id`.execute(tx);
  return rows;
}

/** Raises a flag unless one is open for the enrolment or was ever raised for this session. */
export async function raiseFlag(
  tx: Tx,
  f: {
    municipalityCode: string;
    enrolmentId: string;
    citizenId: string;
    courseId: string;
    referralId: string | null;
    sessionId: string;
  },
): Promise<boolean> {
  const { rows } = await sql<{ id: string }>`
    insert into attendance_flag (municipality_code, enrolment_id, citizen_id, course_id, referral_id, session_id)
    select ${f.municipalityCode}, ${f.enrolmentId}, ${f.citizenId}, ${f.courseId}, ${f.referralId}, ${f.sessionId}
    where not exists (select 1 from attendance_flag x where x.enrolment_id = ${f.enrolmentId}
      and (x.resolved_at is null or x.session_id = ${f.sessionId}))
    returning id`.execute(tx);
  return rows.length > 0;
}

export async function insertOutcome(
  tx: Tx,
  o: {
    municipalityCode: string;
    enrolmentId: string;
    citizenId: string;
    courseId: string;
    declaredFit: boolean;
    nextStep: string | null;
    satisfaction: number | null;
    comment: string | null;
    userId: string;
    organisationId: string | null;
  },
): Promise<string> {
  const { rows } = await sql<{ id: string }>`
    insert into course_outcome (municipality_code, enrolment_id, citizen_id, course_id, declared_fit,
      next_step, satisfaction, comment, recorded_by, recorded_by_organisation_id)
    values (${o.municipalityCode}, ${o.enrolmentId}, ${o.citizenId}, ${o.courseId}, ${o.declaredFit},
      ${o.nextStep}, ${o.satisfaction}, ${o.comment}, ${o.userId}, ${o.organisationId}) returning id`.execute(
    tx,
  );
  return rows[0]!.id;
}

export async function setOutcomeFollowOn(tx: Tx, id: string, referralId: string) {
  await sql`update course_outcome set follow_on_referral_id = ${referralId} where id = ${id}`.execute(
    tx,
  );
}

export async function overviewPerCitizen(tx: Tx, courseId: string) {
  const { rows } = await sql<{
    enrolment_id: string;
    citizen_id: string;
    citizen_name: string;
    status: string;
    registered: number;
    present: number;
  }>`
    select e.id as enrolment_id, e.citizen_id, c.first_name || ' ' || c.last_name as citizen_name,
      e.status, count(a.status)::int as registered,
      count(*) filter (where a.status = 'present')::int as present
    from enrolment e
    join citizen c on c.municipality_code = e.municipality_code and c.id = e.citizen_id
    left join attendance a on a.municipality_code = e.municipality_code and a.enrolment_id = e.id
    where e.course_id = ${courseId} and e.status <> 'waitlisted'
    group by e.id, e.citizen_id, c.first_name, c.last_name, e.status
    order by c.last_name, c.first_name, e.id`.execute(tx);
  return rows;
}

export async function overviewPerSession(tx: Tx, courseId: string) {
  const { rows } = await sql<{
    session_id: string;
    starts_at: Date;
    status: string;
    registered: number;
    present: number;
  }>`
    select s.id as session_id, s.starts_at, s.status, count(a.status)::int as registered,
      count(*) filter (where a.status = 'present')::int as present
    from course_session s
    left join attendance a on a.municipality_code = s.municipality_code and a.session_id = s.id
    where s.course_id = ${courseId}
    group by s.id, s.starts_at, s.status order by s.starts_at, s.id`.execute(tx);
  return rows;
}

export async function outcomeDistribution(tx: Tx, courseId: string) {
  const { rows } = await sql<{ key: string; n: number; avg_satisfaction: number | null }>`
    select case when declared_fit then 'declared_fit' else coalesce(next_step, 'none') end as key,
      count(*)::int as n, avg(satisfaction)::float8 as avg_satisfaction
    from course_outcome where course_id = ${courseId} group by 1`.execute(tx);
  const { rows: avg } = await sql<{ a: number | null }>`
    select avg(satisfaction)::float8 as a from course_outcome where course_id = ${courseId}`.execute(
    tx,
  );
  return { rows, average: avg[0]?.a ?? null };
}

export async function userNames(tx: Tx, ids: string[]) {
  if (ids.length === 0) return [];
  const { rows } = await sql<{ id: string; name: string }>`
    select id, display_name as name from app_user where id in (${sql.join(ids)})`.execute(tx);
  return rows;
}

/** Who was registered present at which session of the course (Middelfart's weekly rule). */
export async function presentAttendance(tx: Tx, courseId: string) {
  const { rows } = await sql<{ enrolment_id: string; session_id: string }>`
    select a.enrolment_id, a.session_id from attendance a
    join course_session s on s.municipality_code = a.municipality_code and s.id = a.session_id
    where s.course_id = ${courseId} and a.status = 'present'`.execute(tx);
  return rows;
}

/** Randers: the offer requires an intro meeting and the citizen has not attended it yet. */
export async function introPending(tx: Tx, offerId: string, citizenId: string) {
  const { rows } = await sql<{ pending: boolean }>`
    select o.intro_required and not exists (
      select 1 from intro_meeting_attendance i
      where i.municipality_code = o.municipality_code and i.offer_id = o.id
        and i.citizen_id = ${citizenId}) as pending
    from offer o where o.id = ${offerId}`.execute(tx);
  return rows[0]?.pending ?? false;
}

export async function recordIntroAttendance(
  tx: Tx,
  v: {
    municipalityCode: string;
    offerId: string;
    citizenId: string;
    attendedOn: string;
    userId: string;
  },
) {
  const { rows } = await sql<{ id: string }>`
    insert into intro_meeting_attendance (municipality_code, offer_id, citizen_id, attended_on, recorded_by)
    values (${v.municipalityCode}, ${v.offerId}, ${v.citizenId}, ${v.attendedOn}, ${v.userId})
    on conflict (municipality_code, offer_id, citizen_id)
      do update set attended_on = excluded.attended_on, recorded_by = excluded.recorded_by,
        recorded_at = now()
    returning id`.execute(tx);
  return rows[0]!.id;
}

/** Randers, by self sign-up: the citizen asks to come to the offer's intro meeting. */
export async function requestIntroMeeting(
  tx: Tx,
  v: { municipalityCode: string; offerId: string; citizenId: string; courseId: string },
) {
  await sql`insert into intro_meeting_request (municipality_code, offer_id, citizen_id, course_id)
    values (${v.municipalityCode}, ${v.offerId}, ${v.citizenId}, ${v.courseId})
    on conflict (municipality_code, offer_id, citizen_id)
      do update set course_id = excluded.course_id`.execute(tx);
}

/** The citizen's intro meeting on each offer that requires one: asked for, attended. */
export async function introStatusesOf(tx: Tx, citizenId: string) {
  const { rows } = await sql<{ offer_id: string; requested: boolean; attended_on: string | null }>`
    select o.id as offer_id,
      exists (select 1 from intro_meeting_request r where r.municipality_code = o.municipality_code
        and r.offer_id = o.id and r.citizen_id = ${citizenId}) as requested,
      (select to_char(i.attended_on, 'YYYY-MM-DD') from intro_meeting_attendance i
        where i.municipality_code = o.municipality_code and i.offer_id = o.id
          and i.citizen_id = ${citizenId}) as attended_on
    from offer o where o.intro_required`.execute(tx);
  return new Map(rows.map((r) => [r.offer_id, r]));
}

/** Who asked for the intro meeting of the course's offer, and who has attended it. */
export async function introRequests(tx: Tx, offerId: string) {
  const { rows } = await sql<{
    citizen_id: string;
    citizen_name: string;
    course_id: string;
    requested_at: Date;
    attended_on: string | null;
  }>`select r.citizen_id, c.first_name || ' ' || c.last_name as citizen_name, r.course_id,
      r.requested_at, to_char(i.attended_on, 'YYYY-MM-DD') as attended_on
    from intro_meeting_request r
    join citizen c on c.municipality_code = r.municipality_code and c.id = r.citizen_id
    left join intro_meeting_attendance i on i.municipality_code = r.municipality_code
      and i.offer_id = r.offer_id and i.citizen_id = r.citizen_id
    where r.offer_id = ${offerId}
    order by r.requested_at, r.citizen_id`.execute(tx);
  return rows;
}
