import { IsoDate, Nullable, Uuid } from '@helhed/shared/common';
import { type Static, Type } from '@sinclair/typebox';

export const benefitTypes = [
  'sygedagpenge',
  'kontanthjaelp_jobparat',
  'kontanthjaelp_aktivitetsparat',
  'uddannelseshjaelp',
  'ressourceforloeb',
  'jobafklaringsforloeb',
  'ledighedsydelse',
  'dagpenge',
] as const;
export type BenefitType = (typeof benefitTypes)[number];

export const endReasons = [
  'job',
  'education',
  'declared_fit',
  'early_retirement',
  'moved',
  'death',
  'other',
] as const;
export type EndReason = (typeof endReasons)[number];

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
