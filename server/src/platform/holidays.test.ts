import Holidays from 'date-holidays';
import { describe, expect, it } from 'vitest';
import { danishPublicHoliday, easterSunday } from './dates.js';

describe('Danish public holidays', () => {
  it('puts Easter on the published dates', () => {
    expect(easterSunday(2024)).toEqual([3, 31]);
    expect(easterSunday(2025)).toEqual([4, 20]);
    expect(easterSunday(2026)).toEqual([4, 5]);
    expect(easterSunday(2027)).toEqual([3, 28]);
    expect(easterSunday(2038)).toEqual([4, 25]);
  });

  it('has store bededag until 2023 and not after', () => {
    expect(danishPublicHoliday('2023-05-05')).toBe('Store Bededag');
    expect(danishPublicHoliday('2024-04-26')).toBeNull();
    expect(danishPublicHoliday('2026-06-05')).toBeNull(); // Grundlovsdag is not a helligdag
    expect(danishPublicHoliday('2026-12-24')).toBeNull();
    expect(danishPublicHoliday('2026-12-25')).toBe('Juledag');
  });

  it('agrees day by day with an independent calendar (date-holidays) for 2000-2060', () => {
    const reference = new Holidays('DK');
    const differences: string[] = [];
    for (let year = 2000; year <= 2060; year++) {
      const expected = new Map(
        reference
          .getHolidays(year)
          .filter((h) => h.type === 'public')
          .map((h) => [h.date.slice(0, 10), h.name] as const),
      );
      for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += 86_400_000) {
        const date = new Date(t).toISOString().slice(0, 10);
        const actual = danishPublicHoliday(date);
        if (actual !== (expected.get(date) ?? null)) {
          differences.push(`${date}: ${actual} ≠ ${expected.get(date) ?? null}`);
        }
      }
    }
    expect(differences).toEqual([]);
  });
});
