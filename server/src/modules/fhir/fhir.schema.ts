/**
 * TypeBox schemas of the FHIR routes. A resource's own structure is FHIR's (typed by
 * @medplum/fhirtypes, validated against the R4 StructureDefinitions in the tests); here only the
 * envelope the route promises: a resourceType, and for errors an OperationOutcome.
 */
import { Type } from '@sinclair/typebox';

export const FhirResourceSchema = Type.Object(
  { resourceType: Type.String(), id: Type.Optional(Type.String()) },
  { additionalProperties: true, description: 'A FHIR R4 resource (application/fhir+json)' },
);

export const BundleSchema = Type.Object(
  {
    resourceType: Type.Literal('Bundle'),
    type: Type.String(),
    total: Type.Optional(Type.Integer()),
    entry: Type.Optional(Type.Array(Type.Object({}, { additionalProperties: true }))),
  },
  { additionalProperties: true, description: 'A FHIR R4 Bundle (searchset)' },
);

export const OperationOutcomeSchema = Type.Object(
  {
    resourceType: Type.Literal('OperationOutcome'),
    issue: Type.Array(
      Type.Object(
        {
          severity: Type.String(),
          code: Type.String(),
          diagnostics: Type.Optional(Type.String()),
        },
        { additionalProperties: true },
      ),
    ),
  },
  { additionalProperties: true, description: 'FHIR OperationOutcome: every error under /fhir/R4' },
);

/** Success bodies plus OperationOutcome for every error status. */
export function fhirResponses<T extends Record<number, unknown>>(ok: T) {
  return { ...ok, '4xx': OperationOutcomeSchema, '5xx': OperationOutcomeSchema };
}

export const TypeIdParams = Type.Object({
  type: Type.String({ pattern: '^[A-Z][A-Za-z]{1,63}$' }),
  id: Type.String({ pattern: '^[A-Za-z0-9\\-.]{1,64}$' }),
});
export const TypeParams = Type.Object({ type: Type.String({ pattern: '^[A-Z][A-Za-z]{1,63}$' }) });
export const PatientIdParams = Type.Object({
  id: Type.String({ pattern: '^[A-Za-z0-9\\-.]{1,64}$' }),
});

export const SearchQuery = Type.Object(
  {
    patient: Type.Optional(Type.String({ maxLength: 200 })),
    subject: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: true },
);

export const ExportQuery = Type.Object(
  {
    _type: Type.Optional(Type.String({ maxLength: 500 })),
    _outputFormat: Type.Optional(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: true },
);

export const ExportJobParams = Type.Object({ jobId: Type.String({ format: 'uuid' }) });
export const ExportFileParams = Type.Object({
  jobId: Type.String({ format: 'uuid' }),
  file: Type.String({ pattern: '^[A-Za-z]{1,40}-[0-9]{1,6}\\.ndjson$' }),
});

export const ExportStatusSchema = Type.Object(
  {
    transactionTime: Type.String(),
    request: Type.String(),
    requiresAccessToken: Type.Boolean(),
    output: Type.Array(
      Type.Object({ type: Type.String(), url: Type.String(), count: Type.Integer() }),
    ),
    error: Type.Array(Type.Object({ type: Type.String(), url: Type.String() })),
  },
  { additionalProperties: true, description: 'FHIR Bulk Data complete-status manifest' },
);
