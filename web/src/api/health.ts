import { api } from './client';

export interface Option {
  value: string;
  label: string;
}

export interface Question {
  id: string;
  type: 'single' | 'multiple' | 'scale' | 'number' | 'text' | 'date';
  label: string;
  help?: string;
  required?: boolean;
  showIf?: { question: string; in: (string | number)[] };
  options?: Option[];
  labels?: Option[];
  min?: number;
  max?: number;
  unit?: string;
  multiline?: boolean;
  maxLength?: number;
}

export interface Definition {
  key: string;
  version: number;
  title: string;
  intro?: string;
  sections: { id: string; title: string; intro?: string; questions: Question[] }[];
}

export type AnswerValue = string | number | string[] | null;
export type Answers = Record<string, AnswerValue>;

export interface ProfileResponse {
  id: string;
  citizenId: string;
  status: 'draft' | 'completed';
  filledInBy: string;
  answers: Answers;
  updatedAt: string;
  completedAt: string | null;
  who5: {
    raw: number;
    score: number;
    flag: 'none' | 'poor_wellbeing' | 'likely_depression';
    explanation: string;
  } | null;
  wantedThemes: string[];
}

export interface ProfileView {
  citizenId: string;
  definition: Definition;
  response: ProfileResponse | null;
  /** What the shown profile rests on; null when none is shown. */
  basis: { kind: 'self' | 'own' | 'legal' | 'consent'; validTo: string | null } | null;
  /** A profile exists that another organisation recorded and the citizen has not shared. */
  withheld: { reason: 'no_consent'; originOrganisationName: string | null } | null;
  allowedActions: string[];
}

export interface Matches {
  profileCompletedAt: string;
  wantedThemes: string[];
  suggestions: {
    offerId: string;
    title: string;
    providerName: string;
    score: number;
    matchedThemes: string[];
    reasons: string[];
    reasonText: string;
  }[];
  gaps: { theme: string; label: string }[];
}

export const getProfile = (citizenId: string) =>
  api<ProfileView>(`/api/health/citizens/${citizenId}/profile`);
export const startProfile = (citizenId: string) =>
  api<ProfileResponse>(`/api/health/citizens/${citizenId}/profile`, { method: 'POST' });
export const saveAnswers = (id: string, answers: Answers) =>
  api<ProfileResponse>(`/api/health/profiles/${id}`, { method: 'PATCH', body: { answers } });
export const completeProfile = (id: string) =>
  api<ProfileResponse>(`/api/health/profiles/${id}/complete`, { method: 'POST' });
export const getMatches = (citizenId: string) =>
  api<Matches>(`/api/health/citizens/${citizenId}/matches`);

/** One health test (sundhedstest); measurements not taken are null. */
export interface HealthTest {
  id: string;
  measuredOn: string;
  recordedBy: string;
  weightKg: number | null;
  heightCm: number | null;
  bmi: number | null;
  fatPercent: number | null;
  coPpm: number | null;
  systolic: number | null;
  diastolic: number | null;
  note: string | null;
}

export type HealthTestInput = Partial<Omit<HealthTest, 'id' | 'recordedBy' | 'bmi'>>;

/** A citizen's tests; `allowedActions` holds 'health.tests.write' when the user may record one. */
export interface HealthTestList {
  items: HealthTest[];
  allowedActions: string[];
}

export const listTests = (citizenId: string) =>
  api<HealthTestList>(`/api/health/citizens/${citizenId}/tests`);
/** Answers the citizen's tests after the new one is saved. */
export const recordTest = (citizenId: string, body: HealthTestInput) =>
  api<HealthTestList>(`/api/health/citizens/${citizenId}/tests`, { method: 'POST', body });

export function isVisible(def: Definition, q: Question, answers: Answers): boolean {
  if (!q.showIf) return true;
  const parent = def.sections.flatMap((s) => s.questions).find((p) => p.id === q.showIf?.question);
  if (!parent || !isVisible(def, parent, answers)) return false;
  const v = answers[q.showIf.question];
  if (Array.isArray(v)) return v.some((x) => q.showIf?.in.includes(x));
  return v !== null && v !== undefined && q.showIf.in.includes(v);
}
