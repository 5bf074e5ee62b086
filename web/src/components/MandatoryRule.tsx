import type { PlanActivity } from '../api/plans';
import { useT } from '../i18n';

/** Middelfart: the activity is a mandatory part of activation, with the offer's weekly rule. */
export function MandatoryRule({ a }: { a: PlanActivity }) {
  const t = useT();
  return (
    <span className="d-block" data-testid="mandatory-activation">
      <span className="badge badge-warning">{t('practices.mandatory.badge')}</span>{' '}
      {a.minHoursPerWeek !== null &&
        t('practices.weekly.rule', {
          hours: a.minHoursPerWeek.toLocaleString('da-DK'),
          days: a.minDaysPerWeek ?? 1,
        })}
    </span>
  );
}
