import { IsoDate, IsoDateTime, Nullable, Uuid } from '@helhed/shared/common';
import { type Static, Type } from '@sinclair/typebox';
import { DropOutReasonSchema } from '../referrals/referrals.schema.js';

const Time = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', description: 'HH:MM' });

export const PatternEntrySchema = Type.Object(
  { weekday: Type.Integer({ minimum: 1, maximum: 7 }), start: Time, end: Time },
  { additionalProperties: false },
);

export const CourseInputSchema = Type.Object(
  {
    offerId: Uuid,
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    startDate: IsoDate,
    weeks: Type.Integer({ minimum: 1, maximum: 104 }),
    weeklyPattern: Type.Array(PatternEntrySchema, { minItems: 1, maxItems: 14 }),
    place: Type.Optional(Type.String({ maxLength: 300 })),
    instructorUserIds: Type.Optional(Type.Array(Uuid, { maxItems: 20 })),
    capacity: Type.Integer({ minimum: 1, maximum: 500 }),
    followOnCourseId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);
export type CourseInput = Static<typeof CourseInputSchema>;

export const SessionSchema = Type.Object({
  id: Uuid,
  startsAt: IsoDateTime,
  endsAt: IsoDateTime,
  status: Type.String(),
  note: Nullable(Type.String()),
  registered: Type.Integer(),
});

export const EnrolmentSchema = Type.Object({
  id: Uuid,
  citizenId: Uuid,
  citizenName: Type.String(),
  /** The citizen's language and interpreter need, shown where sessions are booked. */
  language: Type.String(),
  needsInterpreter: Type.Boolean(),
  status: Type.String(),
  waitlistPosition: Nullable(Type.Integer()),
  referralId: Nullable(Uuid),
  dropOutReasonCode: Nullable(Type.String()),
  outcome: Nullable(
    Type.Object({
      declaredFit: Type.Boolean(),
      nextStep: Nullable(Type.String()),
      satisfaction: Nullable(Type.Integer()),
      followOnReferralId: Nullable(Uuid),
    }),
  ),
});

export const CourseSummarySchema = Type.Object({
  id: Uuid,
  offerId: Uuid,
  offerTitle: Type.String(),
  offerReferralType: Type.String(),
  providerOrganisationId: Uuid,
  providerName: Type.String(),
  title: Type.String(),
  startDate: IsoDate,
  weeks: Type.Integer(),
  weeklyPattern: Type.Array(PatternEntrySchema),
  place: Nullable(Type.String()),
  capacity: Type.Integer(),
  status: Type.String(),
  enrolled: Type.Integer(),
  waitlisted: Type.Integer(),
  followOnCourseId: Nullable(Uuid),
  /** The offer begins with an intro meeting the citizen attends before signing up (Randers). */
  introRequired: Type.Boolean(),
  /** Only for a citizen: their own enrolment's status on the course, or null. */
  myStatus: Type.Optional(Nullable(Type.String())),
  /** Only for a citizen, on an offer with an intro meeting: asked for it, attended it, or not yet. */
  myIntro: Type.Optional(
    Nullable(
      Type.Union([Type.Literal('needed'), Type.Literal('requested'), Type.Literal('attended')]),
    ),
  ),
});

export const IntroMeetingListSchema = Type.Object({
  introRequired: Type.Boolean(),
  items: Type.Array(
    Type.Object({
      citizenId: Uuid,
      citizenName: Type.String(),
      requestedAt: Type.String({ format: 'date-time' }),
      attendedOn: Nullable(Type.String({ format: 'date' })),
    }),
  ),
});

export const CourseSchema = Type.Intersect(
  [
    CourseSummarySchema,
    Type.Object({
      instructors: Type.Array(Type.Object({ id: Uuid, name: Type.String() })),
      sessions: Type.Array(SessionSchema),
      skippedHolidays: Type.Array(Type.Object({ date: IsoDate, name: Type.String() })),
      enrolments: Type.Array(EnrolmentSchema),
      allowedActions: Type.Array(Type.String()),
    }),
  ],
  { $id: 'Course' },
);

export const SessionUpdateSchema = Type.Object(
  {
    startsAt: Type.Optional(IsoDateTime),
    endsAt: Type.Optional(IsoDateTime),
    status: Type.Optional(Type.Union([Type.Literal('planned'), Type.Literal('cancelled')])),
    note: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
  },
  { additionalProperties: false },
);

export const AttendanceStatusSchema = Type.Union([
  Type.Literal('present'),
  Type.Literal('absent_notice'),
  Type.Literal('absent_no_notice'),
  Type.Literal('sick'),
]);

export const AttendanceSheetSchema = Type.Object({
  session: SessionSchema,
  courseTitle: Type.String(),
  participants: Type.Array(
    Type.Object({
      enrolmentId: Uuid,
      citizenId: Uuid,
      citizenName: Type.String(),
      status: Nullable(Type.String()),
    }),
  ),
});

export const AttendanceInputSchema = Type.Object(
  {
    records: Type.Array(
      Type.Object(
        { enrolmentId: Uuid, status: AttendanceStatusSchema },
        { additionalProperties: false },
      ),
      { maxItems: 500 },
    ),
  },
  { additionalProperties: false },
);

export const OutcomeInputSchema = Type.Object(
  {
    declaredFit: Type.Boolean(),
    nextStep: Type.Optional(
      Type.Union([
        Type.Literal('resource_clarification'),
        Type.Literal('job_ready'),
        Type.Literal('treatment'),
        Type.Literal('follow_on_course'),
      ]),
    ),
    followOnOfferId: Type.Optional(Uuid),
    satisfaction: Type.Optional(Type.Integer({ minimum: 1, maximum: 5 })),
    comment: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);
export type OutcomeInput = Static<typeof OutcomeInputSchema>;

export const OutcomeSchema = Type.Object({
  id: Uuid,
  enrolmentId: Uuid,
  declaredFit: Type.Boolean(),
  nextStep: Nullable(Type.String()),
  satisfaction: Nullable(Type.Integer()),
  comment: Nullable(Type.String()),
  followOnReferralId: Nullable(Uuid),
});

export const DropOutInputSchema = Type.Object(
  { reasonCode: DropOutReasonSchema, reason: Type.Optional(Type.String({ maxLength: 2000 })) },
  { additionalProperties: false },
);

export const OverviewSchema = Type.Object({
  courseId: Uuid,
  title: Type.String(),
  capacity: Type.Integer(),
  enrolled: Type.Integer(),
  waitlisted: Type.Integer(),
  completed: Type.Integer(),
  droppedOut: Type.Integer(),
  perCitizen: Type.Array(
    Type.Object({
      enrolmentId: Uuid,
      citizenName: Type.String(),
      status: Type.String(),
      registered: Type.Integer(),
      present: Type.Integer(),
      rate: Nullable(Type.Number()),
    }),
  ),
  perSession: Type.Array(
    Type.Object({
      sessionId: Uuid,
      startsAt: IsoDateTime,
      status: Type.String(),
      registered: Type.Integer(),
      present: Type.Integer(),
      rate: Nullable(Type.Number()),
    }),
  ),
  outcomes: Type.Object({
    declaredFit: Type.Integer(),
    resourceClarification: Type.Integer(),
    jobReady: Type.Integer(),
    treatment: Type.Integer(),
    followOnCourse: Type.Integer(),
    averageSatisfaction: Nullable(Type.Number()),
  }),
});

export const SignupResultSchema = Type.Object({
  enrolmentId: Uuid,
  status: Type.String(),
  waitlistPosition: Nullable(Type.Integer()),
});

const WeekResult = Type.Union([
  Type.Literal('met'),
  Type.Literal('not_met'),
  Type.Literal('no_sessions'),
  Type.Literal('pending'),
]);

/** Middelfart's weekly rule: per Monday week what was offered, required and attended. */
export const WeeklyRuleSchema = Type.Object({
  courseId: Uuid,
  title: Type.String(),
  offerTitle: Type.String(),
  mandatoryActivation: Type.Boolean(),
  rule: Nullable(Type.Object({ minHoursPerWeek: Type.Number(), minDaysPerWeek: Type.Integer() })),
  weeks: Type.Array(
    Type.Object({
      weekStart: IsoDate,
      year: Type.Integer(),
      week: Type.Integer(),
      holidays: Type.Array(Type.Object({ date: IsoDate, name: Type.String() })),
      offeredHours: Type.Number(),
      offeredDays: Type.Integer(),
      requiredHours: Type.Number(),
      requiredDays: Type.Integer(),
    }),
  ),
  participants: Type.Array(
    Type.Object({
      enrolmentId: Uuid,
      citizenName: Type.String(),
      status: Type.String(),
      weeksMet: Type.Integer(),
      weeksNotMet: Type.Integer(),
      weeks: Type.Array(
        Type.Object({
          weekStart: IsoDate,
          attendedHours: Type.Number(),
          attendedDays: Type.Integer(),
          result: WeekResult,
        }),
      ),
    }),
  ),
});
