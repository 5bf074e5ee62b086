import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../../api/client';
import {
  type Answers,
  type AnswerValue,
  type Definition,
  isVisible,
  type ProfileResponse,
  type Question,
  saveAnswers,
} from '../../api/health';
import { errorMessage } from '../../components/errors';
import { useT } from '../../i18n';

/**
 * Renders a questionnaire definition as a form. Every change is saved to the draft after a
 * short pause (autosave); the server validates each answer against the definition.
 */
export function QuestionnaireForm({
  definition,
  response,
  onComplete,
  completing,
  completeError,
}: {
  definition: Definition;
  response: ProfileResponse;
  onComplete: (answers: Answers) => Promise<void>;
  completing: boolean;
  completeError: unknown;
}) {
  const t = useT();
  const [answers, setAnswers] = useState<Answers>(response.answers);
  const [status, setStatus] = useState<'idle' | 'saving' | 'saved' | 'error'>('idle');
  const [saveError, setSaveError] = useState<unknown>(null);
  const pending = useRef<Answers>({});
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  async function flush() {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const patch = pending.current;
    if (Object.keys(patch).length === 0) return;
    pending.current = {};
    setStatus('saving');
    try {
      await saveAnswers(response.id, patch);
      setStatus('saved');
      setSaveError(null);
    } catch (error) {
      pending.current = { ...patch, ...pending.current };
      setStatus('error');
      setSaveError(error);
    }
  }

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  function set(id: string, value: AnswerValue) {
    setAnswers((a) => ({ ...a, [id]: value }));
    pending.current = { ...pending.current, [id]: value };
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void flush(), 500);
  }

  const fieldErrors =
    completeError instanceof ApiError
      ? Object.fromEntries(
          completeError.errors.map((e) => [e.pointer.replace('/answers/', ''), e.message]),
        )
      : {};

  return (
    <form
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        await flush();
        await onComplete(answers);
      }}
    >
      {definition.intro && <p className="font-lead">{definition.intro}</p>}
      {definition.sections.map((section) => (
        <section key={section.id} aria-labelledby={`section-${section.id}`} className="mt-6">
          <h2 id={`section-${section.id}`} className="h3">
            {section.title}
          </h2>
          {section.intro && <p>{section.intro}</p>}
          {section.questions
            .filter((q) => isVisible(definition, q, answers))
            .map((q) => (
              <QuestionField
                key={q.id}
                question={q}
                value={answers[q.id] ?? null}
                error={fieldErrors[q.id]}
                onChange={(v) => set(q.id, v)}
              />
            ))}
        </section>
      ))}
      <p className="mt-6" aria-live="polite">
        {status === 'saving' && t('health.form.saving')}
        {status === 'saved' && t('health.form.saved')}
      </p>
      {status === 'error' && (
        <div className="alert alert-error" role="alert">
          <div className="alert-body">
            <p className="alert-text">
              {t('health.form.saveFailed')} {errorMessage(saveError, t)}
            </p>
          </div>
        </div>
      )}
      {completeError !== null && completeError !== undefined && (
        <div className="alert alert-error mt-4" role="alert">
          <div className="alert-body">
            <p className="alert-heading">{t('health.form.incomplete')}</p>
            <ul className="alert-text">
              {completeError instanceof ApiError && completeError.errors.length > 0 ? (
                completeError.errors.map((e) => (
                  <li key={e.pointer}>
                    <a href={`#q-${e.pointer.replace('/answers/', '')}`}>{e.message}</a>
                  </li>
                ))
              ) : (
                <li>{errorMessage(completeError, t)}</li>
              )}
            </ul>
          </div>
        </div>
      )}
      <button type="submit" className="button button-primary mt-6" disabled={completing}>
        {completing ? t('health.form.completing') : t('health.form.complete')}
      </button>
    </form>
  );
}

function QuestionField({
  question: q,
  value,
  error,
  onChange,
}: {
  question: Question;
  value: AnswerValue;
  error?: string;
  onChange: (v: AnswerValue) => void;
}) {
  const id = `q-${q.id}`;
  const errorId = `${id}-error`;
  const label = (
    <>
      {q.label}
      {q.required && <span className="sr-only"> (påkrævet)</span>}
    </>
  );
  const errorText = error ? (
    <span className="form-error-message" id={errorId}>
      {error}
    </span>
  ) : null;
  if (q.type === 'single' || q.type === 'scale' || q.type === 'multiple') {
    const options =
      q.type === 'scale'
        ? (q.labels ??
          Array.from({ length: (q.max ?? 5) - (q.min ?? 0) + 1 }, (_, i) => ({
            value: String((q.min ?? 0) + i),
            label: String((q.min ?? 0) + i),
          })))
        : (q.options ?? []);
    const multiple = q.type === 'multiple';
    const selected = (v: string) =>
      multiple
        ? Array.isArray(value) && value.includes(v)
        : q.type === 'scale'
          ? value === Number(v)
          : value === v;
    return (
      <div className={`form-group${error ? ' form-error' : ''}`}>
        <fieldset aria-describedby={error ? errorId : undefined}>
          <legend className="form-label" id={id} tabIndex={-1}>
            {label}
          </legend>
          {errorText}
          <ul className="nobullet-list">
            {options.map((o) => {
              const optionId = `${id}-${o.value}`;
              return (
                <li key={o.value} className={multiple ? 'form-group-checkbox' : 'form-group-radio'}>
                  <input
                    id={optionId}
                    type={multiple ? 'checkbox' : 'radio'}
                    className={multiple ? 'form-checkbox' : 'form-radio'}
                    name={q.id}
                    value={o.value}
                    checked={selected(o.value)}
                    onChange={(e) => {
                      if (multiple) {
                        const cur = Array.isArray(value) ? value : [];
                        onChange(
                          e.target.checked ? [...cur, o.value] : cur.filter((x) => x !== o.value),
                        );
                      } else {
                        onChange(q.type === 'scale' ? Number(o.value) : o.value);
                      }
                    }}
                  />
                  <label className="form-label" htmlFor={optionId}>
                    {o.label}
                  </label>
                </li>
              );
            })}
          </ul>
        </fieldset>
      </div>
    );
  }
  const common = {
    id,
    'aria-describedby': error ? errorId : undefined,
    'aria-invalid': error ? true : undefined,
    'aria-required': q.required || undefined,
  };
  return (
    <div className={`form-group${error ? ' form-error' : ''}`}>
      <label className="form-label" htmlFor={id}>
        {label}
        {q.type === 'number' && q.unit ? ` (${q.unit})` : ''}
      </label>
      {errorText}
      {q.type === 'text' && q.multiline ? (
        <textarea
          {...common}
          className="form-input"
          rows={3}
          maxLength={q.maxLength}
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => onChange(e.target.value === '' ? null : e.target.value)}
        />
      ) : (
        <input
          {...common}
          className="form-input"
          type={q.type === 'number' ? 'number' : q.type === 'date' ? 'date' : 'text'}
          inputMode={q.type === 'number' ? 'decimal' : undefined}
          maxLength={q.maxLength}
          value={value === null || Array.isArray(value) ? '' : String(value)}
          onChange={(e) => {
            const v = e.target.value;
            onChange(v === '' ? null : q.type === 'number' ? Number(v) : v);
          }}
        />
      )}
    </div>
  );
}
