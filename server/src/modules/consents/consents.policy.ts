import { definePolicy } from '../../platform/policy.js';

export const consentPolicy = definePolicy({
  'consent.read': {
    allow: { caseworker: 'municipality', coordinating_caseworker: 'municipality', citizen: 'self' },
    purpose: { da: 'Visning af borgerens samtykker', en: 'Showing the citizen’s consents' },
  },
  'consent.record': {
    allow: { caseworker: 'municipality', coordinating_caseworker: 'municipality', citizen: 'self' },
    purpose: {
      da: 'Registrering af samtykke eller afslag på samtykke',
      en: 'Recording a consent or a refusal',
    },
  },
  'consent.withdraw': {
    allow: { caseworker: 'municipality', coordinating_caseworker: 'municipality', citizen: 'self' },
    purpose: { da: 'Tilbagekaldelse af samtykke', en: 'Withdrawing a consent' },
  },
  'consent.recipients': {
    allow: { caseworker: 'any', coordinating_caseworker: 'any', citizen: 'any' },
    purpose: { da: 'Valg af modtager af samtykke', en: 'Choosing a consent recipient' },
  },
});
