/**
 * The suppression guarantee: no shown cell is 1–4, and no hidden count of 1–4 can be worked out
 * by subtraction from a row or column total. For each line the attacker enumerates every
 * assignment of its hidden cells that agrees with what is published (shown numbers, "<5" means
 * 1–4, "x" means not 1–4, the total adds up) and checks that each hidden small count keeps at
 * least two possible values. Known limit: combining several lines at once (solving the whole
 * system, e.g. [[1,6],[6,4]] with all totals) can still pin a cell; see the report.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CountTable, isSmall, published, suppress, suppressShare } from './suppression.js';

/**
 * The reader's attack by subtraction: for every row or column whose total is shown, every
 * assignment of its hidden entries that agrees with the shown entries, the total and the labels
 * ("<5" is 1–4, "x" is not 1–4). Returns, per hidden cell and line, the values still possible.
 */
function possibleValuesPerLine(
  table: CountTable,
): { cell: [number, number]; options: Set<number> }[] {
  const s = suppress(table);
  const grid = published(s).grid;
  const height = grid.length;
  const width = grid[0]!.length;
  const lines: [number, number][][] = [];
  if (table.rowTotals)
    for (let i = 0; i < height; i++)
      lines.push(Array.from({ length: width }, (_, j) => [i, j] as [number, number]));
  if (table.columnTotals)
    for (let j = 0; j < width; j++)
      lines.push(Array.from({ length: height }, (_, i) => [i, j] as [number, number]));
  const out: { cell: [number, number]; options: Set<number> }[] = [];
  for (const line of lines) {
    const [ti, tj] = line[line.length - 1]!;
    const total = grid[ti]![tj]!;
    if (typeof total !== 'number') continue;
    const members = line.slice(0, -1);
    const hidden = members.filter(([i, j]) => typeof grid[i]![j] !== 'number');
    const shownSum = members.reduce(
      (a, [i, j]) => a + (typeof grid[i]![j] === 'number' ? (grid[i]![j] as number) : 0),
      0,
    );
    const left = total - shownSum;
    const options = hidden.map(() => new Set<number>());
    const chosen: number[] = [];
    const walk = (k: number, rest: number) => {
      if (k === hidden.length) {
        if (rest === 0) for (const [x, v] of chosen.entries()) options[x]!.add(v);
        return;
      }
      const [i, j] = hidden[k]!;
      const small = grid[i]![j] === '<5';
      for (let v = 0; v <= rest; v++) {
        if (small !== isSmall(v)) continue;
        chosen[k] = v;
        walk(k + 1, rest - v);
      }
    };
    walk(0, left);
    for (const [x, cell] of hidden.entries()) out.push({ cell, options: options[x]! });
  }
  return out;
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

  it('no shown cell is 1–4 and no hidden 1–4 follows by subtraction from a row or column total (exhaustive, per line)', () => {
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
          for (const { cell, options } of possibleValuesPerLine(table)) {
            const truth = s.grid[cell[0]]![cell[1]]!.value;
            expect(options.has(truth)).toBe(true);
            if (isSmall(truth))
              expect(options.size, `cell ${cell} of ${JSON.stringify(cells)}`).toBeGreaterThan(1);
          }
        },
      ),
      { numRuns: 1000 },
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
