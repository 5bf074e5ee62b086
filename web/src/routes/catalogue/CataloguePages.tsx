import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import {
  createOffer,
  getOffer,
  type Offer,
  type OfferSearch,
  publicOffer,
  publicOffers,
  searchOffers,
  themeCodes,
  updateOffer,
} from '../../api/catalogue';
import { ApiError } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { PageHeading, useDocumentTitle } from '../../components/PageHeading';
import { useDebounced } from '../../components/useDebounced';
import { useT } from '../../i18n';
import {
  emptyFilters,
  type Filters,
  OfferCard,
  OfferDetails,
  OfferFilters,
  Pager,
  themeKey,
} from './OfferParts';

const PAGE = 20;

function toSearch(f: Filters, offset: number): OfferSearch {
  return {
    q: f.q.trim() || undefined,
    themes: f.themes.length ? f.themes : undefined,
    referralType: f.referralType || undefined,
    format: f.format || undefined,
    startsWithinWeeks: f.startsWithinWeeks ? Number(f.startsWithinWeeks) : undefined,
    freePlaces: f.freePlaces || undefined,
    sort: f.sort || undefined,
    limit: PAGE,
    offset,
  };
}

/** Staff catalogue search (/tilbud). */
export function CataloguePage() {
  const t = useT();
  useDocumentTitle(t('catalogue.title'));
  const [filters, setFilters] = useState<Filters>(emptyFilters);
  const [offset, setOffset] = useState(0);
  const debounced = useDebounced(filters);
  const result = useQuery({
    queryKey: ['catalogue', debounced, offset],
    queryFn: () => searchOffers(toSearch(debounced, offset)),
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <PageHeading>{t('catalogue.title')}</PageHeading>
      <p>
        <Link to="/tilbud/ny">{t('catalogue.new')}</Link>
      </p>
      <SearchLayout
        filters={filters}
        onFilters={(f) => {
          setFilters(f);
          setOffset(0);
        }}
        result={result}
        showReferral
        linkTo={(o) => `/tilbud/vis/${o.id}`}
        onPage={setOffset}
      />
    </>
  );
}

function SearchLayout({
  filters,
  onFilters,
  result,
  showReferral,
  linkTo,
  onPage,
}: {
  filters: Filters;
  onFilters: (f: Filters) => void;
  result: ReturnType<typeof useQuery<Awaited<ReturnType<typeof searchOffers>>>>;
  showReferral: boolean;
  linkTo: (o: Offer) => string;
  onPage: (offset: number) => void;
}) {
  const t = useT();
  return (
    <div className="row">
      <div className="col-12 col-lg-4">
        <OfferFilters
          filters={filters}
          onChange={onFilters}
          facets={result.data?.facets}
          showReferral={showReferral}
        />
      </div>
      <div className="col-12 col-lg-8">
        {result.isPending ? (
          <Loading />
        ) : result.isError ? (
          <ErrorState error={result.error} onRetry={() => result.refetch()} />
        ) : (
          <>
            <p role="status" aria-live="polite">
              {t('catalogue.results', { n: result.data.total })}
            </p>
            {result.data.items.length === 0 ? (
              <p>{t('catalogue.empty')}</p>
            ) : (
              <ul className="nobullet-list">
                {result.data.items.map((o) => (
                  <OfferCard key={o.id} offer={o} to={linkTo(o)} />
                ))}
              </ul>
            )}
            <Pager
              total={result.data.total}
              limit={result.data.limit}
              offset={result.data.offset}
              onPage={onPage}
            />
          </>
        )}
      </div>
    </div>
  );
}

/** Public page of a municipality's open offers, without login (/tilbud/:municipalityCode). */
export function PublicCataloguePage() {
  const { municipalityCode = '' } = useParams();
  const t = useT();
  const [filters, setFilters] = useState<Filters>(emptyFilters);
  const [offset, setOffset] = useState(0);
  const debounced = useDebounced(filters);
  const result = useQuery({
    queryKey: ['public-catalogue', municipalityCode, debounced, offset],
    queryFn: () =>
      publicOffers(municipalityCode, {
        q: debounced.q.trim(),
        theme: debounced.themes,
        format: debounced.format,
        startsWithinWeeks: debounced.startsWithinWeeks,
        ...(debounced.freePlaces ? { freePlaces: true } : {}),
        sort: debounced.sort,
        limit: PAGE,
        offset,
      }),
    placeholderData: keepPreviousData,
  });
  const title = result.data?.municipalityName
    ? t('catalogue.public.title', { municipality: result.data.municipalityName })
    : t('catalogue.public.titleShort');
  useDocumentTitle(title);
  return (
    <>
      <PageHeading>{title}</PageHeading>
      <p className="font-lead">{t('catalogue.public.intro')}</p>
      <SearchLayout
        filters={filters}
        onFilters={(f) => {
          setFilters(f);
          setOffset(0);
        }}
        result={result}
        showReferral={false}
        linkTo={(o) => `/tilbud/${municipalityCode}/${o.id}`}
        onPage={setOffset}
      />
    </>
  );
}

export function PublicOfferPage() {
  const { municipalityCode = '', id = '' } = useParams();
  const offer = useQuery({
    queryKey: ['public-offer', municipalityCode, id],
    queryFn: () => publicOffer(municipalityCode, id),
  });
  return <OfferView offer={offer} back={`/tilbud/${municipalityCode}`} />;
}

/** Offer detail for staff and citizens (/tilbud/vis/:id). */
export function OfferPage() {
  const { id = '' } = useParams();
  const t = useT();
  const offer = useQuery({ queryKey: ['offer', id], queryFn: () => getOffer(id) });
  return (
    <OfferView offer={offer} back="/tilbud">
      {offer.data?.allowedActions?.includes('catalogue.edit') && (
        <Link className="button button-secondary" to={`/tilbud/vis/${id}/rediger`}>
          {t('catalogue.edit')}
        </Link>
      )}
    </OfferView>
  );
}

function OfferView({
  offer,
  back,
  children,
}: {
  offer: ReturnType<typeof useQuery<Offer>>;
  back: string;
  children?: React.ReactNode;
}) {
  const t = useT();
  useDocumentTitle(offer.data?.title ?? t('catalogue.offer'));
  if (offer.isPending) return <Loading />;
  if (offer.isError) {
    return (
      <>
        <PageHeading>{t('catalogue.offer')}</PageHeading>
        <ErrorState error={offer.error} />
      </>
    );
  }
  return (
    <>
      <p>
        <Link to={back}>{t('catalogue.back')}</Link>
      </p>
      <PageHeading>{offer.data.title}</PageHeading>
      <OfferDetails offer={offer.data} />
      {children}
    </>
  );
}

const statuses = ['draft', 'published', 'paused', 'closed'] as const;

/** Offer editor for the provider's own staff and administrators. */
export function OfferEditorPage() {
  const { id } = useParams();
  const t = useT();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const existing = useQuery({
    queryKey: ['offer', id],
    queryFn: () => getOffer(id as string),
    enabled: !!id,
  });
  const [form, setForm] = useState<Partial<Offer> | null>(
    id
      ? null
      : {
          title: '',
          description: '',
          themes: [],
          referralType: 'open',
          format: 'group',
          status: 'draft',
        },
  );
  useEffect(() => {
    if (existing.data && !form) setForm(existing.data);
  }, [existing.data, form]);
  const save = useMutation({
    mutationFn: (body: Partial<Offer>) => (id ? updateOffer(id, body) : createOffer(body)),
    onSuccess: async (offer) => {
      await queryClient.invalidateQueries({ queryKey: ['offer', offer.id] });
      navigate(`/tilbud/vis/${offer.id}`);
    },
  });
  const title = id ? t('catalogue.editor.editTitle') : t('catalogue.editor.newTitle');
  useDocumentTitle(title);
  if (id && existing.isError) return <ErrorState error={existing.error} />;
  if (!form) return <Loading />;
  const set = (patch: Partial<Offer>) => setForm({ ...form, ...patch });
  const errors =
    save.error instanceof ApiError
      ? Object.fromEntries(save.error.errors.map((e) => [e.pointer.slice(1), e.message]))
      : {};
  const text = (key: keyof Offer, label: string, multiline = false) => (
    <div className={`form-group${errors[key] ? ' form-error' : ''}`}>
      <label className="form-label" htmlFor={`offer-${key}`}>
        {label}
      </label>
      {errors[key] && <span className="form-error-message">{errors[key]}</span>}
      {multiline ? (
        <textarea
          id={`offer-${key}`}
          className="form-input"
          rows={4}
          value={(form[key] as string | null) ?? ''}
          onChange={(e) => set({ [key]: e.target.value })}
        />
      ) : (
        <input
          id={`offer-${key}`}
          className="form-input"
          value={(form[key] as string | null) ?? ''}
          onChange={(e) => set({ [key]: e.target.value || null })}
        />
      )}
    </div>
  );
  const number = (key: keyof Offer, label: string) => (
    <div className="form-group">
      <label className="form-label" htmlFor={`offer-${key}`}>
        {label}
      </label>
      <input
        id={`offer-${key}`}
        className="form-input input-width-xs"
        type="number"
        inputMode="numeric"
        value={(form[key] as number | null) ?? ''}
        onChange={(e) => set({ [key]: e.target.value === '' ? null : Number(e.target.value) })}
      />
    </div>
  );
  return (
    <>
      <PageHeading>{title}</PageHeading>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const body: Record<string, unknown> = { ...form };
          for (const k of [
            'id',
            'municipalityCode',
            'providerName',
            'postalCode',
            'freePlaces',
            'allowedActions',
          ])
            delete body[k];
          save.mutate(body as Partial<Offer>);
        }}
      >
        <ErrorAlert error={save.error} />
        {text('title', t('catalogue.field.title'))}
        {text('description', t('catalogue.field.description'), true)}
        <fieldset className="mt-4">
          <legend className="form-label">{t('catalogue.field.themes')}</legend>
          <ul className="nobullet-list">
            {themeCodes.map((code) => (
              <li key={code} className="form-group-checkbox">
                <input
                  id={`edit-theme-${code}`}
                  type="checkbox"
                  className="form-checkbox"
                  checked={form.themes?.includes(code) ?? false}
                  onChange={(e) =>
                    set({
                      themes: e.target.checked
                        ? [...(form.themes ?? []), code]
                        : (form.themes ?? []).filter((x) => x !== code),
                    })
                  }
                />
                <label className="form-label" htmlFor={`edit-theme-${code}`}>
                  {t(themeKey(code))}
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
        <div className="form-group">
          <label className="form-label" htmlFor="offer-referralType">
            {t('catalogue.field.referral')}
          </label>
          <select
            id="offer-referralType"
            className="form-select"
            value={form.referralType}
            onChange={(e) => set({ referralType: e.target.value as Offer['referralType'] })}
          >
            <option value="open">{t('catalogue.open')}</option>
            <option value="referred">{t('catalogue.referred')}</option>
          </select>
        </div>
        <div className="form-group">
          <label className="form-label" htmlFor="offer-format">
            {t('catalogue.field.format')}
          </label>
          <select
            id="offer-format"
            className="form-select"
            value={form.format}
            onChange={(e) => set({ format: e.target.value as Offer['format'] })}
          >
            <option value="group">{t('catalogue.group')}</option>
            <option value="individual">{t('catalogue.individual')}</option>
          </select>
        </div>
        {number('weeks', t('catalogue.field.weeks'))}
        {number('hoursPerWeek', t('catalogue.field.hoursPerWeek'))}
        {number('capacity', t('catalogue.field.capacity'))}
        <div className="form-group">
          <label className="form-label" htmlFor="offer-nextStart">
            {t('catalogue.field.nextStart')}
          </label>
          <input
            id="offer-nextStart"
            className="form-input input-width-s"
            type="date"
            value={form.nextStart ?? ''}
            onChange={(e) => set({ nextStart: e.target.value || null })}
          />
        </div>
        {text('placeName', t('catalogue.field.placeName'))}
        {text('address', t('catalogue.field.address'))}
        {text('profession', t('catalogue.field.profession'))}
        {text('introMeeting', t('catalogue.field.intro'))}
        {text('contact', t('catalogue.field.contact'))}
        <div className="form-group">
          <label className="form-label" htmlFor="offer-status">
            {t('catalogue.field.status')}
          </label>
          <select
            id="offer-status"
            className="form-select"
            value={form.status}
            onChange={(e) => set({ status: e.target.value as Offer['status'] })}
          >
            {statuses.map((s) => (
              <option key={s} value={s}>
                {t(`catalogue.status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button button-primary mt-6" disabled={save.isPending}>
          {t('catalogue.editor.save')}
        </button>
      </form>
    </>
  );
}
