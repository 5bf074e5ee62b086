/**
 * What a page or a section shows until its data is there: loading, an error with a way to try
 * again, "no access", or an empty text. With data, it renders `children(data)`. A query the role
 * is refused (403) goes through ErrorState, which turns the whole page into the no-access page
 * (components/NoAccess.tsx, decision 0861); `noAccess` is for a section the page knows from
 * allowedActions the user may not see, and shows a calm notice in its place.
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
export function NoAccessNotice({ error }: { error?: unknown }) {
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
  if (noAccess) return <NoAccessNotice />;
  if (query.isPending) return <Loading />;
  if (query.isError) {
    return <ErrorState error={query.error} onRetry={() => query.refetch()} />;
  }
  if (empty !== undefined && isEmpty(query.data)) return <p>{empty}</p>;
  return <>{children(query.data)}</>;
}
