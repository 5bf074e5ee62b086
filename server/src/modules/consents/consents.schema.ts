import { IsoDate, IsoDateTime, Nullable, Uuid } from '@helhed/shared/common';
import { type Static, Type } from '@sinclair/typebox';

export const ConsentCategorySchema = Type.Union(
  ['health_profile', 'health_tests', 'screening_notes', 'attendance', 'outcome'].map((c) =>
    Type.Literal(c),
  ),
);

export const ConsentSchema = Type.Object(
  {
    id: Uuid,
    citizenId: Uuid,
    recipientOrganisationId: Uuid,
    recipientOrganisationName: Type.String(),
    categories: Type.Array(Type.String()),
    purpose: Type.String(),
    validFrom: IsoDate,
    validTo: Nullable(IsoDate),
    givenHow: Type.String(),
    status: Type.String(),
    /** given and valid today */
    active: Type.Boolean(),
    recordedByName: Nullable(Type.String()),
    withdrawnAt: Nullable(IsoDateTime),
    createdAt: IsoDateTime,
  },
  { $id: 'Consent' },
);

export const ConsentInputSchema = Type.Object(
  {
    citizenId: Uuid,
    recipientOrganisationId: Uuid,
    categories: Type.Array(ConsentCategorySchema, { minItems: 1, uniqueItems: true }),
    purpose: Type.String({ minLength: 3, maxLength: 1000 }),
    validFrom: Type.Optional(IsoDate),
    validTo: Type.Optional(Nullable(IsoDate)),
    givenHow: Type.Union([
      Type.Literal('portal'),
      Type.Literal('signed_paper'),
      Type.Literal('verbal'),
    ]),
    status: Type.Union([Type.Literal('given'), Type.Literal('refused')]),
  },
  { additionalProperties: false },
);
export type ConsentInput = Static<typeof ConsentInputSchema>;

export const RecipientSchema = Type.Object({ id: Uuid, name: Type.String(), type: Type.String() });
