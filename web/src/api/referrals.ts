/** Typed calls for consents, referrals and courses (issue 7). */
import { api } from './client';

export type ConsentCategory =
  | 'health_profile'
  | 'health_tests'
  | 'screening_notes'
  | 'attendance'
  | 'outcome';
export const consentCategories: ConsentCategory[] = [
  'health_profile',
  'health_tests',
  'screening_notes',
  'attendance',
  'outcome',
];

export interface Consent {
  id: string;
  citizenId: string;
  recipientOrganisationId: string;
  recipientOrganisationName: string;
  categories: ConsentCategory[];
  purpose: string;
  validFrom: string;
  validTo: string | null;
  givenHow: 'portal' | 'signed_paper' | 'verbal';
  status: 'given' | 'refused' | 'withdrawn';
  active: boolean;
  recordedByName: string | null;
  withdrawnAt: string | null;
  createdAt: string;
}

export interface Organisation {
  id: string;
  name: string;
  type: string;
}

export interface ReferralEvent {
  id: number;
  fromState: string | null;
  toState: string;
  reason: string | null;
  actorName: string | null;
  actorOrganisationName: string | null;
  occurredAt: string;
}

export interface Referral {
  id: string;
  citizenId: string;
  citizenName: string;
  citizenLanguage: string;
  needsInterpreter: boolean;
  offerId: string;
  offerTitle: string;
  fromOrganisationName: string;
  toOrganisationId: string;
  toOrganisationName: string;
  createdByName: string;
  reason: string;
  participation: 'voluntary' | 'mandatory';
  sharedCategories: ConsentCategory[];
  state: string;
  stateReason: string | null;
  stateReasonCode: string | null;
  courseId: string | null;
  courseTitle: string | null;
  previousReferralId: string | null;
  introRequired: boolean;
  introAttendedOn: string | null;
  mandatoryActivation: boolean;
  createdAt: string;
  updatedAt: string;
  allowedTransitions: string[];
  allowedActions: string[];
  history?: ReferralEvent[];
}

export interface ReferralList {
  items: Referral[];
  total: number;
  limit: number;
  offset: number;
  counts: Record<string, number>;
}

export interface OfferOption {
  id: string;
  title: string;
  providerOrganisationId: string;
  providerName: string;
  referralType: string;
  weeks: number | null;
}

export interface Message {
  id: string;
  body: string;
  authorName: string;
  authorOrganisationName: string | null;
  createdAt: string;
}

/** On what a piece of shared data reaches the reader (decision 0801). */
export interface SharingBasis {
  kind: 'self' | 'own' | 'legal' | 'consent';
  consentId: string | null;
  validTo: string | null;
  purpose: string | null;
  law: string | null;
}

export interface SharedData {
  referralId: string;
  citizen: {
    id: string;
    name: string;
    birthDate: string;
    phone: string | null;
    email: string | null;
    address: string | null;
  };
  reason: string;
  participation: 'voluntary' | 'mandatory';
  sharedCategories: ConsentCategory[];
  consent: {
    id: string;
    purpose: string;
    validTo: string | null;
    categories: ConsentCategory[];
  } | null;
  delivered: { category: ConsentCategory; basis: SharingBasis }[];
  withheld: { category: ConsentCategory; reason: 'no_consent' | 'no_data' }[];
  screeningNotes?: {
    completedAt: string | null;
    overallRecommendation: string | null;
    recommendationNote: string | null;
    findings: {
      discipline: string;
      findings: string;
      recommendation: string;
      filledByName: string;
    }[];
  };
  attendance?: {
    courseTitle: string;
    registered: number;
    present: number;
    absent: number;
    basis: SharingBasis;
  }[];
  outcomes?: {
    courseTitle: string;
    declaredFit: boolean;
    nextStep: string | null;
    recordedAt: string;
    basis: SharingBasis;
  }[];
}

export interface Flag {
  id: string;
  citizenId: string;
  citizenName: string;
  courseId: string;
  courseTitle: string;
  referralId: string | null;
  sessionStartsAt: string;
  raisedAt: string;
  basis: SharingBasis;
}

export interface CourseSummary {
  id: string;
  offerId: string;
  offerTitle: string;
  offerReferralType: string;
  providerName: string;
  title: string;
  startDate: string;
  weeks: number;
  place: string | null;
  capacity: number;
  status: string;
  enrolled: number;
  waitlisted: number;
  followOnCourseId: string | null;
  /** The offer begins with an intro meeting the citizen attends before signing up. */
  introRequired: boolean;
  /** Only for a citizen: their own enrolment's status on the course, or null. */
  myStatus?: string | null;
  /** Only for a citizen, on an offer with an intro meeting. */
  myIntro?: 'needed' | 'requested' | 'attended' | null;
}

export interface Session {
  id: string;
  startsAt: string;
  endsAt: string;
  status: string;
  note: string | null;
  registered: number;
}

export interface Enrolment {
  id: string;
  citizenId: string;
  citizenName: string;
  language: string;
  needsInterpreter: boolean;
  status: string;
  waitlistPosition: number | null;
  referralId: string | null;
  dropOutReasonCode: string | null;
  outcome: {
    declaredFit: boolean;
    nextStep: string | null;
    satisfaction: number | null;
    followOnReferralId: string | null;
  } | null;
}

export interface Course extends CourseSummary {
  instructors: { id: string; name: string }[];
  sessions: Session[];
  skippedHolidays: { date: string; name: string }[];
  enrolments: Enrolment[];
  allowedActions: string[];
}

export interface AttendanceSheet {
  session: Session;
  courseTitle: string;
  participants: {
    enrolmentId: string;
    citizenId: string;
    citizenName: string;
    status: string | null;
  }[];
}

export interface Overview {
  enrolled: number;
  waitlisted: number;
  completed: number;
  droppedOut: number;
  capacity: number;
  perCitizen: {
    enrolmentId: string;
    citizenName: string;
    status: string;
    registered: number;
    present: number;
    rate: number | null;
  }[];
  perSession: {
    sessionId: string;
    startsAt: string;
    registered: number;
    present: number;
    rate: number | null;
  }[];
  outcomes: {
    declaredFit: number;
    resourceClarification: number;
    jobReady: number;
    treatment: number;
    followOnCourse: number;
    averageSatisfaction: number | null;
  };
}

export const referralsApi = {
  consents: (citizenId: string) => api<Consent[]>(`/api/consents?citizenId=${citizenId}`),
  recipients: () => api<Organisation[]>('/api/consents/recipients'),
  recordConsent: (body: unknown) => api<Consent>('/api/consents', { method: 'POST', body }),
  withdrawConsent: (id: string) => api<Consent>(`/api/consents/${id}/withdraw`, { method: 'POST' }),
  list: (q: { state?: string; citizenId?: string; offset?: number }) => {
    const params = new URLSearchParams();
    if (q.state) params.set('state', q.state);
    if (q.citizenId) params.set('citizenId', q.citizenId);
    if (q.offset) params.set('offset', String(q.offset));
    return api<ReferralList>(`/api/referrals?${params}`);
  },
  get: (id: string) => api<Referral>(`/api/referrals/${id}`),
  shared: (id: string) => api<SharedData>(`/api/referrals/${id}/shared`),
  create: (body: unknown) => api<Referral>('/api/referrals', { method: 'POST', body }),
  offers: () => api<OfferOption[]>('/api/referrals/offers'),
  transition: (id: string, body: unknown) =>
    api<Referral>(`/api/referrals/${id}/transitions`, { method: 'POST', body }),
  messages: (id: string) => api<Message[]>(`/api/referrals/${id}/messages`),
  postMessage: (id: string, body: string) =>
    api<Message>(`/api/referrals/${id}/messages`, { method: 'POST', body: { body } }),
  flags: () => api<Flag[]>('/api/referrals/flags'),
  resolveFlag: (id: string) => api<null>(`/api/referrals/flags/${id}/resolve`, { method: 'POST' }),
  courses: (offerId?: string) =>
    api<CourseSummary[]>(`/api/courses${offerId ? `?offerId=${offerId}` : ''}`),
  course: (id: string) => api<Course>(`/api/courses/${id}`),
  overview: (id: string) => api<Overview>(`/api/courses/${id}/overview`),
  attendance: (courseId: string, sessionId: string) =>
    api<AttendanceSheet>(`/api/courses/${courseId}/sessions/${sessionId}/attendance`),
  saveAttendance: (courseId: string, sessionId: string, records: unknown[]) =>
    api<AttendanceSheet>(`/api/courses/${courseId}/sessions/${sessionId}/attendance`, {
      method: 'PUT',
      body: { records },
    }),
  updateSession: (courseId: string, sessionId: string, body: unknown) =>
    api<Session>(`/api/courses/${courseId}/sessions/${sessionId}`, { method: 'PATCH', body }),
  outcome: (courseId: string, enrolmentId: string, body: unknown) =>
    api<{ followOnReferralId: string | null }>(
      `/api/courses/${courseId}/enrolments/${enrolmentId}/outcome`,
      { method: 'POST', body },
    ),
  dropOut: (courseId: string, enrolmentId: string, reasonCode: string) =>
    api<Course>(`/api/courses/${courseId}/enrolments/${enrolmentId}/drop-out`, {
      method: 'POST',
      body: { reasonCode },
    }),
};

export const formatDate = (iso: string) => new Date(iso).toLocaleDateString('da-DK');
export const formatDateTime = (iso: string) =>
  new Date(iso).toLocaleString('da-DK', { dateStyle: 'medium', timeStyle: 'short' });
export const formatSession = (iso: string) =>
  new Date(iso).toLocaleString('da-DK', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Europe/Copenhagen',
  });
