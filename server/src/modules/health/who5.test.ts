import { describe, expect, it } from 'vitest';
import { bmiOf } from './health.service.js';
import { scoreWho5 } from './who5.js';

const answers = (...v: number[]) => Object.fromEntries(v.map((x, i) => [`who5_${i + 1}`, x]));

describe('WHO-5 scoring (raw 0–25 × 4)', () => {
  it('scores hand-computed examples and flags the cut-offs 28 and 50', () => {
    // 5+5+5+5+5 = 25 → 100
    expect(scoreWho5(answers(5, 5, 5, 5, 5))).toEqual({ raw: 25, score: 100, flag: 'none' });
    // 0 everywhere → 0, likely depression
    expect(scoreWho5(answers(0, 0, 0, 0, 0))).toEqual({
      raw: 0,
      score: 0,
      flag: 'likely_depression',
    });
    // 3+3+3+2+2 = 13 → 52: just above 50, no flag
    expect(scoreWho5(answers(3, 3, 3, 2, 2))).toEqual({ raw: 13, score: 52, flag: 'none' });
    // 3+3+2+2+2 = 12 → 48... and 50 exactly is not reachable (raw 12.5); 48 flags poor well-being
    expect(scoreWho5(answers(3, 3, 2, 2, 2))).toEqual({
      raw: 12,
      score: 48,
      flag: 'poor_wellbeing',
    });
    // 2+2+2+1+1 = 8 → 32: poor well-being, not yet depression
    expect(scoreWho5(answers(2, 2, 2, 1, 1))).toEqual({
      raw: 8,
      score: 32,
      flag: 'poor_wellbeing',
    });
    // 2+2+1+1+1 = 7 → 28: exactly the cut-off, likely depression
    expect(scoreWho5(answers(2, 2, 1, 1, 1))).toEqual({
      raw: 7,
      score: 28,
      flag: 'likely_depression',
    });
    // 2+2+2+1+0 = 7 in another order → 28 as well
    expect(scoreWho5(answers(0, 1, 2, 2, 2))?.score).toBe(28);
  });

  it('is null until all five items are answered with 0–5', () => {
    expect(scoreWho5({ who5_1: 3, who5_2: 3 })).toBeNull();
    expect(scoreWho5(answers(6, 0, 0, 0, 0))).toBeNull();
    expect(scoreWho5(answers(1.5, 0, 0, 0, 0))).toBeNull();
  });

  it('computes BMI from weight and height', () => {
    // 80 / 1.8² = 24.69 → 24.7
    expect(bmiOf(80, 180)).toBe(24.7);
    expect(bmiOf(80, null)).toBeNull();
  });
});
