import { definePolicy } from '../../platform/policy.js';

export const screeningPolicy = definePolicy({
  'screening.queue': {
    allow: { caseworker: 'any', coordinating_caseworker: 'any' },
    purpose: {
      da: 'Tidlig opsporing: screeningskø efter uge N',
      en: 'Early detection: the week-N screening queue',
    },
  },
  'screening.read': {
    allow: { caseworker: 'municipality', coordinating_caseworker: 'municipality' },
    purpose: { da: 'Screening (visitation) af borgeren', en: 'Screening the citizen' },
  },
  'screening.update': {
    allow: { caseworker: 'municipality', coordinating_caseworker: 'municipality' },
    purpose: { da: 'Screening (visitation) af borgeren', en: 'Screening the citizen' },
  },
  'screening.rules.read': {
    allow: {
      caseworker: 'any',
      coordinating_caseworker: 'any',
      manager: 'any',
      administrator: 'any',
    },
    purpose: { da: 'Kommunens screeningsregler', en: 'The municipality’s screening rules' },
  },
  'screening.rules.write': {
    allow: { administrator: 'any' },
    purpose: { da: 'Ændring af screeningsregler', en: 'Changing screening rules' },
  },
});
