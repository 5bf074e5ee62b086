/**
 * Patient: the citizen. The CPR number is the identifier Danish health systems match on (DK core's
 * dk-core-cpr-identifier: system urn:oid:1.2.208.176.1.2, ten digits); it is written only when the
 * caller may see the full CPR number (the same rule as revealing it on the citizen page), else left
 * out, never masked into an identifier a receiver might match on.
 */
import type { Patient } from '@medplum/fhirtypes';
import { CPR_SYSTEM, fhirDate } from './systems.js';

export interface PatientInput {
  id: string;
  firstName: string;
  lastName: string;
  birthDate: string | Date;
  gender: string | null;
  address: string | null;
  postalCode: string | null;
  city: string | null;
  phone: string | null;
  email: string | null;
  preferredLanguage: string;
  /** Ten digits, or null when the caller may not see it. */
  cpr: string | null;
}

export function toPatient(c: PatientInput): Patient {
  const telecom = [
    ...(c.phone ? [{ system: 'phone' as const, value: c.phone }] : []),
    ...(c.email ? [{ system: 'email' as const, value: c.email }] : []),
  ];
  const hasAddress = c.address || c.postalCode || c.city;
  return {
    resourceType: 'Patient',
    id: c.id,
    ...(c.cpr
      ? { identifier: [{ use: 'official', system: CPR_SYSTEM, value: c.cpr.replace('-', '') }] }
      : {}),
    active: true,
    name: [{ use: 'official', family: c.lastName, given: [c.firstName] }],
    ...(telecom.length ? { telecom } : {}),
    ...(c.gender === 'female' || c.gender === 'male' ? { gender: c.gender } : {}),
    birthDate: fhirDate(c.birthDate),
    ...(hasAddress
      ? {
          address: [
            {
              use: 'home',
              ...(c.address ? { line: [c.address] } : {}),
              ...(c.postalCode ? { postalCode: c.postalCode } : {}),
              ...(c.city ? { city: c.city } : {}),
              country: 'DK',
            },
          ],
        }
      : {}),
    communication: [
      { language: { coding: [{ system: 'urn:ietf:bcp:47', code: c.preferredLanguage }] } },
    ],
  };
}

/**
 * The Patient as a municipality's bulk export carries it: no name, CPR, address, contact or date
 * of birth, only the gender; the id is the export's pseudonym (decision 1040).
 */
export function toPseudonymousPatient(pseudonym: string, gender: string | null): Patient {
  return {
    resourceType: 'Patient',
    id: pseudonym,
    ...(gender === 'female' || gender === 'male' ? { gender } : {}),
  };
}
