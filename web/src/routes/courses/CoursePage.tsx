import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { type Course, formatDate, formatSession, referralsApi } from '../../api/referrals';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { PageHeading, useDocumentTitle } from '../../components/PageHeading';
import { useT } from '../../i18n';
import type { MessageKey } from '../../i18n/da';
import { dropOutReasons } from '../referrals/ReferralPage';

const percent = (rate: number | null) => (rate === null ? '–' : `${Math.round(rate * 100)} %`);

/** The provider's course page: facts, overview, sessions with attendance, participants. */
export function CoursePage() {
  const t = useT();
  const { id = '' } = useParams();
  const course = useQuery({ queryKey: ['courses', id], queryFn: () => referralsApi.course(id) });
  useDocumentTitle(course.data?.title ?? t('courses.list.title'));
  if (course.isPending) return <Loading />;
  if (course.isError) return <ErrorState error={course.error} onRetry={() => course.refetch()} />;
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
      <Sessions c={c} />
      <Participants c={c} />
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
  return (
    <section aria-labelledby="course-sessions">
      <h2 id="course-sessions">{t('courses.detail.sessions')}</h2>
      <div className="table--responsive-scroll">
        <table className="table table--compact">
          <thead>
            <tr>
              <th scope="col">{t('courses.detail.session')}</th>
              <th scope="col">{t('courses.detail.registered')}</th>
              <th scope="col">{t('courses.detail.attendance')}</th>
              <th scope="col">
                <span className="sr-only">{t('courses.detail.cancelSession')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {c.sessions.map((s) => (
              <tr key={s.id}>
                <td>
                  {formatSession(s.startsAt)}
                  {s.status === 'cancelled' && <strong> · {t('courses.detail.cancelled')}</strong>}
                  {s.note && <span className="d-block form-hint">{s.note}</span>}
                </td>
                <td>{s.registered}</td>
                <td>
                  {s.status === 'planned' && (
                    <Link to={`/hold/${c.id}/gange/${s.id}`}>
                      {t('courses.detail.registerAttendance', { date: formatSession(s.startsAt) })}
                    </Link>
                  )}
                </td>
                <td>
                  <button
                    type="button"
                    className="button button-tertiary"
                    aria-label={`${s.status === 'planned' ? t('courses.detail.cancelSession') : t('courses.detail.reopenSession')}: ${formatSession(s.startsAt)}`}
                    onClick={() =>
                      toggle.mutate({
                        sessionId: s.id,
                        status: s.status === 'planned' ? 'cancelled' : 'planned',
                      })
                    }
                  >
                    {s.status === 'planned'
                      ? t('courses.detail.cancelSession')
                      : t('courses.detail.reopenSession')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
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
  return (
    <section aria-labelledby="course-participants">
      <h2 id="course-participants">{t('courses.detail.participants')}</h2>
      <ErrorAlert error={drop.error} />
      {c.enrolments.length === 0 ? (
        <p>{t('courses.detail.noParticipants')}</p>
      ) : (
        <div className="table--responsive-scroll">
          <table className="table table--compact">
            <thead>
              <tr>
                <th scope="col">{t('referrals.col.citizen')}</th>
                <th scope="col">{t('courses.detail.status')}</th>
                <th scope="col">{t('courses.detail.outcome')}</th>
                <th scope="col">
                  <span className="sr-only">{t('referrals.detail.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {c.enrolments.map((e) => (
                <tr key={e.id}>
                  <td>
                    {e.referralId ? (
                      <Link to={`/henvisninger/${e.referralId}`}>{e.citizenName}</Link>
                    ) : (
                      e.citizenName
                    )}
                  </td>
                  <td>
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
                  </td>
                  <td>{outcomeText(e)}</td>
                  <td>
                    {!e.outcome && (e.status === 'enrolled' || e.status === 'completed') && (
                      <Link
                        className="button button-secondary"
                        to={`/hold/${c.id}/deltagere/${e.id}/resultat`}
                      >
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
                        <button
                          type="submit"
                          className="button button-tertiary"
                          disabled={!reasons[e.id]}
                        >
                          {t('courses.dropOut.submit')}
                        </button>
                      </form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function OverviewSection({ id }: { id: string }) {
  const t = useT();
  const overview = useQuery({
    queryKey: ['courses', id, 'overview'],
    queryFn: () => referralsApi.overview(id),
  });
  if (overview.isPending) return <Loading />;
  if (overview.isError)
    return <ErrorState error={overview.error} onRetry={() => overview.refetch()} />;
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
      <table className="table table--compact">
        <thead>
          <tr>
            <th scope="col">{t('referrals.col.citizen')}</th>
            <th scope="col">{t('courses.overview.rate')}</th>
          </tr>
        </thead>
        <tbody>
          {o.perCitizen.map((p) => (
            <tr key={p.enrolmentId}>
              <td>{p.citizenName}</td>
              <td>
                {percent(p.rate)} ({p.present}/{p.registered})
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>{t('courses.overview.rateSession')}</h3>
      <table className="table table--compact">
        <thead>
          <tr>
            <th scope="col">{t('courses.detail.session')}</th>
            <th scope="col">{t('courses.overview.rate')}</th>
          </tr>
        </thead>
        <tbody>
          {o.perSession.map((s) => (
            <tr key={s.sessionId}>
              <td>{formatDate(s.startsAt)}</td>
              <td>
                {percent(s.rate)} ({s.present}/{s.registered})
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
