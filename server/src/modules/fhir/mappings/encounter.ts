/**
 * Encounter: the citizen's attendance at one course session. Present is a finished encounter; an
 * absence (with or without notice, sick) a cancelled one, the kind of absence in the type, since
 * drop-out shows early in the pattern of absences.
 */
import type { Encounter } from '@medplum/fhirtypes';
import { HL7_TERMINOLOGY, helhedSystem, pairId, ref } from './systems.js';

export interface AttendanceInput {
  sessionId: string;
  enrolmentId: string;
  citizenId: string;
  courseOrganisationId: string;
  referralId: string | null;
  status: 'present' | 'absent_notice' | 'absent_no_notice' | 'sick';
  startsAt: string | Date;
  endsAt: string | Date;
}

const attendanceLabel = {
  present: 'Mødt',
  absent_notice: 'Fravær med afbud',
  absent_no_notice: 'Fravær uden afbud',
  sick: 'Syg',
};

export function toEncounter(a: AttendanceInput): Encounter {
  const id = pairId(a.sessionId, a.enrolmentId);
  return {
    resourceType: 'Encounter',
    id,
    status: a.status === 'present' ? 'finished' : 'cancelled',
    class: { system: `${HL7_TERMINOLOGY}/v3-ActCode`, code: 'AMB', display: 'ambulatory' },
    type: [
      {
        coding: [
          {
            system: helhedSystem('attendance'),
            code: a.status,
            display: attendanceLabel[a.status],
          },
        ],
      },
    ],
    subject: ref('Patient', a.citizenId),
    ...(a.referralId ? { basedOn: [ref('ServiceRequest', a.referralId)] } : {}),
    appointment: [ref('Appointment', id)],
    period: { start: new Date(a.startsAt).toISOString(), end: new Date(a.endsAt).toISOString() },
    serviceProvider: ref('Organization', a.courseOrganisationId),
  };
}
