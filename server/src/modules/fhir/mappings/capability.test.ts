import { describe, expect, it } from 'vitest';
import { validationErrors } from '../fhir.fixtures.js';
import { toCapabilityStatement } from './capability.js';

describe('CapabilityStatement', () => {
  it('lists read for every supported type and search only for the clinical ones', () => {
    const c = toCapabilityStatement('http://localhost:3000/fhir/R4', '2026-12-06');
    expect(validationErrors(c)).toEqual([]);
    const resources = c.rest?.[0]?.resource ?? [];
    expect(resources.map((r) => r.type).sort()).toEqual(
      [
        'Appointment',
        'CarePlan',
        'Consent',
        'Encounter',
        'EpisodeOfCare',
        'Goal',
        'Observation',
        'Organization',
        'Patient',
        'PractitionerRole',
        'Questionnaire',
        'QuestionnaireResponse',
        'ServiceRequest',
        'Task',
      ].sort(),
    );
    const searchable = resources.filter((r) =>
      r.interaction?.some((i) => i.code === 'search-type'),
    );
    expect(searchable.map((r) => r.type)).not.toContain('Patient');
    expect(resources.find((r) => r.type === 'Patient')?.operation?.[0]?.name).toBe('everything');
  });
});
