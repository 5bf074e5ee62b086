import { describe, expect, it } from 'vitest';
import { validationErrors } from '../fhir.fixtures.js';
import { toCarePlan } from './care-plan.js';

describe('CarePlan', () => {
  it('Min Plan with its goals and activities, a referral activity pointing at its ServiceRequest', () => {
    const p = toCarePlan({
      id: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa',
      citizenId: '11111111-1111-4111-8111-111111111111',
      goalKind: 'job',
      jobGoal: 'Lagerarbejde 20 timer om ugen',
      status: 'active',
      ownerOrganisationId: '22222222-2222-4222-8222-222222222222',
      createdAt: '2026-11-01T09:00:00Z',
      goalIds: ['bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb'],
      activities: [
        {
          id: 'x',
          title: 'Motion 10 timer om ugen',
          requirement: true,
          referralId: '55555555-5555-4555-8555-555555555555',
          status: 'active',
        },
        {
          id: 'y',
          title: 'Kostvejledning',
          requirement: false,
          referralId: null,
          status: 'planned',
        },
      ],
    });
    expect(validationErrors(p)).toEqual([]);
    expect(p.title).toBe('Min Plan');
    expect(p.goal?.[0]?.reference).toBe('Goal/bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb');
    expect(p.activity?.[0]?.reference?.reference).toBe(
      'ServiceRequest/55555555-5555-4555-8555-555555555555',
    );
    expect(p.activity?.map((a) => a.extension?.[0]?.valueCoding?.code)).toEqual([
      'mandatory',
      'voluntary',
    ]);
    expect(p.activity?.[1]?.detail).toEqual({ status: 'scheduled', description: 'Kostvejledning' });
  });
});
