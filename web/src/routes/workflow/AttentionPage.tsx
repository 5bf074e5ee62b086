import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { getAttention } from '../../api/workflow';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { PageHeading, useDocumentTitle } from '../../components/PageHeading';
import { useT } from '../../i18n';

/** Hjørring's early detection: orange and red citizens with no action for N days. */
export function AttentionPage() {
  const t = useT();
  useDocumentTitle(t('risk.attention.title'));
  const [days, setDays] = useState(30);
  const q = useQuery({ queryKey: ['attention', days], queryFn: () => getAttention(days) });
  return (
    <>
      <PageHeading>{t('risk.attention.title')}</PageHeading>
      <p>
        <Link to="/risikogrupper">{t('riskList.link')}</Link>
      </p>
      <div className="form-group">
        <label className="form-label" htmlFor="attention-days">
          {t('risk.attention.days')}
        </label>
        <input
          id="attention-days"
          type="number"
          min={1}
          className="form-input input-width-xs"
          value={days}
          onChange={(e) => setDays(Math.max(1, Number(e.target.value) || 1))}
        />
      </div>
      {q.isPending ? (
        <Loading />
      ) : q.isError ? (
        <ErrorState error={q.error} onRetry={() => q.refetch()} />
      ) : q.data.items.length === 0 ? (
        <p>{t('risk.attention.empty')}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('screening.col.citizen')}</th>
              <th scope="col">{t('risk.rules.group')}</th>
              <th scope="col">{t('risk.attention.lastAction')}</th>
            </tr>
          </thead>
          <tbody>
            {q.data.items.map((i) => (
              <tr key={i.citizenId}>
                <td>
                  <Link to={`/borgere/${i.citizenId}`}>{i.citizenName}</Link>
                </td>
                <td>{t(`risk.${i.group}`)}</td>
                <td>
                  {i.lastActionAt
                    ? new Date(i.lastActionAt).toLocaleDateString('da-DK')
                    : t('risk.attention.never')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
