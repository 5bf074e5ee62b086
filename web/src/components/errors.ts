import { ApiError } from '../api/client';
import type { Translate } from '../i18n';

/** The text to show a person for an error: the server's own `detail` when it has one. */
export function errorMessage(error: unknown, t: Translate): string {
  if (error instanceof ApiError) {
    if (error.status === 0) return t('error.network');
    if (error.detail) return error.detail;
    if (error.status === 429) {
      return error.retryAfter
        ? t('error.rateLimitedSeconds', { seconds: error.retryAfter })
        : t('error.rateLimited');
    }
    if (error.status === 401) return t('error.unauthenticated');
  }
  return t('error.generic');
}
