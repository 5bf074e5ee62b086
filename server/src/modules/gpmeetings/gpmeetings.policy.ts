/**
 * Randers: the health centre invites the municipality's GPs and the practice consultant to
 * recurring dialogue meetings, with the job centre's leaders. Minutes and what the GPs asked are
 * kept; no citizen data belongs here.
 */
import { definePolicy } from '../../platform/policy.js';

const staff = {
  caseworker: 'municipality',
  coordinating_caseworker: 'municipality',
  health_professional: 'municipality',
  manager: 'municipality',
} as const;

export const gpMeetingPolicy = definePolicy({
  'gp_meeting.read': {
    allow: staff,
    purpose: { da: 'Dialogmøder med de praktiserende læger', en: 'Dialogue meetings with the GPs' },
  },
  'gp_meeting.write': {
    allow: staff,
    purpose: {
      da: 'Referat og spørgsmål fra dialogmøder med lægerne',
      en: 'Minutes and questions of the dialogue meetings with the GPs',
    },
  },
});
