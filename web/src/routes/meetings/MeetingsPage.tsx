import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { daDateTime } from '../../api/plans';
import { errorMessage } from '../../components/errors';
import { bindFields, TextareaField } from '../../components/FormField';
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
        <ul>
          {m.healthItems.map((h) => (
            <li key={h.id}>{h.body}</li>
          ))}
        </ul>
      )}
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
