import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { getAttention } from '../../api/workflow';
import { DataTable } from '../../components/DataTable';
import { InputField } from '../../components/FormField';
import { PageHeading, useDocumentTitle } from '../../components/PageHeading';
import { PageState } from '../../components/PageState';
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
      <InputField
        id="attention-days"
        label={t('risk.attention.days')}
        type="number"
        min={1}
        inputClassName="input-width-xs"
        value={String(days)}
        onChange={(v) => setDays(Math.max(1, Number(v) || 1))}
      />
      <PageState query={q} empty={t('risk.attention.empty')}>
        {(data) => (
          <DataTable
            caption={t('risk.attention.title')}
            className="table"
            rows={data.items}
            rowKey={(i) => i.citizenId}
            columns={[
              {
                key: 'citizen',
                header: t('screening.col.citizen'),
                cell: (i) => <Link to={`/borgere/${i.citizenId}`}>{i.citizenName}</Link>,
                sortValue: (i) => i.citizenName,
              },
              { key: 'group', header: t('risk.rules.group'), cell: (i) => t(`risk.${i.group}`) },
              {
                key: 'last',
                header: t('risk.attention.lastAction'),
                cell: (i) =>
                  i.lastActionAt
                    ? new Date(i.lastActionAt).toLocaleDateString('da-DK')
                    : t('risk.attention.never'),
                sortValue: (i) => i.lastActionAt ?? '',
              },
            ]}
          />
        )}
      </PageState>
    </>
  );
}
