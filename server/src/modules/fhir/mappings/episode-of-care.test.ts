import { describe, expect, it } from 'vitest';
import { validationErrors } from '../fhir.fixtures.js';
import { toEpisodeOfCare } from './episode-of-care.js';

const base = {
  id: 'ffffffff-ffff-4fff-8fff-ffffffffffff',
  citizenId: '11111111-1111-4111-8111-111111111111',
  benefitType: 'sygedagpenge',
  benefitTypeName: 'Sygedagpenge',
  startDate: '2026-09-01',
  endDate: null,
  endReason: null,
  managingOrganisationId: '22222222-2222-4222-8222-222222222222',
  careManagerRoleId: '33333333-3333-4333-8333-333333333333',
  careManagerName: 'Sara Sagsbehandler',
};

describe('EpisodeOfCare', () => {
  it('a running benefit period, managed by the job centre and the caseworker', () => {
    const e = toEpisodeOfCare(base);
    expect(validationErrors(e)).toEqual([]);
    expect(e.status).toBe('active');
    expect(e.type?.[0]?.coding?.[0]?.code).toBe('sygedagpenge');
    expect(e.careManager?.reference).toBe(`PractitionerRole/${base.careManagerRoleId}`);
  });

  it('an ended period carries its end reason (the outcome evaluation measures)', () => {
    const e = toEpisodeOfCare({ ...base, endDate: '2026-11-20', endReason: 'declared_fit' });
    expect(validationErrors(e)).toEqual([]);
    expect(e.status).toBe('finished');
    expect(e.period).toEqual({ start: '2026-09-01', end: '2026-11-20' });
    expect(e.extension?.[0]?.valueCoding?.code).toBe('declared_fit');
  });
});
