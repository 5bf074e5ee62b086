import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { DataTable } from '../../components/DataTable';
import { PageHeading, useDocumentTitle } from '../../components/PageHeading';
import { PageState } from '../../components/PageState';
import { useT } from '../../i18n';

interface Gaps {
  citizensWithProfile: number;
  themes: {
    theme: string;
    label: string;
    citizensWantingHelp: number;
    publishedOffers: number;
    gap: boolean;
  }[];
}

/** Managers: themes citizens want help with, against the published offers (/tilbud/huller). */
export function GapsPage() {
  const t = useT();
  useDocumentTitle(t('health.gaps.title'));
  const gaps = useQuery({
    queryKey: ['health', 'gaps'],
    queryFn: () => api<Gaps>('/api/health/gaps'),
  });
  return (
    <>
      <PageHeading>{t('health.gaps.title')}</PageHeading>
      <PageState query={gaps}>
        {(data) => (
          <>
            <p>{t('health.gaps.intro', { n: data.citizensWithProfile })}</p>
            <DataTable
              caption={t('health.gaps.title')}
              className="table"
              rows={data.themes}
              rowKey={(g) => g.theme}
              columns={[
                {
                  key: 'theme',
                  header: t('health.summary.theme'),
                  cell: (g) => g.label,
                  rowHeader: true,
                },
                {
                  key: 'wanting',
                  header: t('health.gaps.wanting'),
                  cell: (g) => g.citizensWantingHelp,
                  sortValue: (g) => g.citizensWantingHelp,
                },
                {
                  key: 'offers',
                  header: t('health.gaps.offers'),
                  cell: (g) => g.publishedOffers,
                  sortValue: (g) => g.publishedOffers,
                },
                {
                  key: 'gap',
                  header: t('health.gaps.gap'),
                  cell: (g) => (g.gap ? t('health.gaps.yes') : t('health.gaps.no')),
                },
              ]}
            />
          </>
        )}
      </PageState>
    </>
  );
}
