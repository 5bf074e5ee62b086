import { definePolicy } from '../../platform/policy.js';

export const importPolicy = definePolicy({
  'import.run': {
    allow: { caseworker: 'any', coordinating_caseworker: 'any', administrator: 'any' },
    purpose: {
      da: 'Indlæsning af borgere og ydelsesforløb fra fagsystem',
      en: 'Importing citizens and benefit periods from the case system',
    },
  },
  'import.read': {
    allow: {
      caseworker: 'municipality',
      coordinating_caseworker: 'municipality',
      administrator: 'municipality',
    },
    purpose: { da: 'Opfølgning på indlæsning', en: 'Following an import' },
  },
});
