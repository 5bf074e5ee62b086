import { describe, expect, it } from 'vitest';
import { healthProfileDefinition } from '../health/profile-definition.js';
import { pruneHidden, type QuestionnaireDefinition, validateAnswers } from './engine.js';

const def: QuestionnaireDefinition = {
  key: 'test',
  version: 1,
  title: 'Test',
  sections: [
    {
      id: 's',
      title: 'S',
      questions: [
        {
          id: 'smoke',
          type: 'single',
          required: true,
          label: 'Ryger du?',
          options: [
            { value: 'yes', label: 'Ja' },
            { value: 'no', label: 'Nej' },
          ],
        },
        {
          id: 'cigs',
          type: 'number',
          unit: 'stk.',
          min: 0,
          max: 100,
          integer: true,
          required: true,
          label: 'Hvor mange om dagen?',
          showIf: { question: 'smoke', in: ['yes'] },
        },
        { id: 'when', type: 'date', label: 'Dato' },
        { id: 'mood', type: 'scale', min: 1, max: 5, label: 'Humør' },
        {
          id: 'cards',
          type: 'multiple',
          max: 2,
          label: 'Kort',
          options: [
            { value: 'a', label: 'A' },
            { value: 'b', label: 'B' },
            { value: 'c', label: 'C' },
          ],
        },
      ],
    },
  ],
};

describe('questionnaire engine', () => {
  it('checks each answer type against the definition', () => {
    const errors = validateAnswers(
      def,
      {
        smoke: 'maybe',
        cigs: 2.5,
        when: '2026-13-45',
        mood: 9,
        cards: ['a', 'b', 'c'],
        other: 'x',
      },
      { complete: false },
    );
    expect(errors.map((e) => e.pointer).sort()).toEqual(
      [
        '/answers/cards',
        '/answers/cigs',
        '/answers/mood',
        '/answers/other',
        '/answers/smoke',
        '/answers/when',
      ].sort(),
    );
  });

  it('requires a conditional question only when it is shown, and drops hidden answers', () => {
    expect(validateAnswers(def, { smoke: 'no' }, { complete: true })).toEqual([]);
    expect(
      validateAnswers(def, { smoke: 'yes' }, { complete: true }).map((e) => e.pointer),
    ).toEqual(['/answers/cigs']);
    expect(pruneHidden(def, { smoke: 'no', cigs: 10 })).toEqual({ smoke: 'no' });
  });

  it('the health profile has the six themes, self-rated health, WHO-5 and wish cards', () => {
    const ids = healthProfileDefinition.sections.map((s) => s.id);
    expect(ids).toEqual([
      'kost',
      'rygning',
      'alkohol',
      'motion',
      'misbrug',
      'psykisk_helbred',
      'self_rated',
      'who5',
      'wishes',
    ]);
  });
});
