import type { ReactNode } from 'react';
import { isRouteErrorResponse, useRouteError } from 'react-router';
import { useT } from '../i18n';
import { ErrorState } from './ErrorState';
import { isForbidden, NoAccess } from './NoAccess';
import { useDocumentTitle } from './PageHeading';

/**
 * Shown when a page throws while rendering. Inside the layout it replaces the page only;
 * `standalone` is for an error in the layout itself, so it brings its own `<main>`.
 */
export function RouteError({ standalone = false }: { standalone?: boolean }) {
  const error = useRouteError();
  if (isForbidden(error))
    return (
      <Main standalone={standalone}>
        <NoAccess />
      </Main>
    );
  return <Failure error={error} standalone={standalone} />;
}

/** Something really went wrong: said to the user, and logged for whoever reads the console. */
function Failure({ error, standalone }: { error: unknown; standalone: boolean }) {
  const t = useT();
  useDocumentTitle(t('error.title'));
  console.error(isRouteErrorResponse(error) ? `${error.status} ${error.statusText}` : error);
  return (
    <Main standalone={standalone}>
      <h1>{t('error.title')}</h1>
      <ErrorState error={error} onRetry={() => window.location.reload()} />
    </Main>
  );
}

function Main({ standalone, children }: { standalone: boolean; children: ReactNode }) {
  if (!standalone) return children;
  return (
    <main id="main-content" className="container page-container">
      {children}
    </main>
  );
}
