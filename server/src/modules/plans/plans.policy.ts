import { definePolicy } from '../../platform/policy.js';

export const planPolicy = definePolicy({
  'plan.read': {
    allow: {
      caseworker: 'municipality',
      coordinating_caseworker: 'municipality',
      // The rehabilitation team works on the plan for the citizens it holds through its work.
      team_member: 'organisation',
      citizen: 'self',
    },
    purpose: { da: 'Arbejde med borgerens plan (Min Plan)', en: 'Working on the citizen’s plan' },
  },
  'plan.write': {
    allow: { caseworker: 'municipality', coordinating_caseworker: 'municipality' },
    purpose: { da: 'Ændring af borgerens plan (Min Plan)', en: 'Changing the citizen’s plan' },
  },
  'plan.import': {
    allow: { coordinating_caseworker: 'municipality' },
    purpose: { da: 'Import af mål til borgerens plan', en: 'Importing goals into a plan' },
  },
});
