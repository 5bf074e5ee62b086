/**
 * CarePlan: Min Plan, the citizen's plan with the job or education goal (Gladsaxe), its goals and
 * its activities. An activity that is a referral points at the ServiceRequest; others are
 * described inline. Whether an activity is a requirement of the activation or voluntary is the
 * participation extension (the legal guardrail: a lifestyle target is never a requirement).
 */
import type { CarePlan, CarePlanActivity } from '@medplum/fhirtypes';
import { participationExtension } from './goal.js';
import { instant, ref } from './systems.js';

export interface PlanInput {
  id: string;
  citizenId: string;
  goalKind: 'job' | 'education';
  jobGoal: string;
  status: 'active' | 'closed';
  ownerOrganisationId: string | null;
  createdAt: string | Date;
  goalIds: string[];
  activities: {
    id: string;
    title: string;
    requirement: boolean;
    referralId: string | null;
    status: 'planned' | 'active' | 'completed' | 'dropped';
  }[];
}

const activityStatus = {
  planned: 'scheduled',
  active: 'in-progress',
  completed: 'completed',
  dropped: 'stopped',
} as const;

export function toCarePlan(p: PlanInput): CarePlan {
  // cpl-3: an activity is a reference or a detail, not both; the referral's ServiceRequest
  // carries its own status and title.
  const activity: CarePlanActivity[] = p.activities.map((a) => ({
    extension: [participationExtension(a.requirement)],
    ...(a.referralId
      ? { reference: ref('ServiceRequest', a.referralId, a.title) }
      : { detail: { status: activityStatus[a.status], description: a.title } }),
  }));
  return {
    resourceType: 'CarePlan',
    id: p.id,
    status: p.status === 'active' ? 'active' : 'completed',
    intent: 'plan',
    title: 'Min Plan',
    description: `${p.goalKind === 'job' ? 'Jobmål' : 'Uddannelsesmål'}: ${p.jobGoal || '–'}`,
    subject: ref('Patient', p.citizenId),
    created: instant(p.createdAt),
    ...(p.ownerOrganisationId ? { author: ref('Organization', p.ownerOrganisationId) } : {}),
    ...(p.goalIds.length ? { goal: p.goalIds.map((id) => ref('Goal', id)) } : {}),
    ...(activity.length ? { activity } : {}),
  };
}
