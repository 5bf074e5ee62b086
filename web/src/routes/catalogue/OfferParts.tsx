import { Link } from 'react-router';
import {
  danishDate,
  type FacetValue,
  type Offer,
  type OfferKind,
  offerKinds,
  themeCodes,
} from '../../api/catalogue';
import {
  bindFields,
  CheckboxField,
  ChoiceGroup,
  InputField,
  SelectField,
} from '../../components/FormField';
import { useT } from '../../i18n';
import type { MessageKey } from '../../i18n/da';

export const themeKey = (code: string) => `catalogue.theme.${code}` as MessageKey;
export const kindKey = (kind: string) => `catalogue.kind.${kind}` as MessageKey;

export interface Filters {
  q: string;
  themes: string[];
  kind: '' | OfferKind;
  referralType: '' | 'referred' | 'open';
  format: '' | 'group' | 'individual';
  startsWithinWeeks: string;
  freePlaces: boolean;
  sort: '' | 'relevance' | 'next_start';
}

export const emptyFilters: Filters = {
  q: '',
  themes: [],
  kind: '',
  referralType: '',
  format: '',
  startsWithinWeeks: '',
  freePlaces: false,
  sort: '',
};

/** The themes as checkboxes (search filter and offer editor); ids `${idPrefix}-${code}`. */
export function ThemeChoices({
  legend,
  idPrefix,
  label,
  value,
  onChange,
}: {
  legend: string;
  idPrefix: string;
  label: (code: string) => string;
  value: readonly string[];
  onChange: (themes: string[]) => void;
}) {
  return (
    <ChoiceGroup
      type="checkbox"
      className="mt-4"
      legend={legend}
      idPrefix={idPrefix}
      options={themeCodes.map((code) => ({ value: code, label: label(code) }))}
      value={value}
      onChange={onChange}
    />
  );
}

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
  const field = bindFields(filters, onChange);
  return (
    // biome-ignore lint/a11y/useSemanticElements: a form with role search is the widely supported landmark
    <form
      role="search"
      aria-label={t('catalogue.search.label')}
      onSubmit={(e) => e.preventDefault()}
    >
      <InputField
        id="offer-q"
        label={t('catalogue.search.q')}
        type="search"
        autoComplete="off"
        {...field('q')}
      />
      <ThemeChoices
        legend={t('catalogue.search.themes')}
        idPrefix="theme"
        label={(code) => `${t(themeKey(code))} (${count(facets?.theme, code)})`}
        {...field('themes')}
      />
      {showReferral && (
        <SelectField
          id="offer-kind"
          label={t('catalogue.search.kind')}
          placeholder={t('catalogue.search.all')}
          options={offerKinds.map((k) => ({
            value: k,
            label: `${t(kindKey(k))} (${count(facets?.kind, k)})`,
          }))}
          {...field('kind')}
        />
      )}
      {showReferral && (
        <SelectField
          id="offer-referral"
          label={t('catalogue.search.referral')}
          placeholder={t('catalogue.search.all')}
          options={(['referred', 'open'] as const).map((r) => ({
            value: r,
            label: `${t(`catalogue.${r}`)} (${count(facets?.referralType, r)})`,
          }))}
          {...field('referralType')}
        />
      )}
      <SelectField
        id="offer-format"
        label={t('catalogue.search.format')}
        placeholder={t('catalogue.search.all')}
        options={(['group', 'individual'] as const).map((f) => ({
          value: f,
          label: `${t(`catalogue.${f}`)} (${count(facets?.format, f)})`,
        }))}
        {...field('format')}
      />
      <SelectField
        id="offer-weeks"
        label={t('catalogue.search.within')}
        placeholder={t('catalogue.search.anytime')}
        options={['2', '4', '8', '12'].map((w) => ({
          value: w,
          label: t('catalogue.search.weeks', { weeks: w }),
        }))}
        {...field('startsWithinWeeks')}
      />
      <CheckboxField
        id="offer-free"
        label={t('catalogue.search.free')}
        className="mt-4"
        {...field('freePlaces')}
      />
      <SelectField
        id="offer-sort"
        label={t('catalogue.search.sort')}
        placeholder={t('catalogue.search.sortAuto')}
        options={[
          { value: 'relevance', label: t('catalogue.search.sortRelevance') },
          { value: 'next_start', label: t('catalogue.search.sortStart') },
        ]}
        {...field('sort')}
      />
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
          {t(kindKey(offer.kind))}
          {offer.themes.length > 0 && ` · ${offer.themes.map((c) => t(themeKey(c))).join(', ')}`} ·{' '}
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
    ['catalogue.field.kind', t(kindKey(offer.kind))],
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
    [
      'practices.offer.introRequiredLabel',
      offer.introRequired ? t('practices.offer.introRequiredText') : null,
    ],
    [
      'practices.mandatory.label',
      offer.mandatoryActivation
        ? [
            t('practices.mandatory.offer'),
            offer.minHoursPerWeek !== null &&
              t('practices.weekly.rule', {
                hours: offer.minHoursPerWeek.toLocaleString('da-DK'),
                days: offer.minDaysPerWeek ?? 1,
              }),
          ]
            .filter(Boolean)
            .join('. ')
        : null,
    ],
    [
      'practices.offer.continueWeeksLabel',
      offer.continueAfterWorkWeeks !== null
        ? t('practices.offer.continueWeeksText', { n: offer.continueAfterWorkWeeks })
        : null,
    ],
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
