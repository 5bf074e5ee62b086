/**
 * A DKFDS table in a scroll region: the wrapper is focusable (tabIndex 0) and named, so a
 * keyboard user can scroll a wide table (axe: scrollable-region-focusable). Columns are data;
 * a column with `sortValue` gets a header button that sorts the rows shown (aria-sort says how).
 * A table DataTable cannot draw (a grid of figures, a form per row) goes in a ScrollRegion, the
 * same wrapper; no page writes `table--responsive-scroll` itself (web-scroll-regions.test.ts).
 */
import { type ReactNode, useState } from 'react';
import { useT } from '../i18n';

export interface Column<T> {
  key: string;
  header: ReactNode;
  cell: (row: T) => ReactNode;
  /** The header is for screen readers only (a column of buttons). */
  hideHeader?: boolean;
  sortValue?: (row: T) => string | number;
  className?: string;
  /** The cell names its row (`<th scope="row">`), e.g. the first column of a summary. */
  rowHeader?: boolean;
}

/**
 * The one scroll region for a wide table: a named, keyboard-focusable `<section>` (a phone's
 * 390 px makes most tables scroll sideways, and a region the keyboard cannot reach fails
 * WCAG 2.1.1 and axe's scrollable-region-focusable).
 */
export function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1)
    <section className="table--responsive-scroll" aria-label={label} tabIndex={0}>
      {children}
    </section>
  );
}

type Sort = { key: string; direction: 'ascending' | 'descending' } | null;

export function DataTable<T>({
  caption,
  hideCaption = true,
  columns,
  rows,
  rowKey,
  empty,
  className = 'table table--zebra',
  testId,
}: {
  /** Names the table and its scroll region. */
  caption: string;
  hideCaption?: boolean;
  columns: readonly (Column<T> | false | null | undefined)[];
  rows: readonly T[];
  rowKey: (row: T) => string | number;
  /** Shown instead of the table when there are no rows. */
  empty?: ReactNode;
  className?: string;
  testId?: string;
}) {
  const t = useT();
  const [sort, setSort] = useState<Sort>(null);
  const shown = columns.filter((c): c is Column<T> => !!c);
  if (rows.length === 0 && empty !== undefined) return <p>{empty}</p>;
  const sorter = sort && shown.find((c) => c.key === sort.key)?.sortValue;
  const sorted = sorter
    ? [...rows].sort((a, b) => {
        const [x, y] = [sorter(a), sorter(b)];
        const order =
          typeof x === 'number' && typeof y === 'number'
            ? x - y
            : String(x).localeCompare(String(y), 'da');
        return sort.direction === 'ascending' ? order : -order;
      })
    : rows;
  const toggle = (key: string) =>
    setSort(
      sort?.key === key && sort.direction === 'ascending'
        ? { key, direction: 'descending' }
        : { key, direction: 'ascending' },
    );
  return (
    <ScrollRegion label={caption}>
      <table className={className} data-testid={testId}>
        <caption className={hideCaption ? 'sr-only' : undefined}>{caption}</caption>
        <thead>
          <tr>
            {shown.map((c) => (
              <th
                key={c.key}
                scope="col"
                className={c.className}
                aria-sort={sort?.key === c.key ? sort.direction : undefined}
              >
                {c.hideHeader ? (
                  <span className="sr-only">{c.header}</span>
                ) : c.sortValue ? (
                  <button
                    type="button"
                    className="button button-unstyled"
                    title={t('table.sort')}
                    onClick={() => toggle(c.key)}
                  >
                    {c.header}
                  </button>
                ) : (
                  c.header
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {sorted.map((row) => (
            <tr key={rowKey(row)}>
              {shown.map((c) =>
                c.rowHeader ? (
                  <th key={c.key} scope="row" className={c.className}>
                    {c.cell(row)}
                  </th>
                ) : (
                  <td key={c.key} className={c.className}>
                    {c.cell(row)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
