import { isLifestyleOutcome } from '@helhed/shared/plans';
import { useT } from '../i18n';
import { Icon } from './Icon';

/**
 * Explains the legal guardrail before the user submits: shown as soon as "krav" is ticked on a
 * goal or activity about a lifestyle outcome (by category or by its words).
 */
export function GuardrailWarning({
  id,
  requirement,
  category,
  texts,
}: {
  id: string;
  requirement: boolean;
  category: string;
  texts: string[];
}) {
  const t = useT();
  const show = requirement && isLifestyleOutcome(category, ...texts);
  return (
    <div aria-live="polite" id={id}>
      {show && (
        <div className="alert alert-warning mt-4">
          <Icon name="warning" className="alert-icon" />
          <div className="alert-body">
            <p className="alert-heading">{t('plans.guardrail.heading')}</p>
            <p className="alert-text">{t('plans.guardrail.text')}</p>
          </div>
        </div>
      )}
    </div>
  );
}
