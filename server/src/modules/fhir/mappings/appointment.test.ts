import { describe, expect, it } from 'vitest';
import { validationErrors } from '../fhir.fixtures.js';
import { toAppointment } from './appointment.js';
import { splitPairId } from './systems.js';

const session = {
  sessionId: 'dddddddd-dddd-4ddd-8ddd-dddddddddddd',
  enrolmentId: 'eeeeeeee-eeee-4eee-8eee-eeeeeeeeeeee',
  citizenId: '11111111-1111-4111-8111-111111111111',
  courseTitle: 'Motion og træning – trin 1',
  referralId: '55555555-5555-4555-8555-555555555555',
  startsAt: '2026-11-10T08:00:00Z',
  endsAt: '2026-11-10T10:00:00Z',
  status: 'planned' as const,
  attended: null,
  place: 'Træningssalen',
};

describe('Appointment', () => {
  it('one session for one citizen, the id made of session and enrolment', () => {
    const a = toAppointment(session);
    expect(validationErrors(a)).toEqual([]);
    expect(a.id).toHaveLength(64);
    expect(splitPairId(a.id!)).toEqual([session.sessionId, session.enrolmentId]);
    expect(a.participant).toEqual([
      { actor: { reference: `Patient/${session.citizenId}` }, status: 'accepted' },
    ]);
    expect(a.status).toBe('booked');
  });

  it('fulfilled, no-show or cancelled after the fact', () => {
    expect(toAppointment({ ...session, attended: true }).status).toBe('fulfilled');
    expect(toAppointment({ ...session, attended: false }).status).toBe('noshow');
    const cancelled = toAppointment({ ...session, status: 'cancelled' });
    expect(cancelled.status).toBe('cancelled');
    expect(validationErrors(cancelled)).toEqual([]);
  });
});
