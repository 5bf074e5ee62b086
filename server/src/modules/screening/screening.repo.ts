import { sql } from 'kysely';
import type { Tx } from '../../platform/context.js';

export interface RuleRow {
  benefit_type: string;
  benefit_type_name: string;
  week_number: number;
  active: boolean;
  updated_at: Date;
}

export async function listRules(tx: Tx): Promise<RuleRow[]> {
  const { rows } = await sql<RuleRow>`
    select r.benefit_type, t.name_da as benefit_type_name, r.week_number, r.active, r.updated_at
    from screening_rule r join benefit_type t on t.code = r.benefit_type
    order by t.sort_order`.execute(tx);
  return rows;
}

export async function upsertRule(
  tx: Tx,
  m: string,
  benefitType: string,
  weekNumber: number,
  active: boolean,
  userId: string,
) {
  await sql`insert into screening_rule (municipality_code, benefit_type, week_number, active, updated_by)
    values (${m}, ${benefitType}, ${weekNumber}, ${active}, ${userId})
    on conflict (municipality_code, benefit_type) do update set week_number = excluded.week_number,
      active = excluded.active, updated_by = excluded.updated_by, updated_at = now()`.execute(tx);
}

/**
 * The first day of week N of a period, in SQL: weeks count from the period's first day
 * (week 1 = days 1–7), as every deadline does (followup/engine.ts absenceWeek, decision 1030).
 * The due date (the week's last working day) is computed by the engine, not here.
 */
const weekStart = sql`(p.start_date + 7 * (r.week_number - 1))`;

export interface QueueRow {
  period_id: string;
  citizen_id: string;
  first_name: string;
  last_name: string;
  benefit_type: string;
  benefit_type_name: string;
  start_date: string;
  week_number: number;
  week_start: string;
  screening_id: string | null;
  status: string;
  assigned_to: string | null;
  assigned_to_name: string | null;
  booked_at: Date | null;
  total: number;
}

export interface QueueFilter {
  municipalityCode: string;
  today: string;
  benefitType?: string;
  status?: 'to_do' | 'booked';
  assignedTo?: string;
  /** 'now': week N has begun (or passed); 'coming': it begins within 14 days. */
  due?: 'now' | 'coming';
  limit: number;
  offset: number;
}

/**
 * Open periods of a type with an active rule whose week N begins within 14 days of today, or has
 * begun (overdue included), and that are not screened or marked not relevant. The bounds are on
 * start_date alone, a plain range the index can use.
 *
 * Within one rule, week N's Monday orders as start_date does, so the page is taken per rule
 * from the open-period index in (start_date, id) order, at most offset + limit rows each, and
 * the rules' rows merged (a municipality has a rule or two, not the whole backlog sorted).
 * The total counts the same rows from that index alone (issue 20, decision 1130).
 */
export async function queue(tx: Tx, f: QueueFilter): Promise<QueueRow[]> {
  // The periods of rule r (a row of `rules`) in the queue, with their screening s if any.
  const periodsOfRule = sql`from benefit_period p
    left join screening s on s.municipality_code = p.municipality_code and s.benefit_period_id = p.id
    where p.municipality_code = ${f.municipalityCode} and p.benefit_type = r.benefit_type
      and p.end_date is null
      and p.start_date <= ${f.today}::date + 14 - 7 * (r.week_number - 1)
      ${f.due === 'now' ? sql`and p.start_date <= ${f.today}::date - 7 * (r.week_number - 1)` : sql``}
      ${f.due === 'coming' ? sql`and p.start_date > ${f.today}::date - 7 * (r.week_number - 1)` : sql``}
      and not exists (select 1 from screening d where d.municipality_code = p.municipality_code
        and d.benefit_period_id = p.id and d.status not in ('to_do', 'booked'))
      ${f.status ? sql`and coalesce(s.status, 'to_do') = ${f.status}` : sql``}
      ${f.assignedTo ? sql`and s.assigned_to = ${f.assignedTo}` : sql``}`;
  const { rows } = await sql<QueueRow>`
    with rules as (
      select r.municipality_code, r.benefit_type, r.week_number from screening_rule r
      where r.municipality_code = ${f.municipalityCode} and r.active
        ${f.benefitType ? sql`and r.benefit_type = ${f.benefitType}` : sql``}),
    page as (
      select x.* from rules r cross join lateral (
        select p.id as period_id, p.citizen_id, p.benefit_type, p.start_date, r.week_number,
          ${weekStart} as week_start, s.id as screening_id, coalesce(s.status, 'to_do') as status,
          s.assigned_to, s.booked_at
        ${periodsOfRule}
        order by p.start_date, p.id
        limit ${f.offset + f.limit}) x
      order by x.week_start, x.period_id
      limit ${f.limit} offset ${f.offset})
    select d.period_id, d.citizen_id, c.first_name, c.last_name, d.benefit_type,
      t.name_da as benefit_type_name, d.start_date::text as start_date, d.week_number,
      d.week_start::text as week_start, d.screening_id,
      d.status, d.assigned_to, u.display_name as assigned_to_name, d.booked_at,
      (select count(*) from rules r cross join lateral (select 1 ${periodsOfRule}) x) as total
    from page d
    join benefit_type t on t.code = d.benefit_type
    join citizen c on c.municipality_code = ${f.municipalityCode} and c.id = d.citizen_id
    left join app_user u on u.id = d.assigned_to
    order by d.week_start, d.period_id`.execute(tx);
  return rows.map((r) => ({ ...r, total: Number(r.total) }));
}

export interface ScreeningRow {
  id: string | null;
  period_id: string;
  citizen_id: string;
  citizen_name: string;
  benefit_type: string;
  benefit_type_name: string;
  start_date: string;
  end_date: string | null;
  week_number: number | null;
  rule_week_number: number | null;
  status: string;
  status_reason: string | null;
  assigned_to: string | null;
  assigned_to_name: string | null;
  booked_at: Date | null;
  overall_recommendation: string | null;
  recommendation_note: string | null;
  completed_at: Date | null;
  completed_by_name: string | null;
}

export async function findByPeriod(tx: Tx, periodId: string): Promise<ScreeningRow | undefined> {
  const { rows } = await sql<ScreeningRow>`
    select s.id, p.id as period_id, p.citizen_id, c.first_name || ' ' || c.last_name as citizen_name,
      p.benefit_type, t.name_da as benefit_type_name,
      p.start_date::text as start_date, p.end_date::text as end_date, s.week_number,
      r.week_number as rule_week_number, coalesce(s.status, 'to_do') as status, s.status_reason,
      s.assigned_to, ua.display_name as assigned_to_name, s.booked_at, s.overall_recommendation,
      s.recommendation_note, s.completed_at, uc.display_name as completed_by_name
    from benefit_period p
    join benefit_type t on t.code = p.benefit_type
    join citizen c on c.municipality_code = p.municipality_code and c.id = p.citizen_id
    left join screening_rule r on r.municipality_code = p.municipality_code and r.benefit_type = p.benefit_type
    left join screening s on s.municipality_code = p.municipality_code and s.benefit_period_id = p.id
    left join app_user ua on ua.id = s.assigned_to
    left join app_user uc on uc.id = s.completed_by
    where p.id = ${periodId}`.execute(tx);
  return rows[0];
}

export async function findings(tx: Tx, screeningId: string) {
  const { rows } = await sql<{
    discipline: string;
    findings: string;
    recommendation: string;
    filled_by_name: string;
    recorded_at: Date;
  }>`select discipline, findings, recommendation, filled_by_name, recorded_at from screening_finding
    where screening_id = ${screeningId}
    order by array_position(array['social', 'psychological', 'physical'], discipline)`.execute(tx);
  return rows;
}

/** The screening row for a period, created with its week and due date on first use. */
export async function ensureScreening(
  tx: Tx,
  p: {
    municipalityCode: string;
    periodId: string;
    citizenId: string;
    weekNumber: number;
    dueDate: string;
  },
): Promise<string> {
  const { rows } = await sql<{ id: string }>`
    insert into screening (municipality_code, citizen_id, benefit_period_id, week_number, due_date)
    values (${p.municipalityCode}, ${p.citizenId}, ${p.periodId}, ${p.weekNumber}, ${p.dueDate})
    on conflict (municipality_code, benefit_period_id) do update set updated_at = screening.updated_at
    returning id`.execute(tx);
  return rows[0]!.id;
}

export async function updateScreening(tx: Tx, id: string, patch: Record<string, unknown>) {
  const columns: Record<string, string> = {
    status: 'status',
    statusReason: 'status_reason',
    assignedTo: 'assigned_to',
    bookedAt: 'booked_at',
    overallRecommendation: 'overall_recommendation',
    recommendationNote: 'recommendation_note',
    completedAt: 'completed_at',
    completedBy: 'completed_by',
  };
  const sets = Object.entries(patch)
    .filter(([k, v]) => columns[k] && v !== undefined)
    .map(([k, v]) => sql`${sql.ref(columns[k]!)} = ${v}`);
  if (sets.length === 0) return;
  await sql`update screening set ${sql.join(sets)}, updated_at = now() where id = ${id}`.execute(
    tx,
  );
}

export async function upsertFinding(
  tx: Tx,
  m: string,
  screeningId: string,
  f: { discipline: string; findings: string; recommendation: string; filledByName: string },
  userId: string,
) {
  await sql`insert into screening_finding (municipality_code, screening_id, discipline, findings,
      recommendation, filled_by_name, recorded_by)
    values (${m}, ${screeningId}, ${f.discipline}, ${f.findings}, ${f.recommendation}, ${f.filledByName}, ${userId})
    on conflict (municipality_code, screening_id, discipline) do update set findings = excluded.findings,
      recommendation = excluded.recommendation, filled_by_name = excluded.filled_by_name,
      recorded_by = excluded.recorded_by, recorded_at = now()`.execute(tx);
}

export async function staffUserExists(tx: Tx, userId: string): Promise<boolean> {
  const { rows } = await sql<{ ok: boolean }>`select exists (select 1 from app_user u
    join user_role ur on ur.user_id = u.id
    where u.id = ${userId} and u.kind = 'staff' and u.active
      and ur.role in ('caseworker', 'coordinating_caseworker')) as ok`.execute(tx);
  return !!rows[0]?.ok;
}

export async function caseworkers(tx: Tx) {
  const { rows } = await sql<{ id: string; display_name: string }>`
    select distinct u.id, u.display_name from app_user u join user_role ur on ur.user_id = u.id
    where u.kind = 'staff' and u.active and ur.role in ('caseworker', 'coordinating_caseworker')
    order by u.display_name`.execute(tx);
  return rows;
}
