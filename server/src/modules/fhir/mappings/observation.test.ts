import { describe, expect, it } from 'vitest';
import { validationErrors } from '../fhir.fixtures.js';
import { toFactObservation, toHealthTestObservations } from './observation.js';

const citizenId = '11111111-1111-4111-8111-111111111111';

describe('Observation', () => {
  it('the WHO-5 score, derived from the response it was scored from', () => {
    const o = toFactObservation({
      citizenId,
      fact: 'who5',
      value: 40,
      recordedAt: '2026-11-02T10:00:00Z',
      sourceResponseId: '88888888-8888-4888-8888-888888888888',
      originOrganisationId: '22222222-2222-4222-8222-222222222222',
    });
    expect(validationErrors(o)).toEqual([]);
    expect(o.id).toBe(`who5-${citizenId}`);
    expect(o.valueQuantity?.value).toBe(40);
    expect(o.derivedFrom?.[0]?.reference).toBe(
      'QuestionnaireResponse/88888888-8888-4888-8888-888888888888',
    );
  });

  it('a health test as vital signs with LOINC codes and UCUM units', () => {
    const list = toHealthTestObservations({
      id: '99999999-9999-4999-8999-999999999999',
      citizenId,
      organisationId: '22222222-2222-4222-8222-222222222222',
      measuredOn: '2026-11-02',
      weightKg: '92.0',
      heightCm: '178.0',
      bmi: '29.0',
      fatPercent: '31.5',
      coPpm: 12,
      systolic: 135,
      diastolic: 85,
    });
    for (const o of list) expect(validationErrors(o)).toEqual([]);
    expect(list.map((o) => o.code.coding?.[0]?.code)).toEqual([
      '29463-7',
      '8302-2',
      '39156-5',
      '41982-0',
      'exhaled-co',
      '85354-9',
    ]);
    expect(list[0]?.valueQuantity).toMatchObject({ value: 92, code: 'kg' });
    expect(list[5]?.component?.map((c) => c.valueQuantity?.value)).toEqual([135, 85]);
  });
});
