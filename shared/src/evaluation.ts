/** Evaluation: success criteria, course evaluation, dashboards, effect estimates, surveys. */
import { type Static, Type } from '@sinclair/typebox';

export const metrics = [
  'attendance_rate',
  'dropout_rate',
  'self_sufficient_13w',
  'satisfaction_mean',
] as const;
export type Metric = (typeof metrics)[number];

/** A shown count: a number, "<5" (1–4 hidden) or "x" (hidden so a small count cannot be derived). */
export const ShownSchema = Type.Union([Type.Number(), Type.Literal('<5'), Type.Literal('x')]);
export type Shown = Static<typeof ShownSchema>;

export const CriterionSchema = Type.Object(
  {
    metric: Type.Union(metrics.map((m) => Type.Literal(m))),
    operator: Type.Union([Type.Literal('>='), Type.Literal('<=')]),
    /** Percent (0–100) for rates, 1–5 for satisfaction. */
    threshold: Type.Number({ minimum: 0, maximum: 100 }),
  },
  { additionalProperties: false },
);
export type Criterion = Static<typeof CriterionSchema>;

export const CriteriaInputSchema = Type.Object(
  {
    criteria: Type.Array(CriterionSchema, { minItems: 1, maxItems: 12 }),
    note: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);
export type CriteriaInput = Static<typeof CriteriaInputSchema>;

export const OfferCriteriaInputSchema = Type.Object(
  {
    criteria: Type.Array(CriterionSchema, { minItems: 1, maxItems: 12 }),
    note: Type.Optional(Type.String({ maxLength: 2000 })),
    /** Make a new version (for the next courses) instead of editing the newest. */
    newVersion: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const CriteriaSetSchema = Type.Object({
  id: Type.String(),
  scope: Type.Union([Type.Literal('course'), Type.Literal('offer')]),
  version: Type.Integer(),
  criteria: Type.Array(CriterionSchema),
  note: Type.String(),
  locked: Type.Boolean(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export type CriteriaSet = Static<typeof CriteriaSetSchema>;

export const CourseSummarySchema = Type.Object({
  id: Type.String(),
  title: Type.String(),
  offerId: Type.String(),
  offerTitle: Type.String(),
  providerName: Type.String(),
  startDate: Type.String(),
  weeks: Type.Integer(),
  status: Type.String(),
  locked: Type.Boolean(),
  hasCriteria: Type.Boolean(),
});
export type CourseSummary = Static<typeof CourseSummarySchema>;

export const CriterionResultSchema = Type.Object({
  metric: Type.String(),
  operator: Type.String(),
  threshold: Type.Number(),
  /** Percent for rates, mean for satisfaction; null when suppressed or no data. */
  actual: Type.Union([Type.Number(), Type.Null()]),
  numerator: ShownSchema,
  denominator: ShownSchema,
  met: Type.Union([Type.Boolean(), Type.Null()]),
});
export type CriterionResult = Static<typeof CriterionResultSchema>;

export const SurvivalPointSchema = Type.Object({
  week: Type.Number(),
  survival: Type.Union([Type.Number(), Type.Null()]),
  lower: Type.Union([Type.Number(), Type.Null()]),
  upper: Type.Union([Type.Number(), Type.Null()]),
  atRisk: ShownSchema,
});

export const EffectGroupSchema = Type.Object({
  group: Type.Union([Type.Literal('participants'), Type.Literal('comparison')]),
  n: ShownSchema,
  events: ShownSchema,
  medianWeeks: Type.Union([Type.Number(), Type.Null()]),
  /** Share self-sufficient (1 − S) at 13, 26, 52 weeks, with the 95% interval. */
  shares: Type.Array(
    Type.Object({
      week: Type.Number(),
      share: Type.Union([Type.Number(), Type.Null()]),
      lower: Type.Union([Type.Number(), Type.Null()]),
      upper: Type.Union([Type.Number(), Type.Null()]),
    }),
  ),
  curve: Type.Array(SurvivalPointSchema),
});

export const EffectEstimateSchema = Type.Object({
  label: Type.String(),
  matchedOn: Type.Array(Type.String()),
  riskGroupAvailable: Type.Boolean(),
  groups: Type.Array(EffectGroupSchema),
  logRank: Type.Union([
    Type.Object({ chiSquare: Type.Number(), df: Type.Integer(), pValue: Type.Number() }),
    Type.Null(),
  ]),
  enough: Type.Boolean(),
});
export type EffectEstimate = Static<typeof EffectEstimateSchema>;

export const CourseEvaluationSchema = Type.Object({
  course: CourseSummarySchema,
  criteria: Type.Union([CriteriaSetSchema, Type.Null()]),
  results: Type.Array(CriterionResultSchema),
  followUpComplete: Type.Boolean(),
  participants: ShownSchema,
  satisfaction: Type.Object({
    respondents: ShownSchema,
    mean: Type.Union([Type.Number(), Type.Null()]),
    distribution: Type.Array(Type.Object({ rating: Type.Integer(), count: ShownSchema })),
    comments: Type.Array(Type.String()),
  }),
  effect: EffectEstimateSchema,
});
export type CourseEvaluation = Static<typeof CourseEvaluationSchema>;

export const StatTableSchema = Type.Object({
  key: Type.String(),
  rows: Type.Array(Type.String()),
  columns: Type.Array(Type.String()),
  rowTotals: Type.Boolean(),
  columnTotals: Type.Boolean(),
  grid: Type.Array(Type.Array(ShownSchema)),
});
export type StatTable = Static<typeof StatTableSchema>;

export const DashboardQuerySchema = Type.Object(
  {
    from: Type.Optional(Type.String({ format: 'date' })),
    to: Type.Optional(Type.String({ format: 'date' })),
    benefitType: Type.Optional(Type.String({ maxLength: 60 })),
    ageBand: Type.Optional(Type.String({ pattern: '^(18-29|30-39|40-49|50-59|60\\+)$' })),
    offerId: Type.Optional(Type.String({ format: 'uuid' })),
    providerId: Type.Optional(Type.String({ format: 'uuid' })),
  },
  { additionalProperties: false },
);
export type DashboardQuery = Static<typeof DashboardQuerySchema>;

export const DashboardSchema = Type.Object({
  filters: DashboardQuerySchema,
  screened: Type.Union([ShownSchema, Type.Null()]),
  riskGroupsAvailable: Type.Boolean(),
  tables: Type.Array(StatTableSchema),
  waiting: Type.Array(
    Type.Object({
      offer: Type.String(),
      n: ShownSchema,
      medianDays: Type.Union([Type.Number(), Type.Null()]),
      meanDays: Type.Union([Type.Number(), Type.Null()]),
    }),
  ),
  /**
   * Timeliness (rettidighed): conversations held by their deadline, per month held and team.
   * `held` and `onTime` follow the small-cell rules of a share (hidden as "<5" or "x").
   */
  timeliness: Type.Array(
    Type.Object({
      month: Type.String({ pattern: '^[0-9]{4}-[0-9]{2}$' }),
      team: Type.Union([Type.String(), Type.Null()]),
      kind: Type.Union([Type.Literal('first_conversation'), Type.Literal('follow_up')]),
      held: ShownSchema,
      onTime: ShownSchema,
      late: ShownSchema,
      percent: Type.Union([Type.Number(), Type.Null()]),
    }),
  ),
  catalogueGaps: Type.Array(Type.String()),
  options: Type.Object({
    offers: Type.Array(Type.Object({ id: Type.String(), title: Type.String() })),
    providers: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })),
    benefitTypes: Type.Array(Type.Object({ code: Type.String(), name: Type.String() })),
  }),
});
export type Dashboard = Static<typeof DashboardSchema>;

export const SurveyQuestionSchema = Type.Object(
  {
    kind: Type.Union([
      Type.Literal('single'),
      Type.Literal('multiple'),
      Type.Literal('scale'),
      Type.Literal('text'),
    ]),
    text: Type.String({ minLength: 1, maxLength: 500 }),
    options: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 20 }),
    ),
    scaleMin: Type.Optional(Type.Integer({ minimum: 0, maximum: 10 })),
    scaleMax: Type.Optional(Type.Integer({ minimum: 1, maximum: 10 })),
    required: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type SurveyQuestion = Static<typeof SurveyQuestionSchema>;

export const SurveyInputSchema = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 200 }),
    intro: Type.Optional(Type.String({ maxLength: 2000 })),
    questions: Type.Array(SurveyQuestionSchema, { minItems: 1, maxItems: 20 }),
  },
  { additionalProperties: false },
);
export type SurveyInput = Static<typeof SurveyInputSchema>;

export const SurveySchema = Type.Object({
  id: Type.String(),
  title: Type.String(),
  intro: Type.String(),
  status: Type.String(),
  publicPath: Type.String(),
  responses: ShownSchema,
  createdAt: Type.String(),
});

export const PublicSurveySchema = Type.Object({
  title: Type.String(),
  intro: Type.String(),
  municipalityName: Type.String(),
  questions: Type.Array(
    Type.Intersect([Type.Object({ position: Type.Integer() }), SurveyQuestionSchema]),
  ),
});

export const SurveyAnswerSchema = Type.Object(
  {
    answers: Type.Record(
      Type.String({ pattern: '^[0-9]{1,2}$' }),
      Type.Union([
        Type.String({ maxLength: 2000 }),
        Type.Integer(),
        Type.Array(Type.String({ maxLength: 200 }), { maxItems: 20 }),
      ]),
    ),
  },
  { additionalProperties: false },
);
export type SurveyAnswer = Static<typeof SurveyAnswerSchema>;

export const SurveyResultsSchema = Type.Object({
  id: Type.String(),
  title: Type.String(),
  responses: ShownSchema,
  enough: Type.Boolean(),
  questions: Type.Array(
    Type.Object({
      position: Type.Integer(),
      kind: Type.String(),
      text: Type.String(),
      table: Type.Union([StatTableSchema, Type.Null()]),
      mean: Type.Union([Type.Number(), Type.Null()]),
      texts: Type.Array(Type.String()),
    }),
  ),
});
export type SurveyResults = Static<typeof SurveyResultsSchema>;
