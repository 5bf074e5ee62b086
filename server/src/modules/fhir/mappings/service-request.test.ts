import { describe, expect, it } from 'vitest';
import { exampleReferral as referral, validationErrors } from '../fhir.fixtures.js';
import { toServiceRequest } from './service-request.js';

describe('ServiceRequest', () => {
  it('the referral as an order from the job centre to the provider, with its consent', () => {
    const s = toServiceRequest(referral);
    expect(validationErrors(s)).toEqual([]);
    expect(s).toMatchObject({
      status: 'active',
      intent: 'order',
      requester: { reference: `Organization/${referral.fromOrganisationId}` },
      performer: [{ reference: `Organization/${referral.toOrganisationId}` }],
      supportingInfo: [{ reference: `Consent/${referral.consentId}` }],
    });
    expect(s.category?.[0]?.coding?.[0]?.code).toBe('mandatory');
  });

  it('ends as completed or revoked with the referral', () => {
    expect(toServiceRequest({ ...referral, state: 'completed' }).status).toBe('completed');
    expect(toServiceRequest({ ...referral, state: 'dropped_out' }).status).toBe('revoked');
    expect(toServiceRequest({ ...referral, state: 'draft' }).status).toBe('draft');
  });
});
