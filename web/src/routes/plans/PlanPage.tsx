import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client';
import {
  activityStatuses,
  daDate,
  daDateTime,
  goalStatuses,
  type Plan,
  type PlanGoal,
} from '../../api/plans';
import { ErrorAlert } from '../../components/ErrorAlert';
import {
  bindFields,
  CheckboxField,
  DateField,
  InputField,
  SelectField,
  TextareaField,
} from '../../components/FormField';
import { GuardrailWarning } from '../../components/GuardrailWarning';
import { Icon } from '../../components/Icon';
import { MandatoryRule } from '../../components/MandatoryRule';
import { PageHeading, useDocumentTitle } from '../../components/PageHeading';
import { PageState } from '../../components/PageState';
import { useT } from '../../i18n';
import type { MessageKey } from '../../i18n/da';

const categories = ['participation', 'lifestyle_outcome', 'job', 'education', 'other'] as const;
const goalKinds = ['job', 'education'] as const;

function SaveFailed({ error }: { error: unknown }) {
  const t = useT();
  return <ErrorAlert error={error} heading={t('plans.saveFailed')} className="mt-4" />;
}

function SubmitButton({
  label,
  mutation,
}: {
  label: string;
  mutation: { isPending: boolean; isError: boolean; error: unknown };
}) {
  return (
    <>
      <button type="submit" className="button button-primary mt-4" disabled={mutation.isPending}>
        {label}
      </button>
      {mutation.isError && <SaveFailed error={mutation.error} />}
    </>
  );
}

/**
 * Progress after the plan is made: a goal's or an activity's status, saved on its own (a new
 * plan version), with an undo right after, since picking the wrong line in a list is easy.
 */
function ProgressForm({
  idPrefix,
  label,
  name,
  status,
  statuses,
  patch,
  onSaved,
}: {
  idPrefix: string;
  label: string;
  /** What the status is of, for a screen reader (the visible label is the same in every row). */
  name: string;
  status: string;
  statuses: readonly string[];
  /** The PATCH of this goal or activity with its new status. */
  patch: (status: string) => Promise<Plan>;
  onSaved: (p: Plan) => void;
}) {
  const t = useT();
  const [value, setValue] = useState(status);
  const [previous, setPrevious] = useState<string | null>(null);
  useEffect(() => setValue(status), [status]);
  const save = useMutation({
    mutationFn: patch,
    onSuccess: onSaved,
  });
  const statusLabel = (s: string) => t(`plans.status.${s}` as MessageKey);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (value === status) return;
    setPrevious(status);
    save.mutate(value);
  };
  const undo = () => {
    if (previous === null) return;
    setPrevious(null);
    setValue(previous);
    save.mutate(previous);
  };
  return (
    <form onSubmit={onSubmit} noValidate className="plan-progress">
      <SelectField
        id={`${idPrefix}-status`}
        label={
          <>
            {label}
            <span className="sr-only"> – {name}</span>
          </>
        }
        className="mt-0"
        options={statuses.map((s) => ({ value: s, label: statusLabel(s) }))}
        value={value}
        onChange={setValue}
      />
      <button
        type="submit"
        className="button button-secondary"
        disabled={save.isPending || value === status}
      >
        {t('plans.progress.save')}
        <span className="sr-only"> – {name}</span>
      </button>
      {save.isSuccess && previous !== null && (
        <p role="status" className="mt-2">
          {t('plans.progress.saved', { status: statusLabel(status) })}{' '}
          <button type="button" className="button button-tertiary" onClick={undo}>
            {t('plans.progress.undo', { status: statusLabel(previous) })}
          </button>
        </p>
      )}
      {save.isError && <SaveFailed error={save.error} />}
    </form>
  );
}

function GoalCard({
  goal,
  sub,
  citizenId,
  canWrite,
  onSaved,
}: {
  goal: PlanGoal;
  sub: PlanGoal[];
  citizenId: string;
  canWrite: boolean;
  onSaved: (p: Plan) => void;
}) {
  const t = useT();
  return (
    <li className="plan-goal">
      <h4 className="h5 mt-0 mb-2">{goal.specific}</h4>
      <p className="mt-0 mb-2">
        <span className={`badge ${goal.requirement ? 'badge-warning' : 'badge-info'}`}>
          {goal.requirement ? t('plans.goal.requirement') : t('plans.goal.voluntary')}
        </span>{' '}
        <span className="badge">{t(`plans.category.${goal.category}` as MessageKey)}</span>{' '}
        <span className={`badge ${goal.status === 'achieved' ? 'badge-success' : ''}`.trim()}>
          {t('plans.progress.badge', { status: t(`plans.status.${goal.status}` as MessageKey) })}
        </span>
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
      {canWrite && (
        <ProgressForm
          idPrefix={`goal-${goal.id}`}
          label={t('plans.progress.goal')}
          name={goal.specific}
          status={goal.status}
          statuses={goalStatuses}
          patch={(status) =>
            api<Plan>(`/api/plans/${citizenId}/goals/${goal.id}`, {
              method: 'PATCH',
              body: { status },
            })
          }
          onSaved={onSaved}
        />
      )}
      {sub.length > 0 && (
        <>
          <p className="mb-2">
            <strong>{t('plans.subGoals')}</strong>
          </p>
          <ul className="plan-subgoals">
            {sub.map((g) => (
              <GoalCard
                key={g.id}
                goal={g}
                sub={[]}
                citizenId={citizenId}
                canWrite={canWrite}
                onSaved={onSaved}
              />
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
  const [jobGoal, setJobGoal] = useState({ goalKind: 'job', jobGoal: '', reviewDue: '' });
  const headerField = bindFields(jobGoal, setJobGoal);
  useEffect(() => {
    if (plan.data) {
      const { goalKind, jobGoal, reviewDue } = plan.data;
      setJobGoal({ goalKind, jobGoal, reviewDue: reviewDue ?? '' });
    }
  }, [plan.data]);
  const header = useMutation({
    mutationFn: () =>
      api<Plan>(`/api/plans/${citizenId}`, {
        method: 'PUT',
        body: { ...jobGoal, reviewDue: jobGoal.reviewDue || null },
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
  const goalField = bindFields(goal, setGoal);
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
  const activityField = bindFields(activity, setActivity);
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

  if (!plan.data) return <PageState query={plan}>{() => null}</PageState>;
  const p = plan.data;
  const canWrite = p.allowedActions.includes('plan.write');
  const top = p.goals.filter((g) => !g.parentGoalId);
  const categoryOptions = categories.map((c) => ({
    value: c,
    label: t(`plans.category.${c}` as MessageKey),
  }));
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
          <SelectField
            id="plan-goalkind"
            label={t('plans.jobGoal.kind')}
            options={goalKinds.map((k) => ({ value: k, label: t(`plans.jobGoal.${k}`) }))}
            disabled={!canWrite}
            {...headerField('goalKind')}
          />
          <InputField
            id="plan-jobgoal-text"
            label={t('plans.jobGoal.text')}
            disabled={!canWrite}
            {...headerField('jobGoal')}
          />
          <DateField
            id="plan-review"
            label={t('plans.jobGoal.review')}
            disabled={!canWrite}
            {...headerField('reviewDue')}
          />
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
              <GoalCard
                key={g.id}
                goal={g}
                sub={p.goals.filter((s) => s.parentGoalId === g.id)}
                citizenId={citizenId}
                canWrite={canWrite}
                onSaved={onSaved}
              />
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
            {(['specific', 'measurable', 'relevance'] as const).map((name) => (
              <InputField
                key={name}
                id={`goal-${name}`}
                label={t(`plans.newGoal.${name}`)}
                {...goalField(name)}
              />
            ))}
            <DateField id="goal-due" label={t('plans.newGoal.dueDate')} {...goalField('dueDate')} />
            <SelectField
              id="goal-category"
              label={t('plans.newGoal.category')}
              options={categoryOptions}
              {...goalField('category')}
            />
            <SelectField
              id="goal-parent"
              label={t('plans.newGoal.parent')}
              placeholder={t('plans.newGoal.noParent')}
              options={top.map((g) => ({ value: g.id, label: g.specific }))}
              {...goalField('parentGoalId')}
            />
            <CheckboxField
              id="goal-agreed"
              label={t('plans.newGoal.agreed')}
              {...goalField('agreedWithCitizen')}
            />
            <CheckboxField
              id="goal-requirement"
              label={t('plans.newGoal.requirement')}
              describedBy="goal-guardrail"
              {...goalField('requirement')}
            />
            <GuardrailWarning
              id="goal-guardrail"
              requirement={goal.requirement}
              category={goal.category}
              texts={[goal.specific, goal.measurable]}
            />
            <SubmitButton label={t('plans.newGoal.save')} mutation={addGoal} />
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
                {a.mandatoryActivation && <MandatoryRule a={a} />}
                {a.referralTitle && (
                  <>
                    {' '}
                    ·{' '}
                    {t('plans.activities.referral', {
                      title: a.referralTitle,
                      state: t(`portal.state.${a.referralState}` as MessageKey),
                    })}
                  </>
                )}{' '}
                <span className="badge">
                  {t('plans.progress.badge', {
                    status: t(`plans.status.${a.status}` as MessageKey),
                  })}
                </span>
                {canWrite && (
                  <ProgressForm
                    idPrefix={`activity-${a.id}`}
                    label={t('plans.progress.activity')}
                    name={a.title}
                    status={a.status}
                    statuses={activityStatuses}
                    patch={(status) =>
                      api<Plan>(`/api/plans/${citizenId}/activities/${a.id}`, {
                        method: 'PATCH',
                        body: { status },
                      })
                    }
                    onSaved={onSaved}
                  />
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
            <InputField
              id="activity-title"
              label={t('plans.newActivity.title')}
              {...activityField('title')}
            />
            <SelectField
              id="activity-referral"
              label={t('plans.newActivity.referral')}
              placeholder={t('plans.newActivity.noReferral')}
              options={p.referrals.map((r) => ({
                value: r.id,
                label: `${r.title} (${t(`portal.state.${r.state}` as MessageKey)})`,
              }))}
              value={activity.referralId}
              onChange={(referralId) => {
                const r = p.referrals.find((x) => x.id === referralId);
                setActivity({ ...activity, referralId, title: activity.title || r?.title || '' });
              }}
            />
            <SelectField
              id="activity-goal"
              label={t('plans.newActivity.goal')}
              placeholder={t('plans.newGoal.noParent')}
              options={p.goals.map((g) => ({ value: g.id, label: g.specific }))}
              {...activityField('goalId')}
            />
            <SelectField
              id="activity-category"
              label={t('plans.newGoal.category')}
              options={categoryOptions}
              {...activityField('category')}
            />
            <CheckboxField
              id="activity-requirement"
              label={t('plans.newActivity.requirement')}
              describedBy="activity-guardrail"
              {...activityField('requirement')}
            />
            <GuardrailWarning
              id="activity-guardrail"
              requirement={activity.requirement}
              category={activity.category}
              texts={[activity.title]}
            />
            <SubmitButton label={t('plans.newActivity.save')} mutation={addActivity} />
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
            <TextareaField
              id="plan-note"
              label={t('plans.notes.new')}
              value={note}
              onChange={setNote}
            />
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
