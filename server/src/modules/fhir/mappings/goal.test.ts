import { describe, expect, it } from 'vitest';
import { validationErrors } from '../fhir.fixtures.js';
import { toGoal } from './goal.js';

const base = {
  id: 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb',
  citizenId: '11111111-1111-4111-8111-111111111111',
  parentGoalId: null,
  specific: 'Deltage i motion to gange om ugen',
  measurable: 'Fremmøde mindst 80 %',
  agreedWithCitizen: true,
  relevance: 'Mere energi til praktik',
  dueDate: '2027-02-01',
  category: 'participation',
  requirement: true,
  status: 'in_progress' as const,
  createdAt: '2026-11-01T09:00:00Z',
};

describe('Goal', () => {
  it('SMART: specific, measurable, agreed, relevant, time-bound; mandatory marked', () => {
    const g = toGoal(base);
    expect(validationErrors(g)).toEqual([]);
    expect(g.description.text).toBe(base.specific);
    expect(g.target?.[0]).toMatchObject({ detailString: base.measurable, dueDate: '2027-02-01' });
    expect(g.expressedBy?.reference).toBe(`Patient/${base.citizenId}`);
    expect(g.note?.[0]?.text).toContain(base.relevance);
    expect(g.extension?.[0]?.valueCoding?.code).toBe('mandatory');
    expect(g.lifecycleStatus).toBe('active');
    expect(g.achievementStatus?.coding?.[0]?.code).toBe('in-progress');
  });

  it('a voluntary lifestyle sub-goal, achieved, pointing at its goal', () => {
    const g = toGoal({
      ...base,
      id: 'cccccccc-cccc-4ccc-8ccc-cccccccccccc',
      parentGoalId: base.id,
      category: 'lifestyle_outcome',
      requirement: false,
      agreedWithCitizen: false,
      measurable: '',
      dueDate: null,
      status: 'achieved',
    });
    expect(validationErrors(g)).toEqual([]);
    expect(g.extension?.map((e) => e.valueCoding?.code ?? e.valueReference?.reference)).toEqual([
      'voluntary',
      `Goal/${base.id}`,
    ]);
    expect(g.lifecycleStatus).toBe('completed');
    expect(g.target).toBeUndefined();
    expect(g.expressedBy).toBeUndefined();
  });
});
