import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { PageHeading, useDocumentTitle } from '../../components/PageHeading';
import { useT } from '../../i18n';

interface Found {
  items: { id: string; firstName: string; lastName: string; cprMasked: string; age: number }[];
  total: number;
}

/** Pick a citizen to open their plan. */
export function PlansIndexPage() {
  const t = useT();
  useDocumentTitle(t('plans.index.title'));
  const [input, setInput] = useState('');
  const [name, setName] = useState('');
  const found = useQuery({
    queryKey: ['plans-search', name],
    queryFn: () =>
      api<Found>('/api/citizens/search', {
        method: 'POST',
        body: { ...(name ? { name } : {}), limit: 50 },
      }),
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setName(input.trim());
  };
  return (
    <>
      <PageHeading>{t('plans.index.title')}</PageHeading>
      <form onSubmit={onSubmit} className="mb-6">
        <div className="form-group">
          <label className="form-label" htmlFor="plans-search">
            {t('plans.index.search')}
          </label>
          <input
            className="form-input"
            id="plans-search"
            value={input}
            onChange={(e) => setInput(e.target.value)}
          />
        </div>
        <button type="submit" className="button button-secondary">
          {t('plans.index.submit')}
        </button>
      </form>
      {found.isPending ? (
        <Loading />
      ) : found.isError ? (
        <ErrorState error={found.error} onRetry={() => found.refetch()} />
      ) : found.data.items.length === 0 ? (
        <p>{t('plans.index.empty')}</p>
      ) : (
        <ul className="nobullet-list">
          {found.data.items.map((c) => (
            <li key={c.id} className="mb-3">
              <Link to={`/planer/${c.id}`}>{`${c.firstName} ${c.lastName}`}</Link>{' '}
              <span className="font-size-sm">
                ({c.age} {t('plans.index.years')})
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
