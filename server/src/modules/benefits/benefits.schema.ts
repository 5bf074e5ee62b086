import { benefitTypes, endReasons } from '@helhed/shared/benefits';
import { IsoDate, Nullable, Uuid } from '@helhed/shared/common';
import { type Static, Type } from '@sinclair/typebox';

export {
  type BenefitType,
  benefitTypes,
  type EndReason,
  endReasons,
} from '@helhed/shared/benefits';

export const BenefitTypeSchema = Type.Union(benefitTypes.map((t) => Type.Literal(t)));
export const EndReasonSchema = Type.Union(endReasons.map((t) => Type.Literal(t)));

export const BenefitPeriodSchema = Type.Object(
  {
    id: Uuid,
    citizenId: Uuid,
    benefitType: Type.String(),
    benefitTypeName: Type.String(),
    startDate: IsoDate,
    endDate: Nullable(IsoDate),
    endReason: Nullable(Type.String()),
    source: Type.String(),
  },
  { $id: 'BenefitPeriod' },
);
export type BenefitPeriod = Static<typeof BenefitPeriodSchema>;

export const BenefitPeriodInputSchema = Type.Object(
  {
    citizenId: Uuid,
    benefitType: BenefitTypeSchema,
    startDate: IsoDate,
    endDate: Type.Optional(Nullable(IsoDate)),
    endReason: Type.Optional(Nullable(EndReasonSchema)),
  },
  { additionalProperties: false },
);
export type BenefitPeriodInput = Static<typeof BenefitPeriodInputSchema>;

export const BenefitPeriodEndSchema = Type.Object(
  { endDate: IsoDate, endReason: EndReasonSchema },
  { additionalProperties: false },
);
