/**
 * A citizen's access log for the administrator: who read or changed the citizen's data, when,
 * in which role and for what purpose. Opening it is itself logged (the citizen sees it).
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { citizenAccessLog } from '../../api/audit';
import { getCitizen } from '../../api/workflow';
import { ScrollRegion } from '../../components/DataTable';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { PageHeading, useDocumentTitle } from '../../components/PageHeading';
import { Pager } from '../../components/Pager';
import { useT } from '../../i18n';
import type { MessageKey } from '../../i18n/da';
import { formatDanishDateTime } from './AccessLogPage';

const PAGE = 25;

export function CitizenAccessLogPage() {
  const t = useT();
  const { id = '' } = useParams();
  const [offset, setOffset] = useState(0);
  const citizen = useQuery({ queryKey: ['citizen', id], queryFn: () => getCitizen(id) });
  const name = citizen.data ? `${citizen.data.firstName} ${citizen.data.lastName}` : '';
  useDocumentTitle(t('citizenLog.title', { name }));
  const log = useQuery({
    queryKey: ['audit', 'citizen', id, offset],
    queryFn: () => citizenAccessLog(id, PAGE, offset),
    placeholderData: keepPreviousData,
  });
  const known = (key: string) => key as MessageKey;
  return (
    <>
      <PageHeading>{t('citizenLog.title', { name })}</PageHeading>
      <p>
        <Link to={`/borgere/${id}`}>{t('citizenForm.backToCitizen')}</Link>
      </p>
      <p>{t('citizenLog.intro')}</p>
      {log.isPending ? (
        <Loading />
      ) : log.isError ? (
        <ErrorState error={log.error} onRetry={() => log.refetch()} />
      ) : log.data.items.length === 0 ? (
        <p>{t('audit.accessLog.empty')}</p>
      ) : (
        <>
          <ScrollRegion label={t('citizenLog.caption', { total: log.data.total })}>
            <table className="table table--zebra">
              <caption>{t('citizenLog.caption', { total: log.data.total })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('audit.accessLog.when')}</th>
                  <th scope="col">{t('citizenLog.who')}</th>
                  <th scope="col">{t('audit.accessLog.organisation')}</th>
                  <th scope="col">{t('audit.accessLog.role')}</th>
                  <th scope="col">{t('audit.accessLog.action')}</th>
                  <th scope="col">{t('audit.accessLog.purpose')}</th>
                </tr>
              </thead>
              <tbody>
                {log.data.items.map((e) => (
                  <tr key={e.id}>
                    <td>
                      <time dateTime={e.occurredAt}>{formatDanishDateTime(e.occurredAt)}</time>
                    </td>
                    <td>
                      {e.byProxy
                        ? t('audit.accessLog.byProxy', { name: e.proxyName ?? '–' })
                        : (e.actorName ?? '–')}
                    </td>
                    <td>{e.organisationName ?? t('audit.accessLog.noOrganisation')}</td>
                    <td>{e.role ? t(known(`role.${e.role}`)) : '–'}</td>
                    <td>{t(known(`audit.action.${e.action}`)) ?? e.action}</td>
                    <td>{e.purpose}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
          <Pager
            total={log.data.total}
            limit={PAGE}
            offset={offset}
            onChange={setOffset}
            label={t('citizenLog.paging')}
          />
        </>
      )}
    </>
  );
}
