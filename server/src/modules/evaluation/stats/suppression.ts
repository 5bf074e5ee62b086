/**
 * Statistical disclosure control for count tables. Every count from 1 to 4 is hidden ("<5",
 * primary suppression); then, so that no hidden count can be worked out by subtraction from a
 * row or column total, every line (a row or a column, with its total) that hides anything must
 * hide at least two entries, and when its total is shown the hidden entries must add up to 5 or
 * more (secondary suppression, shown as "x"). Zeros are shown: a zero reveals nobody.
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
  const _r = table.rows.length;
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

export function suppress(table: CountTable): SuppressedTable {
  const { values, lines } = extend(table);
  const hidden: (false | 'small' | 'secondary')[][] = values.map((row) =>
    row.map((v) => (isSmall(v) ? 'small' : false)),
  );
  for (let guard = 0; guard < 1000; guard++) {
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
        .sort((a, b) => values[a[0]]![a[1]]! - values[b[0]]![b[1]]!);
      const zeros = members.filter(([i, j]) => !hidden[i]![j] && values[i]![j] === 0);
      const pick = candidates[0] ?? (totalShown ? total : zeros[0]);
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
