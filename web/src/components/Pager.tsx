import { useT } from '../i18n';

/** Previous / next paging with "showing x–y of n", announced to screen readers. */
export function Pager({
  total,
  limit,
  offset,
  onChange,
  label,
}: {
  total: number;
  limit: number;
  offset: number;
  onChange: (offset: number) => void;
  label: string;
}) {
  const t = useT();
  if (total <= limit) return null;
  const from = offset + 1;
  const to = Math.min(offset + limit, total);
  return (
    <nav className="pager mt-5" aria-label={label}>
      <p aria-live="polite">{t('pager.showing', { from, to, total })}</p>
      <button
        type="button"
        className="button button-secondary"
        disabled={offset === 0}
        onClick={() => onChange(Math.max(0, offset - limit))}
      >
        {t('pager.previous')}
      </button>{' '}
      <button
        type="button"
        className="button button-secondary"
        disabled={to >= total}
        onClick={() => onChange(offset + limit)}
      >
        {t('pager.next')}
      </button>
    </nav>
  );
}
