/**
 * The suppression guarantee: no shown cell is 1–4, and no hidden count of 1–4 can be worked out
 * by subtraction from a row or column total. For each line the attacker enumerates every
 * assignment of its hidden cells that agrees with what is published (shown numbers, "<5" means
 * 1–4, "x" means not 1–4, the total adds up) and checks that each hidden small count keeps at
 * least two possible values. And the reader who solves all the published lines together (the
 * linear system of every row and column equation, e.g. [[1,6],[6,4]] with all totals) cannot
 * pin down a hidden count of 1–4 either: checked by rank, independently of how suppress works.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CountTable,
  isSmall,
  published,
  type Shown,
  suppress,
  suppressShare,
} from './suppression.js';

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

/**
 * The reader's attack by solving: the unknowns are the hidden entries (interior cells and
 * totals), the equations every published row and column (entries add up to the total). An
 * unknown is determined exactly when its unit vector lies in the span of the equations, i.e.
 * adding it as an extra row does not raise the rank. Returns the determined cells.
 */
function determinedBySolving(table: CountTable): [number, number][] {
  const grid = published(suppress(table)).grid;
  const height = grid.length;
  const width = grid[0]!.length;
  const unknowns: [number, number][] = [];
  for (let i = 0; i < height; i++)
    for (let j = 0; j < width; j++) if (typeof grid[i]![j] !== 'number') unknowns.push([i, j]);
  const index = (i: number, j: number) => unknowns.findIndex(([a, b]) => a === i && b === j);
  const equations: number[][] = [];
  const addLine = (line: [number, number][]) => {
    const eq = new Array<number>(unknowns.length).fill(0);
    line.forEach(([i, j], k) => {
      const x = index(i, j);
      if (x >= 0) eq[x] = k === line.length - 1 ? -1 : 1;
    });
    equations.push(eq);
  };
  if (table.rowTotals)
    for (let i = 0; i < height; i++)
      addLine(Array.from({ length: width }, (_, j) => [i, j] as [number, number]));
  if (table.columnTotals)
    for (let j = 0; j < width; j++)
      addLine(Array.from({ length: height }, (_, i) => [i, j] as [number, number]));
  const rank = (m: number[][]) => {
    const a = m.map((r) => [...r]);
    let r = 0;
    for (let c = 0; c < unknowns.length && r < a.length; c++) {
      const p = a.findIndex((row, k) => k >= r && Math.abs(row[c]!) > 1e-9);
      if (p < 0) continue;
      [a[r], a[p]] = [a[p]!, a[r]!];
      for (let k = 0; k < a.length; k++) {
        if (k === r) continue;
        const f = a[k]![c]! / a[r]![c]!;
        if (f !== 0) for (let x = 0; x < unknowns.length; x++) a[k]![x]! -= f * a[r]![x]!;
      }
      r++;
    }
    return r;
  };
  const base = rank(equations);
  return unknowns.filter((_, x) => {
    const unit = unknowns.map((_, y) => (y === x ? 1 : 0));
    return rank([...equations, unit]) === base;
  });
}

/**
 * The reader's strongest attack on a small table: every table of non-negative whole numbers
 * (interior counts up to CAP) that agrees with everything published — shown numbers, "<5" is
 * 1–4, "x" is 0 or 5 and more, shown and hidden totals add up. Returns, per hidden interior cell
 * holding 1–4, the values it takes across those tables. The cap only narrows the reader's
 * choices, so a cell with two values here has two values for the reader too.
 */
const CAP = 14;
function possibleValuesBySearch(
  table: CountTable,
): { cell: [number, number]; options: Set<number> }[] {
  const s = suppress(table);
  const grid = published(s).grid;
  const r = table.cells.length;
  const c = table.cells[0]!.length;
  const unknown: [number, number][] = [];
  for (let i = 0; i < r; i++)
    for (let j = 0; j < c; j++) if (typeof grid[i]![j] !== 'number') unknown.push([i, j]);
  const fits = (label: Shown | undefined, v: number) =>
    typeof label === 'number' ? v === label : label === '<5' ? isSmall(v) : !isSmall(v);
  const cells = table.cells.map((row, i) =>
    row.map((_, j) => (typeof grid[i]![j] === 'number' ? (grid[i]![j] as number) : 0)),
  );
  const targets = unknown.filter(([i, j]) => isSmall(table.cells[i]![j]!));
  const options = targets.map(() => new Set<number>());
  const complete = () => {
    const rowSums = cells.map((row) => row.reduce((a, b) => a + b, 0));
    const colSums = Array.from({ length: c }, (_, j) => cells.reduce((a, row) => a + row[j]!, 0));
    const grand = rowSums.reduce((a, b) => a + b, 0);
    if (table.rowTotals) for (let i = 0; i < r; i++) if (!fits(grid[i]![c], rowSums[i]!)) return;
    if (table.columnTotals) for (let j = 0; j < c; j++) if (!fits(grid[r]![j], colSums[j]!)) return;
    if (table.rowTotals && table.columnTotals && !fits(grid[r]![c], grand)) return;
    for (const [x, [i, j]] of targets.entries()) options[x]!.add(cells[i]![j]!);
  };
  const walk = (k: number) => {
    if (k === unknown.length) return complete();
    const [i, j] = unknown[k]!;
    for (let v = 0; v <= CAP; v++) {
      if (!fits(grid[i]![j], v)) continue;
      cells[i]![j] = v;
      // Prune on shown totals: a partial row or column may not exceed them.
      const rowSum = cells[i]!.reduce((a, b) => a + b, 0);
      if (table.rowTotals && typeof grid[i]![c] === 'number' && rowSum > (grid[i]![c] as number))
        break;
      const colSum = cells.reduce((a, row) => a + row[j]!, 0);
      if (table.columnTotals && typeof grid[r]![j] === 'number' && colSum > (grid[r]![j] as number))
        break;
      walk(k + 1);
    }
    cells[i]![j] = 0;
  };
  walk(0);
  return targets.map((cell, x) => ({ cell, options: options[x]! }));
}

const tables = fc
  .record({
    r: fc.integer({ min: 1, max: 4 }),
    c: fc.integer({ min: 1, max: 4 }),
    rowTotals: fc.boolean(),
    columnTotals: fc.boolean(),
  })
  .chain(({ r, c, rowTotals, columnTotals }) =>
    fc.record({
      // Mostly small counts, so that suppression has work to do.
      cells: fc.array(
        fc.array(fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 30 })), {
          minLength: c,
          maxLength: c,
        }),
        { minLength: r, maxLength: r },
      ),
      rowTotals: fc.constant(rowTotals),
      columnTotals: fc.constant(columnTotals),
    }),
  )
  .map(
    ({ cells, rowTotals, columnTotals }): CountTable => ({
      rows: cells.map((_, i) => `r${i}`),
      columns: cells[0]!.map((_, j) => `c${j}`),
      cells,
      rowTotals,
      columnTotals,
    }),
  );

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

  it('[[1,6],[6,4]] with all totals: hiding the four inner cells would leak, so more is hidden', () => {
    const table: CountTable = {
      rows: ['a', 'b'],
      columns: ['x', 'y'],
      cells: [
        [1, 6],
        [6, 4],
      ],
      rowTotals: true,
      columnTotals: true,
    };
    const grid = published(suppress(table)).grid;
    expect(grid[0]![0]).toBe('<5');
    expect(grid[1]![1]).toBe('<5');
    // With only the inner cells hidden, rows 7 and 10 and columns 7 and 10 leave one free
    // parameter, but the "<5"/"x" labels and the line sums still pin 1 and 4: so totals go too.
    expect(determinedBySolving(table)).toEqual([]);
    for (const { options } of possibleValuesBySearch(table))
      expect(options.size).toBeGreaterThan(1);
    for (const { cell, options } of possibleValuesPerLine(table))
      if (isSmall(table.cells[cell[0]]?.[cell[1]] ?? 0)) expect(options.size).toBeGreaterThan(1);
    for (const row of grid)
      for (const v of row) if (typeof v === 'number') expect(isSmall(v)).toBe(false);
  });

  it('no hidden 1–4 can be solved for from all published totals together (rank, random tables)', () => {
    fc.assert(
      fc.property(tables, (table) => {
        const s = suppress(table);
        for (const row of published(s).grid)
          for (const v of row) if (typeof v === 'number') expect(isSmall(v)).toBe(false);
        for (const [i, j] of determinedBySolving(table))
          expect(
            isSmall(s.grid[i]![j]!.value),
            `cell ${i},${j} of ${JSON.stringify(table)}: ${JSON.stringify(published(s).grid)}`,
          ).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('no hidden 1–4 can be narrowed to one value by any table agreeing with what is published (search, random tables up to 3×3)', () => {
    const small = fc
      .record({ r: fc.integer({ min: 1, max: 3 }), c: fc.integer({ min: 2, max: 3 }) })
      .chain(({ r, c }) =>
        fc.record({
          cells: fc.array(
            fc.array(fc.integer({ min: 0, max: 9 }), { minLength: c, maxLength: c }),
            {
              minLength: r,
              maxLength: r,
            },
          ),
          rowTotals: fc.boolean(),
          columnTotals: fc.boolean(),
        }),
      );
    fc.assert(
      fc.property(small, ({ cells, rowTotals, columnTotals }) => {
        const table: CountTable = {
          rows: cells.map((_, i) => `r${i}`),
          columns: cells[0]!.map((_, j) => `c${j}`),
          cells,
          rowTotals,
          columnTotals,
        };
        for (const { cell, options } of possibleValuesBySearch(table)) {
          expect(options.has(table.cells[cell[0]]![cell[1]]!)).toBe(true);
          expect(
            options.size,
            `cell ${cell} of ${JSON.stringify(table)}: ${JSON.stringify(published(suppress(table)).grid)}`,
          ).toBeGreaterThan(1);
        }
      }),
      { numRuns: 1500 },
    );
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
