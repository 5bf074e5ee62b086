import { sql } from 'kysely';
import type { Tx } from '../../platform/context.js';
import type { Fact, FactValues, FiredRule, Operator, RiskGroup, RiskRule } from './risk.rules.js';

export async function listRules(tx: Tx): Promise<(RiskRule & { id: string })[]> {
  const { rows } = await sql<{
    id: string;
    fact: Fact;
    operator: Operator;
    value: string;
    risk_group: RiskGroup;
    description: string;
  }>`select id, fact, operator, value::text as value, risk_group, description from risk_rule
    order by sort_order, id`.execute(tx);
  return rows.map((r) => ({
    id: r.id,
    fact: r.fact,
    operator: r.operator,
    value: Number(r.value),
    group: r.risk_group,
    description: r.description,
  }));
}

export async function replaceRules(tx: Tx, m: string, rules: RiskRule[], userId: string) {
  await sql`delete from risk_rule where municipality_code = ${m}`.execute(tx);
  if (rules.length === 0) return;
  await sql`insert into risk_rule (municipality_code, fact, operator, value, risk_group, description,
      sort_order, updated_by)
    values ${sql.join(
      rules.map(
        (r, i) =>
          sql`(${m}, ${r.fact}, ${r.operator}, ${r.value}, ${r.group}, ${r.description}, ${i}, ${userId})`,
      ),
    )}`.execute(tx);
}

/** The facts the rules read, for one citizen; null when the system holds no value. */
export async function factsFor(
  tx: Tx,
  m: string,
  citizenId: string,
  today: string,
): Promise<FactValues> {
  const { rows } = await sql<Record<Fact, string | number | null>>`
    select
      extract(year from age(${today}::date, c.birth_date))::int as age,
      (select ((${today}::date - min(p.start_date)) / 7)::int from benefit_period p
        where p.municipality_code = c.municipality_code and p.citizen_id = c.id and p.end_date is null
          and p.start_date <= ${today}::date) as weeks_on_benefit,
      (select count(*)::int from benefit_period p
        where p.municipality_code = c.municipality_code and p.citizen_id = c.id
          and coalesce(p.end_date, 'infinity'::date) >= (${today}::date - interval '3 years')::date) as benefit_periods_3y,
      helhed_health_fact(c.municipality_code, c.id, 'self_rated_health') as self_rated_health,
      helhed_health_fact(c.municipality_code, c.id, 'who5') as who5,
      (select count(*)::int from enrolment e
        where e.municipality_code = c.municipality_code and e.citizen_id = c.id
          and e.status = 'dropped_out') as previous_dropouts
    from citizen c where c.municipality_code = ${m} and c.id = ${citizenId}`.execute(tx);
  const r = rows[0]!;
  const num = (v: string | number | null) => (v === null || v === undefined ? null : Number(v));
  return {
    age: num(r.age),
    weeks_on_benefit: num(r.weeks_on_benefit),
    benefit_periods_3y: num(r.benefit_periods_3y),
    self_rated_health: num(r.self_rated_health),
    who5: num(r.who5),
    previous_dropouts: num(r.previous_dropouts),
  };
}

export interface DecisionRow {
  id: string;
  suggested_group: RiskGroup | null;
  fired_rules: FiredRule[];
  decided_group: RiskGroup;
  overridden: boolean;
  reason: string | null;
  decided_by_name: string | null;
  decided_at: Date;
}

export async function decisions(tx: Tx, citizenId: string): Promise<DecisionRow[]> {
  const { rows } = await sql<DecisionRow>`
    select d.id, d.suggested_group, d.fired_rules, d.decided_group, d.overridden, d.reason,
      u.display_name as decided_by_name, d.decided_at
    from risk_decision d left join app_user u on u.id = d.decided_by
    where d.citizen_id = ${citizenId} order by d.decided_at desc, d.id limit 20`.execute(tx);
  return rows;
}

export async function insertDecision(
  tx: Tx,
  d: {
    municipalityCode: string;
    citizenId: string;
    suggestedGroup: RiskGroup;
    fired: FiredRule[];
    decidedGroup: RiskGroup;
    reason: string | null;
    userId: string;
  },
): Promise<string> {
  const { rows } = await sql<{ id: string }>`
    insert into risk_decision (municipality_code, citizen_id, suggested_group, fired_rules,
      decided_group, overridden, reason, decided_by)
    values (${d.municipalityCode}, ${d.citizenId}, ${d.suggestedGroup}, ${JSON.stringify(d.fired)}::jsonb,
      ${d.decidedGroup}, ${d.decidedGroup !== d.suggestedGroup}, ${d.reason}, ${d.userId})
    returning id`.execute(tx);
  return rows[0]!.id;
}

/**
 * Citizens whose latest decided group is orange or red and who have had no action since the
 * cut-off. An action is a screening change, a referral or an enrolment (the decision itself is
 * not an action: it is the reason to act).
 */
export async function attention(tx: Tx, days: number, limit: number, offset: number) {
  const { rows } = await sql<{
    citizen_id: string;
    first_name: string;
    last_name: string;
    decided_group: RiskGroup;
    decided_at: Date;
    last_action_at: Date | null;
    total: number;
  }>`
    with latest as (
      select distinct on (citizen_id) municipality_code, citizen_id, decided_group, decided_at
      from risk_decision order by citizen_id, decided_at desc, id desc)
    select l.citizen_id, c.first_name, c.last_name, l.decided_group, l.decided_at, a.last_action_at,
      count(*) over () as total
    from latest l
    join citizen c on c.municipality_code = l.municipality_code and c.id = l.citizen_id
    left join lateral (
      select max(t) as last_action_at from (
        select max(s.updated_at) as t from screening s
          where s.municipality_code = l.municipality_code and s.citizen_id = l.citizen_id
        union all
        select max(r.created_at) from referral r
          where r.municipality_code = l.municipality_code and r.citizen_id = l.citizen_id
        union all
        select max(e.enrolled_at) from enrolment e
          where e.municipality_code = l.municipality_code and e.citizen_id = l.citizen_id
      ) x) a on true
    where l.decided_group in ('orange', 'red')
      and (a.last_action_at is null or a.last_action_at < now() - make_interval(days => ${days}))
    order by case l.decided_group when 'red' then 0 else 1 end, l.decided_at, l.citizen_id
    limit ${limit} offset ${offset}`.execute(tx);
  return rows.map((r) => ({ ...r, total: Number(r.total) }));
}

export interface SuggestionCandidate {
  citizen_id: string;
  first_name: string;
  last_name: string;
  values: FactValues;
  /** Start of the citizen's current benefit period: the date the list sorts by. */
  since: string | null;
  decided_group: RiskGroup | null;
  suggested_group_then: RiskGroup | null;
  decided_at: Date | null;
}

/**
 * The facts of every citizen of the municipality in one query (the list of suggestions is
 * computed on read like the single suggestion; factsFor per citizen would be one query each),
 * with the citizen's latest decision.
 */
export async function factsForAll(
  tx: Tx,
  m: string,
  today: string,
): Promise<SuggestionCandidate[]> {
  const { rows } = await sql<
    Record<Fact, string | number | null> & {
      citizen_id: string;
      first_name: string;
      last_name: string;
      since: string | null;
      decided_group: RiskGroup | null;
      suggested_group_then: RiskGroup | null;
      decided_at: Date | null;
    }
  >`
    select c.id as citizen_id, c.first_name, c.last_name,
      extract(year from age(${today}::date, c.birth_date))::int as age,
      (select ((${today}::date - min(p.start_date)) / 7)::int from benefit_period p
        where p.municipality_code = c.municipality_code and p.citizen_id = c.id and p.end_date is null
          and p.start_date <= ${today}::date) as weeks_on_benefit,
      (select to_char(min(p.start_date), 'YYYY-MM-DD') from benefit_period p
        where p.municipality_code = c.municipality_code and p.citizen_id = c.id and p.end_date is null
          and p.start_date <= ${today}::date) as since,
      (select count(*)::int from benefit_period p
        where p.municipality_code = c.municipality_code and p.citizen_id = c.id
          and coalesce(p.end_date, 'infinity'::date) >= (${today}::date - interval '3 years')::date) as benefit_periods_3y,
      helhed_health_fact(c.municipality_code, c.id, 'self_rated_health') as self_rated_health,
      helhed_health_fact(c.municipality_code, c.id, 'who5') as who5,
      (select count(*)::int from enrolment e
        where e.municipality_code = c.municipality_code and e.citizen_id = c.id
          and e.status = 'dropped_out') as previous_dropouts,
      d.decided_group, d.suggested_group as suggested_group_then, d.decided_at
    from citizen c
    left join lateral (
      select decided_group, suggested_group, decided_at from risk_decision r
      where r.municipality_code = c.municipality_code and r.citizen_id = c.id
      order by r.decided_at desc, r.id desc limit 1) d on true
    where c.municipality_code = ${m}`.execute(tx);
  const num = (v: string | number | null) => (v === null || v === undefined ? null : Number(v));
  return rows.map((r) => ({
    citizen_id: r.citizen_id,
    first_name: r.first_name,
    last_name: r.last_name,
    since: r.since,
    decided_group: r.decided_group,
    suggested_group_then: r.suggested_group_then,
    decided_at: r.decided_at,
    values: {
      age: num(r.age),
      weeks_on_benefit: num(r.weeks_on_benefit),
      benefit_periods_3y: num(r.benefit_periods_3y),
      self_rated_health: num(r.self_rated_health),
      who5: num(r.who5),
      previous_dropouts: num(r.previous_dropouts),
    },
  }));
}
