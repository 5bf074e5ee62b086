import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { mayAttempt, useMe } from '../../api/auth';
import { formatDate, referralsApi } from '../../api/referrals';
import { DataTable } from '../../components/DataTable';
import { SelectField } from '../../components/FormField';
import { PageHeading, useDocumentTitle } from '../../components/PageHeading';
import { PageState } from '../../components/PageState';
import { useT } from '../../i18n';
import type { MessageKey } from '../../i18n/da';

export const states = [
  'draft',
  'sent',
  'received',
  'accepted',
  'waitlisted',
  'rejected',
  'enrolled',
  'started',
  'completed',
  'dropped_out',
  'cancelled',
] as const;

export const stateLabel = (s: string) => `referrals.state.${s}` as MessageKey;

/** The provider's inbox, or the job center's list: filter by state, counts per state, paging. */
export function ReferralInboxPage() {
  const t = useT();
  useDocumentTitle(t('referrals.inbox.title'));
  const me = useMe().data;
  const seesFlags = mayAttempt(me, 'referral.flags.list');
  const [state, setState] = useState('');
  const [offset, setOffset] = useState(0);
  const list = useQuery({
    queryKey: ['referrals', 'list', state, offset],
    queryFn: () => referralsApi.list({ state: state || undefined, offset }),
  });
  return (
    <>
      <PageHeading>{t('referrals.inbox.title')}</PageHeading>
      {seesFlags && <Flags />}
      <SelectField
        id="state-filter"
        label={t('referrals.inbox.filter')}
        placeholder={t('referrals.inbox.all')}
        options={states.map((s) => ({
          value: s,
          label: `${t(stateLabel(s))}${list.data?.counts[s] !== undefined ? ` (${list.data.counts[s]})` : ''}`,
        }))}
        value={state}
        onChange={(value) => {
          setState(value);
          setOffset(0);
        }}
      />
      <PageState query={list}>
        {(data) => (
          <>
            <h2 className="h4">{t('referrals.inbox.counts')}</h2>
            <ul className="inline-list referral-counts">
              {states
                .filter((s) => data.counts[s])
                .map((s) => (
                  <li key={s}>
                    <span className="badge">
                      {t(stateLabel(s))}: {data.counts[s]}
                    </span>
                  </li>
                ))}
            </ul>
            <DataTable
              caption={t('referrals.inbox.title')}
              className="table table--compact"
              empty={t('referrals.inbox.empty')}
              rows={data.items}
              rowKey={(r) => r.id}
              columns={[
                {
                  key: 'citizen',
                  header: t('referrals.col.citizen'),
                  cell: (r) => <Link to={`/henvisninger/${r.id}`}>{r.citizenName}</Link>,
                  sortValue: (r) => r.citizenName,
                },
                {
                  key: 'offer',
                  header: t('referrals.col.offer'),
                  cell: (r) => r.offerTitle,
                  sortValue: (r) => r.offerTitle,
                },
                { key: 'to', header: t('referrals.col.to'), cell: (r) => r.toOrganisationName },
                {
                  key: 'state',
                  header: t('referrals.col.state'),
                  cell: (r) => t(stateLabel(r.state)),
                },
                {
                  key: 'updated',
                  header: t('referrals.col.updated'),
                  cell: (r) => formatDate(r.updatedAt),
                  sortValue: (r) => r.updatedAt,
                },
              ]}
            />
            <nav aria-label={t('referrals.inbox.title')} className="mt-4">
              <p>
                {t('referrals.paging.status', {
                  from: data.total === 0 ? 0 : offset + 1,
                  to: offset + data.items.length,
                  total: data.total,
                })}
              </p>
              <button
                type="button"
                className="button button-secondary"
                disabled={offset === 0}
                onClick={() => setOffset(Math.max(0, offset - data.limit))}
              >
                {t('referrals.paging.previous')}
              </button>{' '}
              <button
                type="button"
                className="button button-secondary"
                disabled={offset + data.items.length >= data.total}
                onClick={() => setOffset(offset + data.limit)}
              >
                {t('referrals.paging.next')}
              </button>
            </nav>
          </>
        )}
      </PageState>
    </>
  );
}

function Flags() {
  const t = useT();
  const queryClient = useQueryClient();
  const flags = useQuery({ queryKey: ['referrals', 'flags'], queryFn: referralsApi.flags });
  const resolve = useMutation({
    mutationFn: (id: string) => referralsApi.resolveFlag(id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['referrals', 'flags'] }),
  });
  if (!flags.data || flags.data.length === 0) return null;
  return (
    <section aria-labelledby="flags-heading" className="alert alert-warning">
      <div className="alert-body">
        <h2 className="alert-heading h4" id="flags-heading">
          {t('referrals.flags.title')}
        </h2>
        <ul>
          {flags.data.map((f) => (
            <li key={f.id}>
              {f.referralId ? (
                <Link to={`/henvisninger/${f.referralId}`}>
                  {t('referrals.flags.text', {
                    name: f.citizenName,
                    course: f.courseTitle,
                    date: formatDate(f.sessionStartsAt),
                  })}
                </Link>
              ) : (
                t('referrals.flags.text', {
                  name: f.citizenName,
                  course: f.courseTitle,
                  date: formatDate(f.sessionStartsAt),
                })
              )}{' '}
              <button
                type="button"
                className="button button-tertiary"
                onClick={() => resolve.mutate(f.id)}
              >
                {t('referrals.flags.resolve')}
              </button>
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}
