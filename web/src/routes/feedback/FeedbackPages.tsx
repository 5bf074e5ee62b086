/**
 * Citizen feedback after every course (Skive, Vordingborg). The citizen answers three short
 * questions in the portal (a phone page); the provider and the manager read the answers per
 * course, aggregated, with counts of 1–4 hidden ("<5") and what would give them away ("x").
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { type Distribution, type FeedbackDue, practicesApi, type Shown } from '../../api/practices';
import { formatDate } from '../../api/referrals';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ChoiceGroup, TextareaField } from '../../components/FormField';
import { PageHeading, useDocumentTitle } from '../../components/PageHeading';
import { PageState } from '../../components/PageState';
import { useT } from '../../i18n';
import type { MessageKey } from '../../i18n/da';

const shown = (v: Shown) => String(v);

/** The citizen's finished courses, each with a short form until answered. */
export function MyFeedbackPage() {
  const t = useT();
  useDocumentTitle(t('practices.feedback.mineTitle'));
  const due = useQuery({ queryKey: ['feedback', 'mine'], queryFn: practicesApi.feedbackDue });
  return (
    <>
      <PageHeading>{t('practices.feedback.mineTitle')}</PageHeading>
      <p className="font-lead">{t('practices.feedback.mineIntro')}</p>
      <PageState query={due}>
        {(rows) =>
          rows.length === 0 ? (
            <p>{t('practices.feedback.noneDue')}</p>
          ) : (
            <ul className="nobullet-list">
              {rows.map((d) => (
                <li key={d.enrolmentId} className="mb-6">
                  <FeedbackForm due={d} />
                </li>
              ))}
            </ul>
          )
        }
      </PageState>
    </>
  );
}

function FeedbackForm({ due }: { due: FeedbackDue }) {
  const t = useT();
  const queryClient = useQueryClient();
  const [satisfaction, setSatisfaction] = useState('');
  const [madeDifference, setMadeDifference] = useState('');
  const [wouldContinue, setWouldContinue] = useState('');
  const [comment, setComment] = useState('');
  const give = useMutation({
    mutationFn: () =>
      practicesApi.giveFeedback(due.enrolmentId, {
        satisfaction: Number(satisfaction),
        madeDifference,
        wouldContinue: wouldContinue === 'yes',
        ...(comment.trim() ? { comment } : {}),
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['feedback', 'mine'] }),
  });
  const id = due.enrolmentId;
  const headingId = `feedback-${id}`;
  return (
    <section aria-labelledby={headingId} className="card">
      <div className="card-content">
        <h2 id={headingId} className="h3">
          {due.courseTitle}
        </h2>
        <p className="form-hint">
          {due.providerName} · {t('practices.feedback.ended', { date: formatDate(due.endDate) })}
        </p>
        {due.answered ? (
          <p role="status">{t('practices.feedback.thanks')}</p>
        ) : (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              give.mutate();
            }}
          >
            <ErrorAlert error={give.error} />
            <ChoiceGroup
              type="radio"
              name={`satisfaction-${id}`}
              idPrefix={`satisfaction-${id}`}
              legend={t('practices.feedback.q.satisfaction')}
              hint={t('practices.feedback.q.satisfactionHint')}
              options={['1', '2', '3', '4', '5'].map((v) => ({
                value: v,
                label: t(`practices.feedback.satisfaction.${v}` as MessageKey),
              }))}
              value={satisfaction}
              onChange={setSatisfaction}
            />
            <ChoiceGroup
              type="radio"
              name={`difference-${id}`}
              idPrefix={`difference-${id}`}
              legend={t('practices.feedback.q.madeDifference')}
              options={['yes', 'partly', 'no'].map((v) => ({
                value: v,
                label: t(`practices.feedback.difference.${v}` as MessageKey),
              }))}
              value={madeDifference}
              onChange={setMadeDifference}
            />
            <ChoiceGroup
              type="radio"
              name={`continue-${id}`}
              idPrefix={`continue-${id}`}
              legend={t('practices.feedback.q.wouldContinue')}
              options={['yes', 'no'].map((v) => ({
                value: v,
                label: t(`practices.feedback.yesNo.${v}` as MessageKey),
              }))}
              value={wouldContinue}
              onChange={setWouldContinue}
            />
            <TextareaField
              id={`comment-${id}`}
              label={t('practices.feedback.q.comment')}
              hint={t('practices.feedback.q.commentHint')}
              maxLength={2000}
              value={comment}
              onChange={setComment}
            />
            <button
              type="submit"
              className="button button-primary"
              disabled={!satisfaction || !madeDifference || !wouldContinue || give.isPending}
            >
              {t('practices.feedback.send')}
            </button>
          </form>
        )}
      </div>
    </section>
  );
}

/** The courses with feedback that the provider or manager may read. */
export function FeedbackListPage() {
  const t = useT();
  useDocumentTitle(t('practices.feedback.listTitle'));
  const courses = useQuery({
    queryKey: ['feedback', 'courses'],
    queryFn: practicesApi.feedbackCourses,
  });
  return (
    <>
      <PageHeading>{t('practices.feedback.listTitle')}</PageHeading>
      <p className="font-lead">{t('practices.feedback.suppressionNote')}</p>
      <PageState query={courses}>
        {(rows) => (
          <DataTable
            caption={t('practices.feedback.listTitle')}
            className="table table--compact"
            empty={t('practices.feedback.noCourses')}
            rows={rows}
            rowKey={(c) => c.courseId}
            columns={[
              {
                key: 'course',
                header: t('practices.feedback.course'),
                rowHeader: true,
                cell: (c) =>
                  c.allowedActions.includes('feedback.course') ? (
                    <Link to={`/feedback/${c.courseId}`}>{c.title}</Link>
                  ) : (
                    c.title
                  ),
              },
              { key: 'offer', header: t('practices.feedback.offer'), cell: (c) => c.offerTitle },
              {
                key: 'provider',
                header: t('practices.feedback.provider'),
                cell: (c) => c.providerName,
              },
              {
                key: 'start',
                header: t('courses.col.start'),
                cell: (c) => formatDate(c.startDate),
              },
              {
                key: 'respondents',
                header: t('practices.feedback.respondents'),
                cell: (c) => `${shown(c.respondents)} / ${shown(c.participants)}`,
              },
            ]}
          />
        )}
      </PageState>
    </>
  );
}

function DistributionTable({
  caption,
  d,
  label,
}: {
  caption: string;
  d: Distribution;
  label: (column: string) => string;
}) {
  const t = useT();
  const rows = d.columns.map((c, i) => ({ key: c, count: d.counts[i]! }));
  return (
    <DataTable
      caption={caption}
      className="table table--compact"
      rows={[...rows, { key: 'total', count: d.total }]}
      rowKey={(r) => r.key}
      columns={[
        {
          key: 'answer',
          header: t('practices.feedback.answer'),
          rowHeader: true,
          cell: (r) => (r.key === 'total' ? t('practices.feedback.total') : label(r.key)),
        },
        { key: 'count', header: t('practices.feedback.count'), cell: (r) => shown(r.count) },
      ]}
    />
  );
}

/** One course's feedback, aggregated and suppressed. */
export function FeedbackCoursePage() {
  const t = useT();
  const { id = '' } = useParams();
  const course = useQuery({
    queryKey: ['feedback', 'courses', id],
    queryFn: () => practicesApi.feedbackCourse(id),
  });
  useDocumentTitle(course.data?.title ?? t('practices.feedback.listTitle'));
  return (
    <PageState query={course}>
      {(c) => (
        <>
          <p>
            <Link to="/feedback">{t('practices.feedback.back')}</Link>
          </p>
          <PageHeading>{t('practices.feedback.courseTitle', { title: c.title })}</PageHeading>
          <p className="font-lead">
            {c.offerTitle} · {c.providerName}
          </p>
          <p data-testid="feedback-respondents">
            {t('practices.feedback.respondentsOf', {
              n: shown(c.respondents),
              of: shown(c.participants),
            })}
          </p>
          {c.suppressed && (
            <div className="alert alert-info" role="status">
              <div className="alert-body">
                <p className="alert-text">{t('practices.feedback.suppressed')}</p>
              </div>
            </div>
          )}
          <p className="form-hint">{t('practices.feedback.suppressionNote')}</p>
          <p>
            {t('practices.feedback.average')}:{' '}
            <strong>
              {c.averageSatisfaction === null
                ? t('practices.feedback.hidden')
                : c.averageSatisfaction.toLocaleString('da-DK')}
            </strong>
          </p>
          <h2>{t('practices.feedback.q.satisfaction')}</h2>
          <DistributionTable
            caption={t('practices.feedback.q.satisfaction')}
            d={c.satisfaction}
            label={(v) => t(`practices.feedback.satisfaction.${v}` as MessageKey)}
          />
          <h2>{t('practices.feedback.q.madeDifference')}</h2>
          <DistributionTable
            caption={t('practices.feedback.q.madeDifference')}
            d={c.madeDifference}
            label={(v) => t(`practices.feedback.difference.${v}` as MessageKey)}
          />
          <h2>{t('practices.feedback.q.wouldContinue')}</h2>
          <DistributionTable
            caption={t('practices.feedback.q.wouldContinue')}
            d={c.wouldContinue}
            label={(v) => t(`practices.feedback.yesNo.${v}` as MessageKey)}
          />
          <h2>{t('practices.feedback.comments')}</h2>
          {c.commentsHidden ? (
            <p>{t('practices.feedback.commentsHidden')}</p>
          ) : c.comments.length === 0 ? (
            <p>{t('practices.feedback.noComments')}</p>
          ) : (
            <ul>
              {c.comments.map((text, i) => (
                // Comments carry no id by design (never linked to a person or an order).
                // biome-ignore lint/suspicious/noArrayIndexKey: the list never reorders
                <li key={i}>{text}</li>
              ))}
            </ul>
          )}
        </>
      )}
    </PageState>
  );
}
