/**
 * Appointment: one session of a course the citizen is enrolled in. One resource per citizen and
 * session (id: the session's and the enrolment's UUIDs), never one listing every participant:
 * a receiver must not learn who else is on the course.
 */
import type { Appointment } from '@medplum/fhirtypes';
import { pairId, ref } from './systems.js';

export interface SessionInput {
  sessionId: string;
  enrolmentId: string;
  citizenId: string;
  courseTitle: string;
  referralId: string | null;
  startsAt: string | Date;
  endsAt: string | Date;
  status: 'planned' | 'cancelled';
  /** Whether attendance was registered for the citizen at this session. */
  attended: boolean | null;
  place: string | null;
}

export function toAppointment(s: SessionInput): Appointment {
  const start = new Date(s.startsAt);
  const status: Appointment['status'] =
    s.status === 'cancelled'
      ? 'cancelled'
      : s.attended === true
        ? 'fulfilled'
        : s.attended === false
          ? 'noshow'
          : 'booked';
  return {
    resourceType: 'Appointment',
    id: pairId(s.sessionId, s.enrolmentId),
    status,
    serviceType: [{ text: s.courseTitle }],
    description: s.courseTitle + (s.place ? `, ${s.place}` : ''),
    start: start.toISOString(),
    end: new Date(s.endsAt).toISOString(),
    ...(s.referralId ? { basedOn: [ref('ServiceRequest', s.referralId)] } : {}),
    participant: [{ actor: ref('Patient', s.citizenId), status: 'accepted' }],
  };
}
