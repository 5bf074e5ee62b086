/** SQL for evaluation: criteria, course metrics, the effect cohort, dashboard aggregates. */

import type { Criterion, DashboardQuery } from '@helhed/shared/evaluation';
import { sql } from 'kysely';
import type { Tx } from '../../platform/context.js';
import { themeCodes } from '../catalogue/catalogue.schema.js';

export interface CourseRow {
  municipality_code: string;
  id: string;
  title: string;
  offer_id: string;
  offer_title: string;
  provider_organisation_id: string;
  provider_name: string;
  start_date: string;
  weeks: number;
  status: string;
  locked: boolean;
  end_date: string;
  follow_up_complete: boolean;
  has_criteria: boolean;
}

const courseSelect = sql`
  select k.municipality_code, k.id, k.title, k.offer_id, o.title as offer_title,
    o.provider_organisation_id, org.name as provider_name, k.start_date::text as start_date,
    k.weeks, k.status,
    (k.status in ('running', 'completed') or (k.status <> 'cancelled' and k.start_date <= current_date)) as locked,
    (k.start_date + k.weeks * 7)::text as end_date,
    (k.start_date + k.weeks * 7 + 91 <= current_date) as follow_up_complete,
    exists (select 1 from success_criteria_set s where s.municipality_code = k.municipality_code
      and (s.course_id = k.id or (s.offer_id = k.offer_id and s.created_at::date <= k.start_date))) as has_criteria
  from course k
  join offer o on o.municipality_code = k.municipality_code and o.id = k.offer_id
  join organisation org on org.municipality_code = o.municipality_code and org.id = o.provider_organisation_id`;

export async function listCourses(tx: Tx, m: string): Promise<CourseRow[]> {
  const { rows } = await sql<CourseRow>`${courseSelect}
    where k.municipality_code = ${m} order by k.start_date desc, k.title limit 500`.execute(tx);
  return rows;
}

export async function getCourse(tx: Tx, m: string, id: string): Promise<CourseRow | undefined> {
  const { rows } = await sql<CourseRow>`${courseSelect}
    where k.municipality_code = ${m} and k.id = ${id}`.execute(tx);
  return rows[0];
}

export interface CriteriaRow {
  id: string;
  offer_id: string | null;
  course_id: string | null;
  version: number;
  criteria: Criterion[];
  note: string;
  created_at: Date;
  updated_at: Date;
}

/** The set in force for a course: its own, else the newest offer set made before it started. */
export async function criteriaForCourse(
  tx: Tx,
  course: CourseRow,
): Promise<CriteriaRow | undefined> {
  const { rows } = await sql<CriteriaRow>`
    select id, offer_id, course_id, version, criteria, note, created_at, updated_at
    from success_criteria_set
    where municipality_code = ${course.municipality_code}
      and (course_id = ${course.id} or (offer_id = ${course.offer_id} and created_at::date <= ${course.start_date}::date))
    order by (course_id is not null) desc, version desc limit 1`.execute(tx);
  return rows[0];
}

export async function upsertCourseCriteria(
  tx: Tx,
  course: CourseRow,
  input: { criteria: Criterion[]; note: string },
  userId: string,
): Promise<void> {
  // The version counts the sets made for the offer's courses: the next course gets the next one.
  await sql`
    insert into success_criteria_set (municipality_code, course_id, version, criteria, note, created_by, previous_id)
    values (${course.municipality_code}, ${course.id},
      (select coalesce(max(s.version), 0) + 1 from success_criteria_set s
        join course k on k.municipality_code = s.municipality_code and k.id = s.course_id
        where s.municipality_code = ${course.municipality_code} and k.offer_id = ${course.offer_id}),
      ${JSON.stringify(input.criteria)}::jsonb, ${input.note}, ${userId},
      (select s.id from success_criteria_set s
        join course k on k.municipality_code = s.municipality_code and k.id = s.course_id
        where s.municipality_code = ${course.municipality_code} and k.offer_id = ${course.offer_id}
          and k.id <> ${course.id}
        order by s.version desc limit 1))
    on conflict (municipality_code, course_id) where course_id is not null
    do update set criteria = excluded.criteria, note = excluded.note, updated_at = now()`.execute(
    tx,
  );
}

export interface CourseMetrics {
  participants: number;
  attendance_present: number;
  attendance_total: number;
  dropped_out: number;
  self_sufficient: number;
  satisfaction_sum: number;
  satisfaction_n: number;
}

const success = sql`('job', 'education', 'declared_fit')`;

export async function courseMetrics(tx: Tx, course: CourseRow): Promise<CourseMetrics> {
  const m = course.municipality_code;
  const { rows } = await sql<Record<keyof CourseMetrics, string | number>>`
    with p as (
      select e.id, e.citizen_id, e.status from enrolment e
      where e.municipality_code = ${m} and e.course_id = ${course.id}
        and e.status in ('enrolled', 'completed', 'dropped_out')
    )
    select
      (select count(*) from p) as participants,
      (select count(*) filter (where a.status = 'present') from attendance a
        join p on p.id = a.enrolment_id
        join course_session s on s.municipality_code = a.municipality_code and s.id = a.session_id
        where a.municipality_code = ${m} and s.status <> 'cancelled') as attendance_present,
      (select count(*) from attendance a
        join p on p.id = a.enrolment_id
        join course_session s on s.municipality_code = a.municipality_code and s.id = a.session_id
        where a.municipality_code = ${m} and s.status <> 'cancelled') as attendance_total,
      (select count(*) from p where p.status = 'dropped_out') as dropped_out,
      (select count(*) from p where
        exists (select 1 from course_outcome co where co.municipality_code = ${m}
          and co.enrolment_id = p.id and co.declared_fit)
        or exists (select 1 from benefit_period b where b.municipality_code = ${m}
          and b.citizen_id = p.citizen_id and b.end_reason in ${success}
          and b.end_date between ${course.start_date}::date and ${course.end_date}::date + 91)) as self_sufficient,
      (select coalesce(sum(co.satisfaction), 0) from course_outcome co join p on p.id = co.enrolment_id
        where co.municipality_code = ${m} and co.satisfaction is not null) as satisfaction_sum,
      (select count(co.satisfaction) from course_outcome co join p on p.id = co.enrolment_id
        where co.municipality_code = ${m}) as satisfaction_n`.execute(tx);
  const r = rows[0]!;
  return Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Number(v)])) as never;
}

export async function satisfactionDetails(
  tx: Tx,
  course: CourseRow,
): Promise<{ distribution: Map<number, number>; comments: string[] }> {
  const m = course.municipality_code;
  const { rows } = await sql<{ satisfaction: number | null; comment: string | null }>`
    select co.satisfaction, co.comment from course_outcome co
    join enrolment e on e.municipality_code = co.municipality_code and e.id = co.enrolment_id
    where co.municipality_code = ${m} and co.course_id = ${course.id}
      and e.status in ('enrolled', 'completed', 'dropped_out')`.execute(tx);
  const distribution = new Map<number, number>([1, 2, 3, 4, 5].map((r) => [r, 0]));
  for (const r of rows)
    if (r.satisfaction) distribution.set(r.satisfaction, distribution.get(r.satisfaction)! + 1);
  const comments = rows
    .map((r) => r.comment?.trim())
    .filter((c): c is string => !!c)
    .sort((a, b) => a.localeCompare(b, 'da'));
  return { distribution, comments };
}

export interface CohortRow {
  grp: 'participants' | 'comparison';
  days: number;
  event: boolean;
}

/**
 * The effect cohort for a course. Participants: enrolled (not waitlisted or cancelled) with a
 * benefit period open at the course start. Comparison: citizens of the municipality with a
 * benefit period open at the same date who never enrolled in a course of the same offer, kept
 * only in strata (benefit type × age band × weeks on benefit × risk group) that hold a
 * participant; the risk group is the caseworker's latest decision (risk_decision, #5) made by
 * the course start, else 'none'. Time runs from the course start to the end of that benefit period with job,
 * education or declared fit (the event), else to its other end or today (censored).
 */
export async function effectCohort(tx: Tx, course: CourseRow): Promise<CohortRow[]> {
  const m = course.municipality_code;
  const start = course.start_date;
  const { rows } = await sql<CohortRow>`
    with risk as (
      ${latestRiskDecisions(m, sql`d.decided_at < ${start}::date + 1`)}
    ),
    open_periods as (
      select distinct on (b.citizen_id) b.citizen_id, b.benefit_type, b.start_date, b.end_date, b.end_reason,
        c.birth_date, coalesce(r.decided_group, 'none') as risk_group
      from benefit_period b
      join citizen c on c.municipality_code = b.municipality_code and c.id = b.citizen_id
      left join risk r on r.citizen_id = b.citizen_id
      where b.municipality_code = ${m} and b.start_date <= ${start}::date
        and (b.end_date is null or b.end_date >= ${start}::date)
      order by b.citizen_id, b.start_date desc
    ),
    strata as (
      select op.*,
        op.benefit_type || '|' ||
        case when extract(year from age(${start}::date, op.birth_date)) < 30 then '18-29'
             when extract(year from age(${start}::date, op.birth_date)) < 40 then '30-39'
             when extract(year from age(${start}::date, op.birth_date)) < 50 then '40-49'
             when extract(year from age(${start}::date, op.birth_date)) < 60 then '50-59' else '60+' end || '|' ||
        case when ${start}::date - op.start_date < 91 then '0-12'
             when ${start}::date - op.start_date < 182 then '13-25'
             when ${start}::date - op.start_date < 364 then '26-51' else '52+' end || '|' ||
        op.risk_group as stratum
      from open_periods op
    ),
    participants as (
      select s.* from strata s where exists (select 1 from enrolment e
        where e.municipality_code = ${m} and e.course_id = ${course.id} and e.citizen_id = s.citizen_id
          and e.status in ('enrolled', 'completed', 'dropped_out'))
    ),
    -- The citizens ever enrolled in a course of the offer, read once (the offer's courses, then
    -- their enrolments) instead of probing each candidate's enrolments (decision 1141).
    offer_citizens as materialized (
      select e.citizen_id from enrolment e
      join course k on k.municipality_code = e.municipality_code and k.id = e.course_id
      where e.municipality_code = ${m} and k.offer_id = ${course.offer_id}
    ),
    comparison as (
      select s.* from strata s
      where s.stratum in (select stratum from participants)
        and not exists (select 1 from offer_citizens oc where oc.citizen_id = s.citizen_id)
    ),
    both_groups as (
      select 'participants' as grp, * from participants
      union all select 'comparison' as grp, * from comparison
    )
    select grp,
      (case when end_date is not null and end_date <= current_date then end_date else current_date end - ${start}::date) as days,
      (end_date is not null and end_date <= current_date and end_reason in ${success}) as event
    from both_groups`.execute(tx);
  return rows.map((r) => ({ grp: r.grp, days: Number(r.days), event: !!r.event }));
}

// ---------- dashboard ----------

export interface DashboardFilters extends DashboardQuery {
  from: string;
  to: string;
}

/**
 * Restricts to the citizens a dashboard counts (benefit type and age band at the period end);
 * nothing when neither filter is set, so the common case does not scan the citizen table.
 */
function inCohort(column: string, m: string, f: DashboardFilters) {
  if (!f.benefitType && !f.ageBand) return sql``;
  return sql`and ${sql.ref(column)} in (${cohort(m, f)})`;
}

function cohort(m: string, f: DashboardFilters) {
  return sql`select c.id from citizen c where c.municipality_code = ${m}
    ${
      f.benefitType
        ? sql`and exists (select 1 from benefit_period b where b.municipality_code = c.municipality_code
            and b.citizen_id = c.id and b.benefit_type = ${f.benefitType}
            and b.start_date <= ${f.to}::date and (b.end_date is null or b.end_date >= ${f.from}::date))`
        : sql``
    }
    ${f.ageBand ? ageBandFilter(f.to, f.ageBand) : sql``}`;
}

const ageBands: Record<string, [number | null, number | null]> = {
  '18-29': [null, 30],
  '30-39': [30, 40],
  '40-49': [40, 50],
  '50-59': [50, 60],
  '60+': [60, null],
};

/**
 * The age band at `at` as a range of birth dates (age ≥ lo ⇔ born on or before at − lo years),
 * the same citizens as the band of extract(year from age(at, birth_date)) but a condition the
 * planner can estimate from the column's statistics.
 */
function ageBandFilter(at: string, band: string) {
  const [lo, hi] = ageBands[band] ?? [null, null];
  return sql`${lo === null ? sql`` : sql`and c.birth_date <= (${at}::date - make_interval(years => ${lo}))::date`}
    ${hi === null ? sql`` : sql`and c.birth_date > (${at}::date - make_interval(years => ${hi}))::date`}`;
}

function offerFilter(f: DashboardFilters, alias = 'o') {
  return sql`${f.offerId ? sql`and ${sql.ref(`${alias}.id`)} = ${f.offerId}` : sql``}
    ${f.providerId ? sql`and ${sql.ref(`${alias}.provider_organisation_id`)} = ${f.providerId}` : sql``}`;
}

export async function referralsByOfferAndState(tx: Tx, m: string, f: DashboardFilters) {
  // Counted per offer id first, then labelled: the labels are built for a few hundred groups,
  // not for every referral.
  const { rows } = await sql<{ offer: string; state: string; n: number }>`
    select o.title || ' (' || org.name || ')' as offer, x.state, sum(x.n)::int as n
    from (select r.offer_id, r.state, count(*) as n from referral r
      where r.municipality_code = ${m} and r.state <> 'draft'
        and r.created_at::date between ${f.from}::date and ${f.to}::date
        ${inCohort('r.citizen_id', m, f)}
      group by 1, 2) x
    join offer o on o.municipality_code = ${m} and o.id = x.offer_id
    join organisation org on org.municipality_code = o.municipality_code and org.id = o.provider_organisation_id
    where true ${offerFilter(f)}
    group by 1, 2`.execute(tx);
  return rows;
}

/**
 * Days from a referral's first "sent" to its course's start, per offer. The first "sent" is the
 * referral's first_sent_at, kept from its events by triggers (decision 1141), not a scan of
 * every event of the municipality.
 */
export async function waitingTimes(tx: Tx, m: string, f: DashboardFilters) {
  const { rows } = await sql<{
    offer: string;
    n: number;
    median: number | null;
    mean: number | null;
  }>`
    with w as (
      select o.title || ' (' || org.name || ')' as offer, (k.start_date - r.first_sent_at::date) as days
      from referral r
      join offer o on o.municipality_code = r.municipality_code and o.id = r.offer_id
      join organisation org on org.municipality_code = o.municipality_code and org.id = o.provider_organisation_id
      join course k on k.municipality_code = r.municipality_code and k.id = r.course_id
      where r.municipality_code = ${m} and r.state in ('started', 'completed', 'dropped_out')
        and r.first_sent_at is not null and k.start_date between ${f.from}::date and ${f.to}::date
        ${inCohort('r.citizen_id', m, f)} ${offerFilter(f)}
    )
    select offer, count(days)::int as n,
      percentile_cont(0.5) within group (order by days) as median, avg(days)::float8 as mean
    from w where days is not null group by offer order by offer`.execute(tx);
  return rows.map((r) => ({
    ...r,
    median: r.median === null ? null : Number(r.median),
    mean: r.mean === null ? null : Number(r.mean),
  }));
}

export async function attendanceByOffer(tx: Tx, m: string, f: DashboardFilters) {
  // attendance_summary holds the counts per enrolment, kept by triggers on attendance (0700):
  // one row per enrolment instead of every registration.
  const { rows } = await sql<{
    offer: string;
    present: number;
    absent_notice: number;
    absent_no_notice: number;
    sick: number;
  }>`
    select o.title || ' (' || org.name || ')' as offer,
      sum(a.present)::int as present, sum(a.absent_notice)::int as absent_notice,
      sum(a.absent_no_notice)::int as absent_no_notice, sum(a.sick)::int as sick
    from attendance_summary a
    join enrolment e on e.municipality_code = a.municipality_code and e.id = a.enrolment_id
    join course k on k.municipality_code = e.municipality_code and k.id = e.course_id
    join offer o on o.municipality_code = k.municipality_code and o.id = k.offer_id
    join organisation org on org.municipality_code = o.municipality_code and org.id = o.provider_organisation_id
    where a.municipality_code = ${m} and k.start_date between ${f.from}::date and ${f.to}::date
      ${inCohort('e.citizen_id', m, f)} ${offerFilter(f)}
    group by 1`.execute(tx);
  const statuses = ['present', 'absent_notice', 'absent_no_notice', 'sick'] as const;
  return rows.flatMap((r) =>
    statuses.filter((s) => r[s] > 0).map((status) => ({ offer: r.offer, status, n: r[status] })),
  );
}

export async function enrolmentsByOffer(tx: Tx, m: string, f: DashboardFilters) {
  const { rows } = await sql<{ offer: string; status: string; n: number }>`
    select o.title || ' (' || org.name || ')' as offer, e.status, count(*)::int as n
    from enrolment e
    join course k on k.municipality_code = e.municipality_code and k.id = e.course_id
    join offer o on o.municipality_code = k.municipality_code and o.id = k.offer_id
    join organisation org on org.municipality_code = o.municipality_code and org.id = o.provider_organisation_id
    where e.municipality_code = ${m} and e.status in ('enrolled', 'completed', 'dropped_out')
      and k.start_date between ${f.from}::date and ${f.to}::date
      ${inCohort('e.citizen_id', m, f)} ${offerFilter(f)}
    group by 1, 2`.execute(tx);
  return rows;
}

export async function outcomesByOffer(tx: Tx, m: string, f: DashboardFilters) {
  const { rows } = await sql<{ offer: string; category: string; n: number }>`
    select o.title || ' (' || org.name || ')' as offer,
      case when co.declared_fit then 'declared_fit' else coalesce(co.next_step, 'not_set') end as category,
      count(*)::int as n
    from course_outcome co
    join course k on k.municipality_code = co.municipality_code and k.id = co.course_id
    join offer o on o.municipality_code = k.municipality_code and o.id = k.offer_id
    join organisation org on org.municipality_code = o.municipality_code and org.id = o.provider_organisation_id
    where co.municipality_code = ${m} and k.start_date between ${f.from}::date and ${f.to}::date
      ${inCohort('co.citizen_id', m, f)} ${offerFilter(f)}
    group by 1, 2`.execute(tx);
  return rows;
}

/**
 * Each citizen's latest risk-group decision (the risk module's risk_decision: the group a
 * caseworker decided, never the rules' suggestion alone) among those matching `when`.
 */
function latestRiskDecisions(m: string, when: ReturnType<typeof sql>) {
  return sql`select distinct on (d.citizen_id) d.citizen_id, d.decided_group
    from risk_decision d where d.municipality_code = ${m} and ${when}
    order by d.citizen_id, d.decided_at desc`;
}

export const riskGroupOrder = ['green', 'orange', 'red'] as const;

/** Citizens by their latest risk group decided within the period (each citizen once). */
export async function riskGroups(
  tx: Tx,
  m: string,
  f: DashboardFilters,
): Promise<{ risk_group: (typeof riskGroupOrder)[number]; n: number }[]> {
  const { rows } = await sql<{ risk_group: (typeof riskGroupOrder)[number]; n: number }>`
    select l.decided_group as risk_group, count(*)::int as n
    from (${latestRiskDecisions(
      m,
      // A range on the column itself (same days as decided_at::date) lets the planner estimate it.
      sql`d.decided_at >= ${f.from}::date and d.decided_at < ${f.to}::date + 1 ${inCohort('d.citizen_id', m, f)}`,
    )}) l
    group by 1`.execute(tx);
  return riskGroupOrder.map((g) => ({
    risk_group: g,
    n: rows.find((r) => r.risk_group === g)?.n ?? 0,
  }));
}

/**
 * The health profile's themes, in the codes offers carry (catalogue.schema validates an offer's
 * themes against the same list). They were English here once ('diet', 'exercise') and never
 * met the Danish codes of the offers, so every theme showed as a gap.
 */
export const healthThemes = themeCodes;

/** Themes from the health profile with no published offer in the catalogue. */
export async function catalogueGaps(tx: Tx, m: string): Promise<string[]> {
  const { rows } = await sql<{ theme: string }>`
    select t.theme from unnest(array[${sql.join(healthThemes.map((t) => sql`${t}`))}]::text[]) as t(theme)
    where not exists (select 1 from offer o where o.municipality_code = ${m}
      and o.status = 'published' and t.theme = any(o.themes))
    order by 1`.execute(tx);
  return rows.map((r) => r.theme);
}

export async function filterOptions(tx: Tx, m: string) {
  const offers = await sql<{ id: string; title: string }>`
    select id, title from offer where municipality_code = ${m} order by title`.execute(tx);
  const providers = await sql<{ id: string; name: string }>`
    select distinct org.id, org.name from organisation org
    join offer o on o.municipality_code = org.municipality_code and o.provider_organisation_id = org.id
    where org.municipality_code = ${m} order by org.name`.execute(tx);
  const benefitTypes = await sql<{ code: string; name: string }>`
    select code, name_da as name from benefit_type order by sort_order`.execute(tx);
  return { offers: offers.rows, providers: providers.rows, benefitTypes: benefitTypes.rows };
}

export interface OfferRow {
  municipality_code: string;
  id: string;
  title: string;
}

export async function getOffer(tx: Tx, m: string, id: string): Promise<OfferRow | undefined> {
  const { rows } = await sql<OfferRow>`select municipality_code, id, title from offer
    where municipality_code = ${m} and id = ${id}`.execute(tx);
  return rows[0];
}

/** The newest offer-level set and whether a course it governs has started (then it is locked). */
export async function latestOfferCriteria(
  tx: Tx,
  m: string,
  offerId: string,
): Promise<(CriteriaRow & { locked: boolean }) | undefined> {
  const { rows } = await sql<CriteriaRow & { locked: boolean }>`
    select s.id, s.offer_id, s.course_id, s.version, s.criteria, s.note, s.created_at, s.updated_at,
      exists (select 1 from course k where k.municipality_code = s.municipality_code
        and k.offer_id = s.offer_id and k.start_date >= s.created_at::date
        and (k.status in ('running', 'completed') or (k.status <> 'cancelled' and k.start_date <= current_date))
        and not exists (select 1 from success_criteria_set own where own.municipality_code = k.municipality_code
          and own.course_id = k.id)) as locked
    from success_criteria_set s
    where s.municipality_code = ${m} and s.offer_id = ${offerId}
    order by s.version desc limit 1`.execute(tx);
  return rows[0];
}

export async function insertOfferCriteria(
  tx: Tx,
  m: string,
  offerId: string,
  version: number,
  previousId: string | null,
  input: { criteria: Criterion[]; note: string },
  userId: string,
): Promise<void> {
  await sql`insert into success_criteria_set (municipality_code, offer_id, version, criteria, note, created_by, previous_id)
    values (${m}, ${offerId}, ${version}, ${JSON.stringify(input.criteria)}::jsonb, ${input.note}, ${userId}, ${previousId})`.execute(
    tx,
  );
}

export async function updateCriteria(
  tx: Tx,
  m: string,
  id: string,
  input: { criteria: Criterion[]; note: string },
): Promise<void> {
  await sql`update success_criteria_set set criteria = ${JSON.stringify(input.criteria)}::jsonb,
    note = ${input.note}, updated_at = now() where municipality_code = ${m} and id = ${id}`.execute(
    tx,
  );
}
