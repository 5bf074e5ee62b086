import { describe, expect, it } from 'vitest';
import { validationErrors } from '../fhir.fixtures.js';
import { toPractitionerRole } from './practitioner-role.js';

describe('PractitionerRole', () => {
  it('the caseworker’s role at the job centre, the person by name', () => {
    const r = toPractitionerRole({
      id: '33333333-3333-4333-8333-333333333333',
      role: 'caseworker',
      displayName: 'Sara Sagsbehandler',
      organisationId: '22222222-2222-4222-8222-222222222222',
      organisationName: 'Jobcenter Rebild',
      active: true,
    });
    expect(validationErrors(r)).toEqual([]);
    expect(r.practitioner?.display).toBe('Sara Sagsbehandler');
    expect(r.organization?.reference).toBe('Organization/22222222-2222-4222-8222-222222222222');
    expect(r.code?.[0]?.coding?.[0]?.display).toBe('Sagsbehandler');
  });
});
