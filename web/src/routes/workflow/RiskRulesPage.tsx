import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { getRiskRules, type RiskRule, saveRiskRules } from '../../api/workflow';
import { ErrorAlert } from '../../components/ErrorAlert';
import { bindFields, InputField, SelectField } from '../../components/FormField';
import { PageHeading, useDocumentTitle } from '../../components/PageHeading';
import { PageState } from '../../components/PageState';
import { useT } from '../../i18n';
import { ScreeningRulesSection } from './ScreeningRulesSection';

const operators = ['lt', 'lte', 'eq', 'gte', 'gt'] as const;
const groups = ['green', 'orange', 'red'] as const;

export function RiskRulesPage() {
  const t = useT();
  useDocumentTitle(t('risk.rules.title'));
  const client = useQueryClient();
  const q = useQuery({ queryKey: ['risk-rules'], queryFn: getRiskRules });
  const [rules, setRules] = useState<RiskRule[]>([]);
  useEffect(() => {
    if (q.data)
      setRules(
        q.data.items.map(({ fact, operator, value, group, description }) => ({
          fact,
          operator,
          value,
          group,
          description,
        })),
      );
  }, [q.data]);
  const save = useMutation({
    mutationFn: () => saveRiskRules(rules),
    onSuccess: () => client.invalidateQueries({ queryKey: ['risk-rules'] }),
  });
  if (!q.data) return <PageState query={q}>{() => null}</PageState>;
  const set = (i: number, patch: Partial<RiskRule>) =>
    setRules(rules.map((r, j) => (j === i ? { ...r, ...patch } : r)));

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    save.mutate();
  }

  return (
    <>
      <PageHeading>{t('risk.rules.title')}</PageHeading>
      <p>{t('risk.rules.intro')}</p>
      <form onSubmit={onSubmit} noValidate>
        {rules.map((r, i) => {
          const n = i + 1;
          const id = (f: string) => `rule-${i}-${f}`;
          const field = bindFields(r, (next) => set(i, next));
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: rules have no id until saved
            <fieldset key={i} className="mb-6">
              <legend className="h4">{t('risk.rules.rule', { n })}</legend>
              <div className="row">
                <SelectField
                  id={id('fact')}
                  label={t('risk.rules.fact')}
                  className="col-12 col-md-4"
                  options={q.data.facts.map((f) => ({ value: f.fact, label: f.label }))}
                  {...field('fact')}
                />
                <SelectField
                  id={id('operator')}
                  label={t('risk.rules.operator')}
                  className="col-6 col-md-2"
                  options={operators.map((o) => ({ value: o, label: t(`risk.op.${o}`) }))}
                  {...field('operator')}
                />
                <InputField
                  id={id('value')}
                  label={t('risk.rules.value')}
                  className="col-6 col-md-2"
                  type="number"
                  value={Number.isFinite(r.value) ? String(r.value) : ''}
                  onChange={(v) => set(i, { value: Number(v) })}
                />
                <SelectField
                  id={id('group')}
                  label={t('risk.rules.group')}
                  className="col-12 col-md-2"
                  options={groups.map((g) => ({ value: g, label: t(`risk.${g}`) }))}
                  {...field('group')}
                />
              </div>
              <InputField
                id={id('description')}
                label={t('risk.rules.description')}
                {...field('description')}
              />
              <button
                type="button"
                className="button button-secondary button-small"
                onClick={() => setRules(rules.filter((_, j) => j !== i))}
              >
                {t('risk.rules.remove', { n })}
              </button>
            </fieldset>
          );
        })}
        <button
          type="button"
          className="button button-secondary"
          onClick={() =>
            setRules([
              ...rules,
              {
                fact: 'weeks_on_benefit',
                operator: 'gte',
                value: 13,
                group: 'orange',
                description: '',
              },
            ])
          }
        >
          {t('risk.rules.add')}
        </button>{' '}
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          {t('risk.rules.save')}
        </button>
        <ErrorAlert error={save.isError ? save.error : null} className="mt-4" />
        {save.isSuccess && (
          <p role="status" className="alert alert-success mt-4">
            {t('risk.rules.saved')}
          </p>
        )}
      </form>
      <ScreeningRulesSection />
    </>
  );
}
