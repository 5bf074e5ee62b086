import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { PageHeading, useDocumentTitle } from '../../components/PageHeading';
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
      {gaps.isPending ? (
        <Loading />
      ) : gaps.isError ? (
        <ErrorState error={gaps.error} onRetry={() => gaps.refetch()} />
      ) : (
        <>
          <p>{t('health.gaps.intro', { n: gaps.data.citizensWithProfile })}</p>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('health.summary.theme')}</th>
                <th scope="col">{t('health.gaps.wanting')}</th>
                <th scope="col">{t('health.gaps.offers')}</th>
                <th scope="col">{t('health.gaps.gap')}</th>
              </tr>
            </thead>
            <tbody>
              {gaps.data.themes.map((g) => (
                <tr key={g.theme}>
                  <th scope="row">{g.label}</th>
                  <td>{g.citizensWantingHelp}</td>
                  <td>{g.publishedOffers}</td>
                  <td>{g.gap ? t('health.gaps.yes') : t('health.gaps.no')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </>
  );
}
