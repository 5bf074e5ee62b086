/**
 * Statistical disclosure control for count tables. Every count from 1 to 4 is hidden ("<5",
 * primary suppression); then, so that no hidden count can be worked out from the row and column
 * totals — one line at a time or all of them solved together — complementary cells are hidden
 * ("x"), see suppress. Zeros are shown: a zero reveals nobody.
 */

export type Cell =
  | { value: number; hidden: false }
  | { value: number; hidden: 'small' | 'secondary' };

export interface CountTable {
  rows: string[];
  columns: string[];
  /** cells[r][c] */
  cells: number[][];
  rowTotals: boolean;
  columnTotals: boolean;
}

export interface SuppressedTable {
  rows: string[];
  columns: string[];
  /** The grid including totals: (rows + 1 if columnTotals) × (columns + 1 if rowTotals). */
  grid: Cell[][];
  rowTotals: boolean;
  columnTotals: boolean;
}

export const isSmall = (n: number) => n >= 1 && n <= 4;

/**
 * Whether a reader who knows the hidden entries of a line add up to `sum`, that a "<5" entry is
 * 1–4 and an "x" entry is not, can pin down a hidden small count or the hidden sum is small.
 */
export function lineReveals(hiddenValues: number[], sum: number): boolean {
  if (isSmall(sum)) return true;
  const smalls = hiddenValues.filter(isSmall).length;
  if (smalls === 0) return false;
  const others = hiddenValues.length - smalls;
  // The other small cells add up to anything in [s−1, 4(s−1)]; "x" cells to 0 or anything ≥ 5.
  // A small cell is pinned down when fewer than two of 1–4 leave a sum the rest can make.
  const rest = (t: number) =>
    (t >= smalls - 1 && t <= 4 * (smalls - 1)) || (others > 0 && t >= smalls - 1 + 5);
  let options = 0;
  for (let v = 1; v <= 4; v++) if (rest(sum - v)) options++;
  return options < 2;
}

/** The extended matrix with totals and the lines (index lists) whose last entry is the total. */
function extend(table: CountTable): { values: number[][]; lines: [number, number][][] } {
  const c = table.columns.length;
  const values = table.cells.map((row) => [...row]);
  if (table.rowTotals) for (const row of values) row.push(row.reduce((a, b) => a + b, 0));
  if (table.columnTotals) {
    const width = values[0]?.length ?? c;
    const totals: number[] = [];
    for (let j = 0; j < width; j++) totals.push(values.reduce((a, row) => a + (row[j] ?? 0), 0));
    values.push(totals);
  }
  const lines: [number, number][][] = [];
  const height = values.length;
  const width = values[0]?.length ?? 0;
  if (table.rowTotals) {
    for (let i = 0; i < height; i++) {
      const line: [number, number][] = [];
      for (let j = 0; j < width; j++) line.push([i, j]);
      lines.push(line);
    }
  }
  if (table.columnTotals) {
    for (let j = 0; j < width; j++) {
      const line: [number, number][] = [];
      for (let i = 0; i < height; i++) line.push([i, j]);
      lines.push(line);
    }
  }
  return { values, lines };
}

type Hidden = false | 'small' | 'secondary';

/**
 * Whether a hidden count of 1–4 keeps a second value the reader cannot rule out, solving every
 * published line together and using the labels ("<5" is 1–4, "x" is 0 or 5 and more).
 *
 * The hidden cells form a graph: a node per line with a published equation (a row or a column
 * with its total), one "ground" node for the lines without one, and an edge per hidden cell
 * between its row's node and its column's node. Moving a value around a cycle of that graph —
 * +d, −d alternately, a total counting against its line — keeps every equation; a cell on no
 * cycle is determined. The cell is safe when, for some d in ±1..±3, there is a cycle through it
 * on which every cell stays within its label after the move: that is a second table agreeing
 * with everything published. Found as a directed path back to the cell's row node, over the
 * cells that can take the move in that direction.
 */
function keepsAnAlternative(
  cell: [number, number],
  values: number[][],
  hidden: Hidden[][],
  table: CountTable,
): boolean {
  const height = values.length;
  const width = values[0]?.length ?? 0;
  const ground = height + width;
  const rowNode = (i: number) => (table.rowTotals ? i : ground);
  const colNode = (j: number) => (table.columnTotals ? height + j : ground);
  const isTotalColumn = (j: number) => table.rowTotals && j === width - 1;
  const isTotalRow = (i: number) => table.columnTotals && i === height - 1;
  // In the signed table (totals negated, the grand total not) every line adds up to zero.
  const sign = (i: number, j: number) => (isTotalColumn(j) !== isTotalRow(i) ? -1 : 1);
  const fits = (i: number, j: number, v: number) =>
    hidden[i]![j] === 'small' ? v >= 1 && v <= 4 : v === 0 || v >= 5;
  const [ci, cj] = cell;
  for (const d of [1, -1, 2, -2, 3, -3]) {
    if (!fits(ci, cj, values[ci]![cj]! + sign(ci, cj) * d)) continue;
    const from = colNode(cj);
    const to = rowNode(ci);
    if (from === to) return true;
    const arcs: number[][] = Array.from({ length: ground + 1 }, () => []);
    for (let i = 0; i < height; i++)
      for (let j = 0; j < width; j++) {
        if (!hidden[i]![j] || (i === ci && j === cj)) continue;
        const v = values[i]![j]!;
        if (fits(i, j, v + sign(i, j) * d)) arcs[rowNode(i)]!.push(colNode(j));
        if (fits(i, j, v - sign(i, j) * d)) arcs[colNode(j)]!.push(rowNode(i));
      }
    const seen = new Set([from]);
    const stack = [from];
    while (stack.length) {
      const u = stack.pop()!;
      if (u === to) return true;
      for (const v of arcs[u]!)
        if (!seen.has(v)) {
          seen.add(v);
          stack.push(v);
        }
    }
  }
  return false;
}

/**
 * Primary suppression hides every count of 1–4 ("<5"). Complementary suppression ("x") then
 * repeats until nothing changes: (1) every line (a row or column with its total) that hides an
 * entry hides at least two, and when its total is shown the hidden entries must not pin a "<5"
 * entry to one value (lineReveals); (2) every hidden count of 1–4 keeps a second possible value
 * when all published lines are solved together (keepsAnAlternative), else the smallest shown
 * count whose hiding gives it one is hidden — or, when no single cell does, the smallest in its
 * row or column, and the search goes on. Each step hides the smallest non-zero count that does
 * the job; hiding more never takes an alternative away, so the loop ends.
 */
export function suppress(table: CountTable): SuppressedTable {
  const { values, lines } = extend(table);
  const height = values.length;
  const width = values[0]?.length ?? 0;
  const hidden: Hidden[][] = values.map((row) => row.map((v) => (isSmall(v) ? 'small' : false)));
  const bySize = (a: [number, number], b: [number, number]) =>
    (values[a[0]]![a[1]]! === 0 ? 1 : 0) - (values[b[0]]![b[1]]! === 0 ? 1 : 0) ||
    values[a[0]]![a[1]]! - values[b[0]]![b[1]]!;
  const shownCells = () => {
    const out: [number, number][] = [];
    for (let i = 0; i < height; i++)
      for (let j = 0; j < width; j++) if (!hidden[i]![j]) out.push([i, j]);
    return out.sort(bySize);
  };
  for (let guard = 0; guard < 100_000; guard++) {
    let changed = false;
    for (const line of lines) {
      const total = line[line.length - 1]!;
      const members = line.slice(0, -1);
      const hiddenAll = line.filter(([i, j]) => hidden[i]![j]);
      if (hiddenAll.length === 0) continue;
      const totalShown = !hidden[total[0]]![total[1]];
      const unsafe =
        hiddenAll.length === 1 ||
        (totalShown &&
          lineReveals(
            members.filter(([i, j]) => hidden[i]![j]).map(([i, j]) => values[i]![j]!),
            values[total[0]]![total[1]]! -
              members
                .filter(([i, j]) => !hidden[i]![j])
                .reduce((a, [i, j]) => a + values[i]![j]!, 0),
          ));
      if (!unsafe) continue;
      // Hide the smallest shown non-zero member; else the total; a hidden zero would be
      // known to be 0 or ≥ 5 and can pin a neighbour down across lines.
      const candidates = members
        .filter(([i, j]) => !hidden[i]![j] && values[i]![j]! > 0)
        .sort(bySize);
      const zeros = members.filter(([i, j]) => !hidden[i]![j] && values[i]![j] === 0);
      const pick = candidates[0] ?? (totalShown ? total : zeros[0]);
      if (!pick) continue;
      hidden[pick[0]]![pick[1]] = 'secondary';
      changed = true;
    }
    if (changed) continue;
    // All lines solved together.
    for (let i = 0; i < height && !changed; i++)
      for (let j = 0; j < width && !changed; j++) {
        if (hidden[i]![j] !== 'small' || keepsAnAlternative([i, j], values, hidden, table))
          continue;
        const shown = shownCells();
        const single = shown.find(([a, b]) => {
          hidden[a]![b] = 'secondary';
          const ok = keepsAnAlternative([i, j], values, hidden, table);
          hidden[a]![b] = false;
          return ok;
        });
        const inLine = shown.filter(
          ([a, b]) => (table.rowTotals && a === i) || (table.columnTotals && b === j),
        );
        const pick = single ?? inLine[0] ?? shown[0];
        if (!pick) continue;
        hidden[pick[0]]![pick[1]] = 'secondary';
        changed = true;
      }
    if (!changed) break;
  }
  return {
    rows: table.rows,
    columns: table.columns,
    rowTotals: table.rowTotals,
    columnTotals: table.columnTotals,
    grid: values.map((row, i) =>
      row.map((value, j) => {
        const h = hidden[i]![j]!;
        return h ? { value, hidden: h } : { value, hidden: false };
      }),
    ),
  };
}

/** What a reader sees: a number, or "<5" / "x". */
export type Shown = number | '<5' | 'x';

export function shown(cell: Cell): Shown {
  if (!cell.hidden) return cell.value;
  return cell.hidden === 'small' ? '<5' : 'x';
}

/** The table as the reader sees it, without the hidden values. */
export function published(table: SuppressedTable): {
  rows: string[];
  columns: string[];
  rowTotals: boolean;
  columnTotals: boolean;
  grid: Shown[][];
} {
  return {
    rows: table.rows,
    columns: table.columns,
    rowTotals: table.rowTotals,
    columnTotals: table.columnTotals,
    grid: table.grid.map((row) => row.map(shown)),
  };
}

/** A lone count (no total beside it): "<5" when 1–4. */
export function suppressCount(n: number): Shown {
  return isSmall(n) ? '<5' : n;
}

/**
 * A share numerator/denominator where the reader also sees the denominator: hidden when the
 * numerator, its complement or the denominator is 1–4 (any of them would give the others away).
 */
export function suppressShare(
  numerator: number,
  denominator: number,
): { numerator: Shown; denominator: Shown; complement: Shown; share: number | null } {
  const complement = denominator - numerator;
  const risky = isSmall(numerator) || isSmall(complement) || isSmall(denominator);
  return {
    numerator: risky ? (isSmall(numerator) ? '<5' : 'x') : numerator,
    complement: risky ? (isSmall(complement) ? '<5' : 'x') : complement,
    denominator: isSmall(denominator) ? '<5' : denominator,
    share: risky || denominator === 0 ? null : numerator / denominator,
  };
}
