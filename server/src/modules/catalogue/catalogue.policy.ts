import { definePolicy } from '../../platform/policy.js';

const everyone = {
  caseworker: 'any',
  coordinating_caseworker: 'any',
  health_professional: 'any',
  provider_staff: 'any',
  team_member: 'any',
  manager: 'any',
  administrator: 'any',
  citizen: 'any',
} as const;

/**
 * The catalogue is what both sides of the municipality offer (Viborg: "everyone can see what the
 * other side offers"): every role may search and read it. Editors are the provider's own staff
 * (and the health center's health professionals for their own organisation's offers, the job
 * centre's caseworkers for the job centre's own) and the administrators. Drafts, paused and
 * closed offers are visible only to their editors.
 */
export const cataloguePolicy = definePolicy({
  'catalogue.search': {
    allow: everyone,
    purpose: { da: 'Søgning i tilbudskataloget', en: 'Searching the offer catalogue' },
  },
  'catalogue.read': {
    allow: everyone,
    purpose: { da: 'Visning af et tilbud', en: 'Showing an offer' },
  },
  'catalogue.edit': {
    allow: {
      provider_staff: 'organisation',
      health_professional: 'organisation',
      // The job centre's own offers (company centre, mentor, work trial; decision 1052).
      caseworker: 'organisation',
      coordinating_caseworker: 'organisation',
      administrator: 'municipality',
    },
    purpose: { da: 'Redigering af tilbudskataloget', en: 'Editing the offer catalogue' },
  },
});
