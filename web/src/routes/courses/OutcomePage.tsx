import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { referralsApi } from '../../api/referrals';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ChoiceGroup, SelectField, TextareaField } from '../../components/FormField';
import { PageHeading, useDocumentTitle } from '../../components/PageHeading';
import { PageState } from '../../components/PageState';
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
  if (!course.data) return <PageState query={course}>{() => null}</PageState>;
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
        <ChoiceGroup
          type="radio"
          name="fit"
          legend={t('courses.outcome.fit')}
          idPrefix="fit"
          options={(['yes', 'no'] as const).map((v) => ({
            value: v,
            label: t(`courses.outcome.${v}`),
          }))}
          value={fit}
          onChange={setFit}
        />
        {fit === 'no' && (
          <ChoiceGroup
            type="radio"
            name="nextStep"
            legend={t('courses.outcome.nextStep')}
            idPrefix="step"
            options={steps.map((s) => ({
              value: s,
              label: t(`courses.outcome.step.${s}` as MessageKey),
            }))}
            value={nextStep}
            onChange={setNextStep}
          />
        )}
        {fit === 'no' && nextStep === 'follow_on_course' && !hasFollowOnCourse && (
          <SelectField
            id="follow-on-offer"
            label={t('courses.outcome.followOnOffer')}
            placeholder="–"
            options={[
              ...new Map((offers.data ?? []).map((c) => [c.offerId, c.offerTitle])).entries(),
            ].map(([value, label]) => ({ value, label }))}
            value={followOnOfferId}
            onChange={setFollowOnOfferId}
          />
        )}
        <SelectField
          id="satisfaction"
          label={t('courses.outcome.satisfaction')}
          inputClassName="input-width-xs"
          placeholder="–"
          options={['1', '2', '3', '4', '5'].map((n) => ({ value: n, label: n }))}
          value={satisfaction}
          onChange={setSatisfaction}
        />
        <TextareaField
          id="outcome-comment"
          label={t('courses.outcome.comment')}
          value={comment}
          onChange={setComment}
        />
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
