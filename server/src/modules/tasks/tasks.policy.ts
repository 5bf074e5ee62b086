import { definePolicy } from '../../platform/policy.js';

export const taskPolicy = definePolicy({
  'tasks.read': {
    allow: {
      caseworker: 'any',
      coordinating_caseworker: 'any',
      health_professional: 'any',
      provider_staff: 'any',
      team_member: 'any',
      manager: 'any',
    },
    purpose: { da: 'Opgaveliste', en: 'Task list' },
  },
});
