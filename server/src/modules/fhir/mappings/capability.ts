/**
 * CapabilityStatement: exactly what /fhir/R4 serves. The list is built from the same table the
 * routes use (SUPPORTED), so the statement cannot promise a type or search the server lacks.
 */
import type { CapabilityStatement, CapabilityStatementRestResource } from '@medplum/fhirtypes';

/** Types with a patient search (`patient` or `subject`), and the parameter FHIR defines for each. */
export const clinicalTypes = {
  Consent: 'patient',
  ServiceRequest: 'subject',
  Task: 'patient',
  QuestionnaireResponse: 'subject',
  Observation: 'subject',
  CarePlan: 'subject',
  Goal: 'subject',
  Appointment: 'patient',
  Encounter: 'subject',
  EpisodeOfCare: 'patient',
} as const;
export type ClinicalType = keyof typeof clinicalTypes;

export const readOnlyTypes = [
  'Patient',
  'Organization',
  'PractitionerRole',
  'Questionnaire',
] as const;
export const supportedTypes = [...readOnlyTypes, ...Object.keys(clinicalTypes)] as string[];

export function toCapabilityStatement(baseUrl: string, date: string): CapabilityStatement {
  const resource: CapabilityStatementRestResource[] = supportedTypes.map((type) => {
    const clinical = (clinicalTypes as Record<string, string>)[type];
    return {
      type: type as CapabilityStatementRestResource['type'],
      interaction: [{ code: 'read' }, ...(clinical ? [{ code: 'search-type' as const }] : [])],
      ...(clinical
        ? {
            searchParam: [
              {
                name: 'patient',
                type: 'reference' as const,
                documentation: 'Patient/{id} or {id}',
              },
              {
                name: 'subject',
                type: 'reference' as const,
                documentation: 'Patient/{id} or {id}',
              },
            ],
          }
        : {}),
      ...(type === 'Patient'
        ? {
            operation: [
              {
                name: 'everything',
                definition: 'http://hl7.org/fhir/OperationDefinition/Patient-everything',
              },
            ],
          }
        : {}),
    };
  });
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date,
    publisher: 'Helhed',
    kind: 'instance',
    implementation: { description: 'Helhed FHIR R4 read API', url: baseUrl },
    fhirVersion: '4.0.1',
    format: ['application/fhir+json', 'json'],
    rest: [
      {
        mode: 'server',
        documentation:
          'Read-only. Signed-in session (cookie) as the JSON API; what a reader may not see is 404 or left out.',
        security: {
          description:
            'The same session, tenant, policy and consent checks as /api; every read of a citizen is audited.',
        },
        resource,
        operation: [
          {
            name: 'export',
            definition: 'http://hl7.org/fhir/uv/bulkdata/OperationDefinition/export',
            documentation:
              'System-level bulk export of the caller’s municipality (manager), NDJSON.',
          },
        ],
      },
    ],
  };
}
