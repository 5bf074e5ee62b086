import { createContext, type ReactNode, useCallback, useContext, useEffect, useState } from 'react';
import { Link, useLocation } from 'react-router';
import { ApiError } from '../api/client';
import { useT } from '../i18n';
import { PageHeading, useDocumentTitle } from './PageHeading';

/**
 * A 403 `forbidden` problem: the caller's role may not do this at all. Rows of another
 * municipality or organisation answer 404, and pages only offer what `allowedActions` allows, so
 * a 403 on a page's query means the address is for another role (typed in, or an old bookmark).
 */
export function isForbidden(error: unknown): boolean {
  return error instanceof ApiError && error.status === 403 && error.code === 'forbidden';
}

/** The calm page for an address the user's role may not open, with a way back to the start. */
export function NoAccess() {
  const t = useT();
  useDocumentTitle(t('noAccess.title'));
  return (
    <>
      <PageHeading>{t('noAccess.title')}</PageHeading>
      <p>{t('noAccess.text')}</p>
      <p>
        <Link to="/">{t('noAccess.home')}</Link>
      </p>
    </>
  );
}

const NoAccessContext = createContext<(() => void) | null>(null);

/**
 * Around the pages of logged-in users: when a page's query is refused (see ErrorState), the
 * whole page becomes <NoAccess />, instead of an error in each section under the page's own
 * heading. Opening another address shows that page again.
 */
export function NoAccessBoundary({ children }: { children: ReactNode }) {
  const location = useLocation();
  const [refusedAt, setRefusedAt] = useState<string | null>(null);
  const report = useCallback(() => setRefusedAt(location.key), [location.key]);
  if (refusedAt === location.key) return <NoAccess />;
  return <NoAccessContext.Provider value={report}>{children}</NoAccessContext.Provider>;
}

/**
 * Shown by ErrorState for a refused query: tells the boundary, which replaces the page; outside
 * one (a public page) it is shown in place.
 */
export function RefusedQuery() {
  const report = useContext(NoAccessContext);
  useEffect(() => report?.(), [report]);
  return report ? null : <NoAccess />;
}
