import { describe, expect, it } from 'vitest';
import { dkCoreCprErrors, validationErrors } from '../fhir.fixtures.js';
import { toPatient, toPseudonymousPatient } from './patient.js';

const citizen = {
  id: '11111111-1111-4111-8111-111111111111',
  firstName: 'Mette',
  lastName: 'Hansen',
  birthDate: '2045-05-05',
  gender: 'female',
  address: 'Skovvej 3',
  postalCode: '9530',
  city: 'Støvring',
  phone: '12345678',
  email: null,
  preferredLanguage: 'da',
};

describe('Patient', () => {
  it('carries the CPR as DK core’s CPR identifier when the caller may see it', () => {
    const p = toPatient({ ...citizen, cpr: '050545-5902' });
    expect(validationErrors(p)).toEqual([]);
    expect(dkCoreCprErrors(p)).toEqual([]);
    expect(p.identifier).toEqual([
      { use: 'official', system: 'urn:oid:1.2.208.176.1.2', value: '0505455902' },
    ]);
    expect(p.name?.[0]).toEqual({ use: 'official', family: 'Hansen', given: ['Mette'] });
    expect(p.address?.[0]).toMatchObject({
      line: ['Skovvej 3'],
      postalCode: '9530',
      country: 'DK',
    });
  });

  it('has no identifier at all when the caller may not see the CPR (never a masked one)', () => {
    const p = toPatient({ ...citizen, cpr: null });
    expect(validationErrors(p)).toEqual([]);
    expect(p.identifier).toBeUndefined();
    expect(JSON.stringify(p)).not.toContain('0505');
  });

  it('the DK core check fails on an impossible date (31 April)', () => {
    const p = toPatient({ ...citizen, cpr: '3104455902' });
    expect(dkCoreCprErrors(p)).toHaveLength(1);
  });

  it('in a bulk export, only a pseudonym and the gender', () => {
    const p = toPseudonymousPatient('a'.repeat(32), 'male');
    expect(validationErrors(p)).toEqual([]);
    expect(Object.keys(p).sort()).toEqual(['gender', 'id', 'resourceType']);
  });
});
