import { IsoDate, Nullable, Uuid } from '@helhed/shared/common';
import { type Static, Type } from '@sinclair/typebox';

export const themeCodes = ['kost', 'rygning', 'alkohol', 'motion', 'misbrug', 'psykisk_helbred'];
export const ThemeSchema = Type.Union(themeCodes.map((t) => Type.Literal(t)));
export const OfferStatusSchema = Type.Union([
  Type.Literal('draft'),
  Type.Literal('published'),
  Type.Literal('paused'),
  Type.Literal('closed'),
]);
const ReferralType = Type.Union([Type.Literal('referred'), Type.Literal('open')]);
/**
 * What an offer is (decision 1052): a health offer, an association's, or one of the job
 * centre's own (company centre, mentor, work trial), all in the one catalogue every department
 * searches.
 */
export const offerKinds = ['health', 'association', 'company_centre', 'mentor', 'work_trial'];
export const OfferKindSchema = Type.Union(offerKinds.map((k) => Type.Literal(k)));
const Format = Type.Union([Type.Literal('group'), Type.Literal('individual')]);
const Text = (max: number) => Type.String({ maxLength: max });

export const OfferInputSchema = Type.Object(
  {
    providerOrganisationId: Type.Optional(Uuid),
    title: Type.String({ minLength: 3, maxLength: 200 }),
    description: Type.Optional(Text(8000)),
    kind: Type.Optional(OfferKindSchema),
    themes: Type.Array(ThemeSchema, { maxItems: 6, uniqueItems: true }),
    targetGroups: Type.Optional(Type.Array(Text(80), { maxItems: 20 })),
    benefitTypes: Type.Optional(Type.Array(Text(60), { maxItems: 10 })),
    referralType: ReferralType,
    format: Format,
    weeks: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 104 }))),
    hoursPerWeek: Type.Optional(Nullable(Type.Number({ minimum: 0, maximum: 60 }))),
    daysPerWeek: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 7 }))),
    placeName: Type.Optional(Nullable(Text(200))),
    address: Type.Optional(Nullable(Text(300))),
    capacity: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 10000 }))),
    profession: Type.Optional(Nullable(Text(200))),
    costPerParticipant: Type.Optional(Nullable(Type.Number({ minimum: 0, maximum: 1_000_000 }))),
    introMeeting: Type.Optional(Nullable(Text(1000))),
    /** Randers: referral and sign-up wait until the citizen has attended the intro meeting. */
    introRequired: Type.Optional(Type.Boolean()),
    /** Middelfart: a mandatory part of activation, with a weekly rule and a period after work. */
    mandatoryActivation: Type.Optional(Type.Boolean()),
    minHoursPerWeek: Type.Optional(Nullable(Type.Number({ exclusiveMinimum: 0, maximum: 60 }))),
    minDaysPerWeek: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 7 }))),
    continueAfterWorkWeeks: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 104 }))),
    languages: Type.Optional(Type.Array(Text(10), { maxItems: 20 })),
    accessibility: Type.Optional(Nullable(Text(1000))),
    contact: Type.Optional(Nullable(Text(300))),
    status: Type.Optional(OfferStatusSchema),
    nextStart: Type.Optional(Nullable(IsoDate)),
  },
  { additionalProperties: false },
);
export type OfferInput = Static<typeof OfferInputSchema>;
export const OfferPatchSchema = Type.Partial(OfferInputSchema, { additionalProperties: false });

export const OfferSchema = Type.Object(
  {
    id: Uuid,
    municipalityCode: Type.String(),
    providerOrganisationId: Uuid,
    providerName: Type.String(),
    title: Type.String(),
    description: Type.String(),
    kind: Type.String(),
    themes: Type.Array(Type.String()),
    targetGroups: Type.Array(Type.String()),
    benefitTypes: Type.Array(Type.String()),
    referralType: ReferralType,
    format: Format,
    weeks: Nullable(Type.Integer()),
    hoursPerWeek: Nullable(Type.Number()),
    daysPerWeek: Nullable(Type.Integer()),
    placeName: Nullable(Type.String()),
    address: Nullable(Type.String()),
    postalCode: Nullable(Type.String()),
    capacity: Nullable(Type.Integer()),
    freePlaces: Nullable(Type.Integer()),
    profession: Nullable(Type.String()),
    costPerParticipant: Nullable(Type.Number()),
    introMeeting: Nullable(Type.String()),
    introRequired: Type.Boolean(),
    mandatoryActivation: Type.Boolean(),
    minHoursPerWeek: Nullable(Type.Number()),
    minDaysPerWeek: Nullable(Type.Integer()),
    continueAfterWorkWeeks: Nullable(Type.Integer()),
    languages: Type.Array(Type.String()),
    accessibility: Nullable(Type.String()),
    contact: Nullable(Type.String()),
    status: OfferStatusSchema,
    nextStart: Nullable(Type.String()),
    allowedActions: Type.Optional(Type.Array(Type.String())),
  },
  { additionalProperties: false },
);
export type Offer = Static<typeof OfferSchema>;

export const OfferSearchSchema = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 200 })),
    themes: Type.Optional(Type.Array(ThemeSchema, { maxItems: 6 })),
    kind: Type.Optional(OfferKindSchema),
    targetGroup: Type.Optional(Text(80)),
    referralType: Type.Optional(ReferralType),
    format: Type.Optional(Format),
    providerId: Type.Optional(Uuid),
    startsWithinWeeks: Type.Optional(Type.Integer({ minimum: 0, maximum: 104 })),
    freePlaces: Type.Optional(Type.Boolean()),
    status: Type.Optional(OfferStatusSchema),
    sort: Type.Optional(Type.Union([Type.Literal('relevance'), Type.Literal('next_start')])),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
  },
  { additionalProperties: false },
);
export type OfferSearch = Static<typeof OfferSearchSchema>;

const FacetValue = Type.Object({
  value: Type.String(),
  label: Type.String(),
  count: Type.Integer(),
});
export const OfferSearchResultSchema = Type.Object({
  items: Type.Array(OfferSchema),
  total: Type.Integer(),
  limit: Type.Integer(),
  offset: Type.Integer(),
  facets: Type.Object({
    kind: Type.Array(FacetValue),
    theme: Type.Array(FacetValue),
    targetGroup: Type.Array(FacetValue),
    referralType: Type.Array(FacetValue),
    format: Type.Array(FacetValue),
    provider: Type.Array(FacetValue),
  }),
});

/** The public page's query string: open offers only, so no referral filter. */
export const PublicSearchQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200 })),
  /** One or more themes (?theme=kost&theme=motion): offers with any of them. */
  theme: Type.Optional(Type.Array(ThemeSchema, { maxItems: 6, uniqueItems: true })),
  format: Type.Optional(Format),
  startsWithinWeeks: Type.Optional(Type.Integer({ minimum: 0, maximum: 104 })),
  freePlaces: Type.Optional(Type.Boolean()),
  sort: Type.Optional(Type.Union([Type.Literal('relevance'), Type.Literal('next_start')])),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
});
