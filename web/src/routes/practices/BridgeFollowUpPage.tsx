/**
 * The follow-up side of the bridge to a local club (Skive, København): the bridges recorded for
 * the citizen at a course's end, and whether the citizen continued in the club; and Middelfart's
 * places kept for a while after the return to work.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { type Bridge, practicesApi } from '../../api/practices';
import { formatDate } from '../../api/referrals';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeading, useDocumentTitle } from '../../components/PageHeading';
import { PageState } from '../../components/PageState';
import { useT } from '../../i18n';

export function BridgeFollowUpPage() {
  const t = useT();
  const { id = '' } = useParams();
  const queryClient = useQueryClient();
  useDocumentTitle(t('practices.bridge.followUpTitle'));
  const continuation = useQuery({
    queryKey: ['continuation', id],
    queryFn: () => practicesApi.continuation(id),
  });
  const record = useMutation({
    mutationFn: ({ bridgeId, continued }: { bridgeId: string; continued: boolean }) =>
      practicesApi.recordContinued(id, bridgeId, continued),
    onSuccess: (next) => queryClient.setQueryData(['continuation', id], next),
  });
  const continuedCell = (b: Bridge) => (
    <>
      <span className="d-block">
        {b.continued === null
          ? t('practices.bridge.continuedUnknown')
          : b.continued
            ? t('practices.bridge.continuedYes')
            : t('practices.bridge.continuedNo')}
      </span>
      <button
        type="button"
        className="button button-tertiary"
        aria-label={`${t('practices.bridge.markYes')}: ${b.offerTitle}`}
        onClick={() => record.mutate({ bridgeId: b.id, continued: true })}
      >
        {t('practices.bridge.markYes')}
      </button>
      <button
        type="button"
        className="button button-tertiary"
        aria-label={`${t('practices.bridge.markNo')}: ${b.offerTitle}`}
        onClick={() => record.mutate({ bridgeId: b.id, continued: false })}
      >
        {t('practices.bridge.markNo')}
      </button>
    </>
  );
  return (
    <>
      <p>
        <Link to={`/borgere/${id}`}>{t('practices.back.citizen')}</Link>
      </p>
      <PageHeading>{t('practices.bridge.followUpTitle')}</PageHeading>
      <ErrorAlert error={record.error} />
      <PageState query={continuation}>
        {(c) => (
          <>
            <DataTable
              caption={t('practices.bridge.title')}
              className="table table--compact"
              empty={t('practices.bridge.none')}
              rows={c.bridges}
              rowKey={(b) => b.id}
              columns={[
                {
                  key: 'club',
                  header: t('practices.bridge.club'),
                  rowHeader: true,
                  cell: (b) => b.offerTitle,
                },
                {
                  key: 'course',
                  header: t('practices.bridge.course'),
                  cell: (b) => b.courseTitle ?? '–',
                },
                {
                  key: 'discount',
                  header: t('practices.bridge.discount'),
                  cell: (b) => b.discount ?? '–',
                },
                {
                  key: 'firstVisit',
                  header: t('practices.bridge.firstVisit'),
                  cell: (b) => (b.firstVisit ? formatDate(b.firstVisit) : '–'),
                },
                { key: 'continued', header: t('practices.bridge.continued'), cell: continuedCell },
              ]}
            />
            <h2>{t('practices.continuing.title')}</h2>
            {c.continuing.length === 0 ? (
              <p>{t('practices.continuing.none')}</p>
            ) : (
              <ul>
                {c.continuing.map((k) => (
                  <li key={k.enrolmentId}>
                    {t('practices.continuing.until', {
                      course: k.courseTitle,
                      date: formatDate(k.until),
                    })}
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </PageState>
    </>
  );
}
