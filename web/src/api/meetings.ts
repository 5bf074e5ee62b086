/** Types and calls for team meetings (rehabiliteringsteam, sundhedsafklaringsteam). */
import { api } from './client';

export const meetingKinds = ['rehabilitation_team', 'health_clarifying_team'] as const;
export type MeetingKind = (typeof meetingKinds)[number];

export const participantRoles = [
  'caseworker',
  'health_professional',
  'gp_consultant',
  'citizen',
  'other',
] as const;
export type ParticipantRole = (typeof participantRoles)[number];

export interface MeetingInput {
  citizenId: string;
  kind: MeetingKind;
  scheduledAt: string;
  agenda: string;
  participants: { organisationId: string | null; role: ParticipantRole; name: string }[];
}

export const createMeeting = (body: MeetingInput) =>
  api<{ id: string }>('/api/meetings', { method: 'POST', body });

/**
 * Health information in a meeting; the server refuses it (409/422 consent_required) unless the
 * citizen consented, for the category, to every organisation present.
 */
export const addHealthItem = <T>(meetingId: string, body: { category: string; body: string }) =>
  api<T>(`/api/meetings/${meetingId}/health-items`, { method: 'POST', body });
