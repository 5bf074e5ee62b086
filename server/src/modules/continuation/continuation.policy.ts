import { definePolicy } from '../../platform/policy.js';

export const continuationPolicy = definePolicy({
  'continuation.job_start': {
    allow: { caseworker: 'municipality', coordinating_caseworker: 'municipality' },
    purpose: {
      da: 'Overgang til job eller uddannelse: videreførelse af sundhedsindsatsen',
      en: 'Start of job or education: continuing the health activities',
    },
  },
  'continuation.read': {
    allow: {
      caseworker: 'municipality',
      coordinating_caseworker: 'municipality',
      health_professional: 'organisation',
      team_member: 'organisation',
    },
    purpose: { da: 'Opfølgning efter job eller uddannelse', en: 'Follow-up after job start' },
  },
  'continuation.bridge': {
    allow: {
      caseworker: 'municipality',
      coordinating_caseworker: 'municipality',
      health_professional: 'organisation',
    },
    purpose: { da: 'Brobygning til forening', en: 'Bridge to an association' },
  },
  'continuation.follow_up': {
    allow: {
      caseworker: 'organisation',
      coordinating_caseworker: 'organisation',
      health_professional: 'organisation',
      team_member: 'organisation',
    },
    purpose: { da: 'Opfølgning efter 3, 6 og 12 måneder', en: 'Follow-up at 3, 6 and 12 months' },
  },
  'continuation.course_bridge': {
    // Skive, København: the course's provider records the bridge to a local club at its end.
    allow: { health_professional: 'organisation', provider_staff: 'organisation' },
    purpose: {
      da: 'Brobygning til lokal forening ved forløbets afslutning',
      en: 'Bridge to a local club at the end of a course',
    },
  },
});
