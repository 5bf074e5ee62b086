import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { mayAttempt, useMe } from '../../api/auth';
import { api } from '../../api/client';
import {
  type QuestionKind,
  type Survey,
  type SurveyQuestion,
  type SurveyResults,
  useSurveys,
} from '../../api/evaluation';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { errorMessage } from '../../components/errors';
import { bindFields, InputField, SelectField, TextareaField } from '../../components/FormField';
import { PageHeading, useDocumentTitle } from '../../components/PageHeading';
import { PageState } from '../../components/PageState';
import { useT } from '../../i18n';
import { fmtShown, StatTableFigure } from './charts';

const template: SurveyQuestion[] = [
  {
    kind: 'multiple',
    text: 'Hvad kunne du tænke dig hjælp til?',
    options: ['Motion', 'Kost', 'Søvn', 'Stress', 'Rygestop'],
  },
  {
    kind: 'single',
    text: 'Hvornår på dagen passer det dig bedst?',
    options: ['Formiddag', 'Eftermiddag', 'Aften'],
  },
  {
    kind: 'scale',
    text: 'Hvor motiveret er du for at deltage i et sundhedskursus?',
    scaleMin: 1,
    scaleMax: 5,
  },
  { kind: 'text', text: 'Hvad skal der til, for at du får lyst til at deltage?' },
];

const questionKinds: readonly QuestionKind[] = ['single', 'multiple', 'scale', 'text'];

function CreateSurvey() {
  const t = useT();
  const client = useQueryClient();
  const [title, setTitle] = useState('Hvad ønsker du af et sundhedskursus?');
  const [questions, setQuestions] = useState(
    template.map((q) => ({ ...q, optionsText: (q.options ?? []).join('\n') })),
  );
  const [status, setStatus] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await api('/api/evaluation/surveys', {
        method: 'POST',
        body: {
          title,
          questions: questions.map(({ optionsText, ...q }) => ({
            ...q,
            options:
              q.kind === 'single' || q.kind === 'multiple'
                ? optionsText
                    .split('\n')
                    .map((s) => s.trim())
                    .filter(Boolean)
                : undefined,
          })),
        },
      });
      setStatus({ kind: 'ok', text: t('evaluation.surveys.created') });
      await client.invalidateQueries({ queryKey: ['evaluation', 'surveys'] });
    } catch (error) {
      setStatus({ kind: 'error', text: errorMessage(error, t) });
    }
  };
  return (
    <form onSubmit={submit}>
      <InputField
        id="s-title"
        label={t('evaluation.surveys.titleLabel')}
        value={title}
        onChange={setTitle}
      />
      {questions.map((q, i) => {
        const field = bindFields(q, (next) =>
          setQuestions(questions.map((x, j) => (j === i ? next : x))),
        );
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: questions have no id before saving
          <fieldset key={i} className="mt-4">
            <legend className="h5">{t('evaluation.surveys.question', { n: i + 1 })}</legend>
            <SelectField
              id={`q-kind-${i}`}
              label={t('evaluation.surveys.kind')}
              options={questionKinds.map((k) => ({ value: k, label: t(`evaluation.kind.${k}`) }))}
              {...field('kind')}
            />
            <InputField
              id={`q-text-${i}`}
              label={t('evaluation.surveys.text')}
              {...field('text')}
            />
            {(q.kind === 'single' || q.kind === 'multiple') && (
              <TextareaField
                id={`q-opt-${i}`}
                label={t('evaluation.surveys.options')}
                rows={4}
                {...field('optionsText')}
              />
            )}
          </fieldset>
        );
      })}
      <div aria-live="polite">
        {status && (
          <div className={`alert ${status.kind === 'ok' ? 'alert-success' : 'alert-error'} mt-4`}>
            <div className="alert-body">
              <p className="alert-text">{status.text}</p>
            </div>
          </div>
        )}
      </div>
      <button type="submit" className="button button-primary mt-4">
        {t('evaluation.surveys.create')}
      </button>
    </form>
  );
}

function Results({ survey }: { survey: Survey }) {
  const t = useT();
  const q = useQuery({
    queryKey: ['evaluation', 'survey', survey.id],
    queryFn: () => api<SurveyResults>(`/api/evaluation/surveys/${survey.id}/results`),
  });
  if (!q.data) return <PageState query={q}>{() => null}</PageState>;
  if (!q.data.enough) return <p>{t('evaluation.surveys.notEnough')}</p>;
  return (
    <>
      {q.data.questions.map((question) => (
        <div key={question.position}>
          {question.table && (
            <StatTableFigure
              table={question.table}
              title={question.text}
              labels={(k) =>
                k === 'count'
                  ? t('evaluation.count')
                  : k === 'chosen'
                    ? t('evaluation.surveys.chosen')
                    : k === 'not_chosen'
                      ? t('evaluation.surveys.notChosen')
                      : k
              }
            />
          )}
          {question.mean !== null && (
            <p>{t('evaluation.surveys.mean', { mean: question.mean.toLocaleString('da-DK') })}</p>
          )}
          {question.kind === 'text' && (
            <>
              <h3 className="h4">{question.text}</h3>
              {question.texts.length === 0 ? (
                <p>{t('evaluation.surveys.fewTexts')}</p>
              ) : (
                <ul>
                  {question.texts.map((x, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: answers may repeat
                    <li key={i}>{x}</li>
                  ))}
                </ul>
              )}
            </>
          )}
        </div>
      ))}
    </>
  );
}

/**
 * Closing a survey for answers: the public link and QR code stop answering (404), the answers
 * given stay. It cannot be undone, so it asks first.
 */
function CloseSurvey({ survey, onClosed }: { survey: Survey; onClosed: (s: Survey) => void }) {
  const t = useT();
  const client = useQueryClient();
  const [asking, setAsking] = useState(false);
  const close = useMutation({
    mutationFn: () => api<Survey>(`/api/evaluation/surveys/${survey.id}/close`, { method: 'POST' }),
    onSuccess: async (closed) => {
      setAsking(false);
      onClosed(closed);
      await client.invalidateQueries({ queryKey: ['evaluation', 'surveys'] });
    },
    onError: () => setAsking(false),
  });
  return (
    <>
      <ErrorAlert error={close.error} heading={t('evaluation.surveys.closeFailed')} />
      {asking ? (
        <ConfirmDialog
          testId={`close-survey-${survey.id}`}
          confirmLabel={t('evaluation.surveys.closeYes')}
          cancelLabel={t('evaluation.surveys.closeNo')}
          pending={close.isPending}
          onConfirm={() => close.mutate()}
          onCancel={() => setAsking(false)}
        >
          {t('evaluation.surveys.closeConfirm', { title: survey.title })}
        </ConfirmDialog>
      ) : (
        <button
          type="button"
          className="button button-secondary"
          onClick={() => {
            close.reset();
            setAsking(true);
          }}
        >
          {t('evaluation.surveys.close')}
          <span className="sr-only"> ({survey.title})</span>
        </button>
      )}
    </>
  );
}

export function SurveysPage() {
  const t = useT();
  useDocumentTitle(t('evaluation.surveys.title'));
  const q = useSurveys();
  const [open, setOpen] = useState<string | null>(null);
  const [closedNotice, setClosedNotice] = useState<string | null>(null);
  const mayManage = mayAttempt(useMe().data, 'evaluation.survey.manage');
  return (
    <>
      <PageHeading>{t('evaluation.surveys.title')}</PageHeading>
      <p className="font-lead">{t('evaluation.surveys.lead')}</p>
      <p>
        <Link to="/evaluering">{t('evaluation.back')}</Link>
      </p>
      <section aria-labelledby="surveys-list">
        <h2 id="surveys-list">{t('evaluation.surveys.list')}</h2>
        <div aria-live="polite">
          {closedNotice && (
            <p className="alert alert-success" role="status">
              {closedNotice}
            </p>
          )}
        </div>
        <PageState query={q} empty={t('evaluation.surveys.empty')}>
          {(surveys) => (
            <ul className="nobullet-list">
              {surveys.map((s) => {
                const url = `${window.location.origin}${s.publicPath}`;
                return (
                  <li key={s.id} className="mb-6">
                    <h3 className="h4">{s.title}</h3>
                    <p data-testid={`survey-status-${s.id}`}>
                      {t('evaluation.surveys.status')}:{' '}
                      <strong>
                        {s.status === 'open'
                          ? t('evaluation.surveys.status.open')
                          : t('evaluation.surveys.status.closed')}
                      </strong>
                    </p>
                    {s.status === 'open' && (
                      <>
                        <p>
                          {t('evaluation.surveys.share')}{' '}
                          <a href={s.publicPath} className="font-lead">
                            <strong>{url}</strong>
                          </a>
                        </p>
                        <p>
                          <img
                            src={`/api/evaluation/surveys/${s.id}/qr.svg`}
                            alt={t('evaluation.surveys.qrAlt', { title: s.title, url })}
                            width={160}
                            height={160}
                          />
                          <br />
                          <a href={`/api/evaluation/surveys/${s.id}/qr.svg`} download="qr-kode.svg">
                            {t('evaluation.surveys.qrDownload')}
                          </a>
                        </p>
                      </>
                    )}
                    <p>
                      {t('evaluation.surveys.responses')}: {fmtShown(s.responses)}
                    </p>
                    <button
                      type="button"
                      className="button button-secondary"
                      aria-expanded={open === s.id}
                      onClick={() => setOpen(open === s.id ? null : s.id)}
                    >
                      {t('evaluation.surveys.showResults')}
                    </button>
                    {open === s.id && <Results survey={s} />}
                    {mayManage && s.status === 'open' && (
                      <div className="mt-4">
                        <CloseSurvey
                          survey={s}
                          onClosed={(c) =>
                            setClosedNotice(t('evaluation.surveys.closed', { title: c.title }))
                          }
                        />
                      </div>
                    )}
                  </li>
                );
              })}
            </ul>
          )}
        </PageState>
      </section>
      <section aria-labelledby="survey-new" className="mt-8">
        <h2 id="survey-new">{t('evaluation.surveys.new')}</h2>
        <CreateSurvey />
      </section>
    </>
  );
}
