import { definePolicy } from '../../platform/policy.js';

/**
 * Team meetings: only organisations taking part see the meeting, its minutes and
 * recommendation (others get 404). The organiser's organisation is always a participant.
 */
export const meetingPolicy = definePolicy({
  'meeting.create': {
    allow: { caseworker: 'municipality', coordinating_caseworker: 'municipality' },
    purpose: { da: 'Planlægning af teammøde om borgeren', en: 'Planning a team meeting' },
  },
  'meeting.list': {
    allow: {
      caseworker: 'any',
      coordinating_caseworker: 'any',
      health_professional: 'any',
      provider_staff: 'any',
      team_member: 'any',
    },
    purpose: { da: 'Oversigt over teammøder', en: 'List of team meetings' },
  },
  'meeting.read': {
    allow: {
      caseworker: 'organisation',
      coordinating_caseworker: 'organisation',
      health_professional: 'organisation',
      provider_staff: 'organisation',
      team_member: 'organisation',
    },
    purpose: { da: 'Teammøde om borgeren (referat og indstilling)', en: 'Team meeting minutes' },
  },
  'meeting.update': {
    allow: {
      caseworker: 'organisation',
      coordinating_caseworker: 'organisation',
      health_professional: 'organisation',
      team_member: 'organisation',
    },
    purpose: { da: 'Referat og indstilling fra teammøde', en: 'Recording team meeting minutes' },
  },
});
