/**
 * The caseworker's sickness-benefit deadlines (frister): overdue, due this week and due next
 * week, computed by the server's rules engine for the caseworker's citizens.
 */
import { Link } from 'react-router';
import { type Deadlines, useDeadlines, useOutbox } from '../../api/followup';
import { danishDate } from '../../api/workflow';
import { ScrollRegion } from '../../components/DataTable';
import { PageHeading, useDocumentTitle } from '../../components/PageHeading';
import { PageState } from '../../components/PageState';
import { useT } from '../../i18n';
import type { MessageKey } from '../../i18n/da';

const buckets = ['overdue', 'this_week', 'next_week'] as const;

export function DeadlinesPage() {
  const t = useT();
  useDocumentTitle(t('followup.deadlines.title'));
  const q = useDeadlines();
  return (
    <PageState query={q} isEmpty={() => false}>
      {(data) => (
        <>
          <PageHeading>{t('followup.deadlines.title')}</PageHeading>
          <p>{t('followup.deadlines.intro')}</p>
          <OutboxLink />
          {buckets.map((bucket) => (
            <Bucket
              key={bucket}
              bucket={bucket}
              items={data.items.filter((i) => i.bucket === bucket)}
            />
          ))}
        </>
      )}
    </PageState>
  );
}

function Bucket({
  bucket,
  items,
}: {
  bucket: (typeof buckets)[number];
  items: Deadlines['items'];
}) {
  const t = useT();
  return (
    <section aria-labelledby={`deadlines-${bucket}`}>
      <h2 id={`deadlines-${bucket}`}>
        {t(`followup.deadlines.${bucket}` as MessageKey)} ({items.length})
      </h2>
      {items.length === 0 ? (
        <p>{t('followup.deadlines.none')}</p>
      ) : (
        <ScrollRegion label={t(`followup.deadlines.${bucket}` as MessageKey)}>
          <table className="table table--compact" data-testid={`deadlines-${bucket}`}>
            <thead>
              <tr>
                <th scope="col">{t('tasks.citizen')}</th>
                <th scope="col">{t('followup.step')}</th>
                <th scope="col">{t('followup.due')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((i) => (
                <tr key={`${i.citizenId}-${i.kind}-${i.dueDate}`}>
                  <td>
                    <Link to={`/borgere/${i.citizenId}`}>{i.citizenName}</Link>
                  </td>
                  <td>{t(`followup.kind.${i.kind}` as MessageKey)}</td>
                  <td>
                    {danishDate(i.dueDate)}
                    {i.status === 'overdue' && (
                      <>
                        {' '}
                        <span className="badge badge-error">{t('followup.status.overdue')}</span>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </section>
  );
}

/** Shown to those the server lets read the reminder outbox (403 for others: no link). */
function OutboxLink() {
  const t = useT();
  const q = useOutbox();
  if (!q.data) return null;
  return (
    <p>
      <Link to="/udbakke">{t('followup.outbox.link', { count: q.data.items.length })}</Link>
    </p>
  );
}
