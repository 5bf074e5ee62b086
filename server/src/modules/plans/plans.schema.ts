import { IsoDate, IsoDateTime, Nullable, Uuid } from '@helhed/shared/common';
import { goalCategories } from '@helhed/shared/plans';
import { type Static, Type } from '@sinclair/typebox';

export const Category = Type.Union(goalCategories.map((c) => Type.Literal(c)));

export const CitizenParams = Type.Object({ citizenId: Uuid });
export const GoalParams = Type.Object({ citizenId: Uuid, goalId: Uuid });
export const ActivityParams = Type.Object({ citizenId: Uuid, activityId: Uuid });

export const PlanHeaderInput = Type.Object(
  {
    goalKind: Type.Union([Type.Literal('job'), Type.Literal('education')]),
    jobGoal: Type.String({ maxLength: 500 }),
    reviewDue: Type.Optional(Nullable(IsoDate)),
  },
  { additionalProperties: false },
);

const goalFields = {
  specific: Type.String({ minLength: 1, maxLength: 1000, description: 'Specifikt: hvad' }),
  measurable: Type.String({ maxLength: 1000, description: 'Målbart: hvordan ses det' }),
  agreedWithCitizen: Type.Boolean({ description: 'Aftalt med borgeren' }),
  relevance: Type.String({ maxLength: 1000, description: 'Relevans for job-/uddannelsesmålet' }),
  dueDate: Nullable(IsoDate),
  category: Category,
  requirement: Type.Boolean({
    description: 'Krav / del af den obligatoriske aktivering (aldrig for livsstilsresultater)',
  }),
  status: Type.Union(['open', 'in_progress', 'achieved', 'dropped'].map((s) => Type.Literal(s))),
};

export const GoalInput = Type.Object(
  {
    ...goalFields,
    status: Type.Optional(goalFields.status),
    parentGoalId: Type.Optional(Nullable(Uuid)),
  },
  { additionalProperties: false },
);
export type GoalInput = Static<typeof GoalInput>;
export const GoalPatch = Type.Partial(Type.Object(goalFields), { additionalProperties: false });
export type GoalPatch = Static<typeof GoalPatch>;

const activityFields = {
  title: Type.String({ minLength: 1, maxLength: 500 }),
  category: Category,
  requirement: Type.Boolean({ description: 'Del af den obligatoriske aktivering' }),
  goalId: Nullable(Uuid),
  referralId: Nullable(Uuid),
  courseId: Nullable(Uuid),
  status: Type.Union(['planned', 'active', 'completed', 'dropped'].map((s) => Type.Literal(s))),
};
export const ActivityInput = Type.Object(
  {
    ...activityFields,
    goalId: Type.Optional(activityFields.goalId),
    referralId: Type.Optional(activityFields.referralId),
    courseId: Type.Optional(activityFields.courseId),
    status: Type.Optional(activityFields.status),
  },
  { additionalProperties: false },
);
export type ActivityInput = Static<typeof ActivityInput>;
export const ActivityPatch = Type.Partial(Type.Object(activityFields), {
  additionalProperties: false,
});
export type ActivityPatch = Static<typeof ActivityPatch>;

export const NoteInput = Type.Object(
  { body: Type.String({ minLength: 1, maxLength: 4000 }), goalId: Type.Optional(Nullable(Uuid)) },
  { additionalProperties: false },
);

export const ImportRow = Type.Object(
  {
    specific: Type.String({ minLength: 1, maxLength: 1000 }),
    measurable: Type.Optional(Type.String({ maxLength: 1000 })),
    relevance: Type.Optional(Type.String({ maxLength: 1000 })),
    dueDate: Type.Optional(Nullable(IsoDate)),
    category: Type.Optional(Category),
    requirement: Type.Optional(Type.Boolean()),
    agreedWithCitizen: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type ImportRow = Static<typeof ImportRow>;
export const ImportInput = Type.Object(
  {
    rows: Type.Optional(Type.Array(ImportRow, { maxItems: 200 })),
    csv: Type.Optional(
      Type.String({
        maxLength: 200_000,
        description:
          'CSV med overskrift: specific;measurable;relevance;dueDate;category;requirement;agreedWithCitizen (; eller ,)',
      }),
    ),
  },
  { additionalProperties: false },
);

export const GoalSchema = Type.Object({
  id: Uuid,
  parentGoalId: Nullable(Uuid),
  specific: Type.String(),
  measurable: Type.String(),
  agreedWithCitizen: Type.Boolean(),
  relevance: Type.String(),
  dueDate: Nullable(Type.String()),
  category: Type.String(),
  requirement: Type.Boolean(),
  status: Type.String(),
  lifestyleOutcome: Type.Boolean(),
  updatedAt: IsoDateTime,
  changedSinceAccepted: Type.Boolean(),
});

export const ActivitySchema = Type.Object({
  id: Uuid,
  goalId: Nullable(Uuid),
  title: Type.String(),
  category: Type.String(),
  requirement: Type.Boolean(),
  referralId: Nullable(Uuid),
  referralState: Nullable(Type.String()),
  referralTitle: Nullable(Type.String()),
  courseId: Nullable(Uuid),
  courseTitle: Nullable(Type.String()),
  status: Type.String(),
  mandatoryActivation: Type.Boolean(),
  minHoursPerWeek: Nullable(Type.Number()),
  minDaysPerWeek: Nullable(Type.Integer()),
});

export const PlanSchema = Type.Object({
  citizenId: Uuid,
  id: Nullable(Uuid),
  goalKind: Type.String(),
  jobGoal: Type.String(),
  reviewDue: Nullable(Type.String()),
  currentVersion: Type.Integer(),
  acceptedVersion: Nullable(Type.Integer()),
  acceptedAt: Nullable(IsoDateTime),
  acceptedByProxy: Type.Boolean(),
  unseenByCitizen: Type.Boolean(),
  goals: Type.Array(GoalSchema),
  activities: Type.Array(ActivitySchema),
  notes: Type.Array(
    Type.Object({
      id: Uuid,
      goalId: Nullable(Uuid),
      body: Type.String(),
      authorName: Nullable(Type.String()),
      createdAt: IsoDateTime,
    }),
  ),
  versions: Type.Array(
    Type.Object({
      version: Type.Integer(),
      publishedAt: IsoDateTime,
      acceptedAt: Nullable(IsoDateTime),
    }),
  ),
  referrals: Type.Array(
    Type.Object({
      id: Uuid,
      title: Type.String(),
      state: Type.String(),
      participation: Type.String(),
      courseId: Nullable(Uuid),
    }),
  ),
  allowedActions: Type.Array(Type.String()),
});

export type PlanHeader = Static<typeof PlanHeaderInput>;
export type PlanView = Static<typeof PlanSchema>;
