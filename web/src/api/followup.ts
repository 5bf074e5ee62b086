/** Sickness-benefit follow-up (sygedagpengeopfølgning): the deadlines and the case flow. */
import { useQuery } from '@tanstack/react-query';
import { api } from './client';

export type StepKind =
  | 'information_form'
  | 'gp_certificate'
  | 'first_conversation'
  | 'follow_up'
  | 'reassessment';
export type StepStatus = 'open' | 'done' | 'overdue' | 'not_required';

export interface FollowUp {
  benefitPeriodId: string;
  firstAbsenceDay: string;
  category: 1 | 2 | 3 | null;
  steps: {
    kind: StepKind;
    dueDate: string | null;
    status: StepStatus;
    doneAt: string | null;
    ruleVersion: number | null;
  }[];
}

export interface LegalBasis {
  basis: 'law' | 'consent';
  reference: { da: string; en: string } | null;
}

export interface FollowUpDetails {
  followUp: FollowUp;
  ruleVersion: number;
  periodEndDate: string | null;
  expectedBackWithin8Weeks: boolean | null;
  expectedDurationWeeks: number | null;
  fastTrackRequestedOn: string | null;
  fastTrackRequestedBy: string | null;
  standby: boolean;
  informationForm: {
    sentOn: string;
    answeredOn: string | null;
    workAbility: string | null;
    expectedDuration: string | null;
    canStillDo: string | null;
  } | null;
  gpCertificate:
    | ({ requestedOn: string; deadline: string | null; receivedOn: string | null } & LegalBasis)
    | null;
  fitnessStatement: { part1On: string | null; part2On: string | null } & LegalBasis;
  conversations: {
    id: string;
    heldOn: string;
    form: 'in_person' | 'phone' | 'video';
    category: 1 | 2 | 3 | null;
    nextDate: string | null;
    metDueDate: string | null;
  }[];
  reassessment: {
    decidedOn: string;
    decision: 'extension' | 'jobafklaringsforloeb';
    extensionGround: string | null;
  } | null;
  legalBases: ({ document: string } & LegalBasis)[];
  allowedActions: string[];
}

export interface OwnInformationForm {
  sentOn: string;
  dueDate: string | null;
  answeredOn: string | null;
  workAbility: string | null;
  expectedDuration: string | null;
  canStillDo: string | null;
  legalBases: ({ document: string } & LegalBasis)[];
}

export interface Deadlines {
  today: string;
  items: {
    citizenId: string;
    citizenName: string;
    kind: StepKind;
    dueDate: string;
    status: 'open' | 'overdue';
    bucket: 'overdue' | 'this_week' | 'next_week';
  }[];
}

export const getFollowUpDetails = (id: string) =>
  api<FollowUpDetails>(`/api/follow-up/citizen/${id}`);
export const updateFollowUpCase = (
  id: string,
  body: Partial<{
    firstAbsenceDay: string;
    expectedBackWithin8Weeks: boolean | null;
    fastTrackRequestedOn: string | null;
    fastTrackRequestedBy: 'employer' | 'citizen' | null;
    standby: boolean;
  }>,
) => api<FollowUpDetails>(`/api/follow-up/citizen/${id}/case`, { method: 'PUT', body });
export const sendInformationForm = (id: string) =>
  api<FollowUpDetails>(`/api/follow-up/citizen/${id}/information-form`, {
    method: 'POST',
    body: {},
  });
export const requestGpCertificate = (
  id: string,
  body: { requestedOn: string; deadline?: string },
) => api<FollowUpDetails>(`/api/follow-up/citizen/${id}/gp-certificate`, { method: 'POST', body });
export const receiveGpCertificate = (id: string, body: { receivedOn: string }) =>
  api<FollowUpDetails>(`/api/follow-up/citizen/${id}/gp-certificate/received`, {
    method: 'POST',
    body,
  });
export const recordConversation = (
  id: string,
  body: { heldOn: string; form: string; category: number | null; nextDate: string | null },
) => api<FollowUpDetails>(`/api/follow-up/citizen/${id}/conversations`, { method: 'POST', body });
export const saveFitnessStatement = (
  id: string,
  body: { part1On: string | null; part2On: string | null },
) =>
  api<FollowUpDetails>(`/api/follow-up/citizen/${id}/fitness-statement`, { method: 'PUT', body });
export const decideReassessment = (
  id: string,
  body: { decidedOn: string; decision: string; extensionGround: string | null },
) => api<FollowUpDetails>(`/api/follow-up/citizen/${id}/reassessment`, { method: 'POST', body });

export const getOwnInformationForm = () =>
  api<OwnInformationForm>('/api/follow-up/my/information-form');
export const answerOwnInformationForm = (body: {
  workAbility: string;
  expectedDuration: string;
  canStillDo: string;
}) => api<OwnInformationForm>('/api/follow-up/my/information-form', { method: 'PUT', body });

export const getDeadlines = () => api<Deadlines>('/api/follow-up/deadlines');

/** The caller's deadlines; a role without them gets 403 and the query stays without data. */
export const useDeadlines = (enabled = true) =>
  useQuery({ queryKey: ['follow-up-deadlines'], queryFn: getDeadlines, enabled, retry: false });

export interface Outbox {
  sending: boolean;
  sendingSms: boolean;
  items: {
    id: string;
    channel: string;
    recipient: string;
    subject: string;
    body: string;
    kind: string;
    status: string;
    attempts: number;
    nextAttemptAt: string;
    lastError: string | null;
    sentAt: string | null;
  }[];
}

/** The reminder outbox; a role without it gets 403 and the query stays without data. */
export const useOutbox = () =>
  useQuery({
    queryKey: ['follow-up-outbox'],
    queryFn: () => api<Outbox>('/api/follow-up/outbox'),
    retry: false,
  });

/** The follow-up rules as data: one version per row, in force from its valid-from date. */
export interface RuleParameters {
  informationFormDueDays: number;
  gpCertificateDays: number;
  gpCertificateMinDays: number;
  firstConversationDays: number;
  followUpIntervalDays: number;
  reassessmentDays: number;
  fastTrackDays: number;
  standbyHoldsConversations: boolean;
  nonWorkingDayShift: 'previous_working_day' | 'none';
}
export interface RuleSetVersion {
  version: number;
  validFrom: string;
  parameters: RuleParameters;
  note: string;
}
export const getFollowUpRules = () =>
  api<{ inForce: number; items: RuleSetVersion[] }>('/api/follow-up/rules');
export const addFollowUpRules = (body: {
  validFrom: string;
  parameters: RuleParameters;
  note: string;
}) => api<RuleSetVersion>('/api/follow-up/rules', { method: 'POST', body });
