import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { mayAttempt, useMe } from '../../api/auth';
import { ApiError, api } from '../../api/client';
import { addHealthItem } from '../../api/meetings';
import { daDateTime } from '../../api/plans';
import { type ConsentCategory, consentCategories } from '../../api/referrals';
import { ErrorAlert } from '../../components/ErrorAlert';
import { errorMessage } from '../../components/errors';
import { bindFields, SelectField, TextareaField } from '../../components/FormField';
import { InterpreterNote } from '../../components/InterpreterNote';
import { PageHeading, useDocumentTitle } from '../../components/PageHeading';
import { PageState } from '../../components/PageState';
import { useT } from '../../i18n';
import type { MessageKey } from '../../i18n/da';

interface Summary {
  id: string;
  citizenId: string;
  citizenName: string;
  citizenLanguage: string;
  needsInterpreter: boolean;
  kind: string;
  scheduledAt: string;
  status: string;
}
interface Detail extends Summary {
  agenda: string;
  minutes: string | null;
  recommendation: string | null;
  participants: { id: string; organisationName: string | null; role: string; name: string }[];
  healthItems: { id: string; category: string; body: string; createdAt: string }[];
  allowedActions: string[];
}

/** Team meetings the user's organisation takes part in. */
export function MeetingsPage() {
  const t = useT();
  useDocumentTitle(t('meetings.title'));
  const [params] = useSearchParams();
  const citizenId = params.get('borger');
  const list = useQuery({
    queryKey: ['meetings', citizenId],
    queryFn: () =>
      api<{ items: Summary[]; allowedActions: string[] }>(
        `/api/meetings${citizenId ? `?citizenId=${citizenId}` : ''}`,
      ),
  });
  // The server says with the list whether this user may plan a meeting.
  const mayPlan = !!list.data?.allowedActions.includes('meeting.create');
  return (
    <>
      <PageHeading>{t('meetings.title')}</PageHeading>
      {mayPlan && (
        <p>
          <Link to={`/moeder/nyt${citizenId ? `?borger=${citizenId}` : ''}`}>
            {t('meetings.new.link')}
          </Link>
        </p>
      )}
      <PageState query={list} empty={t('meetings.empty')}>
        {(data) => (
          <ul className="nobullet-list">
            {data.items.map((m) => (
              <li key={m.id} className="mb-3">
                <Link to={`/moeder/${m.id}`}>
                  {t(`meetings.kind.${m.kind}` as MessageKey)}: {m.citizenName}
                </Link>{' '}
                – {daDateTime(m.scheduledAt)}
              </li>
            ))}
          </ul>
        )}
      </PageState>
    </>
  );
}

export function MeetingPage() {
  const t = useT();
  const { id = '' } = useParams();
  const queryClient = useQueryClient();
  const meeting = useQuery({
    queryKey: ['meeting', id],
    queryFn: () => api<Detail>(`/api/meetings/${id}`),
  });
  useDocumentTitle(t('meetings.title'));
  const [form, setForm] = useState({ minutes: '', recommendation: '' });
  const field = bindFields(form, setForm);
  useEffect(() => {
    if (meeting.data) {
      const { minutes, recommendation } = meeting.data;
      setForm({ minutes: minutes ?? '', recommendation: recommendation ?? '' });
    }
  }, [meeting.data]);
  const save = useMutation({
    mutationFn: () => api<Detail>(`/api/meetings/${id}`, { method: 'PATCH', body: form }),
    onSuccess: (d) => queryClient.setQueryData(['meeting', id], d),
  });
  if (!meeting.data) return <PageState query={meeting}>{() => null}</PageState>;
  const m = meeting.data;
  const canEdit = m.allowedActions.includes('meeting.update');
  const onSave = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <>
      <PageHeading>
        {t(`meetings.kind.${m.kind}` as MessageKey)}: {m.citizenName}
      </PageHeading>
      <p className="font-lead">{daDateTime(m.scheduledAt)}</p>
      <InterpreterNote language={m.citizenLanguage} needsInterpreter={m.needsInterpreter} />
      <h2>{t('meetings.participants')}</h2>
      <ul>
        {m.participants.map((p) => (
          <li key={p.id}>
            {p.name} ({t(`meetings.role.${p.role}` as MessageKey)}
            {p.organisationName ? `, ${p.organisationName}` : ''})
          </li>
        ))}
      </ul>
      <h2>{t('meetings.agenda')}</h2>
      <p className="pre-line">{m.agenda || '–'}</p>
      <h2>{t('meetings.health')}</h2>
      {m.healthItems.length === 0 ? (
        <p>{t('meetings.healthEmpty')}</p>
      ) : (
        <ul data-testid="health-items">
          {m.healthItems.map((h) => (
            <li key={h.id}>
              <strong>{t(`referrals.category.${h.category}` as MessageKey)}:</strong> {h.body}
            </li>
          ))}
        </ul>
      )}
      {canEdit && <HealthItemForm meeting={m} />}
      <form onSubmit={onSave} noValidate>
        <TextareaField
          id="meeting-minutes"
          label={t('meetings.minutes')}
          rows={6}
          readOnly={!canEdit}
          {...field('minutes')}
        />
        <TextareaField
          id="meeting-recommendation"
          label={t('meetings.recommendation')}
          readOnly={!canEdit}
          {...field('recommendation')}
        />
        {canEdit && (
          <button type="submit" className="button button-primary" disabled={save.isPending}>
            {t('meetings.save')}
          </button>
        )}
        {save.isError && <p role="alert">{errorMessage(save.error, t)}</p>}
        {save.isSuccess && <p role="status">{t('meetings.saved')}</p>}
      </form>
    </>
  );
}

/**
 * Health information in the meeting. The server decides: it refuses unless the citizen
 * consented, for the category, to every organisation present, and names the ones missing;
 * the page says so plainly and points to the citizen's consents.
 */
function HealthItemForm({ meeting }: { meeting: Detail }) {
  const t = useT();
  const id = useId();
  const queryClient = useQueryClient();
  const me = useMe().data;
  const [category, setCategory] = useState<ConsentCategory>('health_profile');
  const [body, setBody] = useState('');
  const [missing, setMissing] = useState(false);
  const save = useMutation({
    mutationFn: () => addHealthItem<Detail>(meeting.id, { category, body: body.trim() }),
    onSuccess: (d) => {
      queryClient.setQueryData(['meeting', meeting.id], d);
      setBody('');
    },
  });
  const refused = save.error instanceof ApiError && save.error.code === 'consent_required';
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const empty = !body.trim();
    setMissing(empty);
    if (!empty) save.mutate();
  };
  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby={`${id}-h`} className="mt-6 mb-8">
      <h3 id={`${id}-h`}>{t('meetings.health.add')}</h3>
      <p>{t('meetings.health.intro')}</p>
      {refused ? (
        <div className="alert alert-error" role="alert" data-testid="health-refused">
          <div className="alert-body">
            <p className="alert-heading">{t('meetings.health.refused')}</p>
            <p className="alert-text">{errorMessage(save.error, t)}</p>
            <p className="alert-text">{t('meetings.health.refusedHelp')}</p>
            {mayAttempt(me, 'consent.record') && (
              <p className="alert-text">
                <Link to={`/borgere/${meeting.citizenId}/samtykke`}>
                  {t('meetings.health.consentLink')}
                </Link>
              </p>
            )}
          </div>
        </div>
      ) : (
        <ErrorAlert error={save.error} heading={t('meetings.health.failed')} />
      )}
      {save.isSuccess && (
        <p className="alert alert-success" role="status">
          {t('meetings.health.saved')}
        </p>
      )}
      <SelectField
        id={`${id}-category`}
        label={t('meetings.health.category')}
        options={consentCategories.map((c) => ({
          value: c,
          label: t(`referrals.category.${c}` as MessageKey),
        }))}
        value={category}
        onChange={setCategory}
      />
      <TextareaField
        id={`${id}-body`}
        label={t('meetings.health.body')}
        rows={3}
        maxLength={5000}
        required
        error={missing ? t('meetings.health.missingBody') : undefined}
        value={body}
        onChange={setBody}
      />
      <button type="submit" className="button button-primary" disabled={save.isPending}>
        {t('meetings.health.submit')}
      </button>
    </form>
  );
}
