/** The success criteria form, shared by the course evaluation and the offer criteria page. */
import { type FormEvent, useEffect, useState } from 'react';
import { type CriteriaSet, type Criterion, type Metric, metrics } from '../../api/evaluation';
import { errorMessage } from '../../components/errors';
import { useT } from '../../i18n';
import type { MessageKey } from '../../i18n/da';

const defaults: Record<Metric, Criterion> = {
  attendance_rate: { metric: 'attendance_rate', operator: '>=', threshold: 80 },
  dropout_rate: { metric: 'dropout_rate', operator: '<=', threshold: 20 },
  self_sufficient_13w: { metric: 'self_sufficient_13w', operator: '>=', threshold: 50 },
  satisfaction_mean: { metric: 'satisfaction_mean', operator: '>=', threshold: 4 },
};
export const metricKey = (m: string) => `evaluation.metric.${m}` as MessageKey;

/**
 * The success criteria form, for a course or an offer. `save` sends the chosen criteria and
 * returns the text to confirm with. A locked set is read-only unless `lockedText` is given (an
 * offer: saving then makes a new version, which the caller sends).
 */
export function CriteriaForm({
  set,
  save,
  lockedText,
}: {
  set: CriteriaSet | null;
  save: (criteria: Criterion[]) => Promise<string>;
  lockedText?: string;
}) {
  const t = useT();
  const initial = () =>
    Object.fromEntries(
      metrics.map((m) => {
        const c = set?.criteria.find((x) => x.metric === m);
        return [m, { use: !!c || !set, ...(c ?? defaults[m]) }];
      }),
    ) as Record<Metric, Criterion & { use: boolean }>;
  const [rows, setRows] = useState(initial);
  const [status, setStatus] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset when the saved set changes
  useEffect(() => setRows(initial()), [set?.id, set?.locked]);
  const locked = !!set?.locked && lockedText === undefined;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setStatus(null);
    try {
      const text = await save(
        metrics
          .filter((m) => rows[m].use)
          .map((m) => ({
            metric: m,
            operator: rows[m].operator,
            threshold: Number(rows[m].threshold),
          })),
      );
      setStatus({ kind: 'ok', text });
    } catch (error) {
      setStatus({ kind: 'error', text: errorMessage(error, t) });
    }
  };
  return (
    <form onSubmit={submit} noValidate>
      {set?.locked && (
        <div className="alert alert-info" role="note">
          <div className="alert-body">
            <p className="alert-text">{lockedText ?? t('evaluation.criteria.lockedText')}</p>
          </div>
        </div>
      )}
      <fieldset disabled={locked}>
        <legend className="h3">{t('evaluation.criteria.legend')}</legend>
        {metrics.map((m) => (
          <div className="form-group" key={m}>
            <div className="form-checkbox">
              <input
                id={`use-${m}`}
                type="checkbox"
                className="form-checkbox"
                checked={rows[m].use}
                onChange={(e) => setRows({ ...rows, [m]: { ...rows[m], use: e.target.checked } })}
              />
              <label htmlFor={`use-${m}`}>{t(metricKey(m))}</label>
            </div>
            <div className="d-flex">
              <div className="mr-4">
                <label className="form-label" htmlFor={`op-${m}`}>
                  {t('evaluation.criteria.operator')}
                </label>
                <select
                  id={`op-${m}`}
                  className="form-select"
                  value={rows[m].operator}
                  onChange={(e) =>
                    setRows({
                      ...rows,
                      [m]: { ...rows[m], operator: e.target.value as '>=' | '<=' },
                    })
                  }
                >
                  <option value=">=">{t('evaluation.op.atLeast')}</option>
                  <option value="<=">{t('evaluation.op.atMost')}</option>
                </select>
              </div>
              <div>
                <label className="form-label" htmlFor={`th-${m}`}>
                  {t(
                    m === 'satisfaction_mean'
                      ? 'evaluation.criteria.thresholdScale'
                      : 'evaluation.criteria.thresholdPct',
                    {
                      metric: t(metricKey(m)),
                    },
                  )}
                </label>
                <input
                  id={`th-${m}`}
                  className="form-input input-width-xs"
                  type="number"
                  step="any"
                  min={m === 'satisfaction_mean' ? 1 : 0}
                  max={m === 'satisfaction_mean' ? 5 : 100}
                  value={rows[m].threshold}
                  onChange={(e) =>
                    setRows({ ...rows, [m]: { ...rows[m], threshold: Number(e.target.value) } })
                  }
                />
              </div>
            </div>
          </div>
        ))}
      </fieldset>
      <div aria-live="polite">
        {status && (
          <div
            className={`alert ${status.kind === 'ok' ? 'alert-success' : 'alert-error'} mt-4`}
            role={status.kind === 'error' ? 'alert' : 'status'}
          >
            <div className="alert-body">
              <p className="alert-text">{status.text}</p>
            </div>
          </div>
        )}
      </div>
      <button type="submit" className="button button-primary mt-4">
        {t('evaluation.criteria.save')}
      </button>
    </form>
  );
}
