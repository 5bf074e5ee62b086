import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client';
import { daDate, daDateTime, type Plan, type PlanGoal } from '../../api/plans';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ErrorState } from '../../components/ErrorState';
import { GuardrailWarning } from '../../components/GuardrailWarning';
import { Icon } from '../../components/Icon';
import { Loading } from '../../components/Loading';
import { PageHeading, useDocumentTitle } from '../../components/PageHeading';
import { useT } from '../../i18n';
import type { MessageKey } from '../../i18n/da';

const categories = ['participation', 'lifestyle_outcome', 'job', 'education', 'other'] as const;

function SaveFailed({ error }: { error: unknown }) {
  const t = useT();
  return <ErrorAlert error={error} heading={t('plans.saveFailed')} className="mt-4" />;
}

function GoalCard({ goal, sub }: { goal: PlanGoal; sub: PlanGoal[] }) {
  const t = useT();
  return (
    <li className="plan-goal">
      <h4 className="h5 mt-0 mb-2">{goal.specific}</h4>
      <p className="mt-0 mb-2">
        <span className={`badge ${goal.requirement ? 'badge-warning' : 'badge-info'}`}>
          {goal.requirement ? t('plans.goal.requirement') : t('plans.goal.voluntary')}
        </span>{' '}
        <span className="badge">{t(`plans.category.${goal.category}` as MessageKey)}</span>
      </p>
      <dl className="plan-smart">
        <dt>{t('plans.goal.measurable')}</dt>
        <dd>{goal.measurable || '–'}</dd>
        <dt>{t('plans.goal.relevance')}</dt>
        <dd>{goal.relevance || '–'}</dd>
        <dt>{t('plans.goal.dueDate')}</dt>
        <dd>{daDate(goal.dueDate)}</dd>
        <dt>{t('plans.goal.agreed')}</dt>
        <dd>{goal.agreedWithCitizen ? t('plans.yes') : t('plans.no')}</dd>
      </dl>
      {sub.length > 0 && (
        <>
          <p className="mb-2">
            <strong>{t('plans.subGoals')}</strong>
          </p>
          <ul className="plan-subgoals">
            {sub.map((g) => (
              <GoalCard key={g.id} goal={g} sub={[]} />
            ))}
          </ul>
        </>
      )}
    </li>
  );
}

export function PlanPage() {
  const t = useT();
  const { citizenId = '' } = useParams();
  const queryClient = useQueryClient();
  const key = ['plan', citizenId];
  const plan = useQuery({ queryKey: key, queryFn: () => api<Plan>(`/api/plans/${citizenId}`) });
  const citizen = useQuery({
    queryKey: ['citizen', citizenId],
    queryFn: () => api<{ firstName: string; lastName: string }>(`/api/citizens/${citizenId}`),
  });
  const name = citizen.data ? `${citizen.data.firstName} ${citizen.data.lastName}` : '';
  useDocumentTitle(t('plans.title'));

  const onSaved = (p: Plan) => queryClient.setQueryData(key, p);

  // Job goal
  const [goalKind, setGoalKind] = useState('job');
  const [jobGoal, setJobGoal] = useState('');
  const [reviewDue, setReviewDue] = useState('');
  useEffect(() => {
    if (plan.data) {
      setGoalKind(plan.data.goalKind);
      setJobGoal(plan.data.jobGoal);
      setReviewDue(plan.data.reviewDue ?? '');
    }
  }, [plan.data]);
  const header = useMutation({
    mutationFn: () =>
      api<Plan>(`/api/plans/${citizenId}`, {
        method: 'PUT',
        body: { goalKind, jobGoal, reviewDue: reviewDue || null },
      }),
    onSuccess: onSaved,
  });

  // New goal
  const empty = {
    specific: '',
    measurable: '',
    relevance: '',
    dueDate: '',
    category: 'participation',
    requirement: false,
    agreedWithCitizen: false,
    parentGoalId: '',
  };
  const [goal, setGoal] = useState(empty);
  const addGoal = useMutation({
    mutationFn: () =>
      api<Plan>(`/api/plans/${citizenId}/goals`, {
        method: 'POST',
        body: { ...goal, dueDate: goal.dueDate || null, parentGoalId: goal.parentGoalId || null },
      }),
    onSuccess: (p) => {
      onSaved(p);
      setGoal(empty);
    },
  });

  // New activity
  const emptyActivity = {
    title: '',
    referralId: '',
    goalId: '',
    category: 'participation',
    requirement: false,
  };
  const [activity, setActivity] = useState(emptyActivity);
  const addActivity = useMutation({
    mutationFn: () =>
      api<Plan>(`/api/plans/${citizenId}/activities`, {
        method: 'POST',
        body: {
          title: activity.title,
          category: activity.category,
          requirement: activity.requirement,
          referralId: activity.referralId || null,
          goalId: activity.goalId || null,
        },
      }),
    onSuccess: (p) => {
      onSaved(p);
      setActivity(emptyActivity);
    },
  });

  const [note, setNote] = useState('');
  const addNote = useMutation({
    mutationFn: () =>
      api<Plan>(`/api/plans/${citizenId}/notes`, { method: 'POST', body: { body: note } }),
    onSuccess: (p) => {
      onSaved(p);
      setNote('');
    },
  });

  if (plan.isPending) return <Loading />;
  if (plan.isError) return <ErrorState error={plan.error} onRetry={() => plan.refetch()} />;
  const p = plan.data;
  const canWrite = p.allowedActions.includes('plan.write');
  const top = p.goals.filter((g) => !g.parentGoalId);
  const submit = (m: { mutate: () => void }) => (e: FormEvent) => {
    e.preventDefault();
    m.mutate();
  };

  return (
    <>
      <PageHeading>{name ? t('plans.titleFor', { name }) : t('plans.title')}</PageHeading>
      <p className="font-lead">
        {p.currentVersion === 0
          ? t('plans.noVersion')
          : t('plans.version', { version: p.currentVersion })}{' '}
        {p.acceptedVersion !== null && p.acceptedAt
          ? t('plans.acceptedOn', { version: p.acceptedVersion, date: daDateTime(p.acceptedAt) })
          : ''}
      </p>
      {p.unseenByCitizen && (
        <div className="alert alert-info">
          <Icon name="info" className="alert-icon" />
          <div className="alert-body">
            <p className="alert-text">{t('plans.unseen')}</p>
          </div>
        </div>
      )}

      <section aria-labelledby="plan-jobgoal">
        <h2 id="plan-jobgoal">{t('plans.jobGoal.heading')}</h2>
        <form onSubmit={submit(header)} noValidate>
          <div className="form-group">
            <label className="form-label" htmlFor="plan-goalkind">
              {t('plans.jobGoal.kind')}
            </label>
            <select
              className="form-select"
              id="plan-goalkind"
              value={goalKind}
              onChange={(e) => setGoalKind(e.target.value)}
              disabled={!canWrite}
            >
              <option value="job">{t('plans.jobGoal.job')}</option>
              <option value="education">{t('plans.jobGoal.education')}</option>
            </select>
          </div>
          <div className="form-group">
            <label className="form-label" htmlFor="plan-jobgoal-text">
              {t('plans.jobGoal.text')}
            </label>
            <input
              className="form-input"
              id="plan-jobgoal-text"
              value={jobGoal}
              onChange={(e) => setJobGoal(e.target.value)}
              disabled={!canWrite}
            />
          </div>
          <div className="form-group">
            <label className="form-label" htmlFor="plan-review">
              {t('plans.jobGoal.review')}
            </label>
            <input
              className="form-input"
              type="date"
              id="plan-review"
              value={reviewDue}
              onChange={(e) => setReviewDue(e.target.value)}
              disabled={!canWrite}
            />
          </div>
          {canWrite && (
            <button type="submit" className="button button-secondary" disabled={header.isPending}>
              {t('plans.jobGoal.save')}
            </button>
          )}
          {header.isError && <SaveFailed error={header.error} />}
        </form>
      </section>

      <section aria-labelledby="plan-goals">
        <h2 id="plan-goals">{t('plans.goals.heading')}</h2>
        {p.allowedActions.includes('plan.import') && (
          <p>
            <Link to={`/planer/${citizenId}/import`}>{t('planImport.link')}</Link>
          </p>
        )}
        {top.length === 0 ? (
          <p>{t('plans.goals.empty')}</p>
        ) : (
          <ul className="nobullet-list plan-goals">
            {top.map((g) => (
              <GoalCard key={g.id} goal={g} sub={p.goals.filter((s) => s.parentGoalId === g.id)} />
            ))}
          </ul>
        )}
        {canWrite && (
          <form
            onSubmit={submit(addGoal)}
            noValidate
            className="mt-6"
            aria-labelledby="plan-newgoal"
          >
            <h3 id="plan-newgoal">{t('plans.newGoal.heading')}</h3>
            <div className="form-group">
              <label className="form-label" htmlFor="goal-specific">
                {t('plans.newGoal.specific')}
              </label>
              <input
                className="form-input"
                id="goal-specific"
                value={goal.specific}
                onChange={(e) => setGoal({ ...goal, specific: e.target.value })}
              />
            </div>
            <div className="form-group">
              <label className="form-label" htmlFor="goal-measurable">
                {t('plans.newGoal.measurable')}
              </label>
              <input
                className="form-input"
                id="goal-measurable"
                value={goal.measurable}
                onChange={(e) => setGoal({ ...goal, measurable: e.target.value })}
              />
            </div>
            <div className="form-group">
              <label className="form-label" htmlFor="goal-relevance">
                {t('plans.newGoal.relevance')}
              </label>
              <input
                className="form-input"
                id="goal-relevance"
                value={goal.relevance}
                onChange={(e) => setGoal({ ...goal, relevance: e.target.value })}
              />
            </div>
            <div className="form-group">
              <label className="form-label" htmlFor="goal-due">
                {t('plans.newGoal.dueDate')}
              </label>
              <input
                className="form-input"
                type="date"
                id="goal-due"
                value={goal.dueDate}
                onChange={(e) => setGoal({ ...goal, dueDate: e.target.value })}
              />
            </div>
            <div className="form-group">
              <label className="form-label" htmlFor="goal-category">
                {t('plans.newGoal.category')}
              </label>
              <select
                className="form-select"
                id="goal-category"
                value={goal.category}
                onChange={(e) => setGoal({ ...goal, category: e.target.value })}
              >
                {categories.map((c) => (
                  <option key={c} value={c}>
                    {t(`plans.category.${c}` as MessageKey)}
                  </option>
                ))}
              </select>
            </div>
            <div className="form-group">
              <label className="form-label" htmlFor="goal-parent">
                {t('plans.newGoal.parent')}
              </label>
              <select
                className="form-select"
                id="goal-parent"
                value={goal.parentGoalId}
                onChange={(e) => setGoal({ ...goal, parentGoalId: e.target.value })}
              >
                <option value="">{t('plans.newGoal.noParent')}</option>
                {top.map((g) => (
                  <option key={g.id} value={g.id}>
                    {g.specific}
                  </option>
                ))}
              </select>
            </div>
            <div className="form-group">
              <div className="form-group-checkbox">
                <input
                  className="form-checkbox"
                  type="checkbox"
                  id="goal-agreed"
                  checked={goal.agreedWithCitizen}
                  onChange={(e) => setGoal({ ...goal, agreedWithCitizen: e.target.checked })}
                />
                <label htmlFor="goal-agreed">{t('plans.newGoal.agreed')}</label>
              </div>
            </div>
            <div className="form-group">
              <div className="form-group-checkbox">
                <input
                  className="form-checkbox"
                  type="checkbox"
                  id="goal-requirement"
                  aria-describedby="goal-guardrail"
                  checked={goal.requirement}
                  onChange={(e) => setGoal({ ...goal, requirement: e.target.checked })}
                />
                <label htmlFor="goal-requirement">{t('plans.newGoal.requirement')}</label>
              </div>
            </div>
            <GuardrailWarning
              id="goal-guardrail"
              requirement={goal.requirement}
              category={goal.category}
              texts={[goal.specific, goal.measurable]}
            />
            <button
              type="submit"
              className="button button-primary mt-4"
              disabled={addGoal.isPending}
            >
              {t('plans.newGoal.save')}
            </button>
            {addGoal.isError && <SaveFailed error={addGoal.error} />}
          </form>
        )}
      </section>

      <section aria-labelledby="plan-activities">
        <h2 id="plan-activities">{t('plans.activities.heading')}</h2>
        {p.activities.length === 0 ? (
          <p>{t('plans.activities.empty')}</p>
        ) : (
          <ul className="plan-activities">
            {p.activities.map((a) => (
              <li key={a.id}>
                <strong>{a.title}</strong> –{' '}
                {a.requirement ? t('plans.activities.mandatory') : t('plans.activities.voluntary')}
                {a.referralTitle && (
                  <>
                    {' '}
                    ·{' '}
                    {t('plans.activities.referral', {
                      title: a.referralTitle,
                      state: t(`portal.state.${a.referralState}` as MessageKey),
                    })}
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
        {canWrite && (
          <form
            onSubmit={submit(addActivity)}
            noValidate
            className="mt-6"
            aria-labelledby="plan-newactivity"
          >
            <h3 id="plan-newactivity">{t('plans.newActivity.heading')}</h3>
            <div className="form-group">
              <label className="form-label" htmlFor="activity-title">
                {t('plans.newActivity.title')}
              </label>
              <input
                className="form-input"
                id="activity-title"
                value={activity.title}
                onChange={(e) => setActivity({ ...activity, title: e.target.value })}
              />
            </div>
            <div className="form-group">
              <label className="form-label" htmlFor="activity-referral">
                {t('plans.newActivity.referral')}
              </label>
              <select
                className="form-select"
                id="activity-referral"
                value={activity.referralId}
                onChange={(e) => {
                  const r = p.referrals.find((x) => x.id === e.target.value);
                  setActivity({
                    ...activity,
                    referralId: e.target.value,
                    title: activity.title || r?.title || '',
                  });
                }}
              >
                <option value="">{t('plans.newActivity.noReferral')}</option>
                {p.referrals.map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.title} ({t(`portal.state.${r.state}` as MessageKey)})
                  </option>
                ))}
              </select>
            </div>
            <div className="form-group">
              <label className="form-label" htmlFor="activity-goal">
                {t('plans.newActivity.goal')}
              </label>
              <select
                className="form-select"
                id="activity-goal"
                value={activity.goalId}
                onChange={(e) => setActivity({ ...activity, goalId: e.target.value })}
              >
                <option value="">{t('plans.newGoal.noParent')}</option>
                {p.goals.map((g) => (
                  <option key={g.id} value={g.id}>
                    {g.specific}
                  </option>
                ))}
              </select>
            </div>
            <div className="form-group">
              <label className="form-label" htmlFor="activity-category">
                {t('plans.newGoal.category')}
              </label>
              <select
                className="form-select"
                id="activity-category"
                value={activity.category}
                onChange={(e) => setActivity({ ...activity, category: e.target.value })}
              >
                {categories.map((c) => (
                  <option key={c} value={c}>
                    {t(`plans.category.${c}` as MessageKey)}
                  </option>
                ))}
              </select>
            </div>
            <div className="form-group">
              <div className="form-group-checkbox">
                <input
                  className="form-checkbox"
                  type="checkbox"
                  id="activity-requirement"
                  aria-describedby="activity-guardrail"
                  checked={activity.requirement}
                  onChange={(e) => setActivity({ ...activity, requirement: e.target.checked })}
                />
                <label htmlFor="activity-requirement">{t('plans.newActivity.requirement')}</label>
              </div>
            </div>
            <GuardrailWarning
              id="activity-guardrail"
              requirement={activity.requirement}
              category={activity.category}
              texts={[activity.title]}
            />
            <button
              type="submit"
              className="button button-primary mt-4"
              disabled={addActivity.isPending}
            >
              {t('plans.newActivity.save')}
            </button>
            {addActivity.isError && <SaveFailed error={addActivity.error} />}
          </form>
        )}
      </section>

      <section aria-labelledby="plan-notes">
        <h2 id="plan-notes">{t('plans.notes.heading')}</h2>
        {p.notes.length === 0 ? (
          <p>{t('plans.notes.empty')}</p>
        ) : (
          <ul className="nobullet-list">
            {p.notes.map((n) => (
              <li key={n.id} className="mb-4">
                <p className="mb-1">{n.body}</p>
                <p className="font-size-sm mt-0">
                  {n.authorName} · {daDateTime(n.createdAt)}
                </p>
              </li>
            ))}
          </ul>
        )}
        {canWrite && (
          <form onSubmit={submit(addNote)} noValidate>
            <div className="form-group">
              <label className="form-label" htmlFor="plan-note">
                {t('plans.notes.new')}
              </label>
              <textarea
                className="form-input"
                id="plan-note"
                rows={3}
                value={note}
                onChange={(e) => setNote(e.target.value)}
              />
            </div>
            <button
              type="submit"
              className="button button-secondary"
              disabled={addNote.isPending || !note.trim()}
            >
              {t('plans.notes.save')}
            </button>
            {addNote.isError && <SaveFailed error={addNote.error} />}
          </form>
        )}
      </section>

      <section aria-labelledby="plan-versions">
        <h2 id="plan-versions">{t('plans.versions.heading')}</h2>
        {p.versions.length === 0 ? (
          <p>{t('plans.noVersion')}</p>
        ) : (
          <ul>
            {p.versions.slice(0, 10).map((v) => (
              <li key={v.version}>
                {t('plans.versions.item', { version: v.version, date: daDateTime(v.publishedAt) })}
                {v.acceptedAt
                  ? ` – ${t('plans.versions.accepted', { date: daDateTime(v.acceptedAt) })}`
                  : ''}
              </li>
            ))}
          </ul>
        )}
        <p>
          <Link to={`/moeder?borger=${citizenId}`}>{t('plans.meetingsLink')}</Link>
        </p>
      </section>
    </>
  );
}
