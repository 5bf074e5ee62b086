/**
 * The benefit types and the reasons a benefit period ends, as the API takes them: one list for
 * the server's schema and the web's forms (the names are in the web's da/en texts and in the
 * benefit_type reference table).
 */
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
