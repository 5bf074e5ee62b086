/**
 * Typed calls for the practice of the seed municipalities (issue 18): Middelfart's weekly rule,
 * Randers' intro meeting, Skive's and København's bridge to a club, and citizen feedback after
 * every course (Skive, Vordingborg).
 */
import { api } from './client';
import type { Referral } from './referrals';

export type WeekResult = 'met' | 'not_met' | 'no_sessions' | 'pending';

export interface WeeklyRule {
  courseId: string;
  title: string;
  offerTitle: string;
  mandatoryActivation: boolean;
  rule: { minHoursPerWeek: number; minDaysPerWeek: number } | null;
  weeks: {
    weekStart: string;
    year: number;
    week: number;
    holidays: { date: string; name: string }[];
    offeredHours: number;
    offeredDays: number;
    requiredHours: number;
    requiredDays: number;
  }[];
  participants: {
    enrolmentId: string;
    citizenName: string;
    status: string;
    weeksMet: number;
    weeksNotMet: number;
    weeks: { weekStart: string; attendedHours: number; attendedDays: number; result: WeekResult }[];
  }[];
}

export interface Bridge {
  id: string;
  offerId: string | null;
  offerTitle: string;
  enrolmentId: string | null;
  courseTitle: string | null;
  clubName: string | null;
  discount: string | null;
  firstVisit: string | null;
  continued: boolean | null;
  note: string;
  createdAt: string;
}

export interface Continuation {
  bridges: Bridge[];
  continuing: { enrolmentId: string; courseTitle: string; until: string }[];
}

export type Shown = number | '<5' | 'x';

export interface Distribution {
  columns: string[];
  counts: Shown[];
  total: Shown;
}

export interface FeedbackCourseSummary {
  courseId: string;
  title: string;
  offerTitle: string;
  providerName: string;
  startDate: string;
  participants: Shown;
  respondents: Shown;
  allowedActions: string[];
}

export interface FeedbackCourse extends Omit<FeedbackCourseSummary, 'allowedActions'> {
  satisfaction: Distribution;
  madeDifference: Distribution;
  wouldContinue: Distribution;
  averageSatisfaction: number | null;
  comments: string[];
  commentsHidden: boolean;
  suppressed: boolean;
}

export interface FeedbackDue {
  enrolmentId: string;
  courseId: string;
  courseTitle: string;
  offerTitle: string;
  providerName: string;
  endDate: string;
  answered: boolean;
}

/** Who asked for a course's intro meeting (self sign-up), and who attended (decision 1110). */
export interface IntroMeetingList {
  introRequired: boolean;
  items: {
    citizenId: string;
    citizenName: string;
    requestedAt: string;
    attendedOn: string | null;
  }[];
}

export const practicesApi = {
  introRequests: (courseId: string) =>
    api<IntroMeetingList>(`/api/courses/${courseId}/intro-meeting`),
  recordIntroOnCourse: (courseId: string, citizenId: string, attendedOn: string) =>
    api<IntroMeetingList>(`/api/courses/${courseId}/intro-meeting`, {
      method: 'POST',
      body: { citizenId, attendedOn },
    }),
  requestIntroMeeting: (courseId: string) =>
    api<{ myIntro: 'requested' }>(`/api/courses/${courseId}/intro-meeting/request`, {
      method: 'POST',
    }),
  weeklyRule: (courseId: string) => api<WeeklyRule>(`/api/courses/${courseId}/weekly-rule`),
  recordIntroMeeting: (referralId: string, attendedOn: string) =>
    api<Referral>(`/api/referrals/${referralId}/intro-meeting`, {
      method: 'POST',
      body: { attendedOn },
    }),
  courseBridges: (courseId: string) =>
    api<(Bridge & { citizenName: string })[]>(`/api/continuation/courses/${courseId}/bridges`),
  addCourseBridge: (courseId: string, enrolmentId: string, body: unknown) =>
    api<Bridge>(`/api/continuation/courses/${courseId}/enrolments/${enrolmentId}/bridge`, {
      method: 'POST',
      body,
    }),
  continuation: (citizenId: string) => api<Continuation>(`/api/continuation/${citizenId}`),
  recordContinued: (citizenId: string, bridgeId: string, continued: boolean) =>
    api<Continuation>(`/api/continuation/${citizenId}/bridges/${bridgeId}/continued`, {
      method: 'POST',
      body: { continued },
    }),
  feedbackDue: () => api<FeedbackDue[]>('/api/feedback/mine'),
  giveFeedback: (enrolmentId: string, body: unknown) =>
    api<{ enrolmentId: string; answered: boolean }>(`/api/feedback/enrolments/${enrolmentId}`, {
      method: 'POST',
      body,
    }),
  feedbackCourses: () => api<FeedbackCourseSummary[]>('/api/feedback/courses'),
  feedbackCourse: (courseId: string) => api<FeedbackCourse>(`/api/feedback/courses/${courseId}`),
};

/** Today in Denmark (YYYY-MM-DD), as the server's platform/dates.ts danishToday(). */
export function todayIso(now = new Date()): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Copenhagen' }).format(now);
}
