/**
 * The legal guardrail of Min Plan (seed 001, section 5: "Etiske overvejelser og juridiske
 * rammer"): the municipality may require participation in an exercise or diet offer the citizen
 * has accepted as part of the activation plan, but may never require that the citizen stops
 * smoking or loses weight. A lifestyle outcome can only be the citizen's own voluntary goal.
 * Shared by the server (which refuses) and the page (which warns before submit).
 */

export const goalCategories = [
  'participation',
  'lifestyle_outcome',
  'job',
  'education',
  'other',
] as const;
export type GoalCategory = (typeof goalCategories)[number];

/** Danish words that name a lifestyle outcome (weight, BMI, smoking, alcohol...). */
const lifestylePatterns: RegExp[] = [
  /vægt/, // vægt, vægttab, overvægt, kropsvægt
  /\d\s*(kg|kilo)\b/,
  /\b(kg|kilo|kilos)\b/,
  /\bbmi\b/,
  /rygestop/,
  /røgfri/,
  /(stoppe|holde op|ophøre|lade være) med at ryge/,
  /\b(ryge|ryger|rygning|rygeafvænning|smøger)\b/,
  /\btab(e|er)\b/,
  /\bslank/,
  /fedme/,
  /livvidde/,
  /taljemål/,
  /\balkohol/,
  /\bdrikke (mindre|ikke)\b/,
];

export function mentionsLifestyleOutcome(text: string): boolean {
  const t = text.toLowerCase();
  return lifestylePatterns.some((p) => p.test(t));
}

/** True when the goal or activity is about a lifestyle outcome, by category or by its words. */
export function isLifestyleOutcome(
  category: string | undefined,
  ...texts: (string | null | undefined)[]
): boolean {
  if (category === 'lifestyle_outcome') return true;
  return texts.some((t) => !!t && mentionsLifestyleOutcome(t));
}

export const guardrailRule = {
  da: 'Et mål om vægt, BMI, rygestop eller et andet livsstilsresultat kan kun være borgerens eget frivillige mål – aldrig et krav eller en betingelse for forsørgelse. Kommunen kan ikke stille krav om, at borgeren holder op med at ryge eller taber sig. Kommunen kan derimod kræve deltagelse i et motionstilbud, kostvejledning eller lignende sundhedstilbud, som borgeren har accepteret som del af aktiveringsplanen.',
  en: 'A goal about weight, BMI, smoking cessation or another lifestyle outcome can only be the citizen’s own voluntary goal – never a requirement or a condition for benefits. Participation in an exercise or diet offer the citizen has accepted as part of the activation plan can be required.',
} as const;
