import { definePolicy } from '../../platform/policy.js';

/**
 * The citizen page itself is 'citizen.read' (citizens.policy.ts). Its health fields (attendance
 * at health-centre courses and the course outcome) are health data: a jobcenter caseworker
 * sees them only with the citizen's consent to the caseworker's organisation; health and
 * provider staff see them for citizens their organisation holds.
 */
export const overviewPolicy = definePolicy({
  'citizen.health_summary': {
    allow: {
      caseworker: 'consent',
      coordinating_caseworker: 'consent',
      health_professional: 'organisation',
      provider_staff: 'organisation',
      team_member: 'consent',
      citizen: 'self',
    },
    purpose: {
      da: 'Fremmøde og resultat af sundhedsforløb (med samtykke)',
      en: 'Attendance and outcome of health courses (with consent)',
    },
    consentCategory: 'attendance',
  },
});
