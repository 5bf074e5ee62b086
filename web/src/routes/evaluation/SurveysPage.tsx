import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import {
  type QuestionKind,
  type Survey,
  type SurveyQuestion,
  type SurveyResults,
  useSurveys,
} from '../../api/evaluation';
import { ErrorState } from '../../components/ErrorState';
import { errorMessage } from '../../components/errors';
import { Loading } from '../../components/Loading';
import { PageHeading, useDocumentTitle } from '../../components/PageHeading';
import { useT } from '../../i18n';
import type { MessageKey } from '../../i18n/da';
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
      <div className="form-group">
        <label className="form-label" htmlFor="s-title">
          {t('evaluation.surveys.titleLabel')}
        </label>
        <input
          id="s-title"
          className="form-input"
          value={title}
          onChange={(e) => setTitle(e.target.value)}
        />
      </div>
      {questions.map((q, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: questions have no id before saving
        <fieldset key={i} className="mt-4">
          <legend className="h5">{t('evaluation.surveys.question', { n: i + 1 })}</legend>
          <div className="form-group">
            <label className="form-label" htmlFor={`q-kind-${i}`}>
              {t('evaluation.surveys.kind')}
            </label>
            <select
              id={`q-kind-${i}`}
              className="form-select"
              value={q.kind}
              onChange={(e) =>
                setQuestions(
                  questions.map((x, j) =>
                    j === i ? { ...x, kind: e.target.value as QuestionKind } : x,
                  ),
                )
              }
            >
              {(['single', 'multiple', 'scale', 'text'] as const).map((k) => (
                <option key={k} value={k}>
                  {t(`evaluation.kind.${k}` as MessageKey)}
                </option>
              ))}
            </select>
          </div>
          <div className="form-group">
            <label className="form-label" htmlFor={`q-text-${i}`}>
              {t('evaluation.surveys.text')}
            </label>
            <input
              id={`q-text-${i}`}
              className="form-input"
              value={q.text}
              onChange={(e) =>
                setQuestions(
                  questions.map((x, j) => (j === i ? { ...x, text: e.target.value } : x)),
                )
              }
            />
          </div>
          {(q.kind === 'single' || q.kind === 'multiple') && (
            <div className="form-group">
              <label className="form-label" htmlFor={`q-opt-${i}`}>
                {t('evaluation.surveys.options')}
              </label>
              <textarea
                id={`q-opt-${i}`}
                className="form-input"
                rows={4}
                value={q.optionsText}
                onChange={(e) =>
                  setQuestions(
                    questions.map((x, j) => (j === i ? { ...x, optionsText: e.target.value } : x)),
                  )
                }
              />
            </div>
          )}
        </fieldset>
      ))}
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
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorState error={q.error} />;
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

export function SurveysPage() {
  const t = useT();
  useDocumentTitle(t('evaluation.surveys.title'));
  const q = useSurveys();
  const [open, setOpen] = useState<string | null>(null);
  return (
    <>
      <PageHeading>{t('evaluation.surveys.title')}</PageHeading>
      <p className="font-lead">{t('evaluation.surveys.lead')}</p>
      <p>
        <Link to="/evaluering">{t('evaluation.back')}</Link>
      </p>
      <section aria-labelledby="surveys-list">
        <h2 id="surveys-list">{t('evaluation.surveys.list')}</h2>
        {q.isPending ? (
          <Loading />
        ) : q.isError ? (
          <ErrorState error={q.error} />
        ) : q.data.length === 0 ? (
          <p>{t('evaluation.surveys.empty')}</p>
        ) : (
          <ul className="nobullet-list">
            {q.data.map((s) => {
              const url = `${window.location.origin}${s.publicPath}`;
              return (
                <li key={s.id} className="mb-6">
                  <h3 className="h4">{s.title}</h3>
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
                </li>
              );
            })}
          </ul>
        )}
      </section>
      <section aria-labelledby="survey-new" className="mt-8">
        <h2 id="survey-new">{t('evaluation.surveys.new')}</h2>
        <CreateSurvey />
      </section>
    </>
  );
}
