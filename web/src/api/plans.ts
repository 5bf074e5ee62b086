/** Types for Min Plan, the portal, meetings and tasks as the server sends them. */
export interface PlanGoal {
  id: string;
  parentGoalId: string | null;
  specific: string;
  measurable: string;
  agreedWithCitizen: boolean;
  relevance: string;
  dueDate: string | null;
  category: string;
  requirement: boolean;
  status: string;
  lifestyleOutcome: boolean;
  updatedAt: string;
  changedSinceAccepted: boolean;
}

export interface PlanActivity {
  id: string;
  goalId: string | null;
  title: string;
  category: string;
  requirement: boolean;
  referralId: string | null;
  referralState: string | null;
  referralTitle: string | null;
  courseId: string | null;
  courseTitle: string | null;
  status: string;
  /** Middelfart: the linked offer is a mandatory part of activation, with its weekly rule. */
  mandatoryActivation: boolean;
  minHoursPerWeek: number | null;
  minDaysPerWeek: number | null;
}

export interface Plan {
  citizenId: string;
  id: string | null;
  goalKind: string;
  jobGoal: string;
  reviewDue: string | null;
  currentVersion: number;
  acceptedVersion: number | null;
  acceptedAt: string | null;
  acceptedByProxy: boolean;
  unseenByCitizen: boolean;
  goals: PlanGoal[];
  activities: PlanActivity[];
  notes: {
    id: string;
    goalId: string | null;
    body: string;
    authorName: string | null;
    createdAt: string;
  }[];
  versions: { version: number; publishedAt: string; acceptedAt: string | null }[];
  referrals: {
    id: string;
    title: string;
    state: string;
    participation: string;
    courseId: string | null;
  }[];
  allowedActions: string[];
}

/** A goal's progress and an activity's status, as the plan's PATCH operations take them. */
export const goalStatuses = ['open', 'in_progress', 'achieved', 'dropped'] as const;
export const activityStatuses = ['planned', 'active', 'completed', 'dropped'] as const;

export const daDate = (iso: string | null) =>
  iso ? new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso).toLocaleDateString('da-DK') : '–';

export const daDateTime = (iso: string) =>
  new Date(iso).toLocaleString('da-DK', { dateStyle: 'medium', timeStyle: 'short' });
