import { api } from './client';

export interface Offer {
  id: string;
  municipalityCode: string;
  providerOrganisationId: string;
  providerName: string;
  title: string;
  description: string;
  kind: string;
  themes: string[];
  targetGroups: string[];
  benefitTypes: string[];
  referralType: 'referred' | 'open';
  format: 'group' | 'individual';
  weeks: number | null;
  hoursPerWeek: number | null;
  daysPerWeek: number | null;
  placeName: string | null;
  address: string | null;
  postalCode: string | null;
  capacity: number | null;
  freePlaces: number | null;
  profession: string | null;
  costPerParticipant: number | null;
  introMeeting: string | null;
  /** Randers: enrolment waits for the intro meeting. */
  introRequired: boolean;
  /** Middelfart: a mandatory part of activation, with a weekly rule. */
  mandatoryActivation: boolean;
  minHoursPerWeek: number | null;
  minDaysPerWeek: number | null;
  continueAfterWorkWeeks: number | null;
  languages: string[];
  accessibility: string | null;
  contact: string | null;
  status: 'draft' | 'published' | 'paused' | 'closed';
  nextStart: string | null;
  allowedActions?: string[];
}

export interface FacetValue {
  value: string;
  label: string;
  count: number;
}

export interface OfferSearchResult {
  items: Offer[];
  total: number;
  limit: number;
  offset: number;
  facets: Record<
    'kind' | 'theme' | 'targetGroup' | 'referralType' | 'format' | 'provider',
    FacetValue[]
  >;
  municipalityName?: string;
}

/** What an offer is (decision 1052); the job centre's own offers sit beside the health offers. */
export const offerKinds = [
  'health',
  'association',
  'company_centre',
  'mentor',
  'work_trial',
] as const;
export type OfferKind = (typeof offerKinds)[number];

export interface OfferSearch {
  q?: string;
  themes?: string[];
  kind?: OfferKind;
  referralType?: 'referred' | 'open';
  format?: 'group' | 'individual';
  providerId?: string;
  startsWithinWeeks?: number;
  freePlaces?: boolean;
  sort?: 'relevance' | 'next_start';
  limit?: number;
  offset?: number;
}

export const themeCodes = ['kost', 'rygning', 'alkohol', 'motion', 'misbrug', 'psykisk_helbred'];

export const searchOffers = (body: OfferSearch) =>
  api<OfferSearchResult>('/api/catalogue/offers/search', { method: 'POST', body });

export const getOffer = (id: string) => api<Offer>(`/api/catalogue/offers/${id}`);

export const createOffer = (body: Partial<Offer>) =>
  api<Offer>('/api/catalogue/offers', { method: 'POST', body });

export const updateOffer = (id: string, body: Partial<Offer>) =>
  api<Offer>(`/api/catalogue/offers/${id}`, { method: 'PATCH', body });

export function publicOffers(
  code: string,
  params: Record<string, string | number | boolean | string[] | undefined>,
) {
  // A list is sent as the same key repeated (?theme=kost&theme=motion).
  const qs = new URLSearchParams(
    Object.entries(params).flatMap(([k, v]) =>
      v === '' || v === undefined ? [] : Array.isArray(v) ? v.map((x) => [k, x]) : [[k, String(v)]],
    ),
  );
  return api<OfferSearchResult>(`/api/public/offers/${code}?${qs}`);
}

export const publicOffer = (code: string, id: string) =>
  api<Offer>(`/api/public/offers/${code}/${id}`);

export function danishDate(iso: string | null): string {
  if (!iso) return '';
  return new Date(`${iso}T12:00:00`).toLocaleDateString('da-DK', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  });
}
