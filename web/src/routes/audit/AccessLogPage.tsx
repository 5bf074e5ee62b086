/**
 * "Hvem har set mine data": the citizen's right of access (GDPR art. 15, CJEU C-579/21). Shows
 * when, which organisation, in which role and for what purpose the citizen's data was read or
 * changed. Employees' names are not shown; the organisation and role are.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { myAccessLog } from '../../api/audit';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { PageHeading, useDocumentTitle } from '../../components/PageHeading';
import { Pager } from '../../components/Pager';
import { useT } from '../../i18n';
import type { MessageKey } from '../../i18n/da';

const PAGE = 20;

export function formatDanishDateTime(iso: string): string {
  return new Date(iso).toLocaleString('da-DK', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'Europe/Copenhagen',
  });
}

export function AccessLogPage() {
  const t = useT();
  useDocumentTitle(t('audit.accessLog.title'));
  const [offset, setOffset] = useState(0);
  const log = useQuery({
    queryKey: ['audit', 'me', offset],
    queryFn: () => myAccessLog(PAGE, offset),
    placeholderData: keepPreviousData,
  });
  const known = (key: string) => key as MessageKey;

  return (
    <>
      <PageHeading>{t('audit.accessLog.title')}</PageHeading>
      <p className="font-lead">{t('audit.accessLog.intro')}</p>
      {log.isPending ? (
        <Loading />
      ) : log.isError ? (
        <ErrorState error={log.error} onRetry={() => log.refetch()} />
      ) : log.data.items.length === 0 ? (
        <p>{t('audit.accessLog.empty')}</p>
      ) : (
        <>
          <div className="table--responsive-scroll">
            <table className="table table--zebra">
              <caption className="sr-only">{t('audit.accessLog.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('audit.accessLog.when')}</th>
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
                        : (e.organisationName ?? t('audit.accessLog.noOrganisation'))}
                    </td>
                    <td>{e.role ? t(known(`role.${e.role}`)) : '–'}</td>
                    <td>{t(known(`audit.action.${e.action}`)) ?? e.action}</td>
                    <td>{e.purpose}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager
            total={log.data.total}
            limit={PAGE}
            offset={offset}
            onChange={setOffset}
            label={t('audit.accessLog.paging')}
          />
        </>
      )}
    </>
  );
}
