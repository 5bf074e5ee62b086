import { definePolicy } from '../../platform/policy.js';

/** Logging in and out needs no row; these exist so the access log names a purpose. */
export const authPolicy = definePolicy({
  'auth.session': {
    allow: {
      caseworker: 'any',
      coordinating_caseworker: 'any',
      health_professional: 'any',
      provider_staff: 'any',
      team_member: 'any',
      manager: 'any',
      administrator: 'any',
      citizen: 'any',
    },
    purpose: { da: 'Log ind og ud', en: 'Log in and out' },
  },
});
