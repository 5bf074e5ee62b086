import { Link } from 'react-router';
import { danishDate, type FacetValue, type Offer, themeCodes } from '../../api/catalogue';
import { useT } from '../../i18n';
import type { MessageKey } from '../../i18n/da';

export const themeKey = (code: string) => `catalogue.theme.${code}` as MessageKey;

export interface Filters {
  q: string;
  themes: string[];
  referralType: '' | 'referred' | 'open';
  format: '' | 'group' | 'individual';
  startsWithinWeeks: string;
  freePlaces: boolean;
  sort: '' | 'relevance' | 'next_start';
}

export const emptyFilters: Filters = {
  q: '',
  themes: [],
  referralType: '',
  format: '',
  startsWithinWeeks: '',
  freePlaces: false,
  sort: '',
};

const count = (facets: FacetValue[] | undefined, value: string) =>
  facets?.find((f) => f.value === value)?.count ?? 0;

/** Search box and filters; facet counts beside each choice. */
export function OfferFilters({
  filters,
  onChange,
  facets,
  showReferral,
}: {
  filters: Filters;
  onChange: (f: Filters) => void;
  facets?: Record<string, FacetValue[]>;
  showReferral: boolean;
}) {
  const t = useT();
  const set = (patch: Partial<Filters>) => onChange({ ...filters, ...patch });
  return (
    // biome-ignore lint/a11y/useSemanticElements: a form with role search is the widely supported landmark
    <form
      role="search"
      aria-label={t('catalogue.search.label')}
      onSubmit={(e) => e.preventDefault()}
    >
      <div className="form-group">
        <label className="form-label" htmlFor="offer-q">
          {t('catalogue.search.q')}
        </label>
        <input
          id="offer-q"
          className="form-input"
          type="search"
          value={filters.q}
          onChange={(e) => set({ q: e.target.value })}
          autoComplete="off"
        />
      </div>
      <fieldset className="mt-4">
        <legend className="form-label">{t('catalogue.search.themes')}</legend>
        <ul className="nobullet-list">
          {themeCodes.map((code) => (
            <li key={code} className="form-group-checkbox">
              <input
                id={`theme-${code}`}
                type="checkbox"
                className="form-checkbox"
                checked={filters.themes.includes(code)}
                onChange={(e) =>
                  set({
                    themes: e.target.checked
                      ? [...filters.themes, code]
                      : filters.themes.filter((x) => x !== code),
                  })
                }
              />
              <label className="form-label" htmlFor={`theme-${code}`}>
                {t(themeKey(code))} ({count(facets?.theme, code)})
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      {showReferral && (
        <div className="form-group">
          <label className="form-label" htmlFor="offer-referral">
            {t('catalogue.search.referral')}
          </label>
          <select
            id="offer-referral"
            className="form-select"
            value={filters.referralType}
            onChange={(e) => set({ referralType: e.target.value as Filters['referralType'] })}
          >
            <option value="">{t('catalogue.search.all')}</option>
            <option value="referred">
              {t('catalogue.referred')} ({count(facets?.referralType, 'referred')})
            </option>
            <option value="open">
              {t('catalogue.open')} ({count(facets?.referralType, 'open')})
            </option>
          </select>
        </div>
      )}
      <div className="form-group">
        <label className="form-label" htmlFor="offer-format">
          {t('catalogue.search.format')}
        </label>
        <select
          id="offer-format"
          className="form-select"
          value={filters.format}
          onChange={(e) => set({ format: e.target.value as Filters['format'] })}
        >
          <option value="">{t('catalogue.search.all')}</option>
          <option value="group">
            {t('catalogue.group')} ({count(facets?.format, 'group')})
          </option>
          <option value="individual">
            {t('catalogue.individual')} ({count(facets?.format, 'individual')})
          </option>
        </select>
      </div>
      <div className="form-group">
        <label className="form-label" htmlFor="offer-weeks">
          {t('catalogue.search.within')}
        </label>
        <select
          id="offer-weeks"
          className="form-select"
          value={filters.startsWithinWeeks}
          onChange={(e) => set({ startsWithinWeeks: e.target.value })}
        >
          <option value="">{t('catalogue.search.anytime')}</option>
          {[2, 4, 8, 12].map((w) => (
            <option key={w} value={w}>
              {t('catalogue.search.weeks', { weeks: w })}
            </option>
          ))}
        </select>
      </div>
      <div className="form-group-checkbox mt-4">
        <input
          id="offer-free"
          type="checkbox"
          className="form-checkbox"
          checked={filters.freePlaces}
          onChange={(e) => set({ freePlaces: e.target.checked })}
        />
        <label className="form-label" htmlFor="offer-free">
          {t('catalogue.search.free')}
        </label>
      </div>
      <div className="form-group">
        <label className="form-label" htmlFor="offer-sort">
          {t('catalogue.search.sort')}
        </label>
        <select
          id="offer-sort"
          className="form-select"
          value={filters.sort}
          onChange={(e) => set({ sort: e.target.value as Filters['sort'] })}
        >
          <option value="">{t('catalogue.search.sortAuto')}</option>
          <option value="relevance">{t('catalogue.search.sortRelevance')}</option>
          <option value="next_start">{t('catalogue.search.sortStart')}</option>
        </select>
      </div>
    </form>
  );
}

export function OfferCard({ offer, to }: { offer: Offer; to: string }) {
  const t = useT();
  return (
    <li className="card mb-5">
      <div className="card-content">
        <h2 className="h4 mt-0">
          <Link to={to}>{offer.title}</Link>
        </h2>
        <p className="mb-2">{offer.providerName}</p>
        <p className="mb-2">
          {offer.themes.map((c) => t(themeKey(c))).join(', ')} ·{' '}
          {offer.referralType === 'open' ? t('catalogue.open') : t('catalogue.referred')} ·{' '}
          {offer.format === 'group' ? t('catalogue.group') : t('catalogue.individual')}
        </p>
        <p className="mb-0">
          {offer.nextStart
            ? t('catalogue.startsOn', { date: danishDate(offer.nextStart) })
            : t('catalogue.rolling')}
          {offer.freePlaces !== null && ` · ${t('catalogue.freePlaces', { n: offer.freePlaces })}`}
          {offer.status !== 'published' &&
            ` · ${t(`catalogue.status.${offer.status}` as MessageKey)}`}
        </p>
      </div>
    </li>
  );
}

export function OfferDetails({ offer }: { offer: Offer }) {
  const t = useT();
  const rows: [MessageKey, string | null][] = [
    ['catalogue.field.provider', offer.providerName],
    ['catalogue.field.themes', offer.themes.map((c) => t(themeKey(c))).join(', ')],
    ['catalogue.field.targetGroups', offer.targetGroups.join(', ') || null],
    [
      'catalogue.field.referral',
      offer.referralType === 'open' ? t('catalogue.open') : t('catalogue.referred'),
    ],
    [
      'catalogue.field.format',
      offer.format === 'group' ? t('catalogue.group') : t('catalogue.individual'),
    ],
    [
      'catalogue.field.nextStart',
      offer.nextStart ? danishDate(offer.nextStart) : t('catalogue.rolling'),
    ],
    [
      'catalogue.field.scope',
      [
        offer.weeks && t('catalogue.weeks', { n: offer.weeks }),
        offer.hoursPerWeek && t('catalogue.hoursPerWeek', { n: offer.hoursPerWeek }),
        offer.daysPerWeek && t('catalogue.daysPerWeek', { n: offer.daysPerWeek }),
      ]
        .filter(Boolean)
        .join(', ') || null,
    ],
    ['catalogue.field.place', [offer.placeName, offer.address].filter(Boolean).join(', ') || null],
    [
      'catalogue.field.capacity',
      offer.capacity !== null
        ? `${offer.capacity} (${t('catalogue.freePlaces', { n: offer.freePlaces ?? 0 })})`
        : null,
    ],
    ['catalogue.field.profession', offer.profession],
    [
      'catalogue.field.cost',
      offer.costPerParticipant !== null
        ? `${offer.costPerParticipant.toLocaleString('da-DK')} kr.`
        : null,
    ],
    ['catalogue.field.intro', offer.introMeeting],
    ['catalogue.field.accessibility', offer.accessibility],
    ['catalogue.field.contact', offer.contact],
  ];
  return (
    <>
      <p className="font-lead">{offer.description}</p>
      <dl>
        {rows
          .filter(([, v]) => v)
          .map(([k, v]) => (
            <div key={k}>
              <dt>{t(k)}</dt>
              <dd>{v}</dd>
            </div>
          ))}
      </dl>
    </>
  );
}

/** Previous / next page links for a result list. */
export function Pager({
  total,
  limit,
  offset,
  onPage,
}: {
  total: number;
  limit: number;
  offset: number;
  onPage: (offset: number) => void;
}) {
  const t = useT();
  if (total <= limit) return null;
  return (
    <nav aria-label={t('catalogue.pager.label')} className="mt-4">
      <button
        type="button"
        className="button button-secondary"
        disabled={offset === 0}
        onClick={() => onPage(Math.max(0, offset - limit))}
      >
        {t('catalogue.pager.prev')}
      </button>{' '}
      <span>
        {t('catalogue.pager.range', {
          from: offset + 1,
          to: Math.min(total, offset + limit),
          total,
        })}
      </span>{' '}
      <button
        type="button"
        className="button button-secondary"
        disabled={offset + limit >= total}
        onClick={() => onPage(offset + limit)}
      >
        {t('catalogue.pager.next')}
      </button>
    </nav>
  );
}
