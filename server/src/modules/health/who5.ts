/**
 * WHO-5 Well-Being Index: five items scored 0 (at no time) to 5 (all of the time). The raw
 * score 0–25 is multiplied by 4 to give 0–100. A score of 50 or less indicates poor
 * well-being; 28 or less indicates a likely depression that a health professional should
 * assess (the cut-offs used in Danish practice, e.g. Sundhedsstyrelsen and Psykiatrisk Center
 * Nordsjælland's guidance on WHO-5).
 */
export const who5Items = ['who5_1', 'who5_2', 'who5_3', 'who5_4', 'who5_5'] as const;

export type Who5Flag = 'none' | 'poor_wellbeing' | 'likely_depression';

export interface Who5Result {
  raw: number;
  score: number;
  flag: Who5Flag;
}

/** Null until all five items are answered with integers 0–5. */
export function scoreWho5(answers: Record<string, unknown>): Who5Result | null {
  let raw = 0;
  for (const item of who5Items) {
    const v = answers[item];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 5) return null;
    raw += v;
  }
  const score = raw * 4;
  const flag: Who5Flag =
    score <= 28 ? 'likely_depression' : score <= 50 ? 'poor_wellbeing' : 'none';
  return { raw, score, flag };
}
