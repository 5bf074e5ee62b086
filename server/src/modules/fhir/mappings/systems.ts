/**
 * The code systems and identifier systems the FHIR mappings use. Standard ones where FHIR or
 * Danish health IT defines one (CPR, LOINC, UCUM, HL7 terminology); Helhed's own, under one base,
 * where the concept is Helhed's (a referral's state, an organisation type, a benefit type).
 */

/** The Danish CPR number as an identifier (DK core: dk-core-cpr-identifier). */
export const CPR_SYSTEM = 'urn:oid:1.2.208.176.1.2';
export const LOINC = 'http://loinc.org';
export const UCUM = 'http://unitsofmeasure.org';
export const HL7_TERMINOLOGY = 'http://terminology.hl7.org/CodeSystem';

/** Helhed's own code systems and extensions: a stable base, not a web page. */
export const HELHED_BASE = 'http://helhed.invalid/fhir';
export const helhedSystem = (name: string) => `${HELHED_BASE}/CodeSystem/${name}`;
export const helhedExtension = (name: string) => `${HELHED_BASE}/StructureDefinition/${name}`;

/** FHIR ids: [A-Za-z0-9-.]{1,64}; Helhed's keys with an underscore are written with a dash. */
export const fhirId = (key: string) => key.replaceAll('_', '-');

/** Two UUIDs as one FHIR id (64 characters): a session and an enrolment, for example. */
export function pairId(a: string, b: string): string {
  return `${a.replaceAll('-', '')}${b.replaceAll('-', '')}`;
}

const asUuid = (hex: string) =>
  `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;

/** The two UUIDs of a pairId, or null when the id is not one. */
export function splitPairId(id: string): [string, string] | null {
  if (!/^[0-9a-f]{64}$/.test(id)) return null;
  return [asUuid(id.slice(0, 32)), asUuid(id.slice(32))];
}

export const ref = (type: string, id: string, display?: string | null) => ({
  reference: `${type}/${id}`,
  ...(display ? { display } : {}),
});

/** A timestamp from the database as a FHIR instant / dateTime. */
export const instant = (value: string | Date) => new Date(value).toISOString();

/** A date column as a FHIR date (the database gives YYYY-MM-DD or a Date at midnight UTC). */
export function fhirDate(value: string | Date): string {
  return typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10);
}
