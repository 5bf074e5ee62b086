import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { type Me, mayAttempt, useMe } from '../../api/auth';
import {
  type BenefitTypeCode,
  benefitTypeCodes,
  getScreeningRules,
  type ScreeningRule,
  saveScreeningRule,
} from '../../api/workflow';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { fieldError, InputField } from '../../components/FormField';
import { PageState } from '../../components/PageState';
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
      {!rules.data ? (
        <PageState query={rules}>{() => null}</PageState>
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
          <DataTable
            caption={t('screening.rules.caption')}
            hideCaption={false}
            className="table table--compact"
            rows={benefitTypeCodes}
            rowKey={(code) => code}
            columns={[
              {
                key: 'benefit',
                header: t('screening.rules.benefit'),
                cell: (code) => t(`screening.benefit.${code}`),
                rowHeader: true,
              },
              {
                key: 'week',
                header: t('screening.rules.week'),
                cell: (code) => current(t, byType.get(code)),
              },
            ]}
          />
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
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    onSaving();
    save.mutate(week.trim());
  }

  return (
    <>
      <form onSubmit={onSubmit} noValidate>
        <InputField
          id={`${id}-week`}
          label={t('screening.rules.weekLabel', { benefit })}
          hint={current(t, rule)}
          error={fieldError(save.error, 'weekNumber')}
          className="mt-0"
          inputClassName="input-width-xs"
          inputMode="numeric"
          autoComplete="off"
          value={week}
          onChange={setWeek}
        />
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
