import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useParams } from 'react-router';
import { api } from '../../api/client';
import type { PublicSurvey } from '../../api/evaluation';
import { ErrorState } from '../../components/ErrorState';
import { errorMessage } from '../../components/errors';
import { Loading } from '../../components/Loading';
import { PageHeading, useDocumentTitle } from '../../components/PageHeading';
import { useT } from '../../i18n';

/** The anonymous needs survey a citizen opens from a shared link, without logging in. */
export function PublicSurveyPage() {
  const t = useT();
  const { municipality = '', token = '' } = useParams();
  const base = `/api/evaluation/public/surveys/${municipality}/${token}`;
  const q = useQuery({
    queryKey: ['public-survey', municipality, token],
    queryFn: () => api<PublicSurvey>(base),
  });
  const [answers, setAnswers] = useState<Record<string, string | number | string[]>>({});
  const [done, setDone] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useDocumentTitle(q.data?.title ?? t('evaluation.public.title'));
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorState error={q.error} />;
  const s = q.data;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await api(`${base}/responses`, { method: 'POST', body: { answers } });
      setDone(true);
    } catch (err) {
      setError(errorMessage(err, t));
    }
  };
  if (done)
    return (
      <>
        <PageHeading>{t('evaluation.public.thanks')}</PageHeading>
        <p>{t('evaluation.public.thanksText')}</p>
      </>
    );
  return (
    <>
      <PageHeading>{s.title}</PageHeading>
      <p className="font-lead">
        {s.intro || t('evaluation.public.intro', { municipality: s.municipalityName })}
      </p>
      <p>{t('evaluation.public.anonymous')}</p>
      <form onSubmit={submit}>
        {s.questions.map((question) => {
          const key = String(question.position);
          const id = `pq-${key}`;
          if (question.kind === 'text')
            return (
              <div className="form-group" key={key}>
                <label className="form-label" htmlFor={id}>
                  {question.text}
                </label>
                <textarea
                  id={id}
                  className="form-input"
                  rows={3}
                  maxLength={2000}
                  onChange={(e) => setAnswers({ ...answers, [key]: e.target.value })}
                />
              </div>
            );
          const values =
            question.kind === 'scale'
              ? Array.from(
                  { length: (question.scaleMax ?? 5) - (question.scaleMin ?? 1) + 1 },
                  (_, i) => String((question.scaleMin ?? 1) + i),
                )
              : (question.options ?? []);
          const multiple = question.kind === 'multiple';
          return (
            <fieldset className="form-group" key={key}>
              <legend className="form-label">{question.text}</legend>
              {values.map((v, i) => (
                <div className={multiple ? 'form-checkbox' : 'form-radio'} key={v}>
                  <input
                    id={`${id}-${i}`}
                    type={multiple ? 'checkbox' : 'radio'}
                    className={multiple ? 'form-checkbox' : 'form-radio'}
                    name={id}
                    value={v}
                    onChange={(e) => {
                      if (multiple) {
                        const cur = (answers[key] as string[] | undefined) ?? [];
                        setAnswers({
                          ...answers,
                          [key]: e.target.checked ? [...cur, v] : cur.filter((x) => x !== v),
                        });
                      } else
                        setAnswers({
                          ...answers,
                          [key]: question.kind === 'scale' ? Number(v) : v,
                        });
                    }}
                  />
                  <label htmlFor={`${id}-${i}`}>{v}</label>
                </div>
              ))}
            </fieldset>
          );
        })}
        {error && (
          <div className="alert alert-error" role="alert">
            <div className="alert-body">
              <p className="alert-text">{error}</p>
            </div>
          </div>
        )}
        <button type="submit" className="button button-primary mt-4">
          {t('evaluation.public.submit')}
        </button>
      </form>
    </>
  );
}
