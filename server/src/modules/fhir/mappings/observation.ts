/**
 * Observation: the WHO-5 well-being score and self-rated health from the health profile, and the
 * health tests (weight, height, BMI, fat %, exhaled CO, blood pressure). Vital signs carry their
 * LOINC codes and UCUM units, so a receiving system recognises them; WHO-5 and self-rated health
 * carry Helhed's code and point at the response they were scored from. Health content only:
 * reaches the health organisation that recorded it, or a reader under consent (sharing builder);
 * health tests never reach a job centre (DOMAIN.md §3).
 */
import type { Observation } from '@medplum/fhirtypes';
import { fhirDate, HL7_TERMINOLOGY, helhedSystem, instant, LOINC, ref, UCUM } from './systems.js';

export interface FactInput {
  citizenId: string;
  fact: 'who5' | 'self_rated_health';
  value: number;
  recordedAt: string | Date;
  sourceResponseId: string | null;
  originOrganisationId: string | null;
}

export const factObservationId = (fact: string, citizenId: string) =>
  `${fact.replaceAll('_', '-')}-${citizenId}`;

const category = (code: 'survey' | 'vital-signs' | 'exam') => [
  { coding: [{ system: `${HL7_TERMINOLOGY}/observation-category`, code }] },
];

const factCode = {
  who5: { code: 'who5', display: 'WHO-5 trivselsindeks (0–100)' },
  self_rated_health: { code: 'self-rated-health', display: 'Selvvurderet helbred (1–5)' },
};

export function toFactObservation(f: FactInput): Observation {
  return {
    resourceType: 'Observation',
    id: factObservationId(f.fact, f.citizenId),
    status: 'final',
    category: category('survey'),
    code: { coding: [{ system: helhedSystem('health-profile-fact'), ...factCode[f.fact] }] },
    subject: ref('Patient', f.citizenId),
    effectiveDateTime: instant(f.recordedAt),
    ...(f.originOrganisationId ? { performer: [ref('Organization', f.originOrganisationId)] } : {}),
    valueQuantity: { value: Number(f.value), unit: 'score', system: UCUM, code: '{score}' },
    ...(f.sourceResponseId
      ? { derivedFrom: [ref('QuestionnaireResponse', f.sourceResponseId)] }
      : {}),
  };
}

export interface HealthTestInput {
  id: string;
  citizenId: string;
  organisationId: string;
  measuredOn: string | Date;
  weightKg: number | string | null;
  heightCm: number | string | null;
  bmi: number | string | null;
  fatPercent: number | string | null;
  coPpm: number | null;
  systolic: number | null;
  diastolic: number | null;
}

const quantity = (value: number | string, unit: string, code: string) => ({
  value: Number(value),
  unit,
  system: UCUM,
  code,
});

/** The measures of one health test, each its own Observation (id test-<uuid>-<measure>). */
export function toHealthTestObservations(t: HealthTestInput): Observation[] {
  const base = (measure: string, cat: 'vital-signs' | 'exam') => ({
    resourceType: 'Observation' as const,
    id: `test-${t.id}-${measure}`,
    status: 'final' as const,
    category: category(cat),
    subject: ref('Patient', t.citizenId),
    effectiveDateTime: fhirDate(t.measuredOn),
    performer: [ref('Organization', t.organisationId)],
  });
  const out: Observation[] = [];
  if (t.weightKg !== null) {
    out.push({
      ...base('weight', 'vital-signs'),
      code: { coding: [{ system: LOINC, code: '29463-7', display: 'Body weight' }] },
      valueQuantity: quantity(t.weightKg, 'kg', 'kg'),
    });
  }
  if (t.heightCm !== null) {
    out.push({
      ...base('height', 'vital-signs'),
      code: { coding: [{ system: LOINC, code: '8302-2', display: 'Body height' }] },
      valueQuantity: quantity(t.heightCm, 'cm', 'cm'),
    });
  }
  if (t.bmi !== null) {
    out.push({
      ...base('bmi', 'vital-signs'),
      code: {
        coding: [{ system: LOINC, code: '39156-5', display: 'Body mass index (BMI) [Ratio]' }],
      },
      valueQuantity: quantity(t.bmi, 'kg/m2', 'kg/m2'),
    });
  }
  if (t.fatPercent !== null) {
    out.push({
      ...base('fat', 'exam'),
      code: {
        coding: [{ system: LOINC, code: '41982-0', display: 'Percentage of body fat Measured' }],
      },
      valueQuantity: quantity(t.fatPercent, '%', '%'),
    });
  }
  if (t.coPpm !== null) {
    out.push({
      ...base('co', 'exam'),
      code: {
        coding: [
          {
            system: helhedSystem('health-test'),
            code: 'exhaled-co',
            display: 'CO i udåndingsluft',
          },
        ],
      },
      valueQuantity: quantity(t.coPpm, 'ppm', '[ppm]'),
    });
  }
  if (t.systolic !== null && t.diastolic !== null) {
    out.push({
      ...base('bp', 'vital-signs'),
      code: { coding: [{ system: LOINC, code: '85354-9', display: 'Blood pressure panel' }] },
      component: [
        {
          code: { coding: [{ system: LOINC, code: '8480-6', display: 'Systolic blood pressure' }] },
          valueQuantity: quantity(t.systolic, 'mmHg', 'mm[Hg]'),
        },
        {
          code: {
            coding: [{ system: LOINC, code: '8462-4', display: 'Diastolic blood pressure' }],
          },
          valueQuantity: quantity(t.diastolic, 'mmHg', 'mm[Hg]'),
        },
      ],
    });
  }
  return out;
}
