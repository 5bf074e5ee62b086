import { describe, expect, it } from 'vitest';
import { validationErrors } from '../fhir.fixtures.js';
import { toEncounter } from './encounter.js';

const base = {
  sessionId: 'dddddddd-dddd-4ddd-8ddd-dddddddddddd',
  enrolmentId: 'eeeeeeee-eeee-4eee-8eee-eeeeeeeeeeee',
  citizenId: '11111111-1111-4111-8111-111111111111',
  courseOrganisationId: '77777777-7777-4777-8777-777777777777',
  referralId: '55555555-5555-4555-8555-555555555555',
  startsAt: '2026-11-10T08:00:00Z',
  endsAt: '2026-11-10T10:00:00Z',
};

describe('Encounter', () => {
  it('present is finished, every kind of absence cancelled with the kind as its type', () => {
    const expected = {
      present: 'finished',
      absent_notice: 'cancelled',
      absent_no_notice: 'cancelled',
      sick: 'cancelled',
    } as const;
    for (const [status, fhirStatus] of Object.entries(expected)) {
      const e = toEncounter({ ...base, status: status as keyof typeof expected });
      expect(validationErrors(e)).toEqual([]);
      expect(e.status).toBe(fhirStatus);
      expect(e.type?.[0]?.coding?.[0]?.code).toBe(status);
      expect(e.serviceProvider?.reference).toBe(`Organization/${base.courseOrganisationId}`);
    }
  });
});
