/**
 * Consent: the citizen's consent to share categories of data with one organisation for a purpose
 * (Sundhedsloven §15, GDPR art. 9). The categories are the provision's classes, the recipient the
 * provision's actor, the validity its period. A withdrawn consent is inactive, a refused one
 * rejected: a receiver must see both so it stops using what it received.
 */
import type { Consent } from '@medplum/fhirtypes';
import { fhirDate, HL7_TERMINOLOGY, helhedSystem, instant, ref } from './systems.js';

export interface ConsentInput {
  id: string;
  citizenId: string;
  recipientOrganisationId: string;
  recipientOrganisationName: string | null;
  categories: string[];
  purpose: string;
  validFrom: string | Date;
  validTo: string | Date | null;
  status: 'given' | 'refused' | 'withdrawn';
  createdAt: string | Date;
}

const statusOf = { given: 'active', refused: 'rejected', withdrawn: 'inactive' } as const;

const categoryLabel: Record<string, string> = {
  health_profile: 'Sundhedsprofil',
  health_tests: 'Sundhedstest',
  screening_notes: 'Visitationsnotater',
  attendance: 'Fremmøde',
  outcome: 'Resultat efter forløb',
};

export function toConsent(c: ConsentInput): Consent {
  return {
    resourceType: 'Consent',
    id: c.id,
    status: statusOf[c.status],
    scope: {
      coding: [{ system: `${HL7_TERMINOLOGY}/consentscope`, code: 'patient-privacy' }],
    },
    category: [
      {
        coding: [{ system: `${HL7_TERMINOLOGY}/consentcategorycodes`, code: 'npp' }],
        text: 'Samtykke til videregivelse af helbredsoplysninger',
      },
    ],
    patient: ref('Patient', c.citizenId),
    dateTime: instant(c.createdAt),
    organization: [ref('Organization', c.recipientOrganisationId, c.recipientOrganisationName)],
    policyRule: {
      coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'OPTIN' }],
      text: c.purpose,
    },
    provision: {
      type: 'permit',
      period: {
        start: fhirDate(c.validFrom),
        ...(c.validTo ? { end: fhirDate(c.validTo) } : {}),
      },
      actor: [
        {
          role: {
            coding: [
              {
                system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType',
                code: 'IRCP',
              },
            ],
          },
          reference: ref('Organization', c.recipientOrganisationId, c.recipientOrganisationName),
        },
      ],
      class: c.categories.map((code) => ({
        system: helhedSystem('consent-category'),
        code,
        display: categoryLabel[code] ?? code,
      })),
    },
  };
}
