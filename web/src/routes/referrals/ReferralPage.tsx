import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useParams } from 'react-router';
import { practicesApi, todayIso } from '../../api/practices';
import {
  formatDate,
  formatDateTime,
  type Referral,
  referralsApi,
  type SharingBasis,
} from '../../api/referrals';
import { type Column, DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ErrorState } from '../../components/ErrorState';
import { errorMessage } from '../../components/errors';
import { DateField, InputField, SelectField } from '../../components/FormField';
import { InterpreterNote } from '../../components/InterpreterNote';
import { Loading } from '../../components/Loading';
import { PageHeading, useDocumentTitle } from '../../components/PageHeading';
import { useT } from '../../i18n';
import type { MessageKey } from '../../i18n/da';
import { stateLabel } from './ReferralInboxPage';

export const dropOutReasons = [
  'illness',
  'started_work',
  'started_education',
  'lack_of_motivation',
  'moved',
  'no_show',
  'other',
] as const;

/** One referral as both sides see it: facts, the next steps the user may take, history, messages. */
export function ReferralPage() {
  const t = useT();
  const { id = '' } = useParams();
  const referral = useQuery({ queryKey: ['referrals', id], queryFn: () => referralsApi.get(id) });
  useDocumentTitle(
    referral.data ? t('referrals.detail.title', { offer: referral.data.offerTitle }) : t('loading'),
  );
  if (referral.isPending) return <Loading />;
  if (referral.isError)
    return <ErrorState error={referral.error} onRetry={() => referral.refetch()} />;
  const r = referral.data;
  return (
    <>
      <PageHeading>{t('referrals.detail.title', { offer: r.offerTitle })}</PageHeading>
      <p className="font-lead">
        {r.citizenName} · <strong>{t(stateLabel(r.state))}</strong>
      </p>
      <InterpreterNote language={r.citizenLanguage} needsInterpreter={r.needsInterpreter} />
      {r.allowedActions.includes('health.profile.read') && (
        <p>
          <Link to={`/borgere/${r.citizenId}/sundhedsprofil`}>
            {t('referrals.detail.healthProfile')}
          </Link>
        </p>
      )}
      <div className="row">
        <div className="col-12 col-lg-7">
          <Facts r={r} />
          {r.introRequired && <IntroMeeting r={r} />}
          {r.allowedActions.includes('referral.shared') && <SharedView id={r.id} />}
          <Actions r={r} />
          <History r={r} />
        </div>
        <div className="col-12 col-lg-5">
          {r.allowedActions.includes('referral.message') && <Messages id={r.id} />}
        </div>
      </div>
    </>
  );
}

function Facts({ r }: { r: Referral }) {
  const t = useT();
  return (
    <section aria-labelledby="facts-heading">
      <h2 id="facts-heading">{t('referrals.detail.facts')}</h2>
      <dl className="referral-facts">
        <dt>{t('referrals.detail.from')}</dt>
        <dd>{r.fromOrganisationName}</dd>
        <dt>{t('referrals.col.to')}</dt>
        <dd>{r.toOrganisationName}</dd>
        <dt>{t('referrals.detail.createdBy')}</dt>
        <dd>
          {r.createdByName}, {formatDate(r.createdAt)}
        </dd>
        <dt>{t('referrals.new.participation')}</dt>
        <dd>{t(`referrals.participation.${r.participation}` as MessageKey)}</dd>
        {r.mandatoryActivation && (
          <>
            <dt>{t('practices.mandatory.label')}</dt>
            <dd>{t('practices.mandatory.offer')}</dd>
          </>
        )}
        <dt>{t('referrals.detail.reason')}</dt>
        <dd>{r.reason}</dd>
        <dt>{t('referrals.detail.shared')}</dt>
        <dd>
          {r.sharedCategories.length
            ? r.sharedCategories.map((c) => t(`referrals.category.${c}` as MessageKey)).join(', ')
            : t('referrals.detail.none')}
        </dd>
        {r.courseTitle && (
          <>
            <dt>{t('referrals.detail.course')}</dt>
            <dd>{r.courseTitle}</dd>
          </>
        )}
        {(r.stateReason || r.stateReasonCode) && (
          <>
            <dt>{t('referrals.detail.stateReason')}</dt>
            <dd>
              {r.stateReasonCode ? t(`referrals.reason.${r.stateReasonCode}` as MessageKey) : ''}
              {r.stateReason ? ` ${r.stateReason}` : ''}
            </dd>
          </>
        )}
        {r.previousReferralId && (
          <>
            <dt>{t('referrals.detail.previous')}</dt>
            <dd>
              <Link to={`/henvisninger/${r.previousReferralId}`}>
                {t('referrals.detail.previous')}
              </Link>
            </dd>
          </>
        )}
      </dl>
    </section>
  );
}

/**
 * Randers: the offer begins with an informal intro meeting, and the citizen is enrolled only
 * after it. The recipient records the meeting; everyone sees whether it has been held.
 */
function IntroMeeting({ r }: { r: Referral }) {
  const t = useT();
  const queryClient = useQueryClient();
  const [date, setDate] = useState(todayIso());
  const record = useMutation({
    mutationFn: () => practicesApi.recordIntroMeeting(r.id, date),
    onSuccess: (updated) => queryClient.setQueryData(['referrals', r.id], updated),
  });
  return (
    <section aria-labelledby="intro-heading">
      <h2 id="intro-heading">{t('practices.intro.title')}</h2>
      {r.introAttendedOn ? (
        <p data-testid="intro-status">
          {t('practices.intro.attended', { date: formatDate(r.introAttendedOn) })}
        </p>
      ) : (
        <p data-testid="intro-status">{t('practices.intro.pending')}</p>
      )}
      {r.allowedActions.includes('referral.intro_meeting') && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            record.mutate();
          }}
        >
          <ErrorAlert error={record.error} />
          <DateField
            id="intro-date"
            label={t('practices.intro.date')}
            required
            value={date}
            onChange={setDate}
          />
          <button type="submit" className="button button-secondary" disabled={record.isPending}>
            {t('practices.intro.record')}
          </button>
        </form>
      )}
    </section>
  );
}

/** What the basis of a piece of shared data says, in words. */
function BasisText({ basis }: { basis: SharingBasis }) {
  const t = useT();
  if (basis.kind === 'consent')
    return (
      <>
        {basis.validTo
          ? t('referrals.shared.basis.consentUntil', { date: formatDate(basis.validTo) })
          : t('referrals.shared.basis.consent')}
      </>
    );
  return <>{t(`referrals.shared.basis.${basis.kind}` as MessageKey)}</>;
}

/**
 * The data the referral shares, as the server's view builder gives it to this reader: the
 * screening notes, attendance and outcomes of the reader's own courses, each with what it rests
 * on, and the categories left out with the reason.
 */
function SharedView({ id }: { id: string }) {
  const t = useT();
  const shared = useQuery({
    queryKey: ['referrals', id, 'shared'],
    queryFn: () => referralsApi.shared(id),
  });
  if (shared.isPending) return <Loading />;
  if (shared.isError) return <ErrorState error={shared.error} onRetry={() => shared.refetch()} />;
  const v = shared.data;
  const category = (c: string) => t(`referrals.category.${c}` as MessageKey);
  type Attendance = NonNullable<typeof v.attendance>[number];
  const attendanceColumns: Column<Attendance>[] = [
    { key: 'course', header: t('referrals.detail.course'), cell: (a) => a.courseTitle },
    { key: 'present', header: t('referrals.shared.present'), cell: (a) => a.present },
    { key: 'absent', header: t('referrals.shared.absent'), cell: (a) => a.absent },
    {
      key: 'basis',
      header: t('referrals.shared.basis'),
      cell: (a) => <BasisText basis={a.basis} />,
    },
  ];
  return (
    <section aria-labelledby="shared-heading">
      <h2 id="shared-heading">{t('referrals.shared.title')}</h2>
      {v.consent ? (
        <p>
          {t('referrals.shared.consent', {
            categories: v.consent.categories.map(category).join(', '),
          })}{' '}
          {v.consent.validTo
            ? t('referrals.shared.basis.consentUntil', { date: formatDate(v.consent.validTo) })
            : t('referrals.shared.basis.consent')}
        </p>
      ) : (
        <p>{t('referrals.shared.noConsent')}</p>
      )}
      {v.screeningNotes && (
        <>
          <h3>{category('screening_notes')}</h3>
          <dl className="referral-facts">
            {v.screeningNotes.findings.map((f) => (
              <div key={f.discipline}>
                <dt>{t(`referrals.shared.discipline.${f.discipline}` as MessageKey)}</dt>
                <dd>
                  {f.findings} <em>{f.recommendation}</em>
                </dd>
              </div>
            ))}
          </dl>
        </>
      )}
      {v.attendance && (
        <>
          <h3>{category('attendance')}</h3>
          <DataTable
            caption={category('attendance')}
            className="table"
            rows={v.attendance}
            rowKey={(a) => a.courseTitle}
            columns={attendanceColumns}
          />
        </>
      )}
      {v.outcomes && (
        <>
          <h3>{category('outcome')}</h3>
          <ul>
            {v.outcomes.map((o) => (
              <li key={`${o.courseTitle}-${o.recordedAt}`}>
                {o.courseTitle}:{' '}
                {o.declaredFit ? t('referrals.shared.fit') : t('referrals.shared.notFit')} (
                <BasisText basis={o.basis} />)
              </li>
            ))}
          </ul>
        </>
      )}
      {v.withheld.length > 0 && (
        <ul>
          {v.withheld.map((w) => (
            <li key={w.category}>
              {t(`referrals.shared.withheld.${w.reason}` as MessageKey, {
                category: category(w.category),
              })}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Actions({ r }: { r: Referral }) {
  const t = useT();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const [reasonCode, setReasonCode] = useState('');
  const [courseId, setCourseId] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const needsCourse = r.allowedTransitions.includes('enroll');
  const courses = useQuery({
    queryKey: ['courses', 'offer', r.offerId],
    queryFn: () => referralsApi.courses(r.offerId),
    enabled: needsCourse,
  });
  const step = useMutation({
    mutationFn: (body: Record<string, unknown>) => referralsApi.transition(r.id, body),
    onSuccess: (updated) => {
      queryClient.setQueryData(['referrals', r.id], updated);
      queryClient.invalidateQueries({ queryKey: ['referrals', 'list'] });
      setDone(updated.state);
      setReason('');
    },
  });
  const simple = r.allowedTransitions.filter((a) => !['reject', 'drop_out', 'enroll'].includes(a));
  const submit =
    (action: string, extra: Record<string, unknown> = {}) =>
    (e?: FormEvent) => {
      e?.preventDefault();
      setDone(null);
      step.mutate({ action, ...extra });
    };
  return (
    <section aria-labelledby="actions-heading">
      <h2 id="actions-heading">{t('referrals.detail.actions')}</h2>
      {done && (
        <div className="alert alert-success" role="status">
          <div className="alert-body">
            <p className="alert-text">
              {t('referrals.detail.done', { state: t(stateLabel(done)) })}
            </p>
          </div>
        </div>
      )}
      <ErrorAlert error={step.error} />
      {r.allowedTransitions.length === 0 && <p>{t('referrals.detail.noActions')}</p>}
      <div className="referral-actions">
        {simple.map((a) => (
          <button
            key={a}
            type="button"
            className={`button ${a === 'cancel' ? 'button-secondary' : 'button-primary'}`}
            disabled={step.isPending}
            onClick={submit(a)}
          >
            {t(`referrals.action.${a}` as MessageKey)}
          </button>
        ))}
      </div>
      {needsCourse && (
        <form onSubmit={submit('enroll', { courseId })} className="mt-4">
          <div className="form-group">
            <label className="form-label" htmlFor="enroll-course">
              {t('referrals.detail.chooseCourse')}
            </label>
            {courses.data && courses.data.length === 0 ? (
              <p>{t('referrals.detail.noCourses')}</p>
            ) : (
              <select
                id="enroll-course"
                className="form-select"
                value={courseId}
                required
                onChange={(e) => setCourseId(e.target.value)}
              >
                <option value="">{t('referrals.detail.chooseCourse')}</option>
                {courses.data?.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.title} ({formatDate(c.startDate)}, {c.enrolled}/{c.capacity})
                  </option>
                ))}
              </select>
            )}
          </div>
          <button type="submit" className="button button-primary" disabled={!courseId}>
            {t('referrals.action.enroll')}
          </button>
        </form>
      )}
      {r.allowedTransitions.includes('reject') && (
        <form onSubmit={submit('reject', { reason })} className="mt-4">
          <InputField
            id="reject-reason"
            label={t('referrals.detail.rejectReason')}
            value={reason}
            required
            onChange={setReason}
          />
          <button type="submit" className="button button-secondary">
            {t('referrals.action.reject')}
          </button>
        </form>
      )}
      {r.allowedTransitions.includes('drop_out') && (
        <form onSubmit={submit('drop_out', { reasonCode })} className="mt-4">
          <SelectField
            id="dropout-reason"
            label={t('referrals.detail.dropOutReason')}
            placeholder={t('referrals.detail.dropOutReason')}
            value={reasonCode}
            required
            onChange={setReasonCode}
            options={dropOutReasons.map((c) => ({
              value: c,
              label: t(`referrals.reason.${c}` as MessageKey),
            }))}
          />
          <button type="submit" className="button button-secondary" disabled={!reasonCode}>
            {t('referrals.action.drop_out')}
          </button>
        </form>
      )}
    </section>
  );
}

function History({ r }: { r: Referral }) {
  const t = useT();
  return (
    <section aria-labelledby="history-heading">
      <h2 id="history-heading">{t('referrals.detail.history')}</h2>
      <ol className="referral-history">
        {r.history?.map((e) => (
          <li key={e.id}>
            <strong>{t(stateLabel(e.toState))}</strong> – {e.actorName ?? '–'}
            {e.actorOrganisationName ? ` (${e.actorOrganisationName})` : ''},{' '}
            <time dateTime={e.occurredAt}>{formatDateTime(e.occurredAt)}</time>
            {e.reason ? `: ${e.reason}` : ''}
          </li>
        ))}
      </ol>
    </section>
  );
}

function Messages({ id }: { id: string }) {
  const t = useT();
  const queryClient = useQueryClient();
  const [body, setBody] = useState('');
  const messages = useQuery({
    queryKey: ['referrals', id, 'messages'],
    queryFn: () => referralsApi.messages(id),
  });
  const send = useMutation({
    mutationFn: () => referralsApi.postMessage(id, body),
    onSuccess: () => {
      setBody('');
      queryClient.invalidateQueries({ queryKey: ['referrals', id, 'messages'] });
    },
  });
  return (
    <section aria-labelledby="messages-heading">
      <h2 id="messages-heading">{t('referrals.messages.title')}</h2>
      {messages.isPending ? (
        <Loading />
      ) : messages.isError ? (
        <ErrorState error={messages.error} onRetry={() => messages.refetch()} />
      ) : messages.data.length === 0 ? (
        <p>{t('referrals.messages.empty')}</p>
      ) : (
        <ul className="nobullet-list referral-messages">
          {messages.data.map((m) => (
            <li key={m.id} className="mb-4">
              <p className="mb-0">
                <strong>{m.authorName}</strong>
                {m.authorOrganisationName ? `, ${m.authorOrganisationName}` : ''} ·{' '}
                <time dateTime={m.createdAt}>{formatDateTime(m.createdAt)}</time>
              </p>
              <p className="mt-0">{m.body}</p>
            </li>
          ))}
        </ul>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (body.trim()) send.mutate();
        }}
      >
        <div className="form-group">
          <label className="form-label" htmlFor="message-body">
            {t('referrals.messages.label')}
          </label>
          <span className="form-hint" id="message-hint">
            {t('referrals.messages.hint')}
          </span>
          <textarea
            id="message-body"
            className="form-input"
            rows={3}
            aria-describedby="message-hint"
            value={body}
            onChange={(e) => setBody(e.target.value)}
          />
        </div>
        {send.isError && (
          <p className="form-error-message" role="alert">
            {errorMessage(send.error, t)}
          </p>
        )}
        <button type="submit" className="button button-secondary" disabled={send.isPending}>
          {t('referrals.messages.send')}
        </button>
      </form>
    </section>
  );
}
