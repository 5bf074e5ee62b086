import { useT } from '../i18n';
import { errorMessage } from './errors';
import { Icon } from './Icon';

/**
 * A failed save or load, said in the user's language: an optional heading ("Could not save")
 * and the server's own message (problem+json detail) or a plain explanation of a network error.
 */
export function ErrorAlert({
  error,
  heading,
  className = '',
}: {
  error: unknown;
  heading?: string;
  className?: string;
}) {
  const t = useT();
  if (!error) return null;
  return (
    <div className={`alert alert-error ${className}`.trim()} role="alert">
      {heading && <Icon name="error" className="alert-icon" />}
      <div className="alert-body">
        {heading && <p className="alert-heading">{heading}</p>}
        <p className="alert-text">{errorMessage(error, t)}</p>
      </div>
    </div>
  );
}
