import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { type Course, formatDate, formatSession, referralsApi } from '../../api/referrals';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { InterpreterNote } from '../../components/InterpreterNote';
import { PageHeading, useDocumentTitle } from '../../components/PageHeading';
import { PageState } from '../../components/PageState';
import { useT } from '../../i18n';
import type { MessageKey } from '../../i18n/da';
import { dropOutReasons } from '../referrals/ReferralPage';
import { BridgeSection, IntroRequestsSection, WeeklyRuleSection } from './PracticeSections';

const percent = (rate: number | null) => (rate === null ? '–' : `${Math.round(rate * 100)} %`);

/** The provider's course page: facts, overview, sessions with attendance, participants. */
export function CoursePage() {
  const t = useT();
  const { id = '' } = useParams();
  const course = useQuery({ queryKey: ['courses', id], queryFn: () => referralsApi.course(id) });
  useDocumentTitle(course.data?.title ?? t('courses.list.title'));
  if (!course.data) return <PageState query={course}>{() => null}</PageState>;
  const c = course.data;
  return (
    <>
      <PageHeading>{c.title}</PageHeading>
      <p className="font-lead">
        {c.offerTitle} · {c.providerName}
      </p>
      <section aria-labelledby="course-facts">
        <h2 id="course-facts">{t('courses.detail.facts')}</h2>
        <dl>
          <dt>{t('courses.col.start')}</dt>
          <dd>
            {formatDate(c.startDate)} · {c.weeks} {t('courses.col.weeks').toLowerCase()}
          </dd>
          <dt>{t('courses.detail.place')}</dt>
          <dd>{c.place ?? '–'}</dd>
          <dt>{t('courses.col.places')}</dt>
          <dd>
            {t('courses.places', {
              enrolled: c.enrolled,
              capacity: c.capacity,
              waitlisted: c.waitlisted,
            })}
          </dd>
          {c.instructors.length > 0 && (
            <>
              <dt>{t('courses.detail.instructors')}</dt>
              <dd>{c.instructors.map((i) => i.name).join(', ')}</dd>
            </>
          )}
          {c.skippedHolidays.length > 0 && (
            <>
              <dt>{t('courses.detail.holidays')}</dt>
              <dd>
                <ul className="nobullet-list" data-testid="skipped-holidays">
                  {c.skippedHolidays.map((h) => (
                    <li key={h.date}>
                      {formatDate(h.date)} ({h.name})
                    </li>
                  ))}
                </ul>
              </dd>
            </>
          )}
        </dl>
      </section>
      {c.allowedActions.includes('feedback.course') && (
        <p>
          <Link to={`/feedback/${c.id}`}>{t('practices.feedback.courseLink')}</Link>
        </p>
      )}
      <Sessions c={c} />
      <Participants c={c} />
      {c.allowedActions.includes('course.attendance') && <WeeklyRuleSection courseId={c.id} />}
      {c.allowedActions.includes('course.attendance') && c.introRequired && (
        <IntroRequestsSection courseId={c.id} />
      )}
      {c.allowedActions.includes('continuation.course_bridge') && (
        <BridgeSection courseId={c.id} participants={c.enrolments} />
      )}
      {c.allowedActions.includes('course.overview') && <OverviewSection id={c.id} />}
    </>
  );
}

function Sessions({ c }: { c: Course }) {
  const t = useT();
  const queryClient = useQueryClient();
  const toggle = useMutation({
    mutationFn: ({ sessionId, status }: { sessionId: string; status: string }) =>
      referralsApi.updateSession(c.id, sessionId, { status }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['courses', c.id] }),
  });
  type Session = Course['sessions'][number];
  const sessionCell = (s: Session) => (
    <>
      {formatSession(s.startsAt)}
      {s.status === 'cancelled' && <strong> · {t('courses.detail.cancelled')}</strong>}
      {s.note && <span className="d-block form-hint">{s.note}</span>}
    </>
  );
  const attendanceLink = (s: Session) =>
    s.status === 'planned' && (
      <Link to={`/hold/${c.id}/gange/${s.id}`}>
        {t('courses.detail.registerAttendance', { date: formatSession(s.startsAt) })}
      </Link>
    );
  const toggleButton = (s: Session) => {
    const planned = s.status === 'planned';
    const label = planned ? t('courses.detail.cancelSession') : t('courses.detail.reopenSession');
    return (
      <button
        type="button"
        className="button button-tertiary"
        aria-label={`${label}: ${formatSession(s.startsAt)}`}
        onClick={() =>
          toggle.mutate({ sessionId: s.id, status: planned ? 'cancelled' : 'planned' })
        }
      >
        {label}
      </button>
    );
  };
  return (
    <section aria-labelledby="course-sessions">
      <h2 id="course-sessions">{t('courses.detail.sessions')}</h2>
      <DataTable
        caption={t('courses.detail.sessions')}
        className="table table--compact"
        rows={c.sessions}
        rowKey={(s) => s.id}
        columns={[
          { key: 'session', header: t('courses.detail.session'), cell: sessionCell },
          { key: 'registered', header: t('courses.detail.registered'), cell: (s) => s.registered },
          { key: 'attendance', header: t('courses.detail.attendance'), cell: attendanceLink },
          {
            key: 'cancel',
            header: t('courses.detail.cancelSession'),
            hideHeader: true,
            cell: toggleButton,
          },
        ]}
      />
    </section>
  );
}

function Participants({ c }: { c: Course }) {
  const t = useT();
  const queryClient = useQueryClient();
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const drop = useMutation({
    mutationFn: ({ enrolmentId, reasonCode }: { enrolmentId: string; reasonCode: string }) =>
      referralsApi.dropOut(c.id, enrolmentId, reasonCode),
    onSuccess: (updated) => queryClient.setQueryData(['courses', c.id], updated),
  });
  const outcomeText = (e: Course['enrolments'][number]) => {
    if (!e.outcome) return '–';
    if (e.outcome.declaredFit) return t('courses.outcome.fitLabel');
    return t('courses.outcome.notFitLabel', {
      step: t(`courses.outcome.step.${e.outcome.nextStep}` as MessageKey),
    });
  };
  type Enrolment = Course['enrolments'][number];
  const citizenCell = (e: Enrolment) => (
    <>
      {e.referralId ? (
        <Link to={`/henvisninger/${e.referralId}`}>{e.citizenName}</Link>
      ) : (
        e.citizenName
      )}
      <InterpreterNote language={e.language} needsInterpreter={e.needsInterpreter} />
    </>
  );
  const statusCell = (e: Enrolment) => (
    <>
      {t(`courses.enrolment.${e.status}` as MessageKey)}
      {e.waitlistPosition !== null && (
        <span className="d-block form-hint">
          {t('courses.detail.waitPosition', { n: e.waitlistPosition })}
        </span>
      )}
      {e.dropOutReasonCode && (
        <span className="d-block form-hint">
          {t(`referrals.reason.${e.dropOutReasonCode}` as MessageKey)}
        </span>
      )}
    </>
  );
  const actions = (e: Enrolment) => (
    <>
      {!e.outcome && (e.status === 'enrolled' || e.status === 'completed') && (
        <Link className="button button-secondary" to={`/hold/${c.id}/deltagere/${e.id}/resultat`}>
          {t('courses.detail.recordOutcome', { name: e.citizenName })}
        </Link>
      )}
      {(e.status === 'enrolled' || e.status === 'waitlisted') && (
        <form
          className="mt-2"
          onSubmit={(ev) => {
            ev.preventDefault();
            const reasonCode = reasons[e.id];
            if (reasonCode) drop.mutate({ enrolmentId: e.id, reasonCode });
          }}
        >
          <label className="form-label" htmlFor={`drop-${e.id}`}>
            {t('courses.dropOut.label', { name: e.citizenName })}
          </label>
          <select
            id={`drop-${e.id}`}
            className="form-select"
            value={reasons[e.id] ?? ''}
            onChange={(ev) => setReasons({ ...reasons, [e.id]: ev.target.value })}
          >
            <option value="">–</option>
            {dropOutReasons.map((r) => (
              <option key={r} value={r}>
                {t(`referrals.reason.${r}` as MessageKey)}
              </option>
            ))}
          </select>
          <button type="submit" className="button button-tertiary" disabled={!reasons[e.id]}>
            {t('courses.dropOut.submit')}
          </button>
        </form>
      )}
    </>
  );
  return (
    <section aria-labelledby="course-participants">
      <h2 id="course-participants">{t('courses.detail.participants')}</h2>
      <ErrorAlert error={drop.error} />
      <DataTable
        caption={t('courses.detail.participants')}
        className="table table--compact"
        empty={t('courses.detail.noParticipants')}
        rows={c.enrolments}
        rowKey={(e) => e.id}
        columns={[
          {
            key: 'citizen',
            header: t('referrals.col.citizen'),
            cell: citizenCell,
            sortValue: (e) => e.citizenName,
          },
          { key: 'status', header: t('courses.detail.status'), cell: statusCell },
          { key: 'outcome', header: t('courses.detail.outcome'), cell: outcomeText },
          {
            key: 'actions',
            header: t('referrals.detail.actions'),
            hideHeader: true,
            cell: actions,
          },
        ]}
      />
    </section>
  );
}

const rate = (r: { rate: number | null; present: number; registered: number }) =>
  `${percent(r.rate)} (${r.present}/${r.registered})`;

function OverviewSection({ id }: { id: string }) {
  const t = useT();
  const overview = useQuery({
    queryKey: ['courses', id, 'overview'],
    queryFn: () => referralsApi.overview(id),
  });
  if (!overview.data) return <PageState query={overview}>{() => null}</PageState>;
  const o = overview.data;
  return (
    <section aria-labelledby="course-overview">
      <h2 id="course-overview">{t('courses.overview.title')}</h2>
      <ul className="inline-list">
        <li>
          {t('courses.overview.enrolled')}: <strong>{o.enrolled}</strong>
        </li>
        <li>
          {t('courses.overview.waitlisted')}: <strong>{o.waitlisted}</strong>
        </li>
        <li>
          {t('courses.overview.completed')}: <strong>{o.completed}</strong>
        </li>
        <li>
          {t('courses.overview.droppedOut')}: <strong>{o.droppedOut}</strong>
        </li>
      </ul>
      <h3>{t('courses.overview.outcomes')}</h3>
      <ul>
        <li>
          {t('courses.outcome.fitLabel')}: {o.outcomes.declaredFit}
        </li>
        <li>
          {t('courses.outcome.step.resource_clarification')}: {o.outcomes.resourceClarification}
        </li>
        <li>
          {t('courses.outcome.step.job_ready')}: {o.outcomes.jobReady}
        </li>
        <li>
          {t('courses.outcome.step.treatment')}: {o.outcomes.treatment}
        </li>
        <li>
          {t('courses.outcome.step.follow_on_course')}: {o.outcomes.followOnCourse}
        </li>
        <li>
          {t('courses.overview.satisfaction')}: {o.outcomes.averageSatisfaction ?? '–'}
        </li>
      </ul>
      <h3>{t('courses.overview.rateCitizen')}</h3>
      <DataTable
        caption={t('courses.overview.rateCitizen')}
        className="table table--compact"
        rows={o.perCitizen}
        rowKey={(p) => p.enrolmentId}
        columns={[
          {
            key: 'citizen',
            header: t('referrals.col.citizen'),
            cell: (p) => p.citizenName,
            sortValue: (p) => p.citizenName,
          },
          {
            key: 'rate',
            header: t('courses.overview.rate'),
            cell: rate,
            sortValue: (p) => p.rate ?? -1,
          },
        ]}
      />
      <h3>{t('courses.overview.rateSession')}</h3>
      <DataTable
        caption={t('courses.overview.rateSession')}
        className="table table--compact"
        rows={o.perSession}
        rowKey={(s) => s.sessionId}
        columns={[
          {
            key: 'session',
            header: t('courses.detail.session'),
            cell: (s) => formatDate(s.startsAt),
          },
          {
            key: 'rate',
            header: t('courses.overview.rate'),
            cell: rate,
            sortValue: (s) => s.rate ?? -1,
          },
        ]}
      />
    </section>
  );
}
