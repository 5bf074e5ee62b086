import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { type Me, mayAttempt, useMe } from '../../api/auth';
import { ApiError } from '../../api/client';
import {
  type BenefitTypeCode,
  benefitTypeCodes,
  getScreeningRules,
  type ScreeningRule,
  saveScreeningRule,
} from '../../api/workflow';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { type Translate, useT } from '../../i18n';

const rulesKey = ['screening', 'rules'];

/**
 * Early screening (tidlig opsporing): per benefit type, the week of the benefit period in which
 * a citizen is due for screening. Every benefit type is listed, also those the municipality has
 * no rule for yet; saving one creates or changes its rule. Only an administrator may change the
 * weeks (policy 'screening.rules.write'); others see them read only.
 */
export function ScreeningRulesSection() {
  const t = useT();
  const me = useMe().data as Me;
  const canEdit = mayAttempt(me, 'screening.rules.write');
  const rules = useQuery({ queryKey: rulesKey, queryFn: getScreeningRules });
  const [saved, setSaved] = useState('');
  const byType = new Map(rules.data?.items.map((r) => [r.benefitType, r]));

  return (
    <section aria-labelledby="screening-rules-heading" className="mt-8" id="screening">
      <h2 id="screening-rules-heading">{t('screening.rules.title')}</h2>
      <p>{t('screening.rules.intro')}</p>
      {rules.isPending ? (
        <Loading />
      ) : rules.isError ? (
        <ErrorState error={rules.error} onRetry={() => rules.refetch()} />
      ) : canEdit ? (
        <ul className="nobullet-list">
          {benefitTypeCodes.map((code) => (
            <li key={code} className="mb-6">
              <RuleRow
                code={code}
                rule={byType.get(code)}
                onSaving={() => setSaved('')}
                onSaved={setSaved}
              />
            </li>
          ))}
        </ul>
      ) : (
        <>
          <p>{t('screening.rules.readOnly')}</p>
          <table className="table table--compact">
            <caption>{t('screening.rules.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('screening.rules.benefit')}</th>
                <th scope="col">{t('screening.rules.week')}</th>
              </tr>
            </thead>
            <tbody>
              {benefitTypeCodes.map((code) => (
                <tr key={code}>
                  <th scope="row">{t(`screening.benefit.${code}`)}</th>
                  <td>{current(t, byType.get(code))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <div role="status">{saved && <p className="alert alert-success">{saved}</p>}</div>
    </section>
  );
}

function current(t: Translate, rule: ScreeningRule | undefined): string {
  if (!rule) return t('screening.rules.none');
  return t(rule.active ? 'screening.rules.current' : 'screening.rules.currentInactive', {
    week: rule.weekNumber,
  });
}

function RuleRow({
  code,
  rule,
  onSaving,
  onSaved,
}: {
  code: BenefitTypeCode;
  rule: ScreeningRule | undefined;
  onSaving: () => void;
  onSaved: (message: string) => void;
}) {
  const t = useT();
  const id = useId();
  const client = useQueryClient();
  const benefit = t(`screening.benefit.${code}`);
  const [week, setWeek] = useState(rule ? String(rule.weekNumber) : '');
  const save = useMutation({
    // A whole number goes as a number; anything else as typed, so the API's own message says
    // what is wrong (e.g. "Skal være mindst 1", "Skal være af typen heltal").
    mutationFn: (value: string) =>
      saveScreeningRule(code, {
        weekNumber: /^-?\d+$/.test(value) ? Number(value) : value,
        active: rule?.active ?? true,
      }),
    onSuccess: (data) => {
      client.setQueryData(rulesKey, data);
      const kept = data.items.find((r) => r.benefitType === code);
      onSaved(t('screening.rules.saved', { benefit, week: kept?.weekNumber ?? week }));
    },
  });
  const fieldError =
    save.error instanceof ApiError
      ? save.error.errors.find((e) => e.pointer === '/weekNumber')?.message
      : undefined;

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    onSaving();
    save.mutate(week.trim());
  }

  const inputId = `${id}-week`;
  const describedBy = [`${inputId}-hint`, fieldError ? `${inputId}-error` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <>
      <form onSubmit={onSubmit} noValidate>
        <div className={`form-group mt-0${fieldError ? ' form-error' : ''}`}>
          <label className="form-label" htmlFor={inputId}>
            {t('screening.rules.weekLabel', { benefit })}
          </label>
          <span className="form-hint" id={`${inputId}-hint`}>
            {current(t, rule)}
          </span>
          {fieldError && (
            <span className="form-error-message" id={`${inputId}-error`}>
              {fieldError}
            </span>
          )}
          <input
            id={inputId}
            className="form-input input-width-xs"
            inputMode="numeric"
            autoComplete="off"
            value={week}
            aria-invalid={fieldError ? true : undefined}
            aria-describedby={describedBy}
            onChange={(e) => setWeek(e.target.value)}
          />
        </div>
        <button
          type="submit"
          className="button button-secondary button-small"
          disabled={save.isPending}
        >
          {save.isPending ? t('screening.rules.saving') : t('screening.rules.save')}
          <span className="sr-only"> {benefit}</span>
        </button>
      </form>
      <ErrorAlert
        error={save.error}
        heading={t('screening.rules.failed', { benefit })}
        className="mt-4"
      />
    </>
  );
}
