import { sql } from 'kysely';
import type { Tx } from '../../platform/context.js';

export interface PlanRow {
  municipality_code: string;
  id: string;
  citizen_id: string;
  goal_kind: string;
  job_goal: string;
  status: string;
  review_due: string | null;
  current_version: number;
}

export async function findPlan(tx: Tx, citizenId: string): Promise<PlanRow | undefined> {
  const { rows } = await sql<PlanRow>`select * from plan where citizen_id = ${citizenId}`.execute(
    tx,
  );
  return rows[0];
}

export async function ensurePlan(
  tx: Tx,
  municipalityCode: string,
  citizenId: string,
  userId: string,
): Promise<PlanRow> {
  const existing = await findPlan(tx, citizenId);
  if (existing) return existing;
  const { rows } = await sql<PlanRow>`insert into plan (municipality_code, citizen_id, created_by)
    values (${municipalityCode}, ${citizenId}, ${userId}) returning *`.execute(tx);
  return rows[0]!;
}

export async function updateHeader(
  tx: Tx,
  planId: string,
  h: { goalKind: string; jobGoal: string; reviewDue?: string | null },
) {
  await sql`update plan set goal_kind = ${h.goalKind}, job_goal = ${h.jobGoal},
    review_due = coalesce(${h.reviewDue ?? null}::date, review_due), updated_at = now()
    where id = ${planId}`.execute(tx);
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
  status: string;
  updated_at: Date | string;
}

export async function goals(tx: Tx, planId: string): Promise<GoalRow[]> {
  const { rows } = await sql<GoalRow>`select * from plan_goal where plan_id = ${planId}
    order by coalesce(parent_goal_id, id), parent_goal_id nulls first, sort_order, created_at`.execute(
    tx,
  );
  return rows;
}

export async function findGoal(tx: Tx, planId: string, goalId: string) {
  const { rows } =
    await sql<GoalRow>`select * from plan_goal where plan_id = ${planId} and id = ${goalId}`.execute(
      tx,
    );
  return rows[0];
}

export interface GoalValues {
  parentGoalId: string | null;
  specific: string;
  measurable: string;
  agreedWithCitizen: boolean;
  relevance: string;
  dueDate: string | null;
  category: string;
  requirement: boolean;
  status: string;
}

export async function insertGoal(tx: Tx, m: string, planId: string, g: GoalValues) {
  const { rows } = await sql<{ id: string }>`insert into plan_goal (municipality_code, plan_id,
      parent_goal_id, specific, measurable, agreed_with_citizen, relevance, due_date, category,
      requirement, status, sort_order)
    values (${m}, ${planId}, ${g.parentGoalId}, ${g.specific}, ${g.measurable}, ${g.agreedWithCitizen},
      ${g.relevance}, ${g.dueDate}, ${g.category}, ${g.requirement}, ${g.status},
      (select count(*) from plan_goal where plan_id = ${planId}))
    returning id`.execute(tx);
  return rows[0]!.id;
}

export async function updateGoal(tx: Tx, goalId: string, g: GoalValues) {
  await sql`update plan_goal set specific = ${g.specific}, measurable = ${g.measurable},
    agreed_with_citizen = ${g.agreedWithCitizen}, relevance = ${g.relevance}, due_date = ${g.dueDate},
    category = ${g.category}, requirement = ${g.requirement}, status = ${g.status}, updated_at = now()
    where id = ${goalId}`.execute(tx);
}

export interface ActivityRow {
  id: string;
  goal_id: string | null;
  title: string;
  category: string;
  requirement: boolean;
  referral_id: string | null;
  referral_state: string | null;
  referral_title: string | null;
  course_id: string | null;
  course_title: string | null;
  status: string;
  mandatory_activation?: boolean;
  min_hours_per_week?: string | number | null;
  min_days_per_week?: number | null;
}

export async function activities(tx: Tx, planId: string): Promise<ActivityRow[]> {
  const { rows } =
    await sql<ActivityRow>`select a.id, a.goal_id, a.title, a.category, a.requirement,
      a.referral_id, r.state as referral_state, o.title as referral_title, a.course_id,
      k.title as course_title, a.status,
      coalesce(o.mandatory_activation, ko.mandatory_activation, false) as mandatory_activation,
      coalesce(o.min_hours_per_week, ko.min_hours_per_week) as min_hours_per_week,
      coalesce(o.min_days_per_week, ko.min_days_per_week) as min_days_per_week
    from plan_activity a
    left join referral r on r.municipality_code = a.municipality_code and r.id = a.referral_id
    left join offer o on o.municipality_code = r.municipality_code and o.id = r.offer_id
    left join course k on k.municipality_code = a.municipality_code and k.id = a.course_id
    left join offer ko on ko.municipality_code = k.municipality_code and ko.id = k.offer_id
    where a.plan_id = ${planId} order by a.created_at`.execute(tx);
  return rows;
}

export async function findActivity(tx: Tx, planId: string, id: string) {
  const { rows } =
    await sql<ActivityRow>`select a.*, null as referral_state, null as referral_title,
      null as course_title from plan_activity a where a.plan_id = ${planId} and a.id = ${id}`.execute(
      tx,
    );
  return rows[0];
}

export interface ActivityValues {
  goalId: string | null;
  title: string;
  category: string;
  requirement: boolean;
  referralId: string | null;
  courseId: string | null;
  status: string;
}

export async function insertActivity(tx: Tx, m: string, planId: string, a: ActivityValues) {
  const { rows } = await sql<{ id: string }>`insert into plan_activity (municipality_code, plan_id,
      goal_id, title, category, requirement, referral_id, course_id, status)
    values (${m}, ${planId}, ${a.goalId}, ${a.title}, ${a.category}, ${a.requirement}, ${a.referralId},
      ${a.courseId}, ${a.status}) returning id`.execute(tx);
  return rows[0]!.id;
}

export async function updateActivity(tx: Tx, id: string, a: ActivityValues) {
  await sql`update plan_activity set goal_id = ${a.goalId}, title = ${a.title}, category = ${a.category},
    requirement = ${a.requirement}, referral_id = ${a.referralId}, course_id = ${a.courseId},
    status = ${a.status} where id = ${id}`.execute(tx);
}

export async function citizenReferral(tx: Tx, citizenId: string, referralId: string) {
  const { rows } = await sql<{ id: string; course_id: string | null }>`select id, course_id
    from referral where id = ${referralId} and citizen_id = ${citizenId}`.execute(tx);
  return rows[0];
}

export async function citizenCourse(tx: Tx, citizenId: string, courseId: string) {
  const { rows } = await sql<{ id: string }>`select k.id from course k where k.id = ${courseId}
    and (exists (select 1 from enrolment e where e.course_id = k.id and e.citizen_id = ${citizenId})
      or exists (select 1 from referral r where r.course_id = k.id and r.citizen_id = ${citizenId}))`.execute(
    tx,
  );
  return rows[0];
}

export async function referralsOf(tx: Tx, citizenId: string) {
  const { rows } = await sql<{
    id: string;
    title: string;
    state: string;
    participation: string;
    course_id: string | null;
  }>`select r.id, o.title, r.state, r.participation, r.course_id from referral r
    join offer o on o.municipality_code = r.municipality_code and o.id = r.offer_id
    where r.citizen_id = ${citizenId} and r.state not in ('cancelled') order by r.created_at desc`.execute(
    tx,
  );
  return rows;
}

export async function notes(tx: Tx, planId: string) {
  const { rows } = await sql<{
    id: string;
    goal_id: string | null;
    body: string;
    author_name: string | null;
    created_at: Date | string;
  }>`select n.id, n.goal_id, n.body, u.display_name as author_name, n.created_at
    from plan_note n left join app_user u on u.id = n.author_user_id
    where n.plan_id = ${planId} order by n.created_at desc`.execute(tx);
  return rows;
}

export async function insertNote(
  tx: Tx,
  m: string,
  planId: string,
  goalId: string | null,
  body: string,
  userId: string,
) {
  await sql`insert into plan_note (municipality_code, plan_id, goal_id, body, author_user_id)
    values (${m}, ${planId}, ${goalId}, ${body}, ${userId})`.execute(tx);
}

export interface VersionRow {
  version: number;
  published_at: Date | string;
  accepted_at: Date | string | null;
  accepted_by_proxy: boolean;
  seen_by_citizen_at: Date | string | null;
}

export async function versions(tx: Tx, planId: string): Promise<VersionRow[]> {
  const { rows } =
    await sql<VersionRow>`select version, published_at, accepted_at, accepted_by_proxy,
      seen_by_citizen_at from plan_version where plan_id = ${planId} order by version desc`.execute(
      tx,
    );
  return rows;
}

/** Every save publishes a new version: a snapshot of the header, goals and activities. */
export async function publishVersion(tx: Tx, m: string, planId: string, userId: string) {
  const { rows } = await sql<{ v: number }>`update plan set current_version = current_version + 1,
      updated_at = now() where id = ${planId} returning current_version as v`.execute(tx);
  const version = Number(rows[0]!.v);
  await sql`insert into plan_version (municipality_code, plan_id, version, snapshot, published_by)
    values (${m}, ${planId}, ${version}, (select jsonb_build_object(
      'plan', (select to_jsonb(p) from plan p where p.id = ${planId}),
      'goals', coalesce((select jsonb_agg(to_jsonb(g) order by g.sort_order) from plan_goal g where g.plan_id = ${planId}), '[]'::jsonb),
      'activities', coalesce((select jsonb_agg(to_jsonb(a)) from plan_activity a where a.plan_id = ${planId}), '[]'::jsonb)
    )), ${userId})`.execute(tx);
  return version;
}

export async function acceptVersion(
  tx: Tx,
  planId: string,
  version: number,
  userId: string,
  byProxy: boolean,
) {
  const { rows } = await sql<{ version: number }>`update plan_version set accepted_at = now(),
      accepted_by = ${userId}, accepted_by_proxy = ${byProxy},
      seen_by_citizen_at = coalesce(seen_by_citizen_at, now())
    where plan_id = ${planId} and version = ${version} returning version`.execute(tx);
  return rows[0];
}

export async function markSeen(tx: Tx, planId: string, version: number) {
  await sql`update plan_version set seen_by_citizen_at = now()
    where plan_id = ${planId} and version = ${version} and seen_by_citizen_at is null`.execute(tx);
}
