/**
 * The suppression guarantee: no shown cell is 1–4, and no hidden count of 1–4 can be worked out
 * from the shown cells and totals. The attacker enumerates every assignment of the hidden cells
 * that agrees with what is published (shown numbers, "<5" means 1–4, totals add up) and checks
 * that each hidden small count has at least two possible values.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CountTable, isSmall, published, suppress, suppressShare } from './suppression.js';

function possibleValues(table: CountTable): Map<string, Set<number>> {
  const s = suppress(table);
  const grid = published(s).grid;
  const height = grid.length;
  const width = grid[0]!.length;
  const hiddenCells: [number, number][] = [];
  for (let i = 0; i < height; i++)
    for (let j = 0; j < width; j++) if (typeof grid[i]![j] !== 'number') hiddenCells.push([i, j]);
  // Bounds for the search: beyond the largest true value, every label stays satisfiable.
  const grand =
    Math.max(
      4,
      s.grid.flat().reduce((a, c) => Math.max(a, c.value), 0),
    ) + 5;
  const seen = new Map<string, Set<number>>();
  for (const [i, j] of hiddenCells) seen.set(`${i},${j}`, new Set());
  const assignment = grid.map((row) => row.map((v) => (typeof v === 'number' ? v : -1)));
  const consistent = () => {
    if (table.rowTotals)
      for (let i = 0; i < height; i++) {
        const row = assignment[i]!;
        if (row.slice(0, -1).reduce((a, b) => a + b, 0) !== row[width - 1]) return false;
      }
    if (table.columnTotals)
      for (let j = 0; j < width; j++) {
        let sum = 0;
        for (let i = 0; i < height - 1; i++) sum += assignment[i]![j]!;
        if (sum !== assignment[height - 1]![j]) return false;
      }
    return true;
  };
  const walk = (k: number) => {
    if (k === hiddenCells.length) {
      if (consistent())
        for (const [i, j] of hiddenCells) seen.get(`${i},${j}`)!.add(assignment[i]![j]!);
      return;
    }
    const [i, j] = hiddenCells[k]!;
    const label = grid[i]![j];
    for (let v = 0; v <= grand; v++) {
      if (label === '<5' && !isSmall(v)) continue;
      // "x" is a secondary suppression: the reader knows only that it is not 1–4.
      if (label === 'x' && isSmall(v)) continue;
      assignment[i]![j] = v;
      walk(k + 1);
    }
    assignment[i]![j] = -1;
  };
  walk(0);
  return seen;
}

describe('suppression of small counts', () => {
  it('hides a 3 and the cell that would reveal it, and shows "<5" and "x"', () => {
    const table: CountTable = {
      rows: ['Tilbud A', 'Tilbud B'],
      columns: ['gennemført', 'faldet fra'],
      cells: [
        [20, 3],
        [15, 9],
      ],
      rowTotals: true,
      columnTotals: true,
    };
    const grid = published(suppress(table)).grid;
    expect(grid[0]![1]).toBe('<5');
    // Row A total 23 is shown, so 20 must go as well; column "faldet fra" total 12 is shown, so 9 goes.
    expect(grid[0]![0]).toBe('x');
    expect(grid[1]![1]).toBe('x');
    expect(grid[1]![0]).toBe('x');
    for (const row of grid)
      for (const v of row) if (typeof v === 'number') expect(isSmall(v)).toBe(false);
  });

  it('no shown cell is 1–4 and no hidden 1–4 can be derived from totals (exhaustive attacker)', () => {
    const small = fc.integer({ min: 0, max: 9 });
    const shape = fc.record({
      r: fc.integer({ min: 1, max: 3 }),
      c: fc.integer({ min: 1, max: 3 }),
      rowTotals: fc.boolean(),
      columnTotals: fc.boolean(),
    });
    fc.assert(
      fc.property(
        shape.chain(({ r, c, rowTotals, columnTotals }) =>
          fc.record({
            cells: fc.array(fc.array(small, { minLength: c, maxLength: c }), {
              minLength: r,
              maxLength: r,
            }),
            rowTotals: fc.constant(rowTotals),
            columnTotals: fc.constant(columnTotals),
          }),
        ),
        ({ cells, rowTotals, columnTotals }) => {
          const table: CountTable = {
            rows: cells.map((_, i) => `r${i}`),
            columns: cells[0]!.map((_, j) => `c${j}`),
            cells,
            rowTotals,
            columnTotals,
          };
          const s = suppress(table);
          for (const row of published(s).grid)
            for (const v of row) if (typeof v === 'number') expect(isSmall(v)).toBe(false);
          const hiddenCount = s.grid.flat().filter((c) => c.hidden).length;
          if (hiddenCount > 5) return; // keep the enumeration bounded
          const values = possibleValues(table);
          for (const [key, options] of values) {
            const [i, j] = key.split(',').map(Number) as [number, number];
            const truth = s.grid[i]![j]!.value;
            expect(options.has(truth)).toBe(true);
            if (isSmall(truth))
              expect(options.size, `cell ${key} of ${JSON.stringify(cells)}`).toBeGreaterThan(1);
          }
        },
      ),
      { numRuns: 250 },
    );
  });

  it('hides a share when the numerator, its complement or the denominator is small', () => {
    expect(suppressShare(3, 20)).toMatchObject({ numerator: '<5', complement: 'x', share: null });
    expect(suppressShare(18, 20)).toMatchObject({ numerator: 'x', complement: '<5', share: null });
    expect(suppressShare(10, 20)).toEqual({
      numerator: 10,
      complement: 10,
      denominator: 20,
      share: 0.5,
    });
    expect(suppressShare(0, 3)).toMatchObject({ denominator: '<5', share: null });
  });
});
