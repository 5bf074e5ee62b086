/**
 * The survival library against a published worked example with ties and censoring: the
 * Freireich et al. (1963) leukaemia remission data, 6-mercaptopurine (6-MP) vs placebo, 21
 * patients each, times in weeks, as in Kleinbaum & Klein, "Survival Analysis: A Self-Learning
 * Text", 3rd ed. (Springer 2012), ch. 2 (KM tables) and ch. 2 §V (log-rank), and in Klein &
 * Moeschberger, "Survival Analysis", 2nd ed., Table 4.1 / 4.3 (Greenwood standard errors).
 *
 * Published (rounded) figures: 6-MP S(6) = 0.8571, S(7) = 0.8067, S(10) = 0.7529,
 * S(13) = 0.6902, S(16) = 0.6275, S(22) = 0.5378, S(23) = 0.4482; Greenwood SE at 6 weeks
 * 0.0764, at 23 weeks 0.1346; median 23 (6-MP) and 8 (placebo); log-rank O = 9 / 21,
 * E = 19.25 / 10.75, Var(O₁ − E₁) = 6.2570, χ² = 16.793 (K&K print 16.79), p = 0.0000.
 *
 * The 1e-9 references below are the exact rational values of S, Greenwood's variance, E and
 * Var (computed with Python's fractions.Fraction), and for the log-log interval and the p-value
 * the same rationals evaluated with mpmath at 40 digits (p = erfc(√(χ²/2)) for 1 df). The
 * rounded published figures are checked at their own printed precision.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chiSquareCdf, chiSquareSurvival, regularizedGammaP, regularizedGammaQ } from './gamma.js';
import {
  kaplanMeier,
  logRank,
  medianTime,
  type Observation,
  shareWithEventAt,
  survivalAt,
} from './survival.js';

const events = (...t: number[]): Observation[] => t.map((time) => ({ time, event: true }));
const censored = (...t: number[]): Observation[] => t.map((time) => ({ time, event: false }));

const sixMp = [
  ...events(6, 6, 6, 7, 10, 13, 16, 22, 23),
  ...censored(6, 9, 10, 11, 17, 19, 20, 25, 32, 32, 34, 35),
];
const placebo = events(1, 1, 2, 2, 3, 4, 4, 5, 5, 8, 8, 8, 8, 11, 11, 12, 12, 15, 17, 22, 23);

const EXACT = 1e-9;

// [time, at risk, events, censored, S exact, Greenwood variance exact, lower, upper]
const sixMpExpected: [number, number, number, number, number, number, number, number][] = [
  [6, 21, 3, 1, 6 / 7, 2 / 343, 0.6197179552659838, 0.951551747646997],
  [7, 17, 1, 0, 96 / 119, 12736 / 1685159, 0.5631465646222333, 0.9228090192028804],
  [9, 16, 0, 1, 96 / 119, 12736 / 1685159, 0.5631465646222333, 0.9228090192028804],
  [10, 15, 1, 1, 64 / 85, 359168 / 38689875, 0.5031995107999564, 0.8893618351692656],
  [11, 13, 0, 1, 64 / 85, 359168 / 38689875, 0.5031995107999564, 0.8893618351692656],
  [13, 12, 1, 0, 176 / 255, 3972848 / 348208875, 0.431610222486184, 0.8490659633494508],
  [16, 11, 1, 0, 32 / 51, 181184 / 13928355, 0.36751085598750205, 0.8049121894718413],
  [17, 10, 0, 1, 32 / 51, 181184 / 13928355, 0.36751085598750205, 0.8049121894718413],
  [19, 9, 0, 1, 32 / 51, 181184 / 13928355, 0.36751085598750205, 0.8049121894718413],
  [20, 8, 0, 1, 32 / 51, 181184 / 13928355, 0.36751085598750205, 0.8049121894718413],
  [22, 7, 1, 0, 64 / 119, 1246976 / 75832155, 0.26777893676713505, 0.7467907176353946],
  [23, 6, 1, 0, 160 / 357, 2472640 / 136497879, 0.18805200595923238, 0.6801426284952415],
  [25, 5, 0, 1, 160 / 357, 2472640 / 136497879, 0.18805200595923238, 0.6801426284952415],
  [32, 4, 0, 2, 160 / 357, 2472640 / 136497879, 0.18805200595923238, 0.6801426284952415],
  [34, 2, 0, 1, 160 / 357, 2472640 / 136497879, 0.18805200595923238, 0.6801426284952415],
  [35, 1, 0, 1, 160 / 357, 2472640 / 136497879, 0.18805200595923238, 0.6801426284952415],
];

const placeboExpected: [number, number, number, number, number, number, number][] = [
  [1, 21, 2, 19 / 21, 38 / 9261, 0.6700458822350335, 0.9752941490381125],
  [2, 19, 2, 17 / 21, 68 / 9261, 0.5689050599241726, 0.9238888285592948],
  [3, 17, 1, 16 / 21, 80 / 9261, 0.5193914153284287, 0.8932571097824872],
  [4, 16, 2, 2 / 3, 2 / 189, 0.4253504355652472, 0.8250440087973401],
  [5, 14, 2, 4 / 7, 4 / 343, 0.33797695385949306, 0.7492407099432165],
  [8, 12, 4, 8 / 21, 104 / 9261, 0.18306654882039436, 0.577788677745831],
  [11, 8, 2, 2 / 7, 10 / 1029, 0.11656132643676466, 0.4818196480090255],
  [12, 6, 2, 4 / 21, 68 / 9261, 0.05948170136117525, 0.37743489058515006],
  [15, 4, 1, 1 / 7, 2 / 343, 0.035657355190666706, 0.32116157468086926],
  [17, 3, 1, 2 / 21, 38 / 9261, 0.016259260212247013, 0.2612499819686869],
  [22, 2, 1, 1 / 21, 20 / 9261, 0.0033244630425311754, 0.19704490569894606],
  [23, 1, 1, 0, 0, 0, 0],
];

describe('Kaplan–Meier on the Freireich 6-MP data (Kleinbaum & Klein ch. 2)', () => {
  const curve = kaplanMeier(sixMp);

  it('reproduces S(t), Greenwood variance and the log-log 95% CI to 1e-9 at every step', () => {
    expect(curve.n).toBe(21);
    expect(curve.events).toBe(9);
    expect(curve.steps).toHaveLength(sixMpExpected.length);
    for (const [i, [time, n, d, c, s, v, lo, up]] of sixMpExpected.entries()) {
      const step = curve.steps[i]!;
      expect([step.time, step.atRisk, step.events, step.censored]).toEqual([time, n, d, c]);
      expect(step.survival).toBeCloseTo(s, 9);
      expect(Math.abs(step.survival - s)).toBeLessThan(EXACT);
      expect(Math.abs(step.variance - v)).toBeLessThan(EXACT);
      expect(Math.abs(step.lower - lo)).toBeLessThan(EXACT);
      expect(Math.abs(step.upper - up)).toBeLessThan(EXACT);
    }
  });

  it('matches the rounded figures printed in the book', () => {
    const printed: [number, number][] = [
      [6, 0.8571],
      [7, 0.8067],
      [10, 0.7529],
      [13, 0.6902],
      [16, 0.6275],
      [22, 0.5378],
      [23, 0.4482],
    ];
    for (const [t, s] of printed) expect(survivalAt(curve, t)).toBeCloseTo(s, 4);
    expect(Math.sqrt(curve.steps[0]!.variance)).toBeCloseTo(0.0764, 4);
    expect(Math.sqrt(curve.steps[11]!.variance)).toBeCloseTo(0.1346, 4);
    expect(medianTime(curve)).toBe(23);
  });

  it('gives the share with the event at a time as 1 − S with the interval turned around', () => {
    const at13 = shareWithEventAt(curve, 13);
    expect(Math.abs(at13.share - (1 - 176 / 255))).toBeLessThan(EXACT);
    expect(Math.abs(at13.lower - (1 - 0.8490659633494508))).toBeLessThan(EXACT);
    expect(Math.abs(at13.upper - (1 - 0.431610222486184))).toBeLessThan(EXACT);
    expect(shareWithEventAt(curve, 5)).toEqual({ time: 5, share: 0, lower: 0, upper: 0 });
  });
});

describe('Kaplan–Meier on the placebo arm (every subject relapses)', () => {
  const curve = kaplanMeier(placebo);
  it('reproduces every step to 1e-9 and reaches 0 with a degenerate interval', () => {
    expect(curve.steps).toHaveLength(placeboExpected.length);
    for (const [i, [time, n, d, s, v, lo, up]] of placeboExpected.entries()) {
      const step = curve.steps[i]!;
      expect([step.time, step.atRisk, step.events]).toEqual([time, n, d]);
      expect(Math.abs(step.survival - s)).toBeLessThan(EXACT);
      expect(Math.abs(step.variance - v)).toBeLessThan(EXACT);
      expect(Math.abs(step.lower - lo)).toBeLessThan(EXACT);
      expect(Math.abs(step.upper - up)).toBeLessThan(EXACT);
    }
    expect(medianTime(curve)).toBe(8);
  });
});

describe('log-rank test, 6-MP vs placebo (Kleinbaum & Klein ch. 2: χ² = 16.79)', () => {
  const result = logRank(sixMp, placebo);
  it('reproduces O, E, the variance, χ² and the p-value to 1e-9', () => {
    expect(result.observed).toEqual([9, 21]);
    expect(Math.abs(result.expected[0] - 406602257588 / 21121645545)).toBeLessThan(EXACT);
    expect(Math.abs(result.expected[1] - 227047108762 / 21121645545)).toBeLessThan(EXACT);
    expect(Math.abs(result.variance - 6.2569605736755)).toBeLessThan(EXACT);
    // χ² = 261377648054706132013894664 / 15564733313988771371954089 exactly.
    expect(Math.abs(result.chiSquare - 16.792940989216532)).toBeLessThan(EXACT);
    expect(Math.abs(result.pValue - 4.1688091093345416e-5)).toBeLessThan(1e-15);
    // The book's printed figures.
    expect(result.expected[0]).toBeCloseTo(19.25, 2);
    expect(result.expected[1]).toBeCloseTo(10.75, 2);
    expect(result.variance).toBeCloseTo(6.257, 3);
    expect(result.chiSquare).toBeCloseTo(16.79, 2);
    expect(result.pValue).toBeLessThan(0.00005);
  });

  it('is symmetric in the groups', () => {
    const swapped = logRank(placebo, sixMp);
    expect(Math.abs(swapped.chiSquare - result.chiSquare)).toBeLessThan(1e-12);
  });
});

describe('the chi-square distribution (regularised gamma, mpmath references)', () => {
  it('gives the textbook 5% critical value and known incomplete gamma values', () => {
    expect(Math.abs(chiSquareCdf(3.841458820694124, 1) - 0.95)).toBeLessThan(1e-12);
    expect(Math.abs(chiSquareSurvival(3.841458820694124, 1) - 0.05)).toBeLessThan(1e-12);
    expect(Math.abs(regularizedGammaQ(3, 5) - 0.12465201948308115)).toBeLessThan(1e-13);
    expect(Math.abs(regularizedGammaP(2.5, 1) - 0.15085496391539036)).toBeLessThan(1e-13);
    expect(regularizedGammaP(2, 0)).toBe(0);
  });
});

describe('Kaplan–Meier invariants (property test)', () => {
  const observation = fc.record({
    time: fc.integer({ min: 0, max: 60 }),
    event: fc.boolean(),
  });
  it('S is non-increasing, within [0, 1], and the CI contains the estimate', () => {
    fc.assert(
      fc.property(fc.array(observation, { minLength: 1, maxLength: 80 }), (data) => {
        const curve = kaplanMeier(data);
        let previous = 1;
        for (const step of curve.steps) {
          expect(step.survival).toBeLessThanOrEqual(previous + 1e-15);
          expect(step.survival).toBeGreaterThanOrEqual(0);
          expect(step.survival).toBeLessThanOrEqual(1);
          expect(step.lower).toBeLessThanOrEqual(step.survival + 1e-12);
          expect(step.upper).toBeGreaterThanOrEqual(step.survival - 1e-12);
          expect(step.lower).toBeGreaterThanOrEqual(0);
          expect(step.upper).toBeLessThanOrEqual(1);
          previous = step.survival;
        }
        const lr = logRank(data, data.slice().reverse());
        expect(lr.pValue).toBeGreaterThanOrEqual(0);
        expect(lr.pValue).toBeLessThanOrEqual(1 + 1e-12);
      }),
      { numRuns: 300 },
    );
  });
});
