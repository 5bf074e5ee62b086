import { definePolicy } from '../../platform/policy.js';

export const citizenPolicy = definePolicy({
  'citizen.search': {
    allow: { caseworker: 'any', coordinating_caseworker: 'any', administrator: 'any' },
    purpose: { da: 'Søgning efter borger i sagsbehandling', en: 'Citizen search in case work' },
  },
  'citizen.read': {
    allow: {
      caseworker: 'municipality',
      coordinating_caseworker: 'municipality',
      administrator: 'municipality',
      // Health and provider staff see a citizen they hold an active referral or course for;
      // the service passes those organisations as the row's organisationIds.
      health_professional: 'organisation',
      provider_staff: 'organisation',
      team_member: 'organisation',
      citizen: 'self',
    },
    purpose: { da: 'Sagsbehandling og opfølgning', en: 'Case work and follow-up' },
  },
  'citizen.create': {
    allow: { caseworker: 'any', coordinating_caseworker: 'any', administrator: 'any' },
    purpose: { da: 'Oprettelse af borger', en: 'Registering a citizen' },
  },
  'citizen.update': {
    allow: {
      caseworker: 'municipality',
      coordinating_caseworker: 'municipality',
      administrator: 'municipality',
    },
    purpose: { da: 'Ændring af borgerens stamdata', en: 'Changing the citizen’s details' },
  },
  'citizen.reveal_cpr': {
    allow: { caseworker: 'municipality', coordinating_caseworker: 'municipality', citizen: 'self' },
    purpose: { da: 'Visning af fuldt CPR-nummer', en: 'Showing the full CPR number' },
  },
});
