import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { searchCitizens } from '../../api/workflow';
import { DataTable } from '../../components/DataTable';
import { InputField, SelectField } from '../../components/FormField';
import { PageHeading, useDocumentTitle } from '../../components/PageHeading';
import { PageState } from '../../components/PageState';
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
            <InputField
              id="citizen-name"
              label={t('citizens.search.name')}
              className="col-12 col-md-5"
              describedBy="citizen-search-hint"
              value={name}
              onChange={setName}
            />
            <InputField
              id="citizen-cpr"
              label={t('citizens.search.cpr')}
              className="col-12 col-md-4"
              inputMode="numeric"
              autoComplete="off"
              value={cpr}
              onChange={setCpr}
            />
            <SelectField
              id="citizen-sort"
              label={t('citizens.sort')}
              className="col-12 col-md-3"
              options={(['name', 'birthDate', 'created'] as const).map((s) => ({
                value: s,
                label: t(`citizens.sort.${s}`),
              }))}
              value={sort}
              onChange={(value) => {
                setOffset(0);
                setSort(value);
              }}
            />
          </div>
          <button type="submit" className="button button-primary">
            {t('citizens.search.submit')}
          </button>
        </form>
      </search>
      <PageState query={query} empty={t('citizens.empty')}>
        {(data) => (
          <>
            <DataTable
              caption={t('citizens.list.caption', { total })}
              hideCaption={false}
              rows={data.items}
              rowKey={(c) => c.id}
              columns={[
                {
                  key: 'name',
                  header: t('citizens.col.name'),
                  cell: (c) => (
                    <Link to={`/borgere/${c.id}`}>
                      {c.firstName} {c.lastName}
                    </Link>
                  ),
                },
                { key: 'cpr', header: t('citizens.col.cpr'), cell: (c) => c.cprMasked },
                { key: 'age', header: t('citizens.col.age'), cell: (c) => c.age },
                {
                  key: 'caseworker',
                  header: t('citizens.col.caseworker'),
                  cell: (c) => c.responsibleCaseworkerName ?? '',
                },
                ...(showLog
                  ? [
                      {
                        key: 'log',
                        header: t('citizenLog.link'),
                        cell: (c: (typeof data.items)[number]) => (
                          <Link
                            to={`/borgere/${c.id}/adgangslog`}
                            aria-label={t('citizenLog.linkFor', {
                              name: `${c.firstName} ${c.lastName}`,
                            })}
                          >
                            {t('citizenLog.link')}
                          </Link>
                        ),
                      },
                    ]
                  : []),
              ]}
            />
            <Pager
              page={page}
              pages={pages}
              onPrevious={() => setOffset(Math.max(0, offset - PAGE))}
              onNext={() => setOffset(offset + PAGE)}
            />
          </>
        )}
      </PageState>
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
