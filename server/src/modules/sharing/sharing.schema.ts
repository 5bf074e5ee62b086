import { IsoDate, Nullable, Uuid } from '@helhed/shared/common';
import { Type } from '@sinclair/typebox';

/** On what a piece of data reaches the reader (decision 0801): shown beside the data. */
export const SharingBasisSchema = Type.Object({
  kind: Type.Union([
    Type.Literal('self'),
    Type.Literal('own'),
    Type.Literal('legal'),
    Type.Literal('consent'),
  ]),
  consentId: Nullable(Uuid),
  validTo: Nullable(IsoDate),
  purpose: Nullable(Type.String()),
  law: Nullable(Type.String()),
});

/** Health data recorded by another organisation that the reader has no basis to see. */
export const WithheldSchema = Type.Object({
  reason: Type.Literal('no_consent'),
  originOrganisationName: Nullable(Type.String()),
});
