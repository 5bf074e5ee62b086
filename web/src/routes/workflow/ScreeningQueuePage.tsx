import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import {
  danishDate,
  getCaseworkers,
  getQueue,
  type QueueDue,
  updateScreening,
} from '../../api/workflow';
import { ScrollRegion } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ErrorState } from '../../components/ErrorState';
import { ChoiceGroup } from '../../components/FormField';
import { Loading } from '../../components/Loading';
import { PageHeading, useDocumentTitle } from '../../components/PageHeading';
import { useT } from '../../i18n';
import { Pager } from './CitizenListPage';

export function ScreeningQueuePage() {
  const t = useT();
  useDocumentTitle(t('screening.queue.title'));
  const client = useQueryClient();
  const [offset, setOffset] = useState(0);
  // The page opens on "due now": the citizens in or past their week N.
  const [due, setDue] = useState<QueueDue>('now');
  const queue = useQuery({
    queryKey: ['screening-queue', due, offset],
    queryFn: () => getQueue(offset, due),
  });
  const workers = useQuery({ queryKey: ['caseworkers'], queryFn: getCaseworkers });
  const update = useMutation({
    mutationFn: (v: { periodId: string; body: Record<string, unknown> }) =>
      updateScreening(v.periodId, v.body),
    onSuccess: () => client.invalidateQueries({ queryKey: ['screening-queue'] }),
  });
  const total = queue.data?.total ?? 0;
  return (
    <>
      <PageHeading>{t('screening.queue.title')}</PageHeading>
      <p>{t('screening.queue.intro')}</p>
      <ChoiceGroup
        type="radio"
        name="screening-due"
        idPrefix="screening-due"
        legend={t('screening.queue.show')}
        value={due}
        onChange={(v) => {
          setDue(v);
          setOffset(0);
        }}
        options={[
          { value: 'now', label: t('screening.queue.dueNow') },
          { value: 'coming', label: t('screening.queue.coming') },
          { value: 'all', label: t('screening.queue.all') },
        ]}
      />
      <ErrorAlert error={update.error} />
      {queue.isPending ? (
        <Loading />
      ) : queue.isError ? (
        <ErrorState error={queue.error} onRetry={() => queue.refetch()} />
      ) : queue.data.items.length === 0 ? (
        <p>
          {t(
            due === 'now'
              ? 'screening.queue.emptyNow'
              : due === 'coming'
                ? 'screening.queue.emptyComing'
                : 'screening.queue.empty',
          )}
        </p>
      ) : (
        <>
          <ScrollRegion label={t('screening.queue.caption', { total })}>
            <table className="table table--zebra" data-testid="screening-queue">
              <caption>{t('screening.queue.caption', { total })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('screening.col.citizen')}</th>
                  <th scope="col">{t('screening.col.benefit')}</th>
                  <th scope="col">{t('screening.col.week')}</th>
                  <th scope="col">{t('screening.col.due')}</th>
                  <th scope="col">{t('screening.col.status')}</th>
                  <th scope="col">{t('screening.col.assigned')}</th>
                  <th scope="col">{t('screening.col.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {queue.data.items.map((item) => (
                  <tr key={item.periodId}>
                    <td>
                      <Link to={`/borgere/${item.citizenId}`}>{item.citizenName}</Link>
                    </td>
                    <td>
                      {item.benefitTypeName}, {danishDate(item.startDate)}
                    </td>
                    <td>
                      {item.weekNumber}{' '}
                      {item.dueNow ? (
                        <span className="badge badge-small" data-testid="due-marker">
                          {t('screening.queue.markNow')}
                        </span>
                      ) : (
                        <span className="badge badge-small" data-testid="due-marker">
                          {t('screening.queue.markComing', { date: danishDate(item.weekStart) })}
                        </span>
                      )}
                    </td>
                    <td>
                      {danishDate(item.dueDate)}
                      {item.overdue && (
                        <>
                          {' '}
                          <strong className="text-error">{t('screening.overdue')}</strong>
                        </>
                      )}
                    </td>
                    <td>{t(`screening.status.${item.status}`)}</td>
                    <td>
                      <label className="sr-only" htmlFor={`assign-${item.periodId}`}>
                        {t('screening.assign', { name: item.citizenName })}
                      </label>
                      <select
                        id={`assign-${item.periodId}`}
                        className="form-select"
                        value={item.assignedTo ?? ''}
                        onChange={(e) =>
                          update.mutate({
                            periodId: item.periodId,
                            body: { assignedTo: e.target.value || null },
                          })
                        }
                      >
                        <option value="">{t('screening.unassigned')}</option>
                        {workers.data?.items.map((w) => (
                          <option key={w.id} value={w.id}>
                            {w.name}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td>
                      {item.status === 'to_do' && (
                        <button
                          type="button"
                          className="button button-secondary button-small"
                          aria-label={`${t('screening.book')}: ${item.citizenName}`}
                          onClick={() =>
                            update.mutate({ periodId: item.periodId, body: { status: 'booked' } })
                          }
                        >
                          {t('screening.book')}
                        </button>
                      )}{' '}
                      <Link
                        to={`/screening/${item.periodId}`}
                        aria-label={`${t('screening.open')}: ${item.citizenName}`}
                      >
                        {t('screening.open')}
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
          <Pager
            page={Math.floor(offset / 25) + 1}
            pages={Math.max(1, Math.ceil(total / 25))}
            onPrevious={() => setOffset(Math.max(0, offset - 25))}
            onNext={() => setOffset(offset + 25)}
          />
        </>
      )}
    </>
  );
}
