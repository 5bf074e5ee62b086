import { definePolicy } from '../../platform/policy.js';

/**
 * The platform operator's work (decision 1050). No other role has these actions, and the
 * operator has no other: every route outside this module is 404 for it.
 */
export const operatorPolicy = definePolicy({
  'operator.municipalities.read': {
    allow: { operator: 'any' },
    purpose: { da: 'Drift af Helhed: kommuner', en: 'Running Helhed: municipalities' },
  },
  'operator.municipalities.onboard': {
    allow: { operator: 'any' },
    purpose: { da: 'Oprettelse af kommune i Helhed', en: 'Onboarding a municipality' },
  },
  'operator.municipalities.offboard': {
    allow: { operator: 'any' },
    purpose: {
      da: 'Sletning af kommunens data ved udtræden af Helhed',
      en: 'Deleting a municipality’s data when it leaves Helhed',
    },
  },
});
