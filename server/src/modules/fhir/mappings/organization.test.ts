import { describe, expect, it } from 'vitest';
import { validationErrors } from '../fhir.fixtures.js';
import { toOrganization } from './organization.js';

describe('Organization', () => {
  it('a health centre with its type and municipality', () => {
    const o = toOrganization({
      id: '22222222-2222-4222-8222-222222222222',
      name: 'Sundhedscenter Rebild',
      type: 'sundhedscenter',
      address: 'Sundhedsvej 2, 9530 Støvring',
      active: true,
      municipalityCode: '840',
    });
    expect(validationErrors(o)).toEqual([]);
    expect(o.type?.[0]?.coding?.[0]).toMatchObject({
      code: 'sundhedscenter',
      display: 'Sundhedscenter',
    });
    expect(o.identifier?.[0]?.value).toBe('840');
  });
});
