import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { useDeadlines } from '../../api/followup';
import { daDate } from '../../api/plans';
import { ScrollRegion } from '../../components/DataTable';
import { PageHeading, useDocumentTitle } from '../../components/PageHeading';
import { PageState } from '../../components/PageState';
import { useT } from '../../i18n';
import type { MessageKey } from '../../i18n/da';

export interface TaskList {
  counts: {
    screeningsDue: number;
    attendanceFlags: number;
    referralsWaiting: number;
    followUpsDue: number;
    planReviews: number;
    sicknessFollowUps: number;
    total: number;
  };
  items: {
    kind: string;
    refId: string;
    citizenId: string;
    citizenName: string;
    due: string | null;
    detail: string;
  }[];
}

export const useTasks = (enabled = true) =>
  useQuery({ queryKey: ['tasks'], queryFn: () => api<TaskList>('/api/tasks'), enabled });

const kinds = [
  'screening_due',
  'attendance_flag',
  'referral_waiting',
  'follow_up_due',
  'plan_review',
  'sickness_follow_up',
] as const;

const linkFor = (kind: string, citizenId: string) =>
  kind === 'sickness_follow_up'
    ? `/borgere/${citizenId}`
    : kind === 'plan_review'
      ? `/planer/${citizenId}`
      : kind === 'referral_waiting'
        ? '/henvisninger'
        : kind === 'follow_up_due'
          ? `/borgere/${citizenId}/fastholdelse`
          : `/planer/${citizenId}`;

/** The staff task list, grouped by kind. */
export function TasksPage() {
  const t = useT();
  useDocumentTitle(t('tasks.title'));
  const tasks = useTasks();
  return (
    <PageState query={tasks} isEmpty={() => false}>
      {(data) => (
        <>
          <PageHeading>{t('tasks.title')}</PageHeading>
          <DeadlinesLink />
          {data.counts.total === 0 && <p>{t('tasks.empty')}</p>}
          {kinds.map((kind) => {
            const items = data.items.filter((i) => i.kind === kind);
            if (items.length === 0) return null;
            return (
              <section key={kind} aria-labelledby={`tasks-${kind}`}>
                <h2 id={`tasks-${kind}`}>
                  {t(`tasks.kind.${kind}` as MessageKey)} ({items.length})
                </h2>
                <ScrollRegion label={t(`tasks.kind.${kind}` as MessageKey)}>
                  <table className="table table--compact">
                    <thead>
                      <tr>
                        <th scope="col">{t('tasks.citizen')}</th>
                        <th scope="col">{t('tasks.due')}</th>
                        <th scope="col">{t('tasks.detail')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {items.map((i) => (
                        <tr key={`${i.kind}-${i.refId}`}>
                          <td>
                            <Link to={linkFor(i.kind, i.citizenId)}>{i.citizenName}</Link>
                          </td>
                          <td>{daDate(i.due)}</td>
                          <td>
                            {kind === 'follow_up_due'
                              ? t('tasks.months', { months: i.detail })
                              : kind === 'sickness_follow_up'
                                ? t(`followup.kind.${i.detail}` as MessageKey)
                                : i.detail}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </ScrollRegion>
              </section>
            );
          })}
        </>
      )}
    </PageState>
  );
}

/** A link to the sickness-benefit deadlines, for those the server gives them to (403: none). */
function DeadlinesLink() {
  const t = useT();
  const q = useDeadlines();
  if (!q.data) return null;
  const count = q.data.items.filter((i) => i.bucket !== 'next_week').length;
  return (
    <p>
      <Link to="/frister">{t('followup.deadlines.link', { count })}</Link>
    </p>
  );
}

/** Counts on the start page for staff users. */
export function TaskCounts() {
  const t = useT();
  const tasks = useTasks();
  if (!tasks.data) return null;
  const c = tasks.data.counts;
  return (
    <section aria-labelledby="start-tasks" className="mb-6">
      <h2 id="start-tasks" className="h3">
        <Link to="/opgaver">{t('tasks.startHeading', { total: c.total })}</Link>
      </h2>
      <DeadlinesLink />
      <ul className="nobullet-list task-counts">
        <li>
          {t('tasks.kind.screening_due')}: {c.screeningsDue}
        </li>
        <li>
          {t('tasks.kind.attendance_flag')}: {c.attendanceFlags}
        </li>
        <li>
          {t('tasks.kind.referral_waiting')}: {c.referralsWaiting}
        </li>
        <li>
          {t('tasks.kind.follow_up_due')}: {c.followUpsDue}
        </li>
        <li>
          {t('tasks.kind.plan_review')}: {c.planReviews}
        </li>
        <li>
          {t('tasks.kind.sickness_follow_up')}: {c.sicknessFollowUps}
        </li>
      </ul>
    </section>
  );
}
