import { describe, expect, it } from 'vitest';
import { healthProfileDefinition } from '../../health/profile-definition.js';
import { validationErrors } from '../fhir.fixtures.js';
import { toQuestionnaireResponse } from './questionnaire-response.js';

describe('QuestionnaireResponse', () => {
  it('the answers, WHO-5 included, against the version answered', () => {
    const answers: Record<string, string | string[]> = {
      motion_view: 'Jeg går for lidt',
      motion_readiness: 'ready',
      motion_wants_help: 'yes',
      self_rated_health: 'poor',
    };
    for (let i = 1; i <= 5; i++) answers[`who5_${i}`] = '2';
    const r = toQuestionnaireResponse(healthProfileDefinition, {
      id: '88888888-8888-4888-8888-888888888888',
      citizenId: '11111111-1111-4111-8111-111111111111',
      status: 'completed',
      answers,
      filledInBy: 'staff_with_citizen',
      organisationId: '22222222-2222-4222-8222-222222222222',
      organisationName: 'Sundhedscenter Rebild',
      updatedAt: '2026-11-02T10:00:00Z',
      completedAt: '2026-11-02T10:00:00Z',
    });
    expect(validationErrors(r)).toEqual([]);
    expect(r.questionnaire).toBe('http://helhed.invalid/fhir/Questionnaire/health-profile|1');
    expect(r.status).toBe('completed');
    const who5 = r.item?.find((i) => i.linkId === 'who5');
    expect(who5?.item?.map((i) => i.answer?.[0]?.valueCoding?.code)).toEqual([
      '2',
      '2',
      '2',
      '2',
      '2',
    ]);
    const motion = r.item?.find((i) => i.linkId === 'motion');
    expect(motion?.item?.find((i) => i.linkId === 'motion_view')?.answer).toEqual([
      { valueString: 'Jeg går for lidt' },
    ]);
    // Unanswered themes are not written at all.
    expect(r.item?.find((i) => i.linkId === 'kost')).toBeUndefined();
    expect(r.author?.reference).toBe('Organization/22222222-2222-4222-8222-222222222222');
  });
});
