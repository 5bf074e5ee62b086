/**
 * One error type and one table from code to HTTP status. Every error leaves the server as
 * RFC 9457 application/problem+json with a Danish or English text (Accept-Language decides).
 */
export type ErrorCode =
  | 'validation'
  | 'bad_url'
  | 'bad_request'
  | 'unauthenticated'
  | 'forbidden'
  | 'consent_required'
  | 'not_found'
  | 'oidc_not_configured'
  | 'request_timeout'
  | 'conflict'
  | 'payload_too_large'
  | 'uri_too_long'
  | 'unsupported_media_type'
  | 'legal_guardrail'
  | 'rate_limited'
  | 'header_too_large'
  | 'unavailable'
  | 'database_timeout'
  | 'internal';

export type Lang = 'da' | 'en';
export type Text = { da: string; en: string };

export const errorTable: Record<ErrorCode, { status: number; title: Text }> = {
  validation: { status: 400, title: { da: 'Ugyldigt input', en: 'Invalid input' } },
  bad_url: { status: 400, title: { da: 'Ugyldig adresse', en: 'Invalid URL' } },
  bad_request: { status: 400, title: { da: 'Ugyldig forespørgsel', en: 'Bad request' } },
  unauthenticated: { status: 401, title: { da: 'Du er ikke logget ind', en: 'Not logged in' } },
  forbidden: { status: 403, title: { da: 'Ingen adgang', en: 'Forbidden' } },
  consent_required: {
    status: 403,
    title: { da: 'Samtykke mangler', en: 'Consent required' },
  },
  not_found: { status: 404, title: { da: 'Findes ikke', en: 'Not found' } },
  // A feature that is switched off is not an outage: 404, so monitoring does not page on it.
  oidc_not_configured: {
    status: 404,
    title: { da: 'MitID-login er ikke slået til', en: 'MitID login is not enabled' },
  },
  request_timeout: {
    status: 408,
    title: { da: 'Forespørgslen tog for lang tid', en: 'Request timeout' },
  },
  conflict: { status: 409, title: { da: 'Konflikt', en: 'Conflict' } },
  payload_too_large: {
    status: 413,
    title: { da: 'For stor forespørgsel', en: 'Payload too large' },
  },
  uri_too_long: { status: 414, title: { da: 'For lang adresse', en: 'URI too long' } },
  unsupported_media_type: {
    status: 415,
    title: { da: 'Ikke-understøttet indholdstype', en: 'Unsupported media type' },
  },
  legal_guardrail: {
    status: 422,
    title: { da: 'Ikke tilladt efter reglerne', en: 'Not allowed by the rules' },
  },
  rate_limited: { status: 429, title: { da: 'For mange forsøg', en: 'Too many requests' } },
  header_too_large: {
    status: 431,
    title: { da: 'For store headere', en: 'Request header fields too large' },
  },
  unavailable: { status: 503, title: { da: 'Midlertidigt utilgængelig', en: 'Unavailable' } },
  // PostgreSQL cancelled a statement at its time limit (DB_STATEMENT_TIMEOUT_MS).
  database_timeout: {
    status: 503,
    title: { da: 'Det tog for lang tid', en: 'The database took too long' },
  },
  internal: { status: 500, title: { da: 'Intern fejl', en: 'Internal error' } },
};

export interface FieldError {
  /** JSON pointer into the request part named by `in`, e.g. "/firstName". */
  pointer: string;
  in: 'body' | 'querystring' | 'params' | 'headers';
  message: string;
}

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly detail?: Text,
    readonly extra: {
      errors?: FieldError[];
      headers?: Record<string, string>;
      [key: string]: unknown;
    } = {},
  ) {
    super(detail?.en ?? code);
    this.status = errorTable[code].status;
  }
}

export const notFound = (what: Text = { da: 'Findes ikke.', en: 'Not found.' }) =>
  new AppError('not_found', what);

export function problemBody(error: AppError, lang: Lang, instance?: string) {
  const { errors, headers: _headers, ...rest } = error.extra;
  return {
    type: `https://helhed.dk/problems/${error.code}`,
    title: errorTable[error.code].title[lang],
    status: error.status,
    detail: error.detail ? error.detail[lang] : errorTable[error.code].title[lang],
    code: error.code,
    ...(instance ? { instance } : {}),
    ...(errors ? { errors } : {}),
    ...rest,
  };
}

export function langOf(acceptLanguage: string | undefined): Lang {
  return acceptLanguage?.trim().toLowerCase().startsWith('en') ? 'en' : 'da';
}

/** Danish and English messages for the JSON-schema keywords Fastify's validator reports. */
export function validationMessage(
  keyword: string,
  params: Record<string, unknown>,
  lang: Lang,
  fallback: string | undefined,
): string {
  const da: Record<string, () => string> = {
    required: () => 'Feltet skal udfyldes',
    type: () => `Skal være af typen ${translateType(String(params.type))}`,
    format: () => `Har ikke det rigtige format (${params.format})`,
    minLength: () => `Skal være mindst ${params.limit} tegn`,
    maxLength: () => `Må højst være ${params.limit} tegn`,
    minimum: () => `Skal være mindst ${params.limit}`,
    maximum: () => `Må højst være ${params.limit}`,
    minItems: () => `Skal have mindst ${params.limit} elementer`,
    maxItems: () => `Må højst have ${params.limit} elementer`,
    enum: () => `Skal være en af: ${(params.allowedValues as unknown[] | undefined)?.join(', ')}`,
    const: () => `Skal være ${String(params.allowedValue)}`,
    pattern: () => 'Har ikke det rigtige format',
    additionalProperties: () => `Ukendt felt: ${params.additionalProperty}`,
    anyOf: () => 'Passer ikke til nogen af de tilladte former',
  };
  if (lang === 'en') return fallback ?? keyword;
  return da[keyword]?.() ?? fallback ?? keyword;
}

function translateType(type: string): string {
  const names: Record<string, string> = {
    string: 'tekst',
    number: 'tal',
    integer: 'heltal',
    boolean: 'sand/falsk',
    object: 'objekt',
    array: 'liste',
    null: 'tom',
  };
  return type
    .split(',')
    .map((t) => names[t] ?? t)
    .join(' eller ');
}
