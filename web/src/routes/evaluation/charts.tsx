/**
 * Charts with Observable Plot. The chart is a picture for sighted readers (aria-hidden); the
 * table under it, always rendered, carries the same numbers for everyone.
 */
import * as Plot from '@observablehq/plot';
import { useEffect, useId, useRef } from 'react';
import type { EffectGroup, Shown, StatTable } from '../../api/evaluation';
import { ScrollRegion } from '../../components/DataTable';
import { useT } from '../../i18n';

export const fmtShown = (v: Shown) => (typeof v === 'number' ? v.toLocaleString('da-DK') : v);
export const fmtPct = (v: number | null, digits = 1) =>
  v === null
    ? '–'
    : `${(v * 100).toLocaleString('da-DK', { maximumFractionDigits: digits, minimumFractionDigits: digits })} %`;

function PlotBox({ make, dataKey }: { make: () => SVGSVGElement | HTMLElement; dataKey: string }) {
  const ref = useRef<HTMLDivElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the chart is redrawn when its data changes
  useEffect(() => {
    const el = make();
    ref.current?.replaceChildren(el);
    return () => el.remove();
  }, [dataKey]);
  return <div ref={ref} aria-hidden="true" className="evaluation-chart" />;
}

export function StatTableFigure({
  table,
  title,
  labels,
}: {
  table: StatTable;
  title: string;
  labels: (key: string) => string;
}) {
  const t = useT();
  const captionId = useId();
  const data = table.rows.flatMap((row, i) =>
    table.columns.flatMap((col, j) => {
      const v = table.grid[i]?.[j];
      return typeof v === 'number' ? [{ row, column: labels(col), value: v }] : [];
    }),
  );
  const rowLabels = [...table.rows, ...(table.columnTotals ? [t('evaluation.total')] : [])];
  return (
    <figure className="mt-6" aria-labelledby={captionId}>
      <figcaption id={captionId}>
        <h3 className="h4">{title}</h3>
      </figcaption>
      {table.rows.length === 0 ? (
        <p>{t('evaluation.noData')}</p>
      ) : (
        <>
          <PlotBox
            dataKey={JSON.stringify(data)}
            make={() =>
              Plot.plot({
                marginLeft: 220,
                width: 760,
                height: 60 + 36 * table.rows.length,
                color: { legend: true, scheme: 'tableau10' },
                x: { label: t('evaluation.count'), grid: true },
                y: { label: null },
                marks: [
                  Plot.barX(data, { y: 'row', x: 'value', fill: 'column', tip: true }),
                  Plot.ruleX([0]),
                ],
              })
            }
          />
          <ScrollRegion label={title}>
            <table className="table table--compact">
              <caption className="sr-only">{title}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('evaluation.category')}</th>
                  {table.columns.map((c) => (
                    <th scope="col" key={c} className="text-align-right">
                      {labels(c)}
                    </th>
                  ))}
                  {table.rowTotals && (
                    <th scope="col" className="text-align-right">
                      {t('evaluation.total')}
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {table.grid.map((row, i) => (
                  <tr key={rowLabels[i]}>
                    <th scope="row">{rowLabels[i]}</th>
                    {row.map((v, j) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: fixed columns
                      <td key={j} className="text-align-right">
                        {fmtShown(v)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        </>
      )}
    </figure>
  );
}

export function SurvivalFigure({ groups, title }: { groups: EffectGroup[]; title: string }) {
  const t = useT();
  const captionId = useId();
  const name = (g: EffectGroup['group']) =>
    t(g === 'participants' ? 'evaluation.participants' : 'evaluation.comparison');
  const points = groups.flatMap((g) =>
    g.curve.filter((p) => p.survival !== null).map((p) => ({ ...p, group: name(g.group) })),
  );
  return (
    <figure className="mt-6" aria-labelledby={captionId}>
      <figcaption id={captionId}>
        <h3 className="h4">{title}</h3>
      </figcaption>
      <PlotBox
        dataKey={JSON.stringify(points)}
        make={() =>
          Plot.plot({
            width: 760,
            height: 360,
            color: {
              legend: true,
              domain: [name('participants'), name('comparison')],
              range: ['#004993', '#b35c00'],
            },
            x: { label: t('evaluation.weeksFromStart'), domain: [0, 52], grid: true },
            y: {
              label: t('evaluation.stillOnBenefit'),
              domain: [0, 1],
              tickFormat: '.0%',
              grid: true,
            },
            marks: [
              Plot.areaY(points, {
                x: 'week',
                y1: 'lower',
                y2: 'upper',
                fill: 'group',
                fillOpacity: 0.15,
                curve: 'step-after',
              }),
              Plot.line(points, {
                x: 'week',
                y: 'survival',
                stroke: 'group',
                strokeWidth: 2,
                curve: 'step-after',
              }),
            ],
          })
        }
      />
      <ScrollRegion label={title}>
        <table className="table table--compact" data-testid="survival-table">
          <caption className="sr-only">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{t('evaluation.week')}</th>
              {groups.map((g) => (
                <th scope="col" key={g.group} colSpan={3}>
                  {name(g.group)}
                </th>
              ))}
            </tr>
            <tr>
              <td />
              {groups.map((g) => [
                <th scope="col" key={`${g.group}-s`} className="text-align-right">
                  {t('evaluation.stillOnBenefit')}
                </th>,
                <th scope="col" key={`${g.group}-ci`} className="text-align-right">
                  {t('evaluation.ci95')}
                </th>,
                <th scope="col" key={`${g.group}-n`} className="text-align-right">
                  {t('evaluation.atRisk')}
                </th>,
              ])}
            </tr>
          </thead>
          <tbody>
            {groups[0]?.curve.map((p, i) => (
              <tr key={p.week}>
                <th scope="row">{p.week}</th>
                {groups.map((g) => {
                  const q = g.curve[i]!;
                  return [
                    <td key={`${g.group}-s`} className="text-align-right">
                      {fmtPct(q.survival)}
                    </td>,
                    <td key={`${g.group}-ci`} className="text-align-right">
                      {q.lower === null ? '–' : `${fmtPct(q.lower)} – ${fmtPct(q.upper)}`}
                    </td>,
                    <td key={`${g.group}-n`} className="text-align-right">
                      {fmtShown(q.atRisk)}
                    </td>,
                  ];
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </figure>
  );
}
