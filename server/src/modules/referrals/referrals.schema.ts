import { IsoDate, IsoDateTime, Nullable, Uuid } from '@helhed/shared/common';
import { type Static, Type } from '@sinclair/typebox';
import { ConsentCategorySchema } from '../consents/consents.schema.js';
import { SharingBasisSchema } from '../sharing/sharing.schema.js';
import { dropOutReasons, referralStates, transitionNames } from './referrals.machine.js';

const literals = (values: readonly string[]) => Type.Union(values.map((v) => Type.Literal(v)));

export const ReferralStateSchema = literals(referralStates);
export const TransitionNameSchema = literals(transitionNames);
export const DropOutReasonSchema = literals(dropOutReasons);

export const ReferralEventSchema = Type.Object({
  id: Type.Integer(),
  fromState: Nullable(Type.String()),
  toState: Type.String(),
  reason: Nullable(Type.String()),
  actorName: Nullable(Type.String()),
  actorOrganisationName: Nullable(Type.String()),
  occurredAt: IsoDateTime,
});

export const ReferralSchema = Type.Object(
  {
    id: Uuid,
    citizenId: Uuid,
    citizenName: Type.String(),
    /** The citizen's language and interpreter need, for the intro meeting and the sessions. */
    citizenLanguage: Type.String(),
    needsInterpreter: Type.Boolean(),
    offerId: Uuid,
    offerTitle: Type.String(),
    fromOrganisationId: Uuid,
    fromOrganisationName: Type.String(),
    toOrganisationId: Uuid,
    toOrganisationName: Type.String(),
    createdByName: Type.String(),
    reason: Type.String(),
    participation: Type.String(),
    sharedCategories: Type.Array(Type.String()),
    consentId: Nullable(Uuid),
    state: Type.String(),
    stateReason: Nullable(Type.String()),
    stateReasonCode: Nullable(Type.String()),
    courseId: Nullable(Uuid),
    courseTitle: Nullable(Type.String()),
    previousReferralId: Nullable(Uuid),
    /** Randers: the offer requires an intro meeting before enrolment, and when it was attended. */
    introRequired: Type.Boolean(),
    introAttendedOn: Nullable(IsoDate),
    /** Middelfart: the offer is a mandatory part of activation. */
    mandatoryActivation: Type.Boolean(),
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
    allowedTransitions: Type.Array(Type.String()),
    allowedActions: Type.Array(Type.String()),
    history: Type.Optional(Type.Array(ReferralEventSchema)),
  },
  { $id: 'Referral' },
);

export const ReferralInputSchema = Type.Object(
  {
    citizenId: Uuid,
    offerId: Uuid,
    reason: Type.String({ minLength: 3, maxLength: 4000 }),
    participation: Type.Union([Type.Literal('voluntary'), Type.Literal('mandatory')]),
    sharedCategories: Type.Array(ConsentCategorySchema, { uniqueItems: true }),
    send: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type ReferralInput = Static<typeof ReferralInputSchema>;

export const TransitionInputSchema = Type.Object(
  {
    action: TransitionNameSchema,
    reason: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
    reasonCode: Type.Optional(DropOutReasonSchema),
    courseId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);
export type TransitionInput = Static<typeof TransitionInputSchema>;

export const ReferralListQuery = Type.Object({
  state: Type.Optional(ReferralStateSchema),
  citizenId: Type.Optional(Uuid),
  offerId: Type.Optional(Uuid),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 25 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
});

export const ReferralListSchema = Type.Object({
  items: Type.Array(Type.Ref(ReferralSchema)),
  total: Type.Integer(),
  limit: Type.Integer(),
  offset: Type.Integer(),
  counts: Type.Record(Type.String(), Type.Integer()),
});

export const SharedDataSchema = Type.Object({
  referralId: Uuid,
  citizen: Type.Object({
    id: Uuid,
    name: Type.String(),
    birthDate: IsoDate,
    phone: Nullable(Type.String()),
    email: Nullable(Type.String()),
    address: Nullable(Type.String()),
  }),
  reason: Type.String(),
  participation: Type.String(),
  sharedCategories: Type.Array(Type.String()),
  consent: Nullable(
    Type.Object({
      id: Uuid,
      purpose: Type.String(),
      validTo: Nullable(IsoDate),
      categories: Type.Array(Type.String()),
    }),
  ),
  /** The categories in this view, each with what it is based on. */
  delivered: Type.Array(Type.Object({ category: Type.String(), basis: SharingBasisSchema })),
  /** Categories the referral names that are not in this view, and why. */
  withheld: Type.Array(
    Type.Object({
      category: Type.String(),
      reason: Type.Union([Type.Literal('no_consent'), Type.Literal('no_data')]),
    }),
  ),
  screeningNotes: Type.Optional(
    Type.Object({
      completedAt: Nullable(IsoDateTime),
      overallRecommendation: Nullable(Type.String()),
      recommendationNote: Nullable(Type.String()),
      findings: Type.Array(
        Type.Object({
          discipline: Type.String(),
          findings: Type.String(),
          recommendation: Type.String(),
          filledByName: Type.String(),
        }),
      ),
    }),
  ),
  outcomes: Type.Optional(
    Type.Array(
      Type.Object({
        courseTitle: Type.String(),
        declaredFit: Type.Boolean(),
        nextStep: Nullable(Type.String()),
        recordedAt: IsoDateTime,
        basis: SharingBasisSchema,
      }),
    ),
  ),
  attendance: Type.Optional(
    Type.Array(
      Type.Object({
        courseTitle: Type.String(),
        registered: Type.Integer(),
        present: Type.Integer(),
        absent: Type.Integer(),
        basis: SharingBasisSchema,
      }),
    ),
  ),
});

export const MessageSchema = Type.Object({
  id: Uuid,
  body: Type.String(),
  authorName: Type.String(),
  authorOrganisationName: Nullable(Type.String()),
  createdAt: IsoDateTime,
});

export const OfferOptionSchema = Type.Object({
  id: Uuid,
  title: Type.String(),
  providerOrganisationId: Uuid,
  providerName: Type.String(),
  referralType: Type.String(),
  weeks: Nullable(Type.Integer()),
});

export const FlagSchema = Type.Object({
  id: Uuid,
  citizenId: Uuid,
  citizenName: Type.String(),
  courseId: Uuid,
  courseTitle: Type.String(),
  referralId: Nullable(Uuid),
  sessionStartsAt: IsoDateTime,
  raisedAt: IsoDateTime,
  basis: SharingBasisSchema,
});
