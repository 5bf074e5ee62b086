import { describe, expect, it } from 'vitest';
import { validationErrors } from '../fhir.fixtures.js';
import { toConsent } from './consent.js';

const base = {
  id: '44444444-4444-4444-8444-444444444444',
  citizenId: '11111111-1111-4111-8111-111111111111',
  recipientOrganisationId: '22222222-2222-4222-8222-222222222222',
  recipientOrganisationName: 'Sundhedscenter Rebild',
  categories: ['health_profile', 'attendance'],
  purpose: 'Henvisning til træningsforløb',
  validFrom: '2026-11-01',
  validTo: '2027-05-01',
  createdAt: '2026-11-01T09:00:00Z',
};

describe('Consent', () => {
  it('recipient, categories as provision classes, period and purpose', () => {
    const c = toConsent({ ...base, status: 'given' });
    expect(validationErrors(c)).toEqual([]);
    expect(c.status).toBe('active');
    expect(c.provision?.class?.map((x) => x.code)).toEqual(['health_profile', 'attendance']);
    expect(c.provision?.period).toEqual({ start: '2026-11-01', end: '2027-05-01' });
    expect(c.provision?.actor?.[0]?.reference.reference).toBe(
      `Organization/${base.recipientOrganisationId}`,
    );
    expect(c.policyRule?.text).toBe('Henvisning til træningsforløb');
  });

  it('a withdrawn consent is inactive, a refused one rejected', () => {
    expect(toConsent({ ...base, status: 'withdrawn' }).status).toBe('inactive');
    const refused = toConsent({ ...base, status: 'refused', validTo: null });
    expect(refused.status).toBe('rejected');
    expect(refused.provision?.period?.end).toBeUndefined();
    expect(validationErrors(refused)).toEqual([]);
  });
});
