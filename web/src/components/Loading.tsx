import { useT } from '../i18n';

/** Announced politely to screen readers; the spinner itself is decoration. */
export function Loading() {
  const t = useT();
  return (
    <div className="loading" role="status">
      <div className="spinner" aria-hidden="true" />
      <div className="spinner-status">{t('loading')}</div>
    </div>
  );
}
