import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import {
  type DashboardFilters,
  query,
  type StatTable,
  useDashboard,
  useEvaluationCourses,
} from '../../api/evaluation';
import { DataTable, ScrollRegion } from '../../components/DataTable';
import { DateField, SelectField } from '../../components/FormField';
import { PageHeading, useDocumentTitle } from '../../components/PageHeading';
import { PageState } from '../../components/PageState';
import { useT } from '../../i18n';
import type { MessageKey } from '../../i18n/da';
import { fmtShown, StatTableFigure } from './charts';

const ageBands = ['18-29', '30-39', '40-49', '50-59', '60+'];

function Courses() {
  const t = useT();
  const q = useEvaluationCourses();
  type Course = NonNullable<typeof q.data>[number];
  const date = (d: string) => new Date(d).toLocaleDateString('da-DK');
  const status = (c: Course) => t(`evaluation.status.${c.status}` as MessageKey);
  return (
    <PageState query={q} empty={t('evaluation.courses.empty')}>
      {(courses) => (
        <DataTable<Course>
          caption={t('evaluation.courses.heading')}
          className="table"
          rows={courses}
          rowKey={(c) => c.id}
          columns={[
            {
              key: 'course',
              header: t('evaluation.courses.course'),
              rowHeader: true,
              cell: (c) => (
                <>
                  <Link to={`/evaluering/hold/${c.id}`}>{c.title}</Link>
                  <div className="form-hint">
                    {c.offerTitle} · {c.providerName}
                  </div>
                </>
              ),
            },
            { key: 'start', header: t('evaluation.courses.start'), cell: (c) => date(c.startDate) },
            { key: 'status', header: t('evaluation.course.status'), cell: status },
            {
              key: 'criteria',
              header: t('evaluation.courses.criteria'),
              cell: (c) => (
                <>
                  {c.hasCriteria ? t('evaluation.courses.set') : t('evaluation.courses.notSet')}
                  {c.locked && ` · ${t('evaluation.courses.locked')}`}
                </>
              ),
            },
          ]}
        />
      )}
    </PageState>
  );
}

function Filters({
  value,
  onChange,
  options,
}: {
  value: DashboardFilters;
  onChange: (f: DashboardFilters) => void;
  options: ReturnType<typeof useDashboard>['data'];
}) {
  const t = useT();
  const [draft, setDraft] = useState(value);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onChange(draft);
  };
  // One filter per line: its key, the name in its id (`f-<name>`) and label, and its columns.
  const field = (k: keyof DashboardFilters, name: string, className: string) => ({
    id: `f-${name}`,
    className,
    label: t(`evaluation.filters.${name}` as MessageKey),
    value: draft[k] ?? '',
    onChange: (v: string) => setDraft({ ...draft, [k]: v || undefined }),
  });
  const pick = (k: keyof DashboardFilters, name: string, className: string) => ({
    ...field(k, name, className),
    placeholder: t('evaluation.filters.all'),
  });
  const o = options?.options;
  const benefits = (o?.benefitTypes ?? []).map((b) => ({ value: b.code, label: b.name }));
  const offers = (o?.offers ?? []).map((x) => ({ value: x.id, label: x.title }));
  const providers = (o?.providers ?? []).map((x) => ({ value: x.id, label: x.name }));
  const ages = ageBands.map((a) => ({ value: a, label: a }));
  return (
    <form onSubmit={submit} className="evaluation-filters" aria-labelledby="filters-heading">
      <h2 id="filters-heading" className="h3">
        {t('evaluation.filters.heading')}
      </h2>
      <div className="row">
        <DateField {...field('from', 'from', 'col-6 col-md-2')} inputClassName="" />
        <DateField {...field('to', 'to', 'col-6 col-md-2')} inputClassName="" />
        <SelectField {...pick('benefitType', 'benefit', 'col-12 col-md-4')} options={benefits} />
        <SelectField {...pick('ageBand', 'age', 'col-12 col-md-4')} options={ages} />
        <SelectField {...pick('offerId', 'offer', 'col-12 col-md-6')} options={offers} />
        <SelectField {...pick('providerId', 'provider', 'col-12 col-md-6')} options={providers} />
      </div>
      <button type="submit" className="button button-secondary">
        {t('evaluation.filters.apply')}
      </button>
    </form>
  );
}

function DashboardView() {
  const t = useT();
  const [filters, setFilters] = useState<DashboardFilters>({});
  const q = useDashboard(filters);
  const label = (key: string) => {
    const k = `evaluation.col.${key}` as MessageKey;
    return (t(k) as string | undefined) ?? key;
  };
  type Waiting = NonNullable<typeof q.data>['waiting'][number];
  const right = 'text-align-right';
  const offer = (w: Waiting) => w.offer;
  const n = (w: Waiting) => fmtShown(w.n);
  const days = (k: 'medianDays' | 'meanDays') => ({
    className: right,
    cell: (w: Waiting) => w[k]?.toLocaleString('da-DK') ?? '–',
  });
  return (
    <>
      <Filters value={filters} onChange={setFilters} options={q.data} />
      <PageState query={q}>
        {(data) => (
          <>
            <p className="mt-4">
              <a href={`/api/evaluation/dashboard/export.xlsx${query(filters)}`} download>
                {t('evaluation.exportXlsx')}
              </a>
            </p>
            <p>
              {t('evaluation.dashboard.screened')}:{' '}
              <strong>
                {data.screened === null
                  ? t('evaluation.dashboard.notAvailable')
                  : fmtShown(data.screened)}
              </strong>
            </p>
            {data.tables.map((table) => (
              <div key={table.key}>
                <StatTableFigure
                  table={table}
                  title={t(`evaluation.table.${table.key}` as MessageKey)}
                  labels={label}
                />
                {table.key === 'outcomes' && <OutcomeShares table={table} labels={label} />}
              </div>
            ))}
            <h3 className="h4 mt-6">{t('evaluation.dashboard.waiting')}</h3>
            <DataTable
              caption={t('evaluation.dashboard.waiting')}
              className="table table--compact"
              rows={data.waiting}
              rowKey={(w) => w.offer}
              empty={t('evaluation.noData')}
              columns={[
                {
                  key: 'offer',
                  header: t('evaluation.filters.offer'),
                  rowHeader: true,
                  cell: offer,
                },
                { key: 'n', header: t('evaluation.count'), className: right, cell: n },
                {
                  key: 'median',
                  header: t('evaluation.dashboard.medianDays'),
                  ...days('medianDays'),
                },
                { key: 'mean', header: t('evaluation.dashboard.meanDays'), ...days('meanDays') },
              ]}
            />
            <h3 className="h4 mt-6">{t('evaluation.timeliness.title')}</h3>
            <p>{t('evaluation.timeliness.intro')}</p>
            <DataTable
              caption={t('evaluation.timeliness.title')}
              className="table table--compact"
              testId="timeliness"
              rows={data.timeliness}
              rowKey={(r) => `${r.month}|${r.team}|${r.kind}`}
              empty={t('evaluation.noData')}
              columns={[
                {
                  key: 'month',
                  header: t('evaluation.timeliness.month'),
                  rowHeader: true,
                  cell: (r) => r.month,
                },
                {
                  key: 'team',
                  header: t('evaluation.timeliness.team'),
                  cell: (r) => r.team ?? t('evaluation.timeliness.noTeam'),
                },
                {
                  key: 'kind',
                  header: t('evaluation.timeliness.kind'),
                  cell: (r) =>
                    r.kind === 'first_conversation'
                      ? t('evaluation.timeliness.kind.first_conversation')
                      : t('evaluation.timeliness.kind.follow_up'),
                },
                {
                  key: 'held',
                  header: t('evaluation.timeliness.held'),
                  className: right,
                  cell: (r) => fmtShown(r.held),
                },
                {
                  key: 'onTime',
                  header: t('evaluation.timeliness.onTime'),
                  className: right,
                  cell: (r) => fmtShown(r.onTime),
                },
                {
                  key: 'late',
                  header: t('evaluation.timeliness.late'),
                  className: right,
                  cell: (r) => fmtShown(r.late),
                },
                {
                  key: 'percent',
                  header: t('evaluation.timeliness.percent'),
                  className: right,
                  cell: (r) => (r.percent === null ? '–' : r.percent.toLocaleString('da-DK')),
                },
              ]}
            />
            <h3 className="h4 mt-6">{t('evaluation.dashboard.gaps')}</h3>
            {data.catalogueGaps.length === 0 ? (
              <p>{t('evaluation.dashboard.noGaps')}</p>
            ) : (
              <ul>
                {data.catalogueGaps.map((g) => (
                  <li key={g}>{t(`catalogue.theme.${g}` as MessageKey) ?? g}</li>
                ))}
              </ul>
            )}
            <p className="form-hint">{t('evaluation.suppressionNote')}</p>
          </>
        )}
      </PageState>
    </>
  );
}

export function EvaluationPage() {
  const t = useT();
  useDocumentTitle(t('evaluation.title'));
  return (
    <>
      <PageHeading>{t('evaluation.title')}</PageHeading>
      <p className="font-lead">{t('evaluation.lead')}</p>
      <p>
        <Link to="/evaluering/undersoegelser">{t('evaluation.surveys.link')}</Link>
      </p>
      <section aria-labelledby="courses-heading">
        <h2 id="courses-heading">{t('evaluation.courses.heading')}</h2>
        <Courses />
      </section>
      <section aria-labelledby="dashboard-heading" className="mt-8">
        <h2 id="dashboard-heading">{t('evaluation.dashboard.heading')}</h2>
        <DashboardView />
      </section>
    </>
  );
}

/**
 * Each outcome as a share of the offer's participants next to the count: "12 af 20 (60 %)".
 * A share is shown only where the count and the row total are both published (a suppressed
 * small number stays suppressed, and no share would let a reader work it out).
 */
function OutcomeShares({ table, labels }: { table: StatTable; labels: (key: string) => string }) {
  const t = useT();
  if (table.rows.length === 0 || !table.rowTotals) return null;
  const pct = (n: number, total: number) =>
    `${((100 * n) / total).toLocaleString('da-DK', { maximumFractionDigits: 0 })} %`;
  return (
    <ScrollRegion label={t('outcomeShares.caption')}>
      <table className="table table--compact" data-testid="outcome-shares">
        <caption>{t('outcomeShares.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('evaluation.category')}</th>
            {table.columns.map((c) => (
              <th scope="col" key={c} className="text-align-right">
                {labels(c)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row, i) => {
            const total = table.grid[i]?.[table.columns.length];
            return (
              <tr key={row}>
                <th scope="row">{row}</th>
                {table.columns.map((c, j) => {
                  const n = table.grid[i]?.[j];
                  return (
                    <td key={c} className="text-align-right">
                      {typeof n === 'number' && typeof total === 'number' && total > 0
                        ? t('outcomeShares.cell', {
                            n: n.toLocaleString('da-DK'),
                            total: total.toLocaleString('da-DK'),
                            pct: pct(n, total),
                          })
                        : n === undefined
                          ? '–'
                          : fmtShown(n)}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
