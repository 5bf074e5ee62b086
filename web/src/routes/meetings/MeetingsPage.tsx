import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { daDateTime } from '../../api/plans';
import { ErrorState } from '../../components/ErrorState';
import { errorMessage } from '../../components/errors';
import { Loading } from '../../components/Loading';
import { PageHeading, useDocumentTitle } from '../../components/PageHeading';
import { useT } from '../../i18n';
import type { MessageKey } from '../../i18n/da';

interface Summary {
  id: string;
  citizenId: string;
  citizenName: string;
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
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <p>{t('meetings.empty')}</p>
      ) : (
        <ul className="nobullet-list">
          {list.data.items.map((m) => (
            <li key={m.id} className="mb-3">
              <Link to={`/moeder/${m.id}`}>
                {t(`meetings.kind.${m.kind}` as MessageKey)}: {m.citizenName}
              </Link>{' '}
              – {daDateTime(m.scheduledAt)}
            </li>
          ))}
        </ul>
      )}
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
  const [minutes, setMinutes] = useState('');
  const [recommendation, setRecommendation] = useState('');
  useEffect(() => {
    if (meeting.data) {
      setMinutes(meeting.data.minutes ?? '');
      setRecommendation(meeting.data.recommendation ?? '');
    }
  }, [meeting.data]);
  const save = useMutation({
    mutationFn: () =>
      api<Detail>(`/api/meetings/${id}`, { method: 'PATCH', body: { minutes, recommendation } }),
    onSuccess: (d) => queryClient.setQueryData(['meeting', id], d),
  });
  if (meeting.isPending) return <Loading />;
  if (meeting.isError) return <ErrorState error={meeting.error} />;
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
        <div className="form-group">
          <label className="form-label" htmlFor="meeting-minutes">
            {t('meetings.minutes')}
          </label>
          <textarea
            className="form-input"
            id="meeting-minutes"
            rows={6}
            value={minutes}
            onChange={(e) => setMinutes(e.target.value)}
            readOnly={!canEdit}
          />
        </div>
        <div className="form-group">
          <label className="form-label" htmlFor="meeting-recommendation">
            {t('meetings.recommendation')}
          </label>
          <textarea
            className="form-input"
            id="meeting-recommendation"
            rows={3}
            value={recommendation}
            onChange={(e) => setRecommendation(e.target.value)}
            readOnly={!canEdit}
          />
        </div>
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
