/** Types and queries for the evaluation module (mirrors shared/src/evaluation.ts). */
import { useQuery } from '@tanstack/react-query';
import { api } from './client';

export type Shown = number | '<5' | 'x';
export type Metric =
  | 'attendance_rate'
  | 'dropout_rate'
  | 'self_sufficient_13w'
  | 'satisfaction_mean';
export const metrics: Metric[] = [
  'attendance_rate',
  'dropout_rate',
  'self_sufficient_13w',
  'satisfaction_mean',
];

export interface Criterion {
  metric: Metric;
  operator: '>=' | '<=';
  threshold: number;
}

export interface CriteriaSet {
  id: string;
  scope: 'course' | 'offer';
  version: number;
  criteria: Criterion[];
  note: string;
  locked: boolean;
}

export interface CourseSummary {
  id: string;
  title: string;
  offerId: string;
  offerTitle: string;
  providerName: string;
  startDate: string;
  weeks: number;
  status: string;
  locked: boolean;
  hasCriteria: boolean;
}

export interface CriterionResult extends Criterion {
  actual: number | null;
  numerator: Shown;
  denominator: Shown;
  met: boolean | null;
}

export interface SurvivalPoint {
  week: number;
  survival: number | null;
  lower: number | null;
  upper: number | null;
  atRisk: Shown;
}

export interface EffectGroup {
  group: 'participants' | 'comparison';
  n: Shown;
  events: Shown;
  medianWeeks: number | null;
  shares: { week: number; share: number | null; lower: number | null; upper: number | null }[];
  curve: SurvivalPoint[];
}

export interface CourseEvaluation {
  course: CourseSummary;
  criteria: CriteriaSet | null;
  results: CriterionResult[];
  followUpComplete: boolean;
  participants: Shown;
  satisfaction: {
    respondents: Shown;
    mean: number | null;
    distribution: { rating: number; count: Shown }[];
    comments: string[];
  };
  effect: {
    label: string;
    matchedOn: string[];
    riskGroupAvailable: boolean;
    groups: EffectGroup[];
    logRank: { chiSquare: number; df: number; pValue: number } | null;
    enough: boolean;
  };
}

export interface StatTable {
  key: string;
  rows: string[];
  columns: string[];
  rowTotals: boolean;
  columnTotals: boolean;
  grid: Shown[][];
}

export interface DashboardFilters {
  from?: string;
  to?: string;
  benefitType?: string;
  ageBand?: string;
  offerId?: string;
  providerId?: string;
}

export interface Dashboard {
  filters: DashboardFilters;
  screened: Shown | null;
  riskGroupsAvailable: boolean;
  tables: StatTable[];
  waiting: { offer: string; n: Shown; medianDays: number | null; meanDays: number | null }[];
  /** Timeliness of sickness-benefit follow-up per month held and team (small cells hidden). */
  timeliness: {
    month: string;
    team: string | null;
    kind: 'first_conversation' | 'follow_up';
    held: Shown;
    onTime: Shown;
    late: Shown;
    percent: number | null;
  }[];
  catalogueGaps: string[];
  options: {
    offers: { id: string; title: string }[];
    providers: { id: string; name: string }[];
    benefitTypes: { code: string; name: string }[];
  };
}

export type QuestionKind = 'single' | 'multiple' | 'scale' | 'text';
export interface SurveyQuestion {
  position?: number;
  kind: QuestionKind;
  text: string;
  options?: string[];
  scaleMin?: number;
  scaleMax?: number;
  required?: boolean;
}
export interface Survey {
  id: string;
  title: string;
  intro: string;
  status: string;
  publicPath: string;
  responses: Shown;
  createdAt: string;
}
export interface PublicSurvey {
  title: string;
  intro: string;
  municipalityName: string;
  questions: (SurveyQuestion & { position: number })[];
}
export interface SurveyResults {
  id: string;
  title: string;
  responses: Shown;
  enough: boolean;
  questions: {
    position: number;
    kind: QuestionKind;
    text: string;
    table: StatTable | null;
    mean: number | null;
    texts: string[];
  }[];
}

export const query = (filters: DashboardFilters) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v) p.set(k, v);
  const s = p.toString();
  return s ? `?${s}` : '';
};

export const useEvaluationCourses = () =>
  useQuery({
    queryKey: ['evaluation', 'courses'],
    queryFn: () => api<CourseSummary[]>('/api/evaluation/courses'),
  });

export const useCourseEvaluation = (id: string) =>
  useQuery({
    queryKey: ['evaluation', 'course', id],
    queryFn: () => api<CourseEvaluation>(`/api/evaluation/courses/${id}`),
  });

export const useDashboard = (filters: DashboardFilters) =>
  useQuery({
    queryKey: ['evaluation', 'dashboard', filters],
    queryFn: () => api<Dashboard>(`/api/evaluation/dashboard${query(filters)}`),
  });

export const useSurveys = () =>
  useQuery({
    queryKey: ['evaluation', 'surveys'],
    queryFn: () => api<Survey[]>('/api/evaluation/surveys'),
  });

export interface OfferCriteria {
  offerId: string;
  offerTitle: string;
  /** The newest offer-level set, or null when none is set. */
  criteria: CriteriaSet | null;
}

export const useOfferCriteria = (offerId: string) =>
  useQuery({
    queryKey: ['evaluation', 'offer', offerId],
    queryFn: () => api<OfferCriteria>(`/api/evaluation/offers/${offerId}/criteria`),
  });

/** Edits the newest offer-level set, or makes a new version when asked (the newest is locked). */
export const saveOfferCriteria = (
  offerId: string,
  body: { criteria: Criterion[]; newVersion?: boolean },
) => api<CriteriaSet>(`/api/evaluation/offers/${offerId}/criteria`, { method: 'PUT', body });
