/** Continuation after a job or education (fastholdelse): calls and types (modules/continuation). */
import { api } from './client';

export interface FollowUp {
  id: string;
  months: number;
  dueDate: string;
  ownerName: string;
  ownerOrganisationId: string;
  doneAt: string | null;
  /** 'continuation.follow_up' when this user may mark it done. */
  allowedActions: string[];
}

export interface Continuation {
  citizenName: string;
  /** 'continuation.job_start', 'continuation.bridge' when this user may do them. */
  allowedActions: string[];
  associations: { id: string; title: string; providerName: string }[];
  ownerChanges: {
    id: string;
    enrolmentId: string | null;
    fromName: string | null;
    toName: string;
    reason: string;
    changedAt: string;
  }[];
  bridges: { id: string; offerId: string; offerTitle: string; note: string; createdAt: string }[];
  followUps: FollowUp[];
}

export type JobStartReason = 'job' | 'education';

export interface JobStartResult {
  endedPeriods: number;
  continued: string[];
  followUps: { months: number; dueDate: string }[];
}

export const getContinuation = (citizenId: string) =>
  api<Continuation>(`/api/continuation/${citizenId}`);

export const recordJobStart = (
  citizenId: string,
  body: { reason: JobStartReason; endDate: string },
) => api<JobStartResult>(`/api/continuation/${citizenId}/job-start`, { method: 'POST', body });

export const addBridge = (citizenId: string, body: { offerId: string; note?: string }) =>
  api<Continuation>(`/api/continuation/${citizenId}/bridges`, { method: 'POST', body });

export const markFollowUpDone = (id: string) =>
  api<{ id: string; done: boolean }>(`/api/continuation/follow-ups/${id}/done`, {
    method: 'POST',
  });

/** The continuation page of a citizen; `endDate`/`reason` prefill the job start form. */
export const continuationPath = (citizenId: string, from?: { endDate: string; reason: string }) =>
  `/borgere/${citizenId}/fastholdelse${
    from
      ? `?slut=${encodeURIComponent(from.endDate)}&aarsag=${encodeURIComponent(from.reason)}`
      : ''
  }`;
