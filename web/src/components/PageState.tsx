/**
 * What a page or a section shows until its data is there: loading, an error with a way to try
 * again, a calm "no access" (403, or when the page knows from allowedActions), or an empty text.
 * With data, it renders `children(data)`.
 */
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ApiError } from '../api/client';
import { useT } from '../i18n';
import { ErrorState } from './ErrorState';
import { errorMessage } from './errors';
import { Icon } from './Icon';
import { Loading } from './Loading';

/** "You have no access to this": information, not an error; the server's reason when it gave one. */
export function NoAccess({ error }: { error?: unknown }) {
  const t = useT();
  return (
    <div className="alert alert-info">
      <Icon name="info" className="alert-icon" />
      <div className="alert-body">
        <p className="alert-heading">{t('pageState.noAccess')}</p>
        <p className="alert-text">
          {error instanceof ApiError && error.detail
            ? errorMessage(error, t)
            : t('pageState.noAccess.text')}
        </p>
      </div>
    </div>
  );
}

const hasNoRows = (data: unknown) =>
  Array.isArray(data)
    ? data.length === 0
    : Array.isArray((data as { items?: unknown })?.items) &&
      (data as { items: unknown[] }).items.length === 0;

export function PageState<T>({
  query,
  empty,
  isEmpty = hasNoRows,
  noAccess = false,
  children,
}: {
  query: UseQueryResult<T>;
  /** Shown instead of `children` when `isEmpty(data)` (by default: no rows or no items). */
  empty?: ReactNode;
  isEmpty?: (data: T) => boolean;
  noAccess?: boolean;
  children: (data: T) => ReactNode;
}) {
  if (noAccess) return <NoAccess />;
  if (query.isPending) return <Loading />;
  if (query.isError) {
    if (query.error instanceof ApiError && query.error.status === 403) {
      return <NoAccess error={query.error} />;
    }
    return <ErrorState error={query.error} onRetry={() => query.refetch()} />;
  }
  if (empty !== undefined && isEmpty(query.data)) return <p>{empty}</p>;
  return <>{children(query.data)}</>;
}
