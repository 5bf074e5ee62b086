import { type Static, Type } from '@sinclair/typebox';

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

const Group = Type.Union([Type.Literal('green'), Type.Literal('orange'), Type.Literal('red')]);

export const CitizenOverviewSchema = Type.Object(
  {
    allowedActions: Type.Array(Type.String(), {
      description:
        'What the page may offer or show for this citizen (e.g. citizen.update, benefit.create, risk.read, timeline.read), from the policy',
    }),
    citizen: Type.Object({
      id: Type.String({ format: 'uuid' }),
      municipalityCode: Type.String(),
      cprMasked: Type.String(),
      birthDate: Type.String({ format: 'date' }),
      age: Type.Integer(),
      gender: Nullable(Type.String()),
      firstName: Type.String(),
      lastName: Type.String(),
      address: Nullable(Type.String()),
      postalCode: Nullable(Type.String()),
      city: Nullable(Type.String()),
      phone: Nullable(Type.String()),
      email: Nullable(Type.String()),
      preferredLanguage: Type.String(),
      needsInterpreter: Type.Boolean(),
      responsibleCaseworkerName: Nullable(Type.String()),
    }),
    riskGroup: Type.Union(
      [Type.Literal('green'), Type.Literal('orange'), Type.Literal('red'), Type.Null()],
      {
        description: 'Null until the citizen has been assessed',
      },
    ),
    benefitPeriod: Type.Union([
      Type.Object({
        id: Type.String({ format: 'uuid' }),
        benefitType: Type.String(),
        nameDa: Type.String(),
        nameEn: Type.String(),
        startDate: Type.String({ format: 'date' }),
        endDate: Nullable(Type.String({ format: 'date' })),
        weeks: Type.Integer({ description: 'Whole weeks since the start' }),
      }),
      Type.Null(),
    ]),
    benefitPeriods: Type.Union(
      [
        Type.Array(
          Type.Object({
            id: Type.String({ format: 'uuid' }),
            benefitType: Type.String(),
            nameDa: Type.String(),
            nameEn: Type.String(),
            startDate: Type.String({ format: 'date' }),
            endDate: Nullable(Type.String({ format: 'date' })),
            endReason: Nullable(Type.String()),
            source: Type.String(),
          }),
        ),
        Type.Null(),
      ],
      { description: 'Every benefit period, newest first; null unless benefit.read is allowed' },
    ),
    riskDecision: Type.Union(
      [
        Type.Object({
          id: Type.String({ format: 'uuid' }),
          suggestedGroup: Type.Union([Group, Type.Null()]),
          decidedGroup: Group,
          overridden: Type.Boolean(),
          reason: Nullable(Type.String()),
          decidedByName: Nullable(Type.String()),
          decidedAt: Type.String({ format: 'date-time' }),
        }),
        Type.Null(),
      ],
      {
        description:
          'The latest person-made risk-group decision; null when there is none or risk.read is not allowed',
      },
    ),
    openReferrals: Type.Array(
      Type.Object({
        id: Type.String({ format: 'uuid' }),
        state: Type.String(),
        offerTitle: Type.String(),
        toOrganisationName: Type.String(),
        createdAt: Type.String({ format: 'date-time' }),
      }),
    ),
    nextSessions: Type.Array(
      Type.Object({
        id: Type.String({ format: 'uuid' }),
        courseTitle: Type.String(),
        place: Nullable(Type.String()),
        startsAt: Type.String({ format: 'date-time' }),
        endsAt: Type.String({ format: 'date-time' }),
      }),
    ),
    health: Type.Union(
      [
        Type.Object({
          attendancePresent: Type.Integer(),
          attendanceAbsent: Type.Integer(),
          lastOutcome: Type.Union([
            Type.Object({
              declaredFit: Type.Boolean(),
              nextStep: Nullable(Type.String()),
              recordedAt: Type.String({ format: 'date-time' }),
            }),
            Type.Null(),
          ]),
        }),
        Type.Null(),
      ],
      {
        description: 'Health data: null unless consent (or the organisation’s own work) allows it',
      },
    ),
  },
  { $id: 'CitizenOverview' },
);
export type CitizenOverview = Static<typeof CitizenOverviewSchema>;
