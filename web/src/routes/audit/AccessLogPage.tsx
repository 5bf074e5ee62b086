/**
 * "Hvem har set mine data": the citizen's right of access (GDPR art. 15, CJEU C-579/21). Shows
 * when, which organisation, in which role and for what purpose the citizen's data was read or
 * changed. Employees' names are not shown; the organisation and role are.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { myAccessLog } from '../../api/audit';
import { DataTable } from '../../components/DataTable';
import { PageHeading, useDocumentTitle } from '../../components/PageHeading';
import { Pager } from '../../components/Pager';
import { PageState } from '../../components/PageState';
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
      <PageState query={log} empty={t('audit.accessLog.empty')}>
        {(data) => (
          <>
            <DataTable
              caption={t('audit.accessLog.caption')}
              rows={data.items}
              rowKey={(e) => e.id}
              columns={[
                {
                  key: 'when',
                  header: t('audit.accessLog.when'),
                  cell: (e) => (
                    <time dateTime={e.occurredAt}>{formatDanishDateTime(e.occurredAt)}</time>
                  ),
                },
                {
                  key: 'organisation',
                  header: t('audit.accessLog.organisation'),
                  cell: (e) =>
                    e.byProxy
                      ? t('audit.accessLog.byProxy', { name: e.proxyName ?? '–' })
                      : (e.organisationName ?? t('audit.accessLog.noOrganisation')),
                },
                {
                  key: 'role',
                  header: t('audit.accessLog.role'),
                  cell: (e) => (e.role ? t(known(`role.${e.role}`)) : '–'),
                },
                {
                  key: 'action',
                  header: t('audit.accessLog.action'),
                  cell: (e) => t(known(`audit.action.${e.action}`)) ?? e.action,
                },
                { key: 'purpose', header: t('audit.accessLog.purpose'), cell: (e) => e.purpose },
              ]}
            />
            <Pager
              total={data.total}
              limit={PAGE}
              offset={offset}
              onChange={setOffset}
              label={t('audit.accessLog.paging')}
            />
          </>
        )}
      </PageState>
    </>
  );
}
