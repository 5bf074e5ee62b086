/**
 * EpisodeOfCare: a benefit period (ydelsesforløb), the frame of the citizen's course of work: its
 * benefit type, start, end and end reason (job, education, declared fit are the outcomes that
 * evaluation measures), managed by the job centre and the responsible caseworker.
 */
import type { EpisodeOfCare } from '@medplum/fhirtypes';
import { fhirDate, helhedExtension, helhedSystem, ref } from './systems.js';

export interface BenefitPeriodInput {
  id: string;
  citizenId: string;
  benefitType: string;
  benefitTypeName: string;
  startDate: string | Date;
  endDate: string | Date | null;
  endReason: string | null;
  managingOrganisationId: string | null;
  careManagerRoleId: string | null;
  careManagerName: string | null;
}

export function toEpisodeOfCare(b: BenefitPeriodInput): EpisodeOfCare {
  return {
    resourceType: 'EpisodeOfCare',
    id: b.id,
    ...(b.endReason
      ? {
          extension: [
            {
              url: helhedExtension('benefit-end-reason'),
              valueCoding: { system: helhedSystem('benefit-end-reason'), code: b.endReason },
            },
          ],
        }
      : {}),
    status: b.endDate ? 'finished' : 'active',
    type: [
      {
        coding: [
          { system: helhedSystem('benefit-type'), code: b.benefitType, display: b.benefitTypeName },
        ],
      },
    ],
    patient: ref('Patient', b.citizenId),
    ...(b.managingOrganisationId
      ? { managingOrganization: ref('Organization', b.managingOrganisationId) }
      : {}),
    period: {
      start: fhirDate(b.startDate),
      ...(b.endDate ? { end: fhirDate(b.endDate) } : {}),
    },
    ...(b.careManagerRoleId
      ? { careManager: ref('PractitionerRole', b.careManagerRoleId, b.careManagerName) }
      : {}),
  };
}
