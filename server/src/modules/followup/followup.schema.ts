import { IsoDate, Nullable, Uuid } from '@helhed/shared/common';
import { type Static, Type } from '@sinclair/typebox';
import { stepKinds, stepStatuses } from './engine.js';

const Category = Type.Union([Type.Literal(1), Type.Literal(2), Type.Literal(3)]);
const Text = { da: Type.String(), en: Type.String() };

export const FollowUpSchema = Type.Object(
  {
    benefitPeriodId: Uuid,
    firstAbsenceDay: IsoDate,
    category: Nullable(Category),
    steps: Type.Array(
      Type.Object({
        kind: Type.Union(stepKinds.map((k) => Type.Literal(k))),
        dueDate: Nullable(IsoDate),
        status: Type.Union(stepStatuses.map((k) => Type.Literal(k))),
        doneAt: Nullable(IsoDate),
        ruleVersion: Nullable(Type.Integer()),
      }),
    ),
  },
  { $id: 'FollowUp', additionalProperties: false },
);

const Basis = {
  basis: Type.Union([Type.Literal('law'), Type.Literal('consent')]),
  reference: Nullable(Type.Object(Text)),
};

export const FollowUpDetailsSchema = Type.Object(
  {
    followUp: Type.Ref(FollowUpSchema),
    ruleVersion: Type.Integer(),
    periodEndDate: Nullable(IsoDate),
    expectedBackWithin8Weeks: Nullable(Type.Boolean()),
    expectedDurationWeeks: Nullable(Type.Integer()),
    fastTrackRequestedOn: Nullable(IsoDate),
    fastTrackRequestedBy: Nullable(Type.String()),
    standby: Type.Boolean(),
    informationForm: Nullable(
      Type.Object({
        sentOn: IsoDate,
        answeredOn: Nullable(IsoDate),
        workAbility: Nullable(Type.String()),
        expectedDuration: Nullable(Type.String()),
        canStillDo: Nullable(Type.String()),
      }),
    ),
    gpCertificate: Nullable(
      Type.Object({
        requestedOn: IsoDate,
        deadline: Nullable(IsoDate),
        receivedOn: Nullable(IsoDate),
        ...Basis,
      }),
    ),
    fitnessStatement: Type.Object({
      part1On: Nullable(IsoDate),
      part2On: Nullable(IsoDate),
      ...Basis,
    }),
    conversations: Type.Array(
      Type.Object({
        id: Uuid,
        heldOn: IsoDate,
        form: Type.String(),
        category: Nullable(Category),
        nextDate: Nullable(IsoDate),
        metDueDate: Nullable(IsoDate),
      }),
    ),
    reassessment: Nullable(
      Type.Object({
        decidedOn: IsoDate,
        decision: Type.String(),
        extensionGround: Nullable(Type.String()),
      }),
    ),
    legalBases: Type.Array(Type.Object({ document: Type.String(), ...Basis })),
    allowedActions: Type.Array(Type.String()),
  },
  { $id: 'FollowUpDetails' },
);

export const CaseInputSchema = Type.Object(
  {
    firstAbsenceDay: Type.Optional(IsoDate),
    expectedBackWithin8Weeks: Type.Optional(Nullable(Type.Boolean())),
    expectedDurationWeeks: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 104 }))),
    fastTrackRequestedOn: Type.Optional(Nullable(IsoDate)),
    fastTrackRequestedBy: Type.Optional(
      Nullable(Type.Union([Type.Literal('employer'), Type.Literal('citizen')])),
    ),
    standby: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const SendFormSchema = Type.Object(
  { sentOn: Type.Optional(IsoDate) },
  { additionalProperties: false },
);
export const GpRequestSchema = Type.Object(
  { requestedOn: IsoDate, deadline: Type.Optional(Nullable(IsoDate)) },
  { additionalProperties: false },
);
export const GpReceivedSchema = Type.Object(
  { receivedOn: IsoDate },
  { additionalProperties: false },
);
export const ConversationInputSchema = Type.Object(
  {
    heldOn: IsoDate,
    form: Type.Union([Type.Literal('in_person'), Type.Literal('phone'), Type.Literal('video')]),
    category: Type.Optional(Nullable(Category)),
    nextDate: Type.Optional(Nullable(IsoDate)),
  },
  { additionalProperties: false },
);
export const FitnessInputSchema = Type.Object(
  { part1On: Type.Optional(Nullable(IsoDate)), part2On: Type.Optional(Nullable(IsoDate)) },
  { additionalProperties: false },
);
export const ReassessmentInputSchema = Type.Object(
  {
    decidedOn: IsoDate,
    decision: Type.Union([Type.Literal('extension'), Type.Literal('jobafklaringsforloeb')]),
    extensionGround: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
  },
  { additionalProperties: false },
);

const Answer = Type.String({ minLength: 1, maxLength: 2000 });
export const AnswerFormSchema = Type.Object(
  { workAbility: Answer, expectedDuration: Answer, canStillDo: Answer },
  { additionalProperties: false },
);
export const OwnFormSchema = Type.Object({
  sentOn: IsoDate,
  dueDate: Nullable(IsoDate),
  answeredOn: Nullable(IsoDate),
  workAbility: Nullable(Type.String()),
  expectedDuration: Nullable(Type.String()),
  canStillDo: Nullable(Type.String()),
  legalBases: Type.Array(Type.Object({ document: Type.String(), ...Basis })),
});

export const DeadlinesSchema = Type.Object({
  today: IsoDate,
  items: Type.Array(
    Type.Object({
      citizenId: Uuid,
      citizenName: Type.String(),
      kind: Type.Union(stepKinds.map((k) => Type.Literal(k))),
      dueDate: IsoDate,
      status: Type.Union([Type.Literal('open'), Type.Literal('overdue')]),
      bucket: Type.Union([
        Type.Literal('overdue'),
        Type.Literal('this_week'),
        Type.Literal('next_week'),
      ]),
    }),
  ),
});

const Days = Type.Integer({ minimum: 1, maximum: 400 });
export const RuleParametersSchema = Type.Object(
  {
    informationFormDueDays: Days,
    gpCertificateDays: Days,
    gpCertificateMinDays: Days,
    firstConversationDays: Days,
    followUpIntervalDays: Days,
    reassessmentDays: Days,
    fastTrackDays: Days,
    standbyHoldsConversations: Type.Boolean(),
    nonWorkingDayShift: Type.Union([Type.Literal('previous_working_day'), Type.Literal('none')]),
  },
  { additionalProperties: false },
);
export const RuleSetInputSchema = Type.Object(
  {
    validFrom: IsoDate,
    parameters: RuleParametersSchema,
    note: Type.String({ minLength: 1, maxLength: 500 }),
  },
  { additionalProperties: false },
);
export const RuleSetSchema = Type.Object({
  version: Type.Integer(),
  validFrom: IsoDate,
  parameters: RuleParametersSchema,
  note: Type.String(),
});
export type RuleSetInput = Static<typeof RuleSetInputSchema>;
