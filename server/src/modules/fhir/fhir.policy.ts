import { definePolicy } from '../../platform/policy.js';

/**
 * Who may call the FHIR API. A citizen's resources: exactly who may open the citizen in the JSON
 * API (citizen.read); what of the citizen's data reaches the reader is then decided per piece by
 * the owning modules' own actions and, across organisations, by modules/sharing (decision 1040).
 */
export const fhirPolicy = definePolicy({
  'fhir.read': {
    allow: {
      caseworker: 'municipality',
      coordinating_caseworker: 'municipality',
      health_professional: 'organisation',
      provider_staff: 'organisation',
      team_member: 'organisation',
      citizen: 'self',
    },
    purpose: {
      da: 'Udlevering af borgerens data i FHIR-format',
      en: 'Reading the citizen’s data in FHIR format',
    },
  },
  'fhir.directory': {
    // Organisations, staff roles and questionnaire texts: no citizen data, the municipality's own.
    allow: {
      caseworker: 'any',
      coordinating_caseworker: 'any',
      health_professional: 'any',
      provider_staff: 'any',
      team_member: 'any',
      manager: 'any',
      administrator: 'any',
    },
    purpose: { da: 'Opslag i organisationer og skemaer', en: 'Directory look-up' },
  },
  'fhir.export': {
    // The municipality's bulk export: pseudonymised, no health content, small cells left out
    // (the dashboards' rules). An integration user is a user with the manager role.
    allow: { manager: 'municipality' },
    purpose: {
      da: 'Pseudonymiseret FHIR-udtræk til evaluering og statistik',
      en: 'Pseudonymised FHIR bulk export for evaluation and statistics',
    },
  },
});
