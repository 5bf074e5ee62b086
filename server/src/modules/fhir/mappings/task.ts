/**
 * Task: the referral's state machine (sent, received, accepted or waitlisted or rejected,
 * enrolled, started, completed or dropped out, cancelled). Task.status is FHIR's workflow state;
 * businessStatus carries Helhed's own state, so a receiver loses nothing (waitlisted and
 * enrolled have no FHIR status of their own).
 */
import type { Task } from '@medplum/fhirtypes';
import type { ReferralInput } from './service-request.js';
import { helhedSystem, instant, ref } from './systems.js';

const statusOf: Record<string, Task['status']> = {
  draft: 'draft',
  sent: 'requested',
  received: 'received',
  accepted: 'accepted',
  waitlisted: 'on-hold',
  rejected: 'rejected',
  enrolled: 'ready',
  started: 'in-progress',
  completed: 'completed',
  dropped_out: 'failed',
  cancelled: 'cancelled',
};

export const stateLabel: Record<string, string> = {
  draft: 'Kladde',
  sent: 'Sendt',
  received: 'Modtaget',
  accepted: 'Accepteret',
  waitlisted: 'På venteliste',
  rejected: 'Afvist',
  enrolled: 'Optaget på hold',
  started: 'Startet',
  completed: 'Gennemført',
  dropped_out: 'Faldet fra',
  cancelled: 'Annulleret',
};

export function toTask(r: ReferralInput): Task {
  return {
    resourceType: 'Task',
    id: r.id,
    basedOn: [ref('ServiceRequest', r.id)],
    status: statusOf[r.state] ?? 'requested',
    businessStatus: {
      coding: [
        {
          system: helhedSystem('referral-state'),
          code: r.state,
          display: stateLabel[r.state] ?? r.state,
        },
      ],
    },
    ...(r.stateReason ? { statusReason: { text: r.stateReason } } : {}),
    intent: 'order',
    focus: ref('ServiceRequest', r.id),
    for: ref('Patient', r.citizenId),
    authoredOn: instant(r.createdAt),
    lastModified: instant(r.updatedAt),
    requester: ref('Organization', r.fromOrganisationId, r.fromOrganisationName),
    owner: ref('Organization', r.toOrganisationId, r.toOrganisationName),
  };
}
