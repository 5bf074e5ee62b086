import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { getRiskRules, type RiskRule, saveRiskRules } from '../../api/workflow';
import { ErrorState } from '../../components/ErrorState';
import { errorMessage } from '../../components/errors';
import { Loading } from '../../components/Loading';
import { PageHeading, useDocumentTitle } from '../../components/PageHeading';
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
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => q.refetch()} />;
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
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: rules have no id until saved
            <fieldset key={i} className="mb-6">
              <legend className="h4">{t('risk.rules.rule', { n })}</legend>
              <div className="row">
                <div className="form-group col-12 col-md-4">
                  <label className="form-label" htmlFor={id('fact')}>
                    {t('risk.rules.fact')}
                  </label>
                  <select
                    id={id('fact')}
                    className="form-select"
                    value={r.fact}
                    onChange={(e) => set(i, { fact: e.target.value })}
                  >
                    {q.data.facts.map((f) => (
                      <option key={f.fact} value={f.fact}>
                        {f.label}
                      </option>
                    ))}
                  </select>
                </div>
                <div className="form-group col-6 col-md-2">
                  <label className="form-label" htmlFor={id('operator')}>
                    {t('risk.rules.operator')}
                  </label>
                  <select
                    id={id('operator')}
                    className="form-select"
                    value={r.operator}
                    onChange={(e) => set(i, { operator: e.target.value as RiskRule['operator'] })}
                  >
                    {operators.map((o) => (
                      <option key={o} value={o}>
                        {t(`risk.op.${o}`)}
                      </option>
                    ))}
                  </select>
                </div>
                <div className="form-group col-6 col-md-2">
                  <label className="form-label" htmlFor={id('value')}>
                    {t('risk.rules.value')}
                  </label>
                  <input
                    id={id('value')}
                    type="number"
                    className="form-input"
                    value={Number.isFinite(r.value) ? r.value : ''}
                    onChange={(e) => set(i, { value: Number(e.target.value) })}
                  />
                </div>
                <div className="form-group col-12 col-md-2">
                  <label className="form-label" htmlFor={id('group')}>
                    {t('risk.rules.group')}
                  </label>
                  <select
                    id={id('group')}
                    className="form-select"
                    value={r.group}
                    onChange={(e) => set(i, { group: e.target.value as RiskRule['group'] })}
                  >
                    {groups.map((g) => (
                      <option key={g} value={g}>
                        {t(`risk.${g}`)}
                      </option>
                    ))}
                  </select>
                </div>
              </div>
              <div className="form-group">
                <label className="form-label" htmlFor={id('description')}>
                  {t('risk.rules.description')}
                </label>
                <input
                  id={id('description')}
                  className="form-input"
                  value={r.description}
                  onChange={(e) => set(i, { description: e.target.value })}
                />
              </div>
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
        {save.isError && (
          <div className="alert alert-error mt-4" role="alert">
            <div className="alert-body">
              <p className="alert-text">{errorMessage(save.error, t)}</p>
            </div>
          </div>
        )}
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
