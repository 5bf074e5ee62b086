import { type Static, Type } from '@sinclair/typebox';
import { IsoDate, Nullable, Uuid } from './common.js';

export const CitizenSchema = Type.Object(
  {
    id: Uuid,
    municipalityCode: Type.String(),
    cprMasked: Type.String({ description: 'ddmmyy-xxxx' }),
    birthDate: IsoDate,
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
    responsibleCaseworkerId: Nullable(Uuid),
    responsibleCaseworkerName: Nullable(Type.String()),
    organisationId: Nullable(Uuid),
    allowedActions: Type.Array(Type.String()),
  },
  { $id: 'Citizen' },
);
export type Citizen = Static<typeof CitizenSchema>;

export const CitizenInputSchema = Type.Object(
  {
    cpr: Type.String({ minLength: 10, maxLength: 11, description: 'ddmmyyxxxx or ddmmyy-xxxx' }),
    firstName: Type.String({ minLength: 1, maxLength: 100 }),
    lastName: Type.String({ minLength: 1, maxLength: 100 }),
    address: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    postalCode: Type.Optional(Nullable(Type.String({ pattern: '^[0-9]{4}$' }))),
    city: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
    phone: Type.Optional(Nullable(Type.String({ maxLength: 30 }))),
    email: Type.Optional(Nullable(Type.String({ format: 'email', maxLength: 200 }))),
    preferredLanguage: Type.Optional(Type.String({ minLength: 2, maxLength: 8 })),
    needsInterpreter: Type.Optional(Type.Boolean()),
    responsibleCaseworkerId: Type.Optional(Nullable(Uuid)),
    organisationId: Type.Optional(Nullable(Uuid)),
  },
  { additionalProperties: false },
);
export type CitizenInput = Static<typeof CitizenInputSchema>;

export const CitizenUpdateSchema = Type.Partial(Type.Omit(CitizenInputSchema, ['cpr']), {
  additionalProperties: false,
});

export const CitizenSearchSchema = Type.Object(
  {
    cpr: Type.Optional(Type.String({ minLength: 10, maxLength: 11 })),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    caseworkerId: Type.Optional(Uuid),
    sort: Type.Optional(
      Type.Union([Type.Literal('name'), Type.Literal('birthDate'), Type.Literal('created')]),
    ),
    direction: Type.Optional(Type.Union([Type.Literal('asc'), Type.Literal('desc')])),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 25 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
  },
  { additionalProperties: false },
);
export type CitizenSearch = Static<typeof CitizenSearchSchema>;

export const CitizenListItemSchema = Type.Object({
  id: Uuid,
  cprMasked: Type.String(),
  firstName: Type.String(),
  lastName: Type.String(),
  age: Type.Integer(),
  responsibleCaseworkerName: Nullable(Type.String()),
});
