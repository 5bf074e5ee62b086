import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { searchCitizens } from '../../api/workflow';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { PageHeading, useDocumentTitle } from '../../components/PageHeading';
import { useT } from '../../i18n';

const PAGE = 25;

export function CitizenListPage() {
  const t = useT();
  useDocumentTitle(t('citizens.list.title'));
  const [name, setName] = useState('');
  const [cpr, setCpr] = useState('');
  const [filter, setFilter] = useState<{ name?: string; cpr?: string }>({});
  const [sort, setSort] = useState<'name' | 'birthDate' | 'created'>('name');
  const [offset, setOffset] = useState(0);
  const query = useQuery({
    queryKey: ['citizens', filter, sort, offset],
    queryFn: () => searchCitizens({ ...filter, sort, limit: PAGE, offset }),
  });

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    setOffset(0);
    setFilter({ name: name.trim() || undefined, cpr: cpr.trim() || undefined });
  }

  const total = query.data?.total ?? 0;
  const showLog = query.data?.allowedActions.includes('audit.read_citizen') ?? false;
  const pages = Math.max(1, Math.ceil(total / PAGE));
  const page = Math.floor(offset / PAGE) + 1;

  return (
    <>
      <PageHeading>{t('citizens.list.title')}</PageHeading>
      <p>
        {query.data?.allowedActions.includes('citizen.create') && (
          <>
            <Link to="/borgere/ny" className="button button-secondary">
              {t('citizenForm.newLink')}
            </Link>{' '}
          </>
        )}
        <Link to="/import">{t('citizens.import')}</Link>
      </p>
      <search>
        <form onSubmit={onSubmit} className="mb-6">
          <p className="form-hint" id="citizen-search-hint">
            {t('citizens.search.hint')}
          </p>
          <div className="row">
            <div className="form-group col-12 col-md-5">
              <label className="form-label" htmlFor="citizen-name">
                {t('citizens.search.name')}
              </label>
              <input
                id="citizen-name"
                className="form-input"
                value={name}
                aria-describedby="citizen-search-hint"
                onChange={(e) => setName(e.target.value)}
              />
            </div>
            <div className="form-group col-12 col-md-4">
              <label className="form-label" htmlFor="citizen-cpr">
                {t('citizens.search.cpr')}
              </label>
              <input
                id="citizen-cpr"
                className="form-input"
                inputMode="numeric"
                autoComplete="off"
                value={cpr}
                onChange={(e) => setCpr(e.target.value)}
              />
            </div>
            <div className="form-group col-12 col-md-3">
              <label className="form-label" htmlFor="citizen-sort">
                {t('citizens.sort')}
              </label>
              <select
                id="citizen-sort"
                className="form-select"
                value={sort}
                onChange={(e) => {
                  setOffset(0);
                  setSort(e.target.value as typeof sort);
                }}
              >
                <option value="name">{t('citizens.sort.name')}</option>
                <option value="birthDate">{t('citizens.sort.birthDate')}</option>
                <option value="created">{t('citizens.sort.created')}</option>
              </select>
            </div>
          </div>
          <button type="submit" className="button button-primary">
            {t('citizens.search.submit')}
          </button>
        </form>
      </search>
      {query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => query.refetch()} />
      ) : query.data.items.length === 0 ? (
        <p>{t('citizens.empty')}</p>
      ) : (
        <>
          <div className="table--responsive-scroll">
            <table className="table table--zebra">
              <caption>{t('citizens.list.caption', { total })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('citizens.col.name')}</th>
                  <th scope="col">{t('citizens.col.cpr')}</th>
                  <th scope="col">{t('citizens.col.age')}</th>
                  <th scope="col">{t('citizens.col.caseworker')}</th>
                  {showLog && <th scope="col">{t('citizenLog.link')}</th>}
                </tr>
              </thead>
              <tbody>
                {query.data.items.map((c) => (
                  <tr key={c.id}>
                    <td>
                      <Link to={`/borgere/${c.id}`}>
                        {c.firstName} {c.lastName}
                      </Link>
                    </td>
                    <td>{c.cprMasked}</td>
                    <td>{c.age}</td>
                    <td>{c.responsibleCaseworkerName ?? ''}</td>
                    {showLog && (
                      <td>
                        <Link
                          to={`/borgere/${c.id}/adgangslog`}
                          aria-label={t('citizenLog.linkFor', {
                            name: `${c.firstName} ${c.lastName}`,
                          })}
                        >
                          {t('citizenLog.link')}
                        </Link>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager
            page={page}
            pages={pages}
            onPrevious={() => setOffset(Math.max(0, offset - PAGE))}
            onNext={() => setOffset(offset + PAGE)}
          />
        </>
      )}
    </>
  );
}

export function Pager(props: {
  page: number;
  pages: number;
  onPrevious: () => void;
  onNext: () => void;
}) {
  const t = useT();
  if (props.pages <= 1) return null;
  return (
    <nav
      aria-label={t('citizens.page.of', { page: props.page, pages: props.pages })}
      className="mt-4"
    >
      <button
        type="button"
        className="button button-secondary"
        disabled={props.page <= 1}
        onClick={props.onPrevious}
      >
        {t('citizens.page.previous')}
      </button>{' '}
      <span aria-live="polite">
        {t('citizens.page.of', { page: props.page, pages: props.pages })}
      </span>{' '}
      <button
        type="button"
        className="button button-secondary"
        disabled={props.page >= props.pages}
        onClick={props.onNext}
      >
        {t('citizens.page.next')}
      </button>
    </nav>
  );
}
