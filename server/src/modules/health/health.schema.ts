import { IsoDate, Nullable, Uuid } from '@helhed/shared/common';
import { Type } from '@sinclair/typebox';
import { SharingBasisSchema, WithheldSchema } from '../sharing/sharing.schema.js';

// Values are checked by the questionnaire engine against the question's type (the HTTP layer's
// loose type coercion would otherwise turn answers into the wrong type before the engine sees them).
const AnswerValue = Type.Unknown();
export const AnswersSchema = Type.Record(Type.String({ maxLength: 100 }), AnswerValue);

export const Who5Schema = Type.Object({
  raw: Type.Integer(),
  score: Type.Integer(),
  flag: Type.Union([
    Type.Literal('none'),
    Type.Literal('poor_wellbeing'),
    Type.Literal('likely_depression'),
  ]),
  explanation: Type.String(),
});

export const ProfileResponseSchema = Type.Object({
  id: Uuid,
  citizenId: Uuid,
  status: Type.Union([Type.Literal('draft'), Type.Literal('completed')]),
  definitionKey: Type.String(),
  definitionVersion: Type.Integer(),
  filledInBy: Type.String(),
  answers: AnswersSchema,
  updatedAt: Type.String(),
  completedAt: Nullable(Type.String()),
  who5: Nullable(Who5Schema),
  wantedThemes: Type.Array(Type.String()),
});

export const ProfileViewSchema = Type.Object({
  citizenId: Uuid,
  /** The questionnaire definition (sections, questions) the response is answered against. */
  definition: Type.Unknown(),
  response: Nullable(ProfileResponseSchema),
  /** What the shown profile is based on (recorded by the reader's organisation, consent, self). */
  basis: Nullable(SharingBasisSchema),
  /** Set when a profile exists that the reader has no basis to see; response is then null. */
  withheld: Nullable(WithheldSchema),
  allowedActions: Type.Array(Type.String()),
});

export const PatchAnswersSchema = Type.Object(
  { answers: AnswersSchema },
  { additionalProperties: false },
);

export const SuggestionSchema = Type.Object({
  offerId: Uuid,
  title: Type.String(),
  providerName: Type.String(),
  score: Type.Number(),
  matchedThemes: Type.Array(Type.String()),
  reasons: Type.Array(Type.String()),
  reasonText: Type.String(),
});

export const MatchesSchema = Type.Object({
  profileCompletedAt: Type.String(),
  wantedThemes: Type.Array(Type.String()),
  suggestions: Type.Array(SuggestionSchema),
  gaps: Type.Array(Type.Object({ theme: Type.String(), label: Type.String() })),
});

export const HealthTestInputSchema = Type.Object(
  {
    measuredOn: Type.Optional(IsoDate),
    weightKg: Type.Optional(Nullable(Type.Number({ minimum: 20, maximum: 400 }))),
    heightCm: Type.Optional(Nullable(Type.Number({ minimum: 100, maximum: 250 }))),
    fatPercent: Type.Optional(Nullable(Type.Number({ minimum: 1, maximum: 80 }))),
    coPpm: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 200 }))),
    systolic: Type.Optional(Nullable(Type.Integer({ minimum: 60, maximum: 260 }))),
    diastolic: Type.Optional(Nullable(Type.Integer({ minimum: 30, maximum: 160 }))),
    note: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
  },
  { additionalProperties: false },
);

export const HealthTestSchema = Type.Object({
  id: Uuid,
  measuredOn: Type.String(),
  recordedBy: Type.String(),
  weightKg: Nullable(Type.Number()),
  heightCm: Nullable(Type.Number()),
  bmi: Nullable(Type.Number()),
  fatPercent: Nullable(Type.Number()),
  coPpm: Nullable(Type.Integer()),
  systolic: Nullable(Type.Integer()),
  diastolic: Nullable(Type.Integer()),
  note: Nullable(Type.String()),
});

/** A citizen's tests, and whether the caller may record one ('health.tests.write'). */
export const HealthTestListSchema = Type.Object({
  items: Type.Array(HealthTestSchema),
  allowedActions: Type.Array(Type.String()),
});

export const GapsSchema = Type.Object({
  citizensWithProfile: Type.Integer(),
  themes: Type.Array(
    Type.Object({
      theme: Type.String(),
      label: Type.String(),
      citizensWantingHelp: Type.Integer(),
      publishedOffers: Type.Integer(),
      gap: Type.Boolean(),
    }),
  ),
});
