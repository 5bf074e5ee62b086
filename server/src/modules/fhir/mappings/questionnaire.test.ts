import { describe, expect, it } from 'vitest';
import { healthProfileDefinition } from '../../health/profile-definition.js';
import { validationErrors } from '../fhir.fixtures.js';
import { toQuestionnaire } from './questionnaire.js';

describe('Questionnaire', () => {
  it('the health profile version with its themes, WHO-5 and wish cards', () => {
    const q = toQuestionnaire(healthProfileDefinition);
    expect(validationErrors(q)).toEqual([]);
    expect(q.id).toBe('health-profile-v1');
    expect(q.version).toBe('1');
    const who5 = q.item?.find((i) => i.linkId === 'who5');
    expect(who5?.item).toHaveLength(5);
    expect(who5?.item?.[0]).toMatchObject({ type: 'choice', required: true });
    expect(who5?.item?.[0]?.answerOption?.map((o) => o.valueCoding?.code)).toEqual([
      '5',
      '4',
      '3',
      '2',
      '1',
      '0',
    ]);
    // A question shown only on an answer keeps that condition.
    const helpNote = q.item?.[0]?.item?.find((i) => i.linkId === 'kost_help_note');
    expect(helpNote?.enableWhen).toEqual([
      { question: 'kost_wants_help', operator: '=', answerCoding: { code: 'yes' } },
    ]);
  });
});
