import { definePolicy } from '../../platform/policy.js';

export const timelinePolicy = definePolicy({
  'timeline.read': {
    allow: {
      caseworker: 'municipality',
      coordinating_caseworker: 'municipality',
      citizen: 'self',
    },
    purpose: { da: 'Overblik over borgerens forløb', en: 'Overview of the citizen’s course' },
  },
});
