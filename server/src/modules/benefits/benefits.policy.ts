import { definePolicy } from '../../platform/policy.js';

export const benefitPolicy = definePolicy({
  'benefit.read': {
    allow: {
      caseworker: 'municipality',
      coordinating_caseworker: 'municipality',
      administrator: 'municipality',
      citizen: 'self',
    },
    purpose: { da: 'Opfølgning på borgerens ydelsesforløb', en: 'Following benefit periods' },
  },
  'benefit.create': {
    allow: { caseworker: 'municipality', coordinating_caseworker: 'municipality' },
    purpose: { da: 'Registrering af ydelsesforløb', en: 'Registering a benefit period' },
  },
  'benefit.end': {
    allow: { caseworker: 'municipality', coordinating_caseworker: 'municipality' },
    purpose: { da: 'Afslutning af ydelsesforløb', en: 'Ending a benefit period' },
  },
});
