import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { mayAttempt, useMe } from '../../api/auth';
import { formatDate, referralsApi } from '../../api/referrals';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { PageHeading, useDocumentTitle } from '../../components/PageHeading';
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
      <div className="form-group">
        <label className="form-label" htmlFor="state-filter">
          {t('referrals.inbox.filter')}
        </label>
        <select
          id="state-filter"
          className="form-select"
          value={state}
          onChange={(e) => {
            setState(e.target.value);
            setOffset(0);
          }}
        >
          <option value="">{t('referrals.inbox.all')}</option>
          {states.map((s) => (
            <option key={s} value={s}>
              {t(stateLabel(s))}
              {list.data?.counts[s] !== undefined ? ` (${list.data.counts[s]})` : ''}
            </option>
          ))}
        </select>
      </div>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => list.refetch()} />
      ) : (
        <>
          <h2 className="h4">{t('referrals.inbox.counts')}</h2>
          <ul className="inline-list referral-counts">
            {states
              .filter((s) => list.data.counts[s])
              .map((s) => (
                <li key={s}>
                  <span className="badge">
                    {t(stateLabel(s))}: {list.data.counts[s]}
                  </span>
                </li>
              ))}
          </ul>
          {list.data.items.length === 0 ? (
            <p>{t('referrals.inbox.empty')}</p>
          ) : (
            <div className="table--responsive-scroll">
              <table className="table table--compact">
                <thead>
                  <tr>
                    <th scope="col">{t('referrals.col.citizen')}</th>
                    <th scope="col">{t('referrals.col.offer')}</th>
                    <th scope="col">{t('referrals.col.to')}</th>
                    <th scope="col">{t('referrals.col.state')}</th>
                    <th scope="col">{t('referrals.col.updated')}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.data.items.map((r) => (
                    <tr key={r.id}>
                      <td>
                        <Link to={`/henvisninger/${r.id}`}>{r.citizenName}</Link>
                      </td>
                      <td>{r.offerTitle}</td>
                      <td>{r.toOrganisationName}</td>
                      <td>{t(stateLabel(r.state))}</td>
                      <td>{formatDate(r.updatedAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <nav aria-label={t('referrals.inbox.title')} className="mt-4">
            <p>
              {t('referrals.paging.status', {
                from: list.data.total === 0 ? 0 : offset + 1,
                to: offset + list.data.items.length,
                total: list.data.total,
              })}
            </p>
            <button
              type="button"
              className="button button-secondary"
              disabled={offset === 0}
              onClick={() => setOffset(Math.max(0, offset - list.data.limit))}
            >
              {t('referrals.paging.previous')}
            </button>{' '}
            <button
              type="button"
              className="button button-secondary"
              disabled={offset + list.data.items.length >= list.data.total}
              onClick={() => setOffset(offset + list.data.limit)}
            >
              {t('referrals.paging.next')}
            </button>
          </nav>
        </>
      )}
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
