/**
 * Errors under /fhir/R4 (the FHIR API, issue 17, decision 1040) leave as a FHIR OperationOutcome
 * in application/fhir+json instead of problem+json: a FHIR client reads nothing else. The same
 * AppError and code table decide the status; sendProblem (platform/http.ts) picks the format by
 * path, so the framework's own errors (a bad %-escape, an unknown path) follow it too.
 */
import type { OperationOutcome } from '@medplum/fhirtypes';
import type { AppError, Lang } from './errors.js';

export const FHIR_PATH_PREFIX = '/fhir/';
export const FHIR_JSON = 'application/fhir+json; charset=utf-8';

/** AppError code → OperationOutcome issue type (http://hl7.org/fhir/issue-type). */
const issueCode: Record<string, string> = {
  validation: 'invalid',
  bad_url: 'invalid',
  bad_request: 'structure',
  unauthenticated: 'login',
  forbidden: 'forbidden',
  consent_required: 'suppressed',
  not_found: 'not-found',
  conflict: 'conflict',
  payload_too_large: 'too-costly',
  uri_too_long: 'too-long',
  unsupported_media_type: 'not-supported',
  rate_limited: 'throttled',
  unavailable: 'transient',
  database_timeout: 'timeout',
  request_timeout: 'timeout',
  header_too_large: 'too-long',
};

export function operationOutcome(error: AppError, lang: Lang): OperationOutcome {
  const text = error.detail?.[lang] ?? error.message;
  const code =
    typeof error.extra.fhirCode === 'string'
      ? error.extra.fhirCode
      : (issueCode[error.code] ?? 'exception');
  return {
    resourceType: 'OperationOutcome',
    issue: [
      {
        severity: error.status >= 500 ? 'fatal' : 'error',
        code: code as NonNullable<OperationOutcome['issue']>[number]['code'],
        details: { coding: [{ system: 'https://helhed.dk/problems', code: error.code }], text },
        diagnostics: text,
        ...(error.extra.errors?.length
          ? { expression: error.extra.errors.map((e) => `${e.in}${e.pointer}`) }
          : {}),
      },
    ],
  };
}
