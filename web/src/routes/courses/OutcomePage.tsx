import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { referralsApi } from '../../api/referrals';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { PageHeading, useDocumentTitle } from '../../components/PageHeading';
import { useT } from '../../i18n';
import type { MessageKey } from '../../i18n/da';

const steps = ['resource_clarification', 'job_ready', 'treatment', 'follow_on_course'] as const;

/** Rebild's registration after each course: declared fit, or the next step. */
export function OutcomePage() {
  const t = useT();
  useDocumentTitle(t('courses.outcome.title'));
  const { id = '', enrolmentId = '' } = useParams();
  const queryClient = useQueryClient();
  const course = useQuery({ queryKey: ['courses', id], queryFn: () => referralsApi.course(id) });
  const offers = useQuery({
    queryKey: ['courses', 'list'],
    queryFn: () => referralsApi.courses(),
  });
  const [fit, setFit] = useState<'' | 'yes' | 'no'>('');
  const [nextStep, setNextStep] = useState('');
  const [followOnOfferId, setFollowOnOfferId] = useState('');
  const [satisfaction, setSatisfaction] = useState('');
  const [comment, setComment] = useState('');
  const record = useMutation({
    mutationFn: () =>
      referralsApi.outcome(id, enrolmentId, {
        declaredFit: fit === 'yes',
        ...(fit === 'no' ? { nextStep } : {}),
        ...(fit === 'no' && nextStep === 'follow_on_course' && followOnOfferId
          ? { followOnOfferId }
          : {}),
        ...(satisfaction ? { satisfaction: Number(satisfaction) } : {}),
        ...(comment.trim() ? { comment } : {}),
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['courses', id] }),
  });
  if (course.isPending) return <Loading />;
  if (course.isError) return <ErrorState error={course.error} onRetry={() => course.refetch()} />;
  const enrolment = course.data.enrolments.find((e) => e.id === enrolmentId);
  const hasFollowOnCourse = !!course.data.followOnCourseId;
  if (record.isSuccess) {
    return (
      <>
        <PageHeading>{t('courses.outcome.title')}</PageHeading>
        <div className="alert alert-success" role="status">
          <div className="alert-body">
            <p className="alert-text">{t('courses.outcome.saved')}</p>
            {record.data.followOnReferralId && (
              <p className="alert-text">{t('courses.outcome.followOnCreated')}</p>
            )}
          </div>
        </div>
        <Link to={`/hold/${id}`}>{t('courses.attendance.back')}</Link>
      </>
    );
  }
  return (
    <>
      <PageHeading>{t('courses.outcome.title')}</PageHeading>
      <p className="font-lead">
        {enrolment?.citizenName} · {course.data.title}
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          record.mutate();
        }}
      >
        <fieldset className="form-group">
          <legend className="form-label">{t('courses.outcome.fit')}</legend>
          {(['yes', 'no'] as const).map((v) => (
            <div className="form-group-radio" key={v}>
              <input
                type="radio"
                className="form-radio"
                id={`fit-${v}`}
                name="fit"
                checked={fit === v}
                onChange={() => setFit(v)}
              />
              <label htmlFor={`fit-${v}`}>{t(`courses.outcome.${v}` as MessageKey)}</label>
            </div>
          ))}
        </fieldset>
        {fit === 'no' && (
          <fieldset className="form-group">
            <legend className="form-label">{t('courses.outcome.nextStep')}</legend>
            {steps.map((s) => (
              <div className="form-group-radio" key={s}>
                <input
                  type="radio"
                  className="form-radio"
                  id={`step-${s}`}
                  name="nextStep"
                  checked={nextStep === s}
                  onChange={() => setNextStep(s)}
                />
                <label htmlFor={`step-${s}`}>{t(`courses.outcome.step.${s}` as MessageKey)}</label>
              </div>
            ))}
          </fieldset>
        )}
        {fit === 'no' && nextStep === 'follow_on_course' && !hasFollowOnCourse && (
          <div className="form-group">
            <label className="form-label" htmlFor="follow-on-offer">
              {t('courses.outcome.followOnOffer')}
            </label>
            <select
              id="follow-on-offer"
              className="form-select"
              value={followOnOfferId}
              onChange={(e) => setFollowOnOfferId(e.target.value)}
            >
              <option value="">–</option>
              {[
                ...new Map((offers.data ?? []).map((c) => [c.offerId, c.offerTitle])).entries(),
              ].map(([offerId, title]) => (
                <option key={offerId} value={offerId}>
                  {title}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="form-group">
          <label className="form-label" htmlFor="satisfaction">
            {t('courses.outcome.satisfaction')}
          </label>
          <select
            id="satisfaction"
            className="form-select input-width-xs"
            value={satisfaction}
            onChange={(e) => setSatisfaction(e.target.value)}
          >
            <option value="">–</option>
            {[1, 2, 3, 4, 5].map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </div>
        <div className="form-group">
          <label className="form-label" htmlFor="outcome-comment">
            {t('courses.outcome.comment')}
          </label>
          <textarea
            id="outcome-comment"
            className="form-input"
            rows={3}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
          />
        </div>
        <ErrorAlert error={record.error} />
        <button
          type="submit"
          className="button button-primary"
          disabled={!fit || (fit === 'no' && !nextStep) || record.isPending}
        >
          {t('courses.outcome.submit')}
        </button>
      </form>
    </>
  );
}
