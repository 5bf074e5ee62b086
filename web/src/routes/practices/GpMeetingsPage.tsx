/**
 * Randers: recurring dialogue meetings of the health centre and the job centre with the
 * municipality's GPs and the practice consultant. Minutes and the list of what the GPs asked;
 * never citizen data (the server refuses a CPR number).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client';
import { formatDate } from '../../api/referrals';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { DateField, fieldError, InputField, TextareaField } from '../../components/FormField';
import { PageHeading, useDocumentTitle } from '../../components/PageHeading';
import { PageState } from '../../components/PageState';
import { useT } from '../../i18n';

interface Summary {
  id: string;
  heldOn: string;
  title: string;
  organiserName: string;
  nextMeetingOn: string | null;
  openQuestions: number;
}
interface Detail extends Summary {
  participants: string;
  minutes: string;
  questions: { id: string; question: string; answer: string | null; status: string }[];
  allowedActions: string[];
}

const gpApi = {
  list: () => api<{ items: Summary[]; allowedActions: string[] }>('/api/gp-meetings'),
  get: (id: string) => api<Detail>(`/api/gp-meetings/${id}`),
  create: (body: unknown) => api<Detail>('/api/gp-meetings', { method: 'POST', body }),
  update: (id: string, body: unknown) =>
    api<Detail>(`/api/gp-meetings/${id}`, { method: 'PATCH', body }),
  ask: (id: string, question: string) =>
    api<Detail>(`/api/gp-meetings/${id}/questions`, { method: 'POST', body: { question } }),
  answer: (id: string, questionId: string, answer: string) =>
    api<Detail>(`/api/gp-meetings/${id}/questions/${questionId}/answer`, {
      method: 'POST',
      body: { answer },
    }),
};

export function GpMeetingsPage() {
  const t = useT();
  useDocumentTitle(t('practices.gp.title'));
  const queryClient = useQueryClient();
  const list = useQuery({ queryKey: ['gp-meetings'], queryFn: gpApi.list });
  const [form, setForm] = useState({ heldOn: '', title: '', participants: '', minutes: '' });
  const create = useMutation({
    mutationFn: () => gpApi.create(form),
    onSuccess: () => {
      setForm({ heldOn: '', title: '', participants: '', minutes: '' });
      return queryClient.invalidateQueries({ queryKey: ['gp-meetings'] });
    },
  });
  return (
    <>
      <PageHeading>{t('practices.gp.title')}</PageHeading>
      <p className="font-lead">{t('practices.gp.intro')}</p>
      <PageState query={list}>
        {(l) => (
          <>
            <DataTable
              caption={t('practices.gp.title')}
              className="table table--compact"
              empty={t('practices.gp.none')}
              rows={l.items}
              rowKey={(m) => m.id}
              columns={[
                {
                  key: 'held',
                  header: t('practices.gp.heldOn'),
                  cell: (m) => formatDate(m.heldOn),
                  sortValue: (m) => m.heldOn,
                },
                {
                  key: 'title',
                  header: t('practices.gp.meeting'),
                  rowHeader: true,
                  cell: (m) => <Link to={`/laegemoeder/${m.id}`}>{m.title}</Link>,
                },
                {
                  key: 'organiser',
                  header: t('practices.gp.organiser'),
                  cell: (m) => m.organiserName,
                },
                {
                  key: 'open',
                  header: t('practices.gp.openQuestions'),
                  cell: (m) => m.openQuestions,
                },
              ]}
            />
            {l.allowedActions.includes('gp_meeting.write') && (
              <form
                className="mt-6"
                onSubmit={(e) => {
                  e.preventDefault();
                  create.mutate();
                }}
              >
                <h2>{t('practices.gp.new')}</h2>
                <p className="form-hint">{t('practices.gp.noCitizenData')}</p>
                <ErrorAlert error={create.error} />
                <DateField
                  id="gp-held"
                  label={t('practices.gp.heldOn')}
                  required
                  value={form.heldOn}
                  onChange={(heldOn) => setForm({ ...form, heldOn })}
                />
                <InputField
                  id="gp-title"
                  label={t('practices.gp.meeting')}
                  required
                  value={form.title}
                  onChange={(title) => setForm({ ...form, title })}
                />
                <TextareaField
                  id="gp-participants"
                  label={t('practices.gp.participants')}
                  value={form.participants}
                  onChange={(participants) => setForm({ ...form, participants })}
                />
                <TextareaField
                  id="gp-minutes"
                  label={t('practices.gp.minutes')}
                  rows={6}
                  error={fieldError(create.error, 'minutes')}
                  value={form.minutes}
                  onChange={(minutes) => setForm({ ...form, minutes })}
                />
                <button type="submit" className="button button-primary" disabled={create.isPending}>
                  {t('practices.gp.save')}
                </button>
              </form>
            )}
          </>
        )}
      </PageState>
    </>
  );
}

export function GpMeetingPage() {
  const t = useT();
  const { id = '' } = useParams();
  const queryClient = useQueryClient();
  const meeting = useQuery({ queryKey: ['gp-meetings', id], queryFn: () => gpApi.get(id) });
  useDocumentTitle(meeting.data?.title ?? t('practices.gp.title'));
  const set = (d: Detail) => queryClient.setQueryData(['gp-meetings', id], d);
  const [minutes, setMinutes] = useState<string | null>(null);
  const [question, setQuestion] = useState('');
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const save = useMutation({ mutationFn: () => gpApi.update(id, { minutes }), onSuccess: set });
  const ask = useMutation({
    mutationFn: () => gpApi.ask(id, question),
    onSuccess: (d) => {
      setQuestion('');
      set(d);
    },
  });
  const answer = useMutation({
    mutationFn: (questionId: string) => gpApi.answer(id, questionId, answers[questionId] ?? ''),
    onSuccess: set,
  });
  return (
    <PageState query={meeting}>
      {(m) => {
        const mayWrite = m.allowedActions.includes('gp_meeting.write');
        return (
          <>
            <p>
              <Link to="/laegemoeder">{t('practices.gp.back')}</Link>
            </p>
            <PageHeading>{m.title}</PageHeading>
            <p className="font-lead">
              {formatDate(m.heldOn)} · {m.organiserName}
              {m.nextMeetingOn &&
                ` · ${t('practices.gp.next', { date: formatDate(m.nextMeetingOn) })}`}
            </p>
            {m.participants && <p>{m.participants}</p>}
            <h2>{t('practices.gp.minutes')}</h2>
            {mayWrite ? (
              <form
                onSubmit={(e) => {
                  e.preventDefault();
                  save.mutate();
                }}
              >
                <ErrorAlert error={save.error} />
                <TextareaField
                  id="gp-minutes-edit"
                  label={t('practices.gp.minutes')}
                  hint={t('practices.gp.noCitizenData')}
                  rows={8}
                  error={fieldError(save.error, 'minutes')}
                  value={minutes ?? m.minutes}
                  onChange={setMinutes}
                />
                <button type="submit" className="button button-secondary" disabled={save.isPending}>
                  {t('practices.gp.saveMinutes')}
                </button>
              </form>
            ) : (
              <p style={{ whiteSpace: 'pre-wrap' }}>{m.minutes || '–'}</p>
            )}
            <h2>{t('practices.gp.questions')}</h2>
            <ErrorAlert error={answer.error} />
            {m.questions.length === 0 ? (
              <p>{t('practices.gp.noQuestions')}</p>
            ) : (
              <ul className="nobullet-list">
                {m.questions.map((q) => (
                  <li key={q.id} className="mb-5">
                    <strong>{q.question}</strong>
                    {q.answer ? (
                      <p>{t('practices.gp.answered', { answer: q.answer })}</p>
                    ) : mayWrite ? (
                      <form
                        onSubmit={(e) => {
                          e.preventDefault();
                          answer.mutate(q.id);
                        }}
                      >
                        <InputField
                          id={`answer-${q.id}`}
                          label={t('practices.gp.answerLabel', { question: q.question })}
                          value={answers[q.id] ?? ''}
                          onChange={(v) => setAnswers({ ...answers, [q.id]: v })}
                        />
                        <button type="submit" className="button button-tertiary">
                          {t('practices.gp.answer')}
                        </button>
                      </form>
                    ) : (
                      <p>{t('practices.gp.open')}</p>
                    )}
                  </li>
                ))}
              </ul>
            )}
            {mayWrite && (
              <form
                onSubmit={(e) => {
                  e.preventDefault();
                  ask.mutate();
                }}
              >
                <ErrorAlert error={ask.error} />
                <InputField
                  id="gp-question"
                  label={t('practices.gp.addQuestion')}
                  required
                  error={fieldError(ask.error, 'question')}
                  value={question}
                  onChange={setQuestion}
                />
                <button type="submit" className="button button-secondary" disabled={ask.isPending}>
                  {t('practices.gp.addQuestionButton')}
                </button>
              </form>
            )}
          </>
        );
      }}
    </PageState>
  );
}
