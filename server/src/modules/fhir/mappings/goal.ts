/**
 * Goal: a SMART goal of Min Plan. Specific is the description, Measurable the target's detail,
 * Agreed whether the citizen expressed it (expressedBy the Patient) or the organisation set it,
 * Relevant a note, Time-bound the target's due date. A sub-goal points at its goal. Voluntary or
 * mandatory (a requirement of the activation) is the participation extension.
 */
import type { Extension, Goal } from '@medplum/fhirtypes';
import { fhirDate, helhedExtension, helhedSystem, ref } from './systems.js';

export interface GoalInput {
  id: string;
  citizenId: string;
  parentGoalId: string | null;
  specific: string;
  measurable: string;
  agreedWithCitizen: boolean;
  relevance: string;
  dueDate: string | Date | null;
  category: string;
  requirement: boolean;
  status: 'open' | 'in_progress' | 'achieved' | 'dropped';
  createdAt: string | Date;
}

export const PARTICIPATION_EXTENSION = helhedExtension('participation');

export function participationExtension(requirement: boolean): Extension {
  return {
    url: PARTICIPATION_EXTENSION,
    valueCoding: {
      system: helhedSystem('participation'),
      code: requirement ? 'mandatory' : 'voluntary',
      display: requirement ? 'Del af aktiveringen (krav)' : 'Frivilligt',
    },
  };
}

const lifecycle = {
  open: 'active',
  in_progress: 'active',
  achieved: 'completed',
  dropped: 'cancelled',
} as const;

const achievement = {
  open: undefined,
  in_progress: 'in-progress',
  achieved: 'achieved',
  dropped: 'not-achieved',
} as const;

export function toGoal(g: GoalInput): Goal {
  const achieved = achievement[g.status];
  const extension: Extension[] = [participationExtension(g.requirement)];
  if (g.parentGoalId) {
    extension.push({
      url: helhedExtension('parent-goal'),
      valueReference: ref('Goal', g.parentGoalId),
    });
  }
  return {
    resourceType: 'Goal',
    id: g.id,
    extension,
    lifecycleStatus: lifecycle[g.status],
    ...(achieved
      ? {
          achievementStatus: {
            coding: [
              { system: 'http://terminology.hl7.org/CodeSystem/goal-achievement', code: achieved },
            ],
          },
        }
      : {}),
    category: [{ coding: [{ system: helhedSystem('goal-category'), code: g.category }] }],
    description: { text: g.specific },
    subject: ref('Patient', g.citizenId),
    startDate: fhirDate(g.createdAt),
    ...(g.measurable || g.dueDate
      ? {
          target: [
            {
              // gol-1: a target's detail needs a measure.
              ...(g.measurable
                ? { measure: { text: 'Målbart (SMART)' }, detailString: g.measurable }
                : {}),
              ...(g.dueDate ? { dueDate: fhirDate(g.dueDate) } : {}),
            },
          ],
        }
      : {}),
    // Agreed with the citizen: the citizen expressed it. Otherwise the plan's organisation set
    // it, which Goal.expressedBy cannot name (no Organization there), so it is left out.
    ...(g.agreedWithCitizen ? { expressedBy: ref('Patient', g.citizenId) } : {}),
    ...(g.relevance ? { note: [{ text: `Relevans: ${g.relevance}` }] } : {}),
  };
}
