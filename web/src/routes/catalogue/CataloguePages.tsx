import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import {
  createOffer,
  getOffer,
  type Offer,
  type OfferKind,
  type OfferSearch,
  offerKinds,
  publicOffer,
  publicOffers,
  searchOffers,
  updateOffer,
} from '../../api/catalogue';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ErrorState } from '../../components/ErrorState';
import {
  CheckboxField,
  DateField,
  fieldError,
  InputField,
  SelectField,
  TextareaField,
} from '../../components/FormField';
import { Loading } from '../../components/Loading';
import { PageHeading, useDocumentTitle } from '../../components/PageHeading';
import { Pager } from '../../components/Pager';
import { PageState } from '../../components/PageState';
import { useDebounced } from '../../components/useDebounced';
import { useT } from '../../i18n';
import {
  emptyFilters,
  type Filters,
  kindKey,
  OfferCard,
  OfferDetails,
  OfferFilters,
  ThemeChoices,
  themeKey,
} from './OfferParts';

const PAGE = 20;

function toSearch(f: Filters, offset: number): OfferSearch {
  return {
    q: f.q.trim() || undefined,
    themes: f.themes.length ? f.themes : undefined,
    kind: f.kind || undefined,
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
        <PageState query={result}>
          {(data) => (
            <>
              <p role="status" aria-live="polite">
                {t('catalogue.results', { n: data.total })}
              </p>
              {data.items.length === 0 ? (
                <p>{t('catalogue.empty')}</p>
              ) : (
                <ul className="nobullet-list">
                  {data.items.map((o) => (
                    <OfferCard key={o.id} offer={o} to={linkTo(o)} />
                  ))}
                </ul>
              )}
              <Pager
                total={data.total}
                limit={data.limit}
                offset={data.offset}
                onChange={onPage}
                label={t('catalogue.pager.label')}
              />
            </>
          )}
        </PageState>
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
          kind: 'health',
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
  // Each field shows the server's message for it (problem+json `errors`).
  const text = (key: keyof Offer, label: string, multiline = false) => {
    const props = {
      id: `offer-${key}`,
      label,
      error: fieldError(save.error, key),
      value: (form[key] as string | null) ?? '',
    };
    return multiline ? (
      <TextareaField {...props} rows={4} onChange={(v) => set({ [key]: v })} />
    ) : (
      <InputField {...props} onChange={(v) => set({ [key]: v || null })} />
    );
  };
  const number = (key: keyof Offer, label: string) => (
    <InputField
      id={`offer-${key}`}
      label={label}
      type="number"
      inputMode="numeric"
      inputClassName="input-width-xs"
      value={String((form[key] as number | null) ?? '')}
      onChange={(v) => set({ [key]: v === '' ? null : Number(v) })}
    />
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
        <ThemeChoices
          legend={t('catalogue.field.themes')}
          idPrefix="edit-theme"
          label={(code) => t(themeKey(code))}
          value={form.themes ?? []}
          onChange={(themes) => set({ themes })}
        />
        <SelectField
          id="offer-kind"
          label={t('catalogue.field.kind')}
          hint={t('catalogue.field.kindHint')}
          options={offerKinds.map((k) => ({ value: k, label: t(kindKey(k)) }))}
          value={(form.kind ?? 'health') as OfferKind}
          onChange={(kind) => set({ kind })}
        />
        <SelectField
          id="offer-referralType"
          label={t('catalogue.field.referral')}
          options={(['open', 'referred'] as const).map((r) => ({
            value: r,
            label: t(`catalogue.${r}`),
          }))}
          value={form.referralType!}
          onChange={(referralType) => set({ referralType })}
        />
        <SelectField
          id="offer-format"
          label={t('catalogue.field.format')}
          options={(['group', 'individual'] as const).map((f) => ({
            value: f,
            label: t(`catalogue.${f}`),
          }))}
          value={form.format!}
          onChange={(format) => set({ format })}
        />
        {number('weeks', t('catalogue.field.weeks'))}
        {number('hoursPerWeek', t('catalogue.field.hoursPerWeek'))}
        {number('capacity', t('catalogue.field.capacity'))}
        <DateField
          id="offer-nextStart"
          label={t('catalogue.field.nextStart')}
          value={form.nextStart ?? ''}
          onChange={(v) => set({ nextStart: v || null })}
        />
        {text('placeName', t('catalogue.field.placeName'))}
        {text('address', t('catalogue.field.address'))}
        {text('profession', t('catalogue.field.profession'))}
        {text('introMeeting', t('catalogue.field.intro'))}
        <CheckboxField
          id="offer-introRequired"
          label={t('practices.offer.introRequired')}
          value={form.introRequired ?? false}
          onChange={(introRequired) => set({ introRequired })}
        />
        <fieldset className="form-group">
          <legend className="form-label">{t('practices.offer.mandatoryLegend')}</legend>
          <CheckboxField
            id="offer-mandatoryActivation"
            label={t('practices.offer.mandatory')}
            value={form.mandatoryActivation ?? false}
            onChange={(mandatoryActivation) =>
              set(
                mandatoryActivation
                  ? { mandatoryActivation }
                  : { mandatoryActivation, minHoursPerWeek: null, minDaysPerWeek: null },
              )
            }
          />
          {form.mandatoryActivation && (
            <>
              {number('minHoursPerWeek', t('practices.offer.minHours'))}
              {number('minDaysPerWeek', t('practices.offer.minDays'))}
            </>
          )}
          {number('continueAfterWorkWeeks', t('practices.offer.continueWeeks'))}
        </fieldset>
        {text('contact', t('catalogue.field.contact'))}
        <SelectField
          id="offer-status"
          label={t('catalogue.field.status')}
          options={statuses.map((s) => ({ value: s, label: t(`catalogue.status.${s}`) }))}
          value={form.status!}
          onChange={(status) => set({ status })}
        />
        <button type="submit" className="button button-primary mt-6" disabled={save.isPending}>
          {t('catalogue.editor.save')}
        </button>
      </form>
    </>
  );
}
