/**
 * SQL for the FHIR views: reads the tables of several modules on purpose (like modules/sharing),
 * because a FHIR resource is a projection of them; no policy here, every query runs in the
 * caller's tenant transaction (row-level security holds).
 */
import { sql } from 'kysely';
import type { Tx } from '../../platform/context.js';

/** The citizen a resource of a clinical type belongs to, or undefined when there is none. */
export async function citizenOfResource(
  tx: Tx,
  type: string,
  id: string,
  pair: [string, string] | null,
): Promise<string | undefined> {
  const one = async (q: ReturnType<typeof sql<{ citizen_id: string }>>) =>
    (await q.execute(tx)).rows[0]?.citizen_id;
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
  const tail = id.match(/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/)?.[1];
  switch (type) {
    case 'Patient':
      return uuid.test(id)
        ? one(sql`select id as citizen_id from citizen where id = ${id}`)
        : undefined;
    case 'Consent':
      return uuid.test(id) ? one(sql`select citizen_id from consent where id = ${id}`) : undefined;
    case 'ServiceRequest':
    case 'Task':
      return uuid.test(id) ? one(sql`select citizen_id from referral where id = ${id}`) : undefined;
    case 'QuestionnaireResponse':
      return uuid.test(id)
        ? one(
            sql`select subject_citizen_id as citizen_id from questionnaire_response where id = ${id}`,
          )
        : undefined;
    case 'Observation':
      if (!tail) return undefined;
      return id.startsWith('test-')
        ? one(sql`select citizen_id from health_test where id = ${tail}`)
        : one(sql`select id as citizen_id from citizen where id = ${tail}`);
    case 'CarePlan':
      return uuid.test(id) ? one(sql`select citizen_id from plan where id = ${id}`) : undefined;
    case 'Goal':
      return uuid.test(id)
        ? one(sql`select p.citizen_id from plan_goal g join plan p
            on p.municipality_code = g.municipality_code and p.id = g.plan_id where g.id = ${id}`)
        : undefined;
    case 'Appointment':
    case 'Encounter':
      return pair ? one(sql`select citizen_id from enrolment where id = ${pair[1]}`) : undefined;
    case 'EpisodeOfCare':
      return uuid.test(id)
        ? one(sql`select citizen_id from benefit_period where id = ${id}`)
        : undefined;
    default:
      return undefined;
  }
}

export interface OrganisationRow {
  id: string;
  municipality_code: string;
  name: string;
  type: string;
  address: string | null;
  active: boolean;
}

export async function organisations(tx: Tx, ids?: readonly string[]): Promise<OrganisationRow[]> {
  if (ids && ids.length === 0) return [];
  const { rows } = await sql<OrganisationRow>`
    select id, municipality_code, name, type, address, active from organisation
    ${ids ? sql`where id in (${sql.join(ids)})` : sql``} order by name, id`.execute(tx);
  return rows;
}

export interface StaffRoleRow {
  id: string;
  role: string;
  display_name: string;
  organisation_id: string | null;
  organisation_name: string | null;
  active: boolean;
}

export async function staffRole(tx: Tx, id: string): Promise<StaffRoleRow | undefined> {
  const { rows } = await sql<StaffRoleRow>`
    select r.id, r.role, u.display_name, r.organisation_id, o.name as organisation_name, u.active
    from user_role r join app_user u on u.id = r.user_id
    left join organisation o on o.municipality_code = r.municipality_code and o.id = r.organisation_id
    where r.id = ${id} and r.role <> 'citizen'`.execute(tx);
  return rows[0];
}

/** The responsible caseworker's case-work role (the episode's care manager). */
export async function caseworkerRole(tx: Tx, userId: string): Promise<StaffRoleRow | undefined> {
  const { rows } = await sql<StaffRoleRow>`
    select r.id, r.role, u.display_name, r.organisation_id, o.name as organisation_name, u.active
    from user_role r join app_user u on u.id = r.user_id
    left join organisation o on o.municipality_code = r.municipality_code and o.id = r.organisation_id
    where r.user_id = ${userId} and r.role in ('caseworker', 'coordinating_caseworker')
    order by r.role, r.id limit 1`.execute(tx);
  return rows[0];
}

export interface ConsentRow {
  id: string;
  citizen_id: string;
  recipient_organisation_id: string;
  recipient_name: string | null;
  categories: string[];
  purpose: string;
  valid_from: string;
  valid_to: string | null;
  status: 'given' | 'refused' | 'withdrawn';
  created_at: string;
}

export async function consentsOf(tx: Tx, citizenIds: readonly string[]): Promise<ConsentRow[]> {
  if (!citizenIds.length) return [];
  const { rows } = await sql<ConsentRow>`
    select c.id, c.citizen_id, c.recipient_organisation_id, o.name as recipient_name, c.categories,
      c.purpose, c.valid_from, c.valid_to, c.status, c.created_at
    from consent c left join organisation o
      on o.municipality_code = c.municipality_code and o.id = c.recipient_organisation_id
    where c.citizen_id in (${sql.join(citizenIds)}) order by c.created_at, c.id`.execute(tx);
  return rows;
}

export interface ReferralRow {
  id: string;
  citizen_id: string;
  offer_id: string;
  offer_title: string;
  from_organisation_id: string;
  from_name: string | null;
  to_organisation_id: string;
  to_name: string | null;
  reason: string;
  participation: 'voluntary' | 'mandatory';
  state: string;
  state_reason: string | null;
  consent_id: string | null;
  created_at: string;
  updated_at: string;
}

export async function referralsOf(tx: Tx, citizenIds: readonly string[]): Promise<ReferralRow[]> {
  if (!citizenIds.length) return [];
  const { rows } = await sql<ReferralRow>`
    select r.id, r.citizen_id, r.offer_id, f.title as offer_title, r.from_organisation_id,
      a.name as from_name, r.to_organisation_id, b.name as to_name, r.reason, r.participation,
      r.state, r.state_reason, r.consent_id, r.created_at, r.updated_at
    from referral r
    join offer f on f.municipality_code = r.municipality_code and f.id = r.offer_id
    left join organisation a on a.municipality_code = r.municipality_code and a.id = r.from_organisation_id
    left join organisation b on b.municipality_code = r.municipality_code and b.id = r.to_organisation_id
    where r.citizen_id in (${sql.join(citizenIds)}) order by r.created_at, r.id`.execute(tx);
  return rows;
}

export interface ResponseRow {
  id: string;
  citizen_id: string;
  definition_key: string;
  definition_version: number;
  status: 'draft' | 'completed';
  answers: Record<string, string | number | string[] | null>;
  filled_in_by: string;
  organisation_id: string | null;
  organisation_name: string | null;
  updated_at: string;
  completed_at: string | null;
}

/** The citizen's own questionnaire responses (the health profile); anonymous surveys have none. */
export async function responsesOf(tx: Tx, citizenId: string): Promise<ResponseRow[]> {
  const { rows } = await sql<ResponseRow>`
    select r.id, r.subject_citizen_id as citizen_id, r.definition_key, r.definition_version,
      r.status, r.answers, r.filled_in_by, r.organisation_id, o.name as organisation_name,
      r.updated_at, r.completed_at
    from questionnaire_response r
    left join organisation o on o.municipality_code = r.municipality_code and o.id = r.organisation_id
    where r.subject_citizen_id = ${citizenId} order by r.created_at, r.id`.execute(tx);
  return rows;
}

export interface DefinitionRow {
  key: string;
  version: number;
  definition: import('../questionnaires/questionnaires.service.js').QuestionnaireDefinition;
}

/** A questionnaire version by its FHIR id (key with dashes, -v, version). */
export async function definitionByFhirId(tx: Tx, id: string): Promise<DefinitionRow | undefined> {
  const m = id.match(/^(.+)-v(\d{1,6})$/);
  if (!m) return undefined;
  const { rows } = await sql<DefinitionRow>`
    select key, version, definition from questionnaire_definition
    where replace(key, '_', '-') = ${m[1]} and version = ${Number(m[2])}`.execute(tx);
  return rows[0];
}

export interface FactRow {
  citizen_id: string;
  fact: 'who5' | 'self_rated_health';
  value: string;
  recorded_at: string;
  source_response_id: string | null;
  origin_organisation_id: string | null;
}

export async function factsOf(tx: Tx, citizenId: string): Promise<FactRow[]> {
  const { rows } = await sql<FactRow>`
    select citizen_id, fact, value, recorded_at, source_response_id, origin_organisation_id
    from health_profile_fact where citizen_id = ${citizenId} order by fact`.execute(tx);
  return rows;
}

export interface HealthTestRow {
  id: string;
  citizen_id: string;
  recorded_by_organisation_id: string;
  measured_on: string;
  weight_kg: string | null;
  height_cm: string | null;
  bmi: string | null;
  fat_percent: string | null;
  co_ppm: number | null;
  systolic: number | null;
  diastolic: number | null;
}

export async function testsOf(tx: Tx, citizenId: string): Promise<HealthTestRow[]> {
  const { rows } = await sql<HealthTestRow>`
    select id, citizen_id, recorded_by_organisation_id, measured_on, weight_kg, height_cm, bmi,
      fat_percent, co_ppm, systolic, diastolic
    from health_test where citizen_id = ${citizenId} order by measured_on, id`.execute(tx);
  return rows;
}

export interface PlanRow {
  id: string;
  citizen_id: string;
  goal_kind: 'job' | 'education';
  job_goal: string;
  status: 'active' | 'closed';
  owner_organisation_id: string | null;
  created_at: string;
}

export interface GoalRow {
  id: string;
  plan_id: string;
  parent_goal_id: string | null;
  specific: string;
  measurable: string;
  agreed_with_citizen: boolean;
  relevance: string;
  due_date: string | null;
  category: string;
  requirement: boolean;
  status: 'open' | 'in_progress' | 'achieved' | 'dropped';
  created_at: string;
}

export interface ActivityRow {
  id: string;
  plan_id: string;
  title: string;
  requirement: boolean;
  referral_id: string | null;
  status: 'planned' | 'active' | 'completed' | 'dropped';
}

export async function planOf(tx: Tx, citizenId: string) {
  const { rows } = await sql<PlanRow>`
    select id, citizen_id, goal_kind, job_goal, status, owner_organisation_id, created_at
    from plan where citizen_id = ${citizenId}`.execute(tx);
  const plan = rows[0];
  if (!plan) return undefined;
  const goals = await sql<GoalRow>`
    select id, plan_id, parent_goal_id, specific, measurable, agreed_with_citizen, relevance,
      due_date, category, requirement, status, created_at
    from plan_goal where plan_id = ${plan.id} order by sort_order, created_at, id`.execute(tx);
  const activities = await sql<ActivityRow>`
    select id, plan_id, title, requirement, referral_id, status
    from plan_activity where plan_id = ${plan.id} order by created_at, id`.execute(tx);
  return { plan, goals: goals.rows, activities: activities.rows };
}

export interface SessionRow {
  session_id: string;
  enrolment_id: string;
  citizen_id: string;
  course_id: string;
  course_title: string;
  course_organisation_id: string;
  referral_id: string | null;
  starts_at: string;
  ends_at: string;
  session_status: 'planned' | 'cancelled';
  place: string | null;
  attendance: 'present' | 'absent_notice' | 'absent_no_notice' | 'sick' | null;
}

/** Every session of every course the citizens are (or were) enrolled in, with their attendance. */
export async function sessionsOf(tx: Tx, citizenIds: readonly string[]): Promise<SessionRow[]> {
  if (!citizenIds.length) return [];
  const { rows } = await sql<SessionRow>`
    select s.id as session_id, e.id as enrolment_id, e.citizen_id, c.id as course_id,
      c.title as course_title, f.provider_organisation_id as course_organisation_id, e.referral_id,
      s.starts_at, s.ends_at, s.status as session_status, c.place, a.status as attendance
    from enrolment e
    join course c on c.municipality_code = e.municipality_code and c.id = e.course_id
    join offer f on f.municipality_code = c.municipality_code and f.id = c.offer_id
    join course_session s on s.municipality_code = c.municipality_code and s.course_id = c.id
    left join attendance a on a.municipality_code = s.municipality_code and a.session_id = s.id
      and a.enrolment_id = e.id
    where e.citizen_id in (${sql.join(citizenIds)}) and e.status <> 'waitlisted'
    order by s.starts_at, s.id`.execute(tx);
  return rows;
}

export interface BenefitRow {
  id: string;
  citizen_id: string;
  benefit_type: string;
  name_da: string;
  start_date: string;
  end_date: string | null;
  end_reason: string | null;
}

export async function benefitPeriodsOf(
  tx: Tx,
  citizenIds: readonly string[],
): Promise<BenefitRow[]> {
  if (!citizenIds.length) return [];
  const { rows } = await sql<BenefitRow>`
    select b.id, b.citizen_id, b.benefit_type, t.name_da, b.start_date, b.end_date, b.end_reason
    from benefit_period b join benefit_type t on t.code = b.benefit_type
    where b.citizen_id in (${sql.join(citizenIds)}) order by b.start_date, b.id`.execute(tx);
  return rows;
}

/** The municipality's job centre: the organisation that manages benefit periods. */
export async function jobCentreId(tx: Tx): Promise<string | null> {
  const { rows } = await sql<{ id: string }>`
    select id from organisation where type = 'jobcenter' order by created_at, id limit 1`.execute(
    tx,
  );
  return rows[0]?.id ?? null;
}

// --- Bulk export -------------------------------------------------------------------------------

export interface ExportJobRow {
  id: string;
  municipality_code: string;
  requested_by: string;
  types: string[];
  status: 'queued' | 'running' | 'completed' | 'failed';
  done: number;
  total: number;
  error: string | null;
  request_url: string;
  created_at: string;
  completed_at: string | null;
}

export async function insertExportJob(
  tx: Tx,
  j: { municipalityCode: string; requestedBy: string; types: string[]; requestUrl: string },
): Promise<string> {
  const { rows } = await sql<{ id: string }>`
    insert into fhir_export_job (municipality_code, requested_by, types, request_url)
    values (${j.municipalityCode}, ${j.requestedBy}, ${j.types}, ${j.requestUrl}) returning id`.execute(
    tx,
  );
  return rows[0]!.id;
}

export async function exportJob(tx: Tx, id: string): Promise<ExportJobRow | undefined> {
  const { rows } = await sql<ExportJobRow>`
    select id, municipality_code, requested_by, types, status, done, total, error, request_url,
      created_at, completed_at
    from fhir_export_job where id = ${id}`.execute(tx);
  return rows[0];
}

export async function updateExportJob(
  tx: Tx,
  id: string,
  set: {
    status?: string;
    done?: number;
    total?: number;
    error?: string | null;
    completed?: boolean;
  },
) {
  await sql`update fhir_export_job set
      status = coalesce(${set.status ?? null}, status),
      done = coalesce(${set.done ?? null}::integer, done),
      total = coalesce(${set.total ?? null}::integer, total),
      error = coalesce(${set.error ?? null}, error),
      completed_at = case when ${set.completed ?? false} then now() else completed_at end
    where id = ${id}`.execute(tx);
}

export async function insertExportFile(
  tx: Tx,
  f: { municipalityCode: string; jobId: string; type: string; part: number; lines: string[] },
) {
  await sql`insert into fhir_export_file (municipality_code, job_id, resource_type, part, line_count, ndjson)
    values (${f.municipalityCode}, ${f.jobId}, ${f.type}, ${f.part}, ${f.lines.length},
      ${`${f.lines.join('\n')}\n`})`.execute(tx);
}

export async function exportFiles(tx: Tx, jobId: string) {
  const { rows } = await sql<{ resource_type: string; part: number; line_count: number }>`
    select resource_type, part, line_count from fhir_export_file where job_id = ${jobId}
    order by resource_type, part`.execute(tx);
  return rows;
}

export async function exportFile(tx: Tx, jobId: string, type: string, part: number) {
  const { rows } = await sql<{ ndjson: string }>`
    select ndjson from fhir_export_file
    where job_id = ${jobId} and resource_type = ${type} and part = ${part}`.execute(tx);
  return rows[0]?.ndjson;
}

export async function citizenPage(
  tx: Tx,
  municipalityCode: string,
  after: string | null,
  limit: number,
) {
  const { rows } = await sql<{ id: string; gender: string | null }>`
    select id, gender from citizen where municipality_code = ${municipalityCode}
      ${after ? sql`and id > ${after}` : sql``}
    order by id limit ${limit}`.execute(tx);
  return rows;
}

export async function citizenCount(tx: Tx, municipalityCode: string): Promise<number> {
  const { rows } = await sql<{ n: string }>`
    select count(*) as n from citizen where municipality_code = ${municipalityCode}`.execute(tx);
  return Number(rows[0]!.n);
}

/**
 * The cells of the export with 1–4 citizens (the dashboards' small-cell rule): offers by referred
 * citizens, courses by enrolled citizens, benefit types by citizens with a period.
 */
export async function smallCells(tx: Tx, municipalityCode: string) {
  const { rows } = await sql<{ kind: string; key: string }>`
    select 'offer' as kind, offer_id::text as key from referral where municipality_code = ${municipalityCode}
      group by offer_id having count(distinct citizen_id) between 1 and 4
    union all
    select 'course', course_id::text from enrolment where municipality_code = ${municipalityCode}
      and status <> 'waitlisted'
      group by course_id having count(distinct citizen_id) between 1 and 4
    union all
    select 'benefit', benefit_type from benefit_period where municipality_code = ${municipalityCode}
      group by benefit_type having count(distinct citizen_id) between 1 and 4`.execute(tx);
  return {
    offers: new Set(rows.filter((r) => r.kind === 'offer').map((r) => r.key)),
    courses: new Set(rows.filter((r) => r.kind === 'course').map((r) => r.key)),
    benefits: new Set(rows.filter((r) => r.kind === 'benefit').map((r) => r.key)),
  };
}

/**
 * Enrolments whose attendance the job centre has a basis for (decision 0801): a mandatory
 * activation offer the job centre referred to (by law), or a valid consent from the citizen to
 * the job centre naming 'attendance'. The export carries no other attendance.
 */
export async function attendanceWithBasis(
  tx: Tx,
  citizenIds: readonly string[],
  jobCentreIds: readonly string[],
): Promise<Set<string>> {
  if (!citizenIds.length || !jobCentreIds.length) return new Set();
  const { rows } = await sql<{ id: string }>`
    select e.id from enrolment e
    left join referral r on r.municipality_code = e.municipality_code and r.id = e.referral_id
    where e.citizen_id in (${sql.join(citizenIds)})
      and ((r.participation = 'mandatory' and r.from_organisation_id in (${sql.join(jobCentreIds)}))
        or exists (select 1 from consent c where c.municipality_code = e.municipality_code
          and c.citizen_id = e.citizen_id and c.status = 'given' and c.withdrawn_at is null
          and c.recipient_organisation_id in (${sql.join(jobCentreIds)})
          and 'attendance' = any (c.categories)
          and c.valid_from <= current_date and (c.valid_to is null or c.valid_to >= current_date)))`.execute(
    tx,
  );
  return new Set(rows.map((r) => r.id));
}
