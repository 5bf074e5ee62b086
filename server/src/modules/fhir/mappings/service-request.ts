/**
 * ServiceRequest: the referral as an order from the job centre to the organisation that runs the
 * offer. Its state machine is the Task (task.ts); the request itself only says whether it is still
 * in force. Voluntary or mandatory participation (part of the activation plan or not) is a
 * category, because it decides what the job centre may see of attendance by law.
 */
import type { ServiceRequest } from '@medplum/fhirtypes';
import { helhedSystem, instant, ref } from './systems.js';

export interface ReferralInput {
  id: string;
  citizenId: string;
  offerId: string;
  offerTitle: string;
  fromOrganisationId: string;
  fromOrganisationName: string | null;
  toOrganisationId: string;
  toOrganisationName: string | null;
  reason: string | null;
  participation: 'voluntary' | 'mandatory';
  state: string;
  stateReason: string | null;
  consentId: string | null;
  createdAt: string | Date;
  updatedAt: string | Date;
}

function requestStatus(state: string): ServiceRequest['status'] {
  switch (state) {
    case 'draft':
      return 'draft';
    case 'completed':
      return 'completed';
    case 'rejected':
    case 'cancelled':
    case 'dropped_out':
      return 'revoked';
    default:
      return 'active';
  }
}

export const participationLabel = { voluntary: 'Frivilligt', mandatory: 'Del af aktiveringen' };

export function toServiceRequest(r: ReferralInput): ServiceRequest {
  return {
    resourceType: 'ServiceRequest',
    id: r.id,
    status: requestStatus(r.state),
    intent: 'order',
    category: [
      {
        coding: [
          {
            system: helhedSystem('participation'),
            code: r.participation,
            display: participationLabel[r.participation],
          },
        ],
      },
    ],
    code: {
      coding: [{ system: helhedSystem('offer'), code: r.offerId, display: r.offerTitle }],
      text: r.offerTitle,
    },
    subject: ref('Patient', r.citizenId),
    authoredOn: instant(r.createdAt),
    requester: ref('Organization', r.fromOrganisationId, r.fromOrganisationName),
    performer: [ref('Organization', r.toOrganisationId, r.toOrganisationName)],
    ...(r.reason ? { reasonCode: [{ text: r.reason }] } : {}),
    ...(r.consentId ? { supportingInfo: [ref('Consent', r.consentId)] } : {}),
  };
}
