import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import {
  type DashboardFilters,
  query,
  type StatTable,
  useDashboard,
  useEvaluationCourses,
} from '../../api/evaluation';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { PageHeading, useDocumentTitle } from '../../components/PageHeading';
import { useT } from '../../i18n';
import type { MessageKey } from '../../i18n/da';
import { fmtShown, StatTableFigure } from './charts';

const ageBands = ['18-29', '30-39', '40-49', '50-59', '60+'];

function Courses() {
  const t = useT();
  const q = useEvaluationCourses();
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => q.refetch()} />;
  if (q.data.length === 0) return <p>{t('evaluation.courses.empty')}</p>;
  return (
    <table className="table">
      <caption className="sr-only">{t('evaluation.courses.heading')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('evaluation.courses.course')}</th>
          <th scope="col">{t('evaluation.courses.start')}</th>
          <th scope="col">{t('evaluation.course.status')}</th>
          <th scope="col">{t('evaluation.courses.criteria')}</th>
        </tr>
      </thead>
      <tbody>
        {q.data.map((c) => (
          <tr key={c.id}>
            <th scope="row">
              <Link to={`/evaluering/hold/${c.id}`}>{c.title}</Link>
              <div className="form-hint">
                {c.offerTitle} · {c.providerName}
              </div>
            </th>
            <td>{new Date(c.startDate).toLocaleDateString('da-DK')}</td>
            <td>{t(`evaluation.status.${c.status}` as MessageKey)}</td>
            <td>
              {c.hasCriteria ? t('evaluation.courses.set') : t('evaluation.courses.notSet')}
              {c.locked && ` · ${t('evaluation.courses.locked')}`}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
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
  const field = (k: keyof DashboardFilters) => ({
    value: draft[k] ?? '',
    onChange: (e: { target: { value: string } }) =>
      setDraft({ ...draft, [k]: e.target.value || undefined }),
  });
  return (
    <form onSubmit={submit} className="evaluation-filters" aria-labelledby="filters-heading">
      <h2 id="filters-heading" className="h3">
        {t('evaluation.filters.heading')}
      </h2>
      <div className="row">
        <div className="col-6 col-md-2 form-group">
          <label className="form-label" htmlFor="f-from">
            {t('evaluation.filters.from')}
          </label>
          <input id="f-from" type="date" className="form-input" {...field('from')} />
        </div>
        <div className="col-6 col-md-2 form-group">
          <label className="form-label" htmlFor="f-to">
            {t('evaluation.filters.to')}
          </label>
          <input id="f-to" type="date" className="form-input" {...field('to')} />
        </div>
        <div className="col-12 col-md-4 form-group">
          <label className="form-label" htmlFor="f-benefit">
            {t('evaluation.filters.benefit')}
          </label>
          <select id="f-benefit" className="form-select" {...field('benefitType')}>
            <option value="">{t('evaluation.filters.all')}</option>
            {options?.options.benefitTypes.map((b) => (
              <option key={b.code} value={b.code}>
                {b.name}
              </option>
            ))}
          </select>
        </div>
        <div className="col-12 col-md-4 form-group">
          <label className="form-label" htmlFor="f-age">
            {t('evaluation.filters.age')}
          </label>
          <select id="f-age" className="form-select" {...field('ageBand')}>
            <option value="">{t('evaluation.filters.all')}</option>
            {ageBands.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </div>
        <div className="col-12 col-md-6 form-group">
          <label className="form-label" htmlFor="f-offer">
            {t('evaluation.filters.offer')}
          </label>
          <select id="f-offer" className="form-select" {...field('offerId')}>
            <option value="">{t('evaluation.filters.all')}</option>
            {options?.options.offers.map((o) => (
              <option key={o.id} value={o.id}>
                {o.title}
              </option>
            ))}
          </select>
        </div>
        <div className="col-12 col-md-6 form-group">
          <label className="form-label" htmlFor="f-provider">
            {t('evaluation.filters.provider')}
          </label>
          <select id="f-provider" className="form-select" {...field('providerId')}>
            <option value="">{t('evaluation.filters.all')}</option>
            {options?.options.providers.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </div>
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
  return (
    <>
      <Filters value={filters} onChange={setFilters} options={q.data} />
      {q.isPending ? (
        <Loading />
      ) : q.isError ? (
        <ErrorState error={q.error} onRetry={() => q.refetch()} />
      ) : (
        <>
          <p className="mt-4">
            <a href={`/api/evaluation/dashboard/export.xlsx${query(filters)}`} download>
              {t('evaluation.exportXlsx')}
            </a>
          </p>
          <p>
            {t('evaluation.dashboard.screened')}:{' '}
            <strong>
              {q.data.screened === null
                ? t('evaluation.dashboard.notAvailable')
                : fmtShown(q.data.screened)}
            </strong>
          </p>
          {q.data.tables.map((table) => (
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
          {q.data.waiting.length === 0 ? (
            <p>{t('evaluation.noData')}</p>
          ) : (
            <table className="table table--compact">
              <caption className="sr-only">{t('evaluation.dashboard.waiting')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('evaluation.filters.offer')}</th>
                  <th scope="col" className="text-align-right">
                    {t('evaluation.count')}
                  </th>
                  <th scope="col" className="text-align-right">
                    {t('evaluation.dashboard.medianDays')}
                  </th>
                  <th scope="col" className="text-align-right">
                    {t('evaluation.dashboard.meanDays')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {q.data.waiting.map((w) => (
                  <tr key={w.offer}>
                    <th scope="row">{w.offer}</th>
                    <td className="text-align-right">{fmtShown(w.n)}</td>
                    <td className="text-align-right">
                      {w.medianDays?.toLocaleString('da-DK') ?? '–'}
                    </td>
                    <td className="text-align-right">
                      {w.meanDays?.toLocaleString('da-DK') ?? '–'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <h3 className="h4 mt-6">{t('evaluation.dashboard.gaps')}</h3>
          {q.data.catalogueGaps.length === 0 ? (
            <p>{t('evaluation.dashboard.noGaps')}</p>
          ) : (
            <ul>
              {q.data.catalogueGaps.map((g) => (
                <li key={g}>{t(`catalogue.theme.${g}` as MessageKey) ?? g}</li>
              ))}
            </ul>
          )}
          <p className="form-hint">{t('evaluation.suppressionNote')}</p>
        </>
      )}
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
    <div className="table--responsive-scroll">
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
    </div>
  );
}
