import { useT } from '../i18n';
import { errorMessage } from './errors';
import { Icon } from './Icon';
import { isForbidden, RefusedQuery } from './NoAccess';

/**
 * An error in place of the content, with a way to try again. A refusal for the role (403) is not
 * an error to retry: the page becomes the calm no-access page instead.
 */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = useT();
  if (isForbidden(error)) return <RefusedQuery />;
  return (
    <div className="alert alert-error" role="alert">
      <Icon name="error" className="alert-icon" />
      <div className="alert-body">
        <p className="alert-heading">{t('error.title')}</p>
        <p className="alert-text">{errorMessage(error, t)}</p>
        {onRetry && (
          <button type="button" className="button button-secondary mt-4" onClick={onRetry}>
            {t('error.retry')}
          </button>
        )}
      </div>
    </div>
  );
}
