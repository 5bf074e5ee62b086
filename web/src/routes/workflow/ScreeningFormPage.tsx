import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  completeScreening,
  type Discipline,
  danishDate,
  getScreening,
  updateScreening,
} from '../../api/workflow';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ErrorState } from '../../components/ErrorState';
import { errorMessage } from '../../components/errors';
import { Loading } from '../../components/Loading';
import { PageHeading, useDocumentTitle } from '../../components/PageHeading';
import { useT } from '../../i18n';

const disciplines: Discipline[] = ['social', 'psychological', 'physical'];
type Part = { findings: string; recommendation: string; filledByName: string };
const empty: Part = { findings: '', recommendation: '', filledByName: '' };

export function ScreeningFormPage() {
  const t = useT();
  const { periodId = '' } = useParams();
  const client = useQueryClient();
  const q = useQuery({ queryKey: ['screening', periodId], queryFn: () => getScreening(periodId) });
  useDocumentTitle(
    q.data ? t('screening.form.title', { name: q.data.citizenName }) : t('screening.queue.title'),
  );
  const [parts, setParts] = useState<Record<Discipline, Part>>({
    social: empty,
    psychological: empty,
    physical: empty,
  });
  const [overall, setOverall] = useState('');
  const [note, setNote] = useState('');
  const [missing, setMissing] = useState(false);
  const [reason, setReason] = useState('');
  const onDone = () => client.invalidateQueries({ queryKey: ['screening', periodId] });
  const complete = useMutation({
    mutationFn: () =>
      completeScreening(periodId, {
        findings: disciplines
          .filter((d) => parts[d].findings.trim())
          .map((d) => ({ discipline: d, ...parts[d] })),
        overallRecommendation: overall,
        note: note || null,
      }),
    onSuccess: onDone,
  });
  const notRelevant = useMutation({
    mutationFn: () => updateScreening(periodId, { status: 'not_relevant', reason }),
    onSuccess: onDone,
  });

  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => q.refetch()} />;
  const s = q.data;
  const finished = s.status === 'screened' || s.status === 'not_relevant';

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const filled = disciplines.filter((d) => parts[d].findings.trim());
    const complete_ = filled.every(
      (d) => parts[d].recommendation.trim() && parts[d].filledByName.trim(),
    );
    if (filled.length === 0 || !complete_ || !overall) {
      setMissing(true);
      return;
    }
    setMissing(false);
    complete.mutate();
  }

  return (
    <>
      <PageHeading>{t('screening.form.title', { name: s.citizenName })}</PageHeading>
      <p>
        {t('screening.form.period', {
          benefit: s.benefitTypeName,
          start: danishDate(s.startDate),
          week: s.weekNumber ?? '',
          due: danishDate(s.dueDate),
        })}
      </p>
      <p>
        {t('screening.col.status')}:{' '}
        <strong data-testid="screening-status">
          {t(`screening.status.${s.status}` as 'screening.status.to_do')}
        </strong>
        {s.statusReason ? ` – ${s.statusReason}` : ''}
      </p>
      <p>
        <Link to={`/borgere/${s.citizenId}`}>{t('screening.form.toCitizen')}</Link>
      </p>
      {s.status === 'screened' && (
        <div role="status" className="alert alert-success">
          <div className="alert-body">
            <p className="alert-text">{t('screening.form.done')}</p>
          </div>
        </div>
      )}
      {s.findings.length > 0 && (
        <ul>
          {s.findings.map((f) => (
            <li key={f.discipline}>
              <strong>{t(`screening.form.${f.discipline}`)}</strong> ({f.filledByName}):{' '}
              {f.findings} – {f.recommendation}
            </li>
          ))}
        </ul>
      )}
      {!finished && (
        <>
          <form onSubmit={onSubmit} noValidate>
            {disciplines.map((d) => (
              <fieldset key={d} className="mb-6">
                <legend className="h3">{t(`screening.form.${d}`)}</legend>
                {(['findings', 'recommendation', 'filledByName'] as const).map((field) => {
                  const id = `screening-${d}-${field}`;
                  const label =
                    field === 'findings'
                      ? t('screening.form.findings')
                      : field === 'recommendation'
                        ? t('screening.form.recommendation')
                        : t('screening.form.filledBy');
                  return (
                    <div className="form-group" key={field}>
                      <label className="form-label" htmlFor={id}>
                        {label} ({t(`screening.form.${d}`).toLowerCase()})
                      </label>
                      {field === 'filledByName' ? (
                        <input
                          id={id}
                          className="form-input"
                          value={parts[d][field]}
                          onChange={(e) =>
                            setParts({ ...parts, [d]: { ...parts[d], [field]: e.target.value } })
                          }
                        />
                      ) : (
                        <textarea
                          id={id}
                          className="form-input"
                          rows={2}
                          value={parts[d][field]}
                          onChange={(e) =>
                            setParts({ ...parts, [d]: { ...parts[d], [field]: e.target.value } })
                          }
                        />
                      )}
                    </div>
                  );
                })}
              </fieldset>
            ))}
            <fieldset className="mb-6">
              <legend className="h3">{t('screening.form.overall')}</legend>
              {(['course', 'further_clarification', 'no_action'] as const).map((r) => (
                <div className="form-group-radio" key={r}>
                  <input
                    type="radio"
                    className="form-radio radio-large"
                    id={`overall-${r}`}
                    name="overall"
                    checked={overall === r}
                    onChange={() => setOverall(r)}
                  />
                  <label className="form-label" htmlFor={`overall-${r}`}>
                    {t(`screening.form.${r}`)}
                  </label>
                </div>
              ))}
            </fieldset>
            <div className="form-group">
              <label className="form-label" htmlFor="screening-note">
                {t('screening.form.note')}
              </label>
              <textarea
                id="screening-note"
                className="form-input"
                rows={2}
                value={note}
                onChange={(e) => setNote(e.target.value)}
              />
            </div>
            {(missing || complete.isError) && (
              <div className="alert alert-error" role="alert">
                <div className="alert-body">
                  <p className="alert-text">
                    {missing ? t('screening.form.required') : errorMessage(complete.error, t)}
                  </p>
                </div>
              </div>
            )}
            <button type="submit" className="button button-primary" disabled={complete.isPending}>
              {t('screening.form.submit')}
            </button>
          </form>
          <form
            className="mt-8"
            onSubmit={(e) => {
              e.preventDefault();
              notRelevant.mutate();
            }}
          >
            <div className="form-group">
              <label className="form-label" htmlFor="not-relevant-reason">
                {t('screening.form.notRelevantReason')}
              </label>
              <input
                id="not-relevant-reason"
                className="form-input"
                value={reason}
                onChange={(e) => setReason(e.target.value)}
              />
            </div>
            <ErrorAlert error={notRelevant.error} />
            <button type="submit" className="button button-secondary">
              {t('screening.form.notRelevant')}
            </button>
          </form>
        </>
      )}
    </>
  );
}
