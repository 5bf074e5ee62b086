import { isRouteErrorResponse, useRouteError } from 'react-router';
import { useT } from '../i18n';
import { ErrorState } from './ErrorState';
import { useDocumentTitle } from './PageHeading';

/**
 * Shown when a page throws while rendering. Inside the layout it replaces the page only;
 * `standalone` is for an error in the layout itself, so it brings its own `<main>`.
 */
export function RouteError({ standalone = false }: { standalone?: boolean }) {
  const error = useRouteError();
  const t = useT();
  useDocumentTitle(t('error.title'));
  console.error(isRouteErrorResponse(error) ? `${error.status} ${error.statusText}` : error);
  const content = (
    <>
      <h1>{t('error.title')}</h1>
      <ErrorState error={error} onRetry={() => window.location.reload()} />
    </>
  );
  if (!standalone) return content;
  return (
    <main id="main-content" className="container page-container">
      {content}
    </main>
  );
}
