import type { BenefitType, EndReason } from '@helhed/shared/benefits';
import { api, apiUpload } from './client';

export interface Paged<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export interface CitizenListItem {
  id: string;
  cprMasked: string;
  firstName: string;
  lastName: string;
  age: number;
  responsibleCaseworkerName: string | null;
}

export interface Citizen extends CitizenListItem {
  birthDate: string;
  address: string | null;
  postalCode: string | null;
  city: string | null;
  phone: string | null;
  email: string | null;
  preferredLanguage: string;
  needsInterpreter: boolean;
  allowedActions: string[];
}

export interface BenefitPeriod {
  id: string;
  benefitType: string;
  benefitTypeName: string;
  startDate: string;
  endDate: string | null;
  endReason: string | null;
  source: string;
}

/** The benefit types and end reasons the API takes: one list with the server's schema. */
export {
  type BenefitType,
  benefitTypes,
  type EndReason,
  endReasons,
} from '@helhed/shared/benefits';

export interface ImportDetail {
  id: string;
  fileName: string;
  format: string;
  status: 'previewed' | 'queued' | 'running' | 'completed' | 'failed' | 'cancelled';
  totalRows: number;
  validRows: number;
  errorRows: number;
  processed: number;
  createdCitizens: number;
  createdPeriods: number;
  skippedRows: number;
  errors: { row: number; column: string | null; message: string }[];
  sample: {
    row: number;
    cprMasked: string | null;
    firstName: string | null;
    lastName: string | null;
    benefitType: string | null;
    startDate: string | null;
  }[];
}

export interface QueueItem {
  periodId: string;
  citizenId: string;
  citizenName: string;
  benefitTypeName: string;
  startDate: string;
  weekNumber: number;
  weekStart: string;
  dueDate: string;
  /** Week N has begun or passed ("due now"); false: it begins within 14 days. */
  dueNow: boolean;
  overdue: boolean;
  status: 'to_do' | 'booked';
  assignedTo: string | null;
  assignedToName: string | null;
}

export type Discipline = 'social' | 'psychological' | 'physical';

export interface Screening {
  periodId: string;
  citizenId: string;
  citizenName: string;
  benefitTypeName: string;
  startDate: string;
  weekNumber: number | null;
  dueDate: string | null;
  status: string;
  statusReason: string | null;
  assignedToName: string | null;
  overallRecommendation: string | null;
  recommendationNote: string | null;
  findings: {
    discipline: Discipline;
    findings: string;
    recommendation: string;
    filledByName: string;
  }[];
}

export type RiskGroup = 'green' | 'orange' | 'red';

export interface RiskDecision {
  id: string;
  suggestedGroup: RiskGroup | null;
  decidedGroup: RiskGroup;
  overridden: boolean;
  reason: string | null;
  decidedByName: string | null;
  decidedAt: string;
}

export interface RiskView {
  suggestion: {
    group: RiskGroup;
    firedRules: { explanation: string; group: RiskGroup }[];
    notes: string[];
  };
  currentDecision: RiskDecision | null;
}

export interface RiskRule {
  fact: string;
  operator: 'lt' | 'lte' | 'eq' | 'gte' | 'gt';
  value: number;
  group: RiskGroup;
  description: string;
}

/** The municipality's rule: screen a citizen on this benefit in week N of the period. */
export interface ScreeningRule {
  benefitType: BenefitTypeCode;
  benefitTypeName: string;
  weekNumber: number;
  active: boolean;
  updatedAt: string;
}

/** The benefit types a screening rule can be set for, in the order of the benefit_type table. */
export const benefitTypeCodes = [
  'sygedagpenge',
  'kontanthjaelp_jobparat',
  'kontanthjaelp_aktivitetsparat',
  'uddannelseshjaelp',
  'ressourceforloeb',
  'jobafklaringsforloeb',
  'ledighedsydelse',
  'dagpenge',
] as const;
export type BenefitTypeCode = (typeof benefitTypeCodes)[number];

export interface TimelineEntry {
  occurredAt: string;
  kind: string;
  title: string;
  detail: string | null;
  refId: string | null;
}

export const searchCitizens = (body: Record<string, unknown>) =>
  api<Paged<CitizenListItem> & { allowedActions: string[] }>('/api/citizens/search', {
    method: 'POST',
    body,
  });
export const getCitizen = (id: string) => api<Citizen>(`/api/citizens/${id}`);

/**
 * The caseworker's citizen page in one request (GET /api/citizens/:id/overview, the hot path):
 * everything its first view shows, and what it may offer (allowedActions). Sections that are
 * not in the first view (risk suggestion, follow-up, timeline) load when they are opened.
 */
export interface CitizenOverview {
  allowedActions: string[];
  citizen: Omit<Citizen, 'allowedActions'> & { municipalityCode: string; gender: string | null };
  riskGroup: RiskGroup | null;
  benefitPeriod: {
    id: string;
    benefitType: string;
    nameDa: string;
    nameEn: string;
    startDate: string;
    endDate: string | null;
    weeks: number;
  } | null;
  /** Null when the reader may not read benefit periods (benefit.read). */
  benefitPeriods:
    | {
        id: string;
        benefitType: string;
        nameDa: string;
        nameEn: string;
        startDate: string;
        endDate: string | null;
        endReason: string | null;
        source: string;
      }[]
    | null;
  riskDecision: RiskDecision | null;
  openReferrals: {
    id: string;
    state: string;
    offerTitle: string;
    toOrganisationName: string;
    createdAt: string;
  }[];
  nextSessions: {
    id: string;
    courseTitle: string;
    place: string | null;
    startsAt: string;
    endsAt: string;
  }[];
  health: {
    attendancePresent: number;
    attendanceAbsent: number;
    lastOutcome: { declaredFit: boolean; nextStep: string | null; recordedAt: string } | null;
  } | null;
}
export const getOverview = (id: string) => api<CitizenOverview>(`/api/citizens/${id}/overview`);
/** The query key of the overview: a change on the citizen page invalidates it. */
export const overviewKey = (id: string) => ['overview', id] as const;
export const revealCpr = (id: string) =>
  api<{ cpr: string }>(`/api/citizens/${id}/cpr`, { method: 'POST' });
export const createPeriod = (body: {
  citizenId: string;
  benefitType: BenefitType;
  startDate: string;
  endDate: string | null;
  endReason: EndReason | null;
}) => api<BenefitPeriod>('/api/benefit-periods', { method: 'POST', body });
export const endPeriod = (id: string, body: { endDate: string; endReason: EndReason }) =>
  api<BenefitPeriod>(`/api/benefit-periods/${id}/end`, { method: 'POST', body });
export const getTimeline = (id: string) =>
  api<{ items: TimelineEntry[] }>(`/api/timeline/citizens/${id}`);
export const getRisk = (id: string) => api<RiskView>(`/api/risk/citizens/${id}`);
export const decideRisk = (id: string, body: { group: RiskGroup; reason?: string }) =>
  api<RiskDecision>(`/api/risk/citizens/${id}/decisions`, { method: 'POST', body });
export const uploadImport = (file: File) => apiUpload<ImportDetail>('/api/imports', file);
export const getImport = (id: string) => api<ImportDetail>(`/api/imports/${id}`);
export const commitImport = (id: string) =>
  api<ImportDetail>(`/api/imports/${id}/commit`, { method: 'POST' });
export type QueueDue = 'now' | 'coming' | 'all';
export const getQueue = (offset: number, due: QueueDue = 'now') =>
  api<Paged<QueueItem> & { today: string }>(
    `/api/screening/queue?limit=25&offset=${offset}${due === 'all' ? '' : `&due=${due}`}`,
  );
export const getCaseworkers = () =>
  api<{ items: { id: string; name: string }[] }>('/api/screening/caseworkers');
export const updateScreening = (periodId: string, body: Record<string, unknown>) =>
  api<Screening>(`/api/screening/periods/${periodId}`, { method: 'PATCH', body });
export const getScreening = (periodId: string) =>
  api<Screening>(`/api/screening/periods/${periodId}`);
export const completeScreening = (periodId: string, body: Record<string, unknown>) =>
  api<Screening>(`/api/screening/periods/${periodId}/complete`, { method: 'POST', body });
export const getRiskRules = () =>
  api<{ items: RiskRule[]; facts: { fact: string; label: string }[] }>('/api/risk/rules');
export const saveRiskRules = (rules: RiskRule[]) =>
  api<{ items: RiskRule[] }>('/api/risk/rules', { method: 'PUT', body: { rules } });
export const getScreeningRules = () => api<{ items: ScreeningRule[] }>('/api/screening/rules');
/** The week is sent as typed when it is not a whole number, so the API names the mistake. */
export const saveScreeningRule = (
  benefitType: BenefitTypeCode,
  body: { weekNumber: number | string; active?: boolean },
) =>
  api<{ items: ScreeningRule[] }>(`/api/screening/rules/${benefitType}`, { method: 'PUT', body });
export const getAttention = (days: number) =>
  api<
    Paged<{
      citizenId: string;
      citizenName: string;
      group: RiskGroup;
      decidedAt: string;
      lastActionAt: string | null;
    }>
  >(`/api/risk/attention?days=${days}`);

/** 2026-02-01 → 1.2.2026 (Danish). */
export function danishDate(iso: string | null | undefined): string {
  if (!iso) return '';
  return new Date(`${iso.slice(0, 10)}T12:00:00Z`).toLocaleDateString('da-DK');
}

export interface RiskSuggestionItem {
  citizenId: string;
  citizenName: string;
  suggestedGroup: RiskGroup;
  /** The descriptions of the rules that fired; never the values behind them. */
  reasons: string[];
  since: string | null;
  decision: { group: RiskGroup; decidedAt: string } | null;
  pending: boolean;
}
export const getRiskSuggestions = (q: {
  sort: 'group' | 'date';
  pending: boolean;
  limit: number;
  offset: number;
}) =>
  api<Paged<RiskSuggestionItem>>(
    `/api/risk/suggestions?sort=${q.sort}&pending=${q.pending}&limit=${q.limit}&offset=${q.offset}`,
  );

export interface CitizenDetailsInput {
  firstName: string;
  lastName: string;
  address: string | null;
  postalCode: string | null;
  city: string | null;
  phone: string | null;
  email: string | null;
  preferredLanguage: string;
  needsInterpreter: boolean;
}
export const createCitizen = (body: CitizenDetailsInput & { cpr: string }) =>
  api<Citizen>('/api/citizens', { method: 'POST', body });
export const updateCitizen = (id: string, body: CitizenDetailsInput) =>
  api<Citizen>(`/api/citizens/${id}`, { method: 'PATCH', body });
