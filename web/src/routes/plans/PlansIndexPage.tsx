import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { InputField } from '../../components/FormField';
import { PageHeading, useDocumentTitle } from '../../components/PageHeading';
import { PageState } from '../../components/PageState';
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
        <InputField
          id="plans-search"
          label={t('plans.index.search')}
          value={input}
          onChange={setInput}
        />
        <button type="submit" className="button button-secondary">
          {t('plans.index.submit')}
        </button>
      </form>
      <PageState query={found} empty={t('plans.index.empty')}>
        {(data) => (
          <ul className="nobullet-list">
            {data.items.map((c) => (
              <li key={c.id} className="mb-3">
                <Link to={`/planer/${c.id}`}>{`${c.firstName} ${c.lastName}`}</Link>{' '}
                <span className="font-size-sm">
                  ({c.age} {t('plans.index.years')})
                </span>
              </li>
            ))}
          </ul>
        )}
      </PageState>
    </>
  );
}
