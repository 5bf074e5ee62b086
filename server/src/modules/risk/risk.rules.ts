/**
 * Transparent risk-group rules: each rule is "fact operator value → group" with a Danish
 * description. Evaluation is plain and shown in full: every rule that fired, with the citizen's
 * value. The result is a suggestion; only a caseworker's confirmation or override is a decision
 * (GDPR art. 22: no decision based solely on automated processing).
 */
export const facts = [
  'age',
  'weeks_on_benefit',
  'benefit_periods_3y',
  'self_rated_health',
  'who5',
  'previous_dropouts',
] as const;
export type Fact = (typeof facts)[number];
export const operators = ['lt', 'lte', 'eq', 'gte', 'gt'] as const;
export type Operator = (typeof operators)[number];
export const groups = ['green', 'orange', 'red'] as const;
export type RiskGroup = (typeof groups)[number];

export const factLabels: Record<Fact, string> = {
  age: 'Alder (år)',
  weeks_on_benefit: 'Uger på ydelse (nuværende forløb)',
  benefit_periods_3y: 'Antal ydelsesforløb de seneste 3 år',
  self_rated_health: 'Selvvurderet helbred (1 = dårligt, 5 = fremragende)',
  who5: 'WHO-5 trivselsscore (0–100)',
  previous_dropouts: 'Tidligere frafald fra forløb',
};
export const operatorLabels: Record<Operator, string> = {
  lt: 'under',
  lte: 'højst',
  eq: 'lig med',
  gte: 'mindst',
  gt: 'over',
};
export const groupLabels: Record<RiskGroup, string> = {
  green: 'Grøn',
  orange: 'Orange',
  red: 'Rød',
};

export interface RiskRule {
  id?: string;
  fact: Fact;
  operator: Operator;
  value: number;
  group: RiskGroup;
  description: string;
}

export type FactValues = Record<Fact, number | null>;

export interface FiredRule {
  ruleId: string | null;
  fact: Fact;
  operator: Operator;
  value: number;
  group: RiskGroup;
  description: string;
  actual: number;
  explanation: string;
}

function holds(actual: number, op: Operator, value: number): boolean {
  switch (op) {
    case 'lt':
      return actual < value;
    case 'lte':
      return actual <= value;
    case 'eq':
      return actual === value;
    case 'gte':
      return actual >= value;
    case 'gt':
      return actual > value;
  }
}

const severity: Record<RiskGroup, number> = { green: 0, orange: 1, red: 2 };

export function evaluate(rules: RiskRule[], values: FactValues) {
  const fired: FiredRule[] = [];
  const notAssessed = new Set<Fact>();
  for (const rule of rules) {
    const actual = values[rule.fact];
    if (actual === null || actual === undefined) {
      notAssessed.add(rule.fact);
      continue;
    }
    if (!holds(actual, rule.operator, rule.value)) continue;
    fired.push({
      ruleId: rule.id ?? null,
      fact: rule.fact,
      operator: rule.operator,
      value: rule.value,
      group: rule.group,
      description: rule.description,
      actual,
      explanation: `${rule.description} (${factLabels[rule.fact]} er ${actual}; reglen: ${operatorLabels[rule.operator]} ${rule.value} giver ${groupLabels[rule.group].toLowerCase()})`,
    });
  }
  const suggested = fired.reduce<RiskGroup>(
    (g, r) => (severity[r.group] > severity[g] ? r.group : g),
    'green',
  );
  const notes = [...notAssessed].map(
    (f) =>
      `${factLabels[f]}: ingen oplysning${f === 'who5' || f === 'self_rated_health' ? ' (ingen sundhedsprofil)' : ''}, så reglen er ikke vurderet`,
  );
  if (fired.length === 0) notes.unshift('Ingen regler slog til; forslaget er derfor grøn.');
  return { suggestedGroup: suggested, fired, notes };
}
