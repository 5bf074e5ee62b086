/**
 * The citizen picks a course (hold) of an open offer and signs up for it themself: the portal's
 * list of open offers signs up for each offer's next course, this page shows every planned or
 * running course of the open offers, so the citizen can choose the one whose dates suit them.
 * The enrolment module places them, or puts them in line when the course is full (decision 1020).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { mayAttempt, useMe } from '../../api/auth';
import { api } from '../../api/client';
import { daDate } from '../../api/plans';
import { practicesApi } from '../../api/practices';
import { type CourseSummary, referralsApi } from '../../api/referrals';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeading, useDocumentTitle } from '../../components/PageHeading';
import { PageState } from '../../components/PageState';
import { useT } from '../../i18n';
import type { MessageKey } from '../../i18n/da';

interface SignupResult {
  status: 'enrolled' | 'waitlisted';
  waitlistPosition: number | null;
}

export function OpenCoursesPage() {
  const t = useT();
  useDocumentTitle(t('openCourses.title'));
  const me = useMe().data;
  const maySignUp = mayAttempt(me, 'course.signup');
  const queryClient = useQueryClient();
  const key = ['courses', 'open'];
  const courses = useQuery({
    queryKey: key,
    queryFn: async () =>
      (await referralsApi.courses()).filter(
        (c) => c.offerReferralType === 'open' && (c.status === 'planned' || c.status === 'running'),
      ),
    enabled: mayAttempt(me, 'course.list'),
  });
  const [asking, setAsking] = useState<CourseSummary | null>(null);
  const [done, setDone] = useState<{ title: string; result: SignupResult } | null>(null);
  const signUp = useMutation({
    mutationFn: (c: CourseSummary) =>
      api<SignupResult>(`/api/courses/${c.id}/signup`, { method: 'POST' }),
    onSuccess: (result, c) => {
      setDone({ title: c.title, result });
      setAsking(null);
      queryClient.invalidateQueries({ queryKey: key });
      queryClient.invalidateQueries({ queryKey: ['portal'] });
    },
  });
  // Randers: an offer that begins with an intro meeting; the citizen asks to come to it first.
  const askIntro = useMutation({
    mutationFn: (c: CourseSummary) => practicesApi.requestIntroMeeting(c.id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key }),
  });
  const free = (c: CourseSummary) => Math.max(0, c.capacity - c.enrolled);
  return (
    <>
      <p>
        <Link to="/mit">{t('proxies.back')}</Link>
      </p>
      <PageHeading>{t('openCourses.title')}</PageHeading>
      <p className="font-lead">{t('openCourses.intro')}</p>
      {done && (
        <div className="alert alert-success" role="status">
          <div className="alert-body">
            <p className="alert-text">
              {done.result.status === 'enrolled'
                ? t('openCourses.enrolled', { title: done.title })
                : t('openCourses.waitlisted', {
                    title: done.title,
                    position: done.result.waitlistPosition ?? '',
                  })}{' '}
              {t('openCourses.regret')}
            </p>
          </div>
        </div>
      )}
      <PageState
        query={courses}
        noAccess={!mayAttempt(me, 'course.list')}
        empty={t('openCourses.empty')}
      >
        {(list) => (
          <ul className="nobullet-list">
            {list.map((c) => (
              <li key={c.id} className="card mb-4">
                <div className="card-content">
                  <h2 className="h4 mt-0">{c.title}</h2>
                  <p className="mt-0 mb-2">
                    {c.offerTitle} ({c.providerName})
                  </p>
                  <p className="mt-0 mb-2">
                    {t('openCourses.when', { date: daDate(c.startDate), weeks: c.weeks })}
                    {c.place ? (
                      <>
                        <br />
                        {c.place}
                      </>
                    ) : null}
                    <br />
                    {free(c) > 0
                      ? t('openCourses.free', { count: free(c) })
                      : t('openCourses.full', { waiting: c.waitlisted })}
                  </p>
                  {c.myIntro && c.myStatus !== 'enrolled' && c.myStatus !== 'waitlisted' && (
                    <p className="mt-0 mb-2" data-testid="intro-status">
                      {t(`openCourses.intro.${c.myIntro}` as MessageKey)}
                    </p>
                  )}
                  {c.myStatus === 'enrolled' || c.myStatus === 'waitlisted' ? (
                    <span className="badge badge-success">
                      {t(`portal.offers.status.${c.myStatus}` as MessageKey)}
                    </span>
                  ) : c.myIntro === 'requested' ? null : c.myIntro === 'needed' ? (
                    maySignUp && (
                      <button
                        type="button"
                        className="button button-secondary"
                        disabled={askIntro.isPending}
                        onClick={() => askIntro.mutate(c)}
                      >
                        {t('openCourses.intro.ask', { title: c.title })}
                      </button>
                    )
                  ) : maySignUp && asking?.id === c.id ? (
                    <ConfirmDialog
                      confirmLabel={t('openCourses.confirm')}
                      cancelLabel={t('openCourses.cancel')}
                      pending={signUp.isPending}
                      onConfirm={() => signUp.mutate(c)}
                      onCancel={() => setAsking(null)}
                    >
                      {free(c) > 0
                        ? t('openCourses.question', {
                            title: c.title,
                            date: daDate(c.startDate),
                          })
                        : t('openCourses.questionWaitlist', { title: c.title })}
                    </ConfirmDialog>
                  ) : maySignUp ? (
                    <button
                      type="button"
                      className="button button-secondary"
                      onClick={() => {
                        signUp.reset();
                        setDone(null);
                        setAsking(c);
                      }}
                    >
                      {free(c) > 0
                        ? t('openCourses.signUp', { title: c.title })
                        : t('openCourses.waitlist', { title: c.title })}
                    </button>
                  ) : null}
                  {askIntro.isError && askIntro.variables?.id === c.id && (
                    <ErrorAlert error={askIntro.error} heading={t('openCourses.intro.failed')} />
                  )}
                  {signUp.isError && signUp.variables?.id === c.id && (
                    <ErrorAlert error={signUp.error} heading={t('openCourses.failed')} />
                  )}
                </div>
              </li>
            ))}
          </ul>
        )}
      </PageState>
    </>
  );
}
