import { sql } from 'kysely';
import type { Tx } from '../../platform/context.js';
import type { Category, RuleParameters, RuleSet } from './engine.js';

export async function ruleSets(tx: Tx, municipalityCode: string): Promise<RuleSet[]> {
  const { rows } = await sql<{ version: number; valid_from: string; parameters: RuleParameters }>`
    select version, valid_from::text as valid_from, parameters from followup_rule_set
    where municipality_code = ${municipalityCode} order by version`.execute(tx);
  return rows.map((r) => ({
    version: r.version,
    validFrom: r.valid_from,
    parameters: r.parameters,
  }));
}

export async function ruleSetRows(tx: Tx, municipalityCode: string) {
  const { rows } = await sql<{
    version: number;
    valid_from: string;
    parameters: RuleParameters;
    note: string;
    created_at: string;
  }>`select version, valid_from::text as valid_from, parameters, note, created_at::text as created_at
    from followup_rule_set where municipality_code = ${municipalityCode} order by version`.execute(
    tx,
  );
  return rows;
}

export async function insertRuleSet(
  tx: Tx,
  m: string,
  r: { validFrom: string; parameters: RuleParameters; note: string; userId: string },
): Promise<number> {
  const { rows } = await sql<{ version: number }>`
    insert into followup_rule_set (municipality_code, version, valid_from, parameters, note, created_by)
    select ${m}, coalesce(max(version), 0) + 1, ${r.validFrom}, ${JSON.stringify(r.parameters)}::jsonb,
      ${r.note}, ${r.userId}
    from followup_rule_set where municipality_code = ${m}
    returning version`.execute(tx);
  return rows[0]!.version;
}

export interface PeriodRow {
  id: string;
  citizen_id: string;
  start_date: string;
  end_date: string | null;
}

/** The citizen's current sickness-benefit period: the open one, else the latest. */
export async function currentSicknessPeriod(tx: Tx, citizenId: string) {
  const { rows } = await sql<PeriodRow>`select id, citizen_id, start_date::text as start_date,
      end_date::text as end_date
    from benefit_period where citizen_id = ${citizenId} and benefit_type = 'sygedagpenge'
    order by (end_date is null) desc, start_date desc, id limit 1`.execute(tx);
  return rows[0];
}

export interface CaseRow {
  benefit_period_id: string;
  citizen_id: string;
  first_absence_day: string;
  expected_back_within_8_weeks: boolean | null;
  expected_duration_weeks: number | null;
  category: Category | null;
  fast_track_requested_on: string | null;
  fast_track_requested_by: 'employer' | 'citizen' | null;
  standby: boolean;
}

export async function findCase(tx: Tx, periodId: string): Promise<CaseRow | undefined> {
  const { rows } = await sql<CaseRow>`select benefit_period_id, citizen_id,
      first_absence_day::text as first_absence_day, expected_back_within_8_weeks,
      expected_duration_weeks, category, fast_track_requested_on::text as fast_track_requested_on,
      fast_track_requested_by, standby
    from followup_case where benefit_period_id = ${periodId}`.execute(tx);
  return rows[0];
}

export async function ensureCase(tx: Tx, m: string, period: PeriodRow) {
  await sql`insert into followup_case (municipality_code, benefit_period_id, citizen_id, first_absence_day)
    values (${m}, ${period.id}, ${period.citizen_id}, ${period.start_date})
    on conflict do nothing`.execute(tx);
}

export async function updateCase(
  tx: Tx,
  periodId: string,
  patch: Partial<{
    first_absence_day: string;
    expected_back_within_8_weeks: boolean | null;
    expected_duration_weeks: number | null;
    category: Category | null;
    fast_track_requested_on: string | null;
    fast_track_requested_by: string | null;
    standby: boolean;
  }>,
) {
  const sets = Object.entries(patch)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => sql`${sql.ref(k)} = ${v}`);
  if (sets.length === 0) return;
  await sql`update followup_case set ${sql.join(sets)}, updated_at = now()
    where benefit_period_id = ${periodId}`.execute(tx);
}

export interface FormRow {
  sent_on: string;
  answered_on: string | null;
  work_ability: string | null;
  expected_duration: string | null;
  can_still_do: string | null;
  met_due_date: string | null;
  met_rule_version: number | null;
}

export async function findForm(tx: Tx, periodId: string): Promise<FormRow | undefined> {
  const { rows } =
    await sql<FormRow>`select sent_on::text as sent_on, answered_on::text as answered_on,
      work_ability, expected_duration, can_still_do, met_due_date::text as met_due_date, met_rule_version
    from followup_information_form where benefit_period_id = ${periodId}`.execute(tx);
  return rows[0];
}

export async function sendForm(tx: Tx, m: string, periodId: string, sentOn: string) {
  await sql`insert into followup_information_form (municipality_code, benefit_period_id, sent_on)
    values (${m}, ${periodId}, ${sentOn})
    on conflict (municipality_code, benefit_period_id) do update set sent_on = excluded.sent_on
      where followup_information_form.answered_on is null`.execute(tx);
}

export async function answerForm(
  tx: Tx,
  periodId: string,
  a: {
    answeredOn: string;
    workAbility: string;
    expectedDuration: string;
    canStillDo: string;
    metDueDate: string | null;
    metRuleVersion: number | null;
  },
) {
  await sql`update followup_information_form set answered_on = ${a.answeredOn},
      work_ability = ${a.workAbility}, expected_duration = ${a.expectedDuration},
      can_still_do = ${a.canStillDo}, met_due_date = ${a.metDueDate}, met_rule_version = ${a.metRuleVersion}
    where benefit_period_id = ${periodId}`.execute(tx);
}

export interface GpRow {
  requested_on: string;
  deadline: string | null;
  deadline_rule_version: number | null;
  received_on: string | null;
  met_due_date: string | null;
  met_rule_version: number | null;
}

export async function findGp(tx: Tx, periodId: string): Promise<GpRow | undefined> {
  const { rows } =
    await sql<GpRow>`select requested_on::text as requested_on, deadline::text as deadline,
      deadline_rule_version, received_on::text as received_on, met_due_date::text as met_due_date,
      met_rule_version
    from followup_gp_certificate where benefit_period_id = ${periodId}`.execute(tx);
  return rows[0];
}

export async function requestGp(
  tx: Tx,
  m: string,
  periodId: string,
  r: { requestedOn: string; deadline: string | null; ruleVersion: number | null },
) {
  await sql`insert into followup_gp_certificate (municipality_code, benefit_period_id, requested_on,
      deadline, deadline_rule_version)
    values (${m}, ${periodId}, ${r.requestedOn}, ${r.deadline}, ${r.ruleVersion})
    on conflict (municipality_code, benefit_period_id) do update set requested_on = excluded.requested_on,
      deadline = excluded.deadline, deadline_rule_version = excluded.deadline_rule_version`.execute(
    tx,
  );
}

export async function receiveGp(
  tx: Tx,
  periodId: string,
  r: { receivedOn: string; metDueDate: string | null; metRuleVersion: number | null },
) {
  await sql`update followup_gp_certificate set received_on = ${r.receivedOn},
      met_due_date = ${r.metDueDate}, met_rule_version = ${r.metRuleVersion}
    where benefit_period_id = ${periodId}`.execute(tx);
}

export interface ConversationRow {
  id: string;
  held_on: string;
  form: 'in_person' | 'phone' | 'video';
  category: Category | null;
  next_date: string | null;
  met_due_date: string | null;
  met_rule_version: number | null;
}

export async function conversations(tx: Tx, periodId: string): Promise<ConversationRow[]> {
  const { rows } = await sql<ConversationRow>`select id, held_on::text as held_on, form, category,
      next_date::text as next_date, met_due_date::text as met_due_date, met_rule_version
    from followup_conversation where benefit_period_id = ${periodId}
    order by held_on, created_at`.execute(tx);
  return rows;
}

export async function insertConversation(
  tx: Tx,
  m: string,
  periodId: string,
  c: {
    heldOn: string;
    form: string;
    category: Category | null;
    nextDate: string | null;
    metDueDate: string | null;
    metRuleVersion: number | null;
    userId: string;
  },
): Promise<string> {
  const { rows } = await sql<{ id: string }>`insert into followup_conversation (municipality_code,
      benefit_period_id, held_on, form, category, next_date, met_due_date, met_rule_version, created_by)
    values (${m}, ${periodId}, ${c.heldOn}, ${c.form}, ${c.category}, ${c.nextDate}, ${c.metDueDate},
      ${c.metRuleVersion}, ${c.userId})
    returning id`.execute(tx);
  return rows[0]!.id;
}

export interface FitnessRow {
  part1_on: string | null;
  part2_on: string | null;
}

export async function findFitness(tx: Tx, periodId: string): Promise<FitnessRow | undefined> {
  const { rows } =
    await sql<FitnessRow>`select part1_on::text as part1_on, part2_on::text as part2_on
    from followup_fitness_statement where benefit_period_id = ${periodId}`.execute(tx);
  return rows[0];
}

export async function saveFitness(
  tx: Tx,
  m: string,
  periodId: string,
  f: { part1On: string | null; part2On: string | null },
) {
  await sql`insert into followup_fitness_statement (municipality_code, benefit_period_id, part1_on, part2_on)
    values (${m}, ${periodId}, ${f.part1On}, ${f.part2On})
    on conflict (municipality_code, benefit_period_id) do update set part1_on = excluded.part1_on,
      part2_on = excluded.part2_on`.execute(tx);
}

export interface ReassessmentRow {
  decided_on: string;
  decision: 'extension' | 'jobafklaringsforloeb';
  extension_ground: string | null;
  met_due_date: string | null;
  met_rule_version: number | null;
}

export async function findReassessment(tx: Tx, periodId: string) {
  const { rows } = await sql<ReassessmentRow>`select decided_on::text as decided_on, decision,
      extension_ground, met_due_date::text as met_due_date, met_rule_version
    from followup_reassessment where benefit_period_id = ${periodId}`.execute(tx);
  return rows[0];
}

export async function insertReassessment(
  tx: Tx,
  m: string,
  periodId: string,
  r: {
    decidedOn: string;
    decision: string;
    extensionGround: string | null;
    metDueDate: string | null;
    metRuleVersion: number | null;
    userId: string;
  },
) {
  await sql`insert into followup_reassessment (municipality_code, benefit_period_id, decided_on, decision,
      extension_ground, met_due_date, met_rule_version, decided_by)
    values (${m}, ${periodId}, ${r.decidedOn}, ${r.decision}, ${r.extensionGround}, ${r.metDueDate},
      ${r.metRuleVersion}, ${r.userId})`.execute(tx);
}

/** Open sickness-benefit periods of a caseworker's citizens (all of the municipality: null). */
export async function openSicknessPeriods(tx: Tx, caseworkerId: string | null) {
  const { rows } = await sql<PeriodRow & { citizen_name: string }>`
    select p.id, p.citizen_id, p.start_date::text as start_date, p.end_date::text as end_date,
      c.first_name || ' ' || c.last_name as citizen_name
    from benefit_period p
    join citizen c on c.municipality_code = p.municipality_code and c.id = p.citizen_id
    where p.benefit_type = 'sygedagpenge' and p.end_date is null
      ${caseworkerId ? sql`and c.responsible_caseworker_id = ${caseworkerId}` : sql``}
    order by p.start_date, p.id limit 500`.execute(tx);
  return rows;
}

/** The facts of many periods in five queries (the deadlines list and the task list). */
export async function bulkFacts(tx: Tx, periodIds: string[]) {
  const ids = sql`${periodIds}::uuid[]`;
  const cases = await sql<CaseRow>`select benefit_period_id, citizen_id,
      first_absence_day::text as first_absence_day, expected_back_within_8_weeks,
      expected_duration_weeks, category, fast_track_requested_on::text as fast_track_requested_on,
      fast_track_requested_by, standby
    from followup_case where benefit_period_id = any(${ids})`.execute(tx);
  const forms = await sql<FormRow & { benefit_period_id: string }>`select benefit_period_id,
      sent_on::text as sent_on, answered_on::text as answered_on, null as work_ability,
      null as expected_duration, null as can_still_do, met_due_date::text as met_due_date, met_rule_version
    from followup_information_form where benefit_period_id = any(${ids})`.execute(tx);
  const gps = await sql<GpRow & { benefit_period_id: string }>`select benefit_period_id,
      requested_on::text as requested_on, deadline::text as deadline, deadline_rule_version,
      received_on::text as received_on, met_due_date::text as met_due_date, met_rule_version
    from followup_gp_certificate where benefit_period_id = any(${ids})`.execute(tx);
  const convs = await sql<
    ConversationRow & { benefit_period_id: string }
  >`select benefit_period_id, id,
      held_on::text as held_on, form, category, next_date::text as next_date,
      met_due_date::text as met_due_date, met_rule_version
    from followup_conversation where benefit_period_id = any(${ids})
    order by held_on, created_at`.execute(tx);
  const reas = await sql<ReassessmentRow & { benefit_period_id: string }>`select benefit_period_id,
      decided_on::text as decided_on, decision, extension_ground, met_due_date::text as met_due_date,
      met_rule_version
    from followup_reassessment where benefit_period_id = any(${ids})`.execute(tx);
  const by = <T extends { benefit_period_id: string }>(rows: T[]) =>
    new Map(rows.map((r) => [r.benefit_period_id, r]));
  const conversationsBy = new Map<string, ConversationRow[]>();
  for (const c of convs.rows) {
    const list = conversationsBy.get(c.benefit_period_id) ?? [];
    list.push(c);
    conversationsBy.set(c.benefit_period_id, list);
  }
  return {
    cases: by(cases.rows),
    forms: by(forms.rows),
    gps: by(gps.rows),
    conversations: conversationsBy,
    reassessments: by(reas.rows),
  };
}

export async function outbox(tx: Tx) {
  const { rows } = await sql<{
    id: string;
    citizen_id: string | null;
    channel: string;
    recipient: string;
    subject: string;
    body: string;
    kind: string;
    status: string;
    attempts: number;
    next_attempt_at: string;
    last_error: string | null;
    sent_at: string | null;
  }>`select id, citizen_id, channel, recipient, subject, body, kind, status, attempts,
      next_attempt_at::text as next_attempt_at, last_error, sent_at::text as sent_at
    from reminder_outbox order by next_attempt_at desc, id limit 200`.execute(tx);
  return rows;
}

/**
 * Timeliness (rettidighed): conversations held in [from, to] that had a deadline, by month held,
 * team and kind (the period's first conversation, or a follow-up), with how many were held on or
 * before the deadline they met. The team is the job-centre unit (organisation) of the citizen's
 * responsible caseworker; none recorded: null.
 */
export async function timeliness(tx: Tx, from: string, to: string) {
  const { rows } = await sql<{
    month: string;
    team: string | null;
    kind: 'first_conversation' | 'follow_up';
    held: number;
    on_time: number;
  }>`with numbered as (
      select k.municipality_code, k.benefit_period_id, k.held_on, k.met_due_date,
        row_number() over (partition by k.benefit_period_id order by k.held_on, k.created_at) as n
      from followup_conversation k)
    select to_char(n.held_on, 'YYYY-MM') as month,
      (select o.name from user_role r
         join organisation o on o.municipality_code = r.municipality_code and o.id = r.organisation_id
       where r.user_id = c.responsible_caseworker_id
         and r.role in ('caseworker', 'coordinating_caseworker')
       order by o.name limit 1) as team,
      case when n.n = 1 then 'first_conversation' else 'follow_up' end as kind,
      count(*)::int as held,
      count(*) filter (where n.held_on <= n.met_due_date)::int as on_time
    from numbered n
    join benefit_period p on p.municipality_code = n.municipality_code and p.id = n.benefit_period_id
    join citizen c on c.municipality_code = p.municipality_code and c.id = p.citizen_id
    where n.met_due_date is not null and n.held_on between ${from}::date and ${to}::date
    group by 1, 2, 3
    order by 1, 2 nulls last, 3`.execute(tx);
  return rows;
}
