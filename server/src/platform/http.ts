/**
 * HTTP glue shared by every module: the request context, the login check, CSRF, and the one
 * error handler that turns anything thrown into RFC 9457 problem+json.
 */
import { timingSafeEqual } from 'node:crypto';
import { maxHeaderSize, STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { type Static, type TSchema, Type } from '@sinclair/typebox';
import type {
  ConnectionError,
  FastifyError,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
} from 'fastify';
import type { Config } from '../config.js';
import { type Database, isDatabaseUnavailable, isStatementTimeout } from '../db/database.js';
import type { AuthedContext, RequestContext } from './context.js';
import {
  AppError,
  type FieldError,
  langOf,
  notFound,
  problemBody,
  validationMessage,
} from './errors.js';
import { FHIR_JSON, FHIR_PATH_PREFIX, operationOutcome } from './fhir-outcome.js';
import { mayAttempt, ruleFor } from './policy.js';
import { isCounted } from './rate-limit.js';
import { lookupCountedSession, SESSION_COOKIE } from './sessions.js';

/** What a route needs: nobody, a logged-in user, or an action from the policy registry. */
export type Access = 'public' | 'session' | (string & {});

/** An /api route as registered, with who may call it (the authorization matrix reads these). */
export interface ApiRoute {
  method: string;
  url: string;
  access: Access;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /**
     * The route checks the session, tenant and policy itself inside its one SQL statement (the
     * hot path, modules/overview): the hook neither looks the session up nor sets ctx.actor.
     */
    sessionInQuery?: boolean;
  }
  interface FastifyInstance {
    /** Every /api route of the app with its access entry, in registration order. */
    apiRoutes: ApiRoute[];
  }
  interface FastifyRequest {
    ctx: RequestContext;
  }
}

export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    code: Type.String(),
    instance: Type.Optional(Type.String()),
    errors: Type.Optional(
      Type.Array(
        Type.Object({
          pointer: Type.String(),
          in: Type.String(),
          message: Type.String(),
        }),
      ),
    ),
  },
  { $id: 'Problem', additionalProperties: true, description: 'RFC 9457 problem details' },
);
export type Problem = Static<typeof ProblemSchema>;

/** Response schemas for a route: the given success bodies plus problem+json for errors. */
export function responses<T extends Record<number, TSchema>>(ok: T) {
  const problem = Type.Ref(ProblemSchema);
  return { ...ok, '4xx': problem, '5xx': problem } as T & { '4xx': TSchema; '5xx': TSchema };
}

export const NoContent = Type.Null({ description: 'No content' });

/** The authenticated context, or 401. Services receive this, never the request. */
export function authed(request: FastifyRequest): AuthedContext {
  if (!request.ctx.actor) {
    throw new AppError('unauthenticated', {
      da: 'Log ind for at fortsætte.',
      en: 'Log in to continue.',
    });
  }
  return request.ctx as AuthedContext;
}

const unsafe = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Constant-time comparison of the CSRF header with the session's token. */
function sameToken(sent: string | string[] | undefined, expected: string): boolean {
  if (typeof sent !== 'string') return false;
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function registerRequestContext(
  app: FastifyInstance,
  database: Database,
  config: Config,
  readDatabase: Database = database,
  /**
   * On PostgreSQL the session's and the user's request limits are counted by the session lookup
   * itself, in its one statement (platform/rate-limit.ts reads the counts from ctx.rateCounts).
   */
  sessionCounting?: { windowMs: number },
) {
  const lookup = async (request: FastifyRequest, token: string) => {
    const count = sessionCounting && isCounted(request.url) ? sessionCounting : undefined;
    const { actor, counts } = await lookupCountedSession(database, config, token, count);
    if (counts) request.ctx.rateCounts = counts;
    return actor;
  };
  app.decorateRequest('ctx', null as unknown as RequestContext);
  const apiRoutes: ApiRoute[] = [];
  app.decorate('apiRoutes', apiRoutes);

  // Every /api route must say who may call it; a route without an entry fails the start.
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || route.url.startsWith('/api/docs')) return;
    const access = route.config?.access;
    if (!access) throw new Error(`route ${route.method} ${route.url} has no config.access`);
    if (access !== 'public' && access !== 'session' && !ruleFor(access)) {
      throw new Error(`route ${route.method} ${route.url} names unknown policy action ${access}`);
    }
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method === 'HEAD' || method === 'OPTIONS') continue;
      apiRoutes.push({ method, url: route.url, access });
    }
  });

  app.addHook('onRequest', async (request) => {
    request.ctx = {
      database,
      config,
      actor: null,
      requestId: String(request.id),
      ip: request.ip ?? null,
      readOnly: request.method === 'GET' || request.method === 'HEAD',
      readDatabase,
    };
    const access = request.routeOptions.config?.access;
    if (!access || access === 'public') {
      // Public routes still learn who is logged in (e.g. /api/auth/me on the login page).
      const token = request.cookies?.[SESSION_COOKIE];
      if (token && request.url.startsWith('/api/')) {
        request.ctx.actor = await lookup(request, token);
      }
      return;
    }
    if (request.routeOptions.config?.sessionInQuery) return;
    const token = request.cookies?.[SESSION_COOKIE];
    const actor = token ? await lookup(request, token) : null;
    if (!actor) {
      throw new AppError('unauthenticated', {
        da: 'Din session er udløbet eller du er ikke logget ind.',
        en: 'Your session has expired or you are not logged in.',
      });
    }
    if (
      unsafe.has(request.method) &&
      !sameToken(request.headers['x-csrf-token'], actor.csrfToken)
    ) {
      throw new AppError(
        'forbidden',
        {
          da: 'Sikkerhedstoken mangler eller er forkert. Genindlæs siden og prøv igen.',
          en: 'Missing or wrong CSRF token. Reload the page and try again.',
        },
        { reason: 'csrf' },
      );
    }
    if (access !== 'session' && !mayAttempt(actor, access)) {
      // The platform operator is outside every municipality: what is not its own work does not
      // exist for it (decision 1050).
      if (actor.kind === 'operator') throw notFound();
      throw new AppError('forbidden', {
        da: 'Din rolle giver ikke adgang til dette.',
        en: 'Your role does not allow this.',
      });
    }
    request.ctx.actor = actor;
  });

  app.addHook('preHandler', async (request) => {
    const lang = langOf(request.headers['accept-language']);
    const errors = [...nonFiniteNumbers(request, lang), ...nulCharacters(request, lang)];
    if (errors.length > 0) {
      throw new AppError(
        'validation',
        { da: 'Nogle felter er ikke udfyldt korrekt.', en: 'Some fields are not valid.' },
        { errors },
      );
    }
  });
}

/**
 * Ajv's type coercion turns the text "Infinity" or "1e309" in a query or path parameter into
 * Infinity and then skips minimum/maximum (it checks those only for finite numbers), so the value
 * would reach SQL and fail there as a 500. A JSON body cannot carry it past the validator (ajv
 * checks finiteness of real numbers), so query and params are enough.
 */
/**
 * A NUL character (U+0000) in any string of the input: PostgreSQL's text cannot hold one (it
 * answered 500 where the fuzzer sent one to the login), so it is a field error, not a crash.
 */
function nulCharacters(request: FastifyRequest, lang: 'da' | 'en'): FieldError[] {
  const errors: FieldError[] = [];
  const visit = (where: FieldError['in'], value: unknown, pointer: string, depth: number) => {
    if (ArrayBuffer.isView(value)) return; // an uploaded file's bytes are not text
    if (typeof value === 'string') {
      if (value.includes('\u0000')) {
        errors.push({
          in: where,
          pointer: pointer || '/',
          message:
            lang === 'da' ? 'Må ikke indeholde tegnet NUL' : 'Must not contain a NUL character',
        });
      }
    } else if (value && typeof value === 'object' && depth < 32) {
      for (const [key, item] of Object.entries(value))
        visit(where, item, `${pointer}/${key}`, depth + 1);
    }
  };
  visit('body', request.body, '', 0);
  visit('querystring', request.query, '', 0);
  visit('params', request.params, '', 0);
  return errors;
}

function nonFiniteNumbers(request: FastifyRequest, lang: 'da' | 'en'): FieldError[] {
  const errors: FieldError[] = [];
  const parts = [
    ['querystring', request.query],
    ['params', request.params],
  ] as const;
  for (const [where, values] of parts) {
    if (!values || typeof values !== 'object') continue;
    for (const [key, value] of Object.entries(values)) {
      const items = Array.isArray(value) ? value : [value];
      if (items.some((v) => typeof v === 'number' && !Number.isFinite(v))) {
        errors.push({
          in: where,
          pointer: `/${key}`,
          message: lang === 'da' ? 'Skal være et endeligt tal' : 'Must be a finite number',
        });
      }
    }
  }
  return errors;
}

/**
 * One mistake, one message: a nullable field (anyOf [X, null]) that fails X also fails "must be
 * null" and "must match a schema in anyOf"; those are dropped when the field has a more specific
 * error, and a message repeated for the same field is said once.
 */
function fieldErrors(error: FastifyError, lang: 'da' | 'en'): FieldError[] {
  const where = (error.validationContext ?? 'body') as FieldError['in'];
  const all = (error.validation ?? []).map((v) => {
    const params = (v.params ?? {}) as Record<string, unknown>;
    let pointer = v.instancePath || '';
    if (v.keyword === 'required' && params.missingProperty) {
      pointer = `${pointer}/${String(params.missingProperty)}`;
    }
    if (v.keyword === 'additionalProperties' && params.additionalProperty) {
      pointer = `${pointer}/${String(params.additionalProperty)}`;
    }
    const noise =
      v.keyword === 'anyOf' ||
      v.keyword === 'oneOf' ||
      (v.keyword === 'type' && params.type === 'null');
    return {
      noise,
      error: {
        in: where,
        pointer: pointer || '/',
        message: validationMessage(v.keyword, params, lang, v.message),
      } satisfies FieldError,
    };
  });
  const specific = new Set(all.filter((e) => !e.noise).map((e) => e.error.pointer));
  const seen = new Set<string>();
  return all
    .filter((e) => !(e.noise && specific.has(e.error.pointer)))
    .map((e) => e.error)
    .filter((e) => {
      const key = `${e.pointer}\u0000${e.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

export function sendProblem(request: FastifyRequest, reply: FastifyReply, error: AppError) {
  const lang = langOf(request.headers['accept-language']);
  for (const [k, v] of Object.entries(error.extra.headers ?? {})) reply.header(k, v);
  if (request.url.startsWith(FHIR_PATH_PREFIX)) {
    return reply
      .code(error.status)
      .type(FHIR_JSON)
      .serializer(JSON.stringify)
      .send(operationOutcome(error, lang));
  }
  return reply
    .code(error.status)
    .type('application/problem+json; charset=utf-8')
    .serializer(JSON.stringify)
    .send(problemBody(error, lang, request.url.split('?')[0]));
}

/** Seconds a client is asked to wait when the database is away (a restart takes a few). */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

export const databaseUnavailable = () =>
  new AppError(
    'unavailable',
    {
      da: 'Databasen er midlertidigt utilgængelig. Prøv igen om lidt.',
      en: 'The database is temporarily unavailable. Try again shortly.',
    },
    { headers: { 'retry-after': String(DATABASE_RETRY_AFTER_SECONDS) } },
  );

const malformedMultipart = [
  'Multipart: Boundary not found',
  'Boundary required',
  'Unexpected end of multipart data',
  'Unexpected end of form',
  'Malformed part header',
];

export function toAppError(error: FastifyError, lang: 'da' | 'en'): AppError {
  if (error instanceof AppError) return error;
  if (isDatabaseUnavailable(error)) return databaseUnavailable();
  if (isStatementTimeout(error)) {
    // Not retried: the same statement would run as long again.
    return new AppError('database_timeout', {
      da: 'Forespørgslen tog for lang tid i databasen og blev afbrudt. Prøv igen, eller afgræns søgningen.',
      en: 'The request took too long in the database and was cancelled. Try again, or narrow it down.',
    });
  }
  if (error.validation) {
    return new AppError(
      'validation',
      { da: 'Nogle felter er ikke udfyldt korrekt.', en: 'Some fields are not valid.' },
      { errors: fieldErrors(error, lang) },
    );
  }
  if (malformedMultipart.some((m) => error.message?.startsWith(m))) {
    // The multipart parser (busboy) throws plain errors for a body that is not what its
    // content type says; that is the client's mistake, not ours.
    return new AppError('validation', {
      da: 'Filen kunne ikke læses: forespørgslen er ikke gyldig multipart/form-data.',
      en: 'The file could not be read: the request is not valid multipart/form-data.',
    });
  }
  if (error.code === 'FST_ERR_BAD_URL') {
    return new AppError('bad_url', {
      da: 'Adressen indeholder en ugyldig tegnkode (%-escape).',
      en: 'The URL contains an invalid percent-encoding.',
    });
  }
  const status = error.statusCode ?? 500;
  if (status === 414 || error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    return new AppError('uri_too_long', {
      da: 'Adressen er for lang.',
      en: 'The URL is too long.',
    });
  }
  if (status === 431) {
    return new AppError('header_too_large', {
      da: 'Forespørgslens headere er for store.',
      en: 'The request headers are too large.',
    });
  }
  if (status === 408) {
    return new AppError('request_timeout', {
      da: 'Forespørgslen blev ikke modtaget i tide.',
      en: 'The request was not received in time.',
    });
  }
  if (status === 413) {
    return new AppError('payload_too_large', {
      da: 'Forespørgslen er for stor.',
      en: 'The request body is too large.',
    });
  }
  if (status === 415) {
    return new AppError('unsupported_media_type', {
      da: 'Indholdstypen understøttes ikke. Send application/json.',
      en: 'Unsupported content type. Send application/json.',
    });
  }
  if (status === 429) {
    return new AppError('rate_limited', {
      da: 'For mange forespørgsler. Vent lidt og prøv igen.',
      en: 'Too many requests. Wait a moment and try again.',
    });
  }
  if (status === 404) return new AppError('not_found');
  if (status >= 400 && status < 500) {
    const json = /JSON/i.test(error.message) || error.code?.startsWith('FST_ERR_CTP');
    return new AppError('validation', {
      da: json ? 'Forespørgslen er ikke gyldig JSON.' : 'Forespørgslen er ugyldig.',
      en: json ? 'The request body is not valid JSON.' : 'The request is invalid.',
    });
  }
  return new AppError('internal', {
    da: 'Der opstod en fejl hos os. Prøv igen, eller kontakt support med fejl-id.',
    en: 'Something went wrong on our side. Try again, or contact support with the error id.',
  });
}

/**
 * Fastify's own errors before routing (a malformed %-escape, a path parameter over
 * maxParamLength, an async constraint failing): the option `frameworkErrors` hands them here.
 */
export function frameworkErrorHandler(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
) {
  const appError = toAppError(error, langOf(request.headers['accept-language']));
  if (appError.status >= 500) request.log.error({ err: error }, 'request failed');
  return sendProblem(request, reply, appError);
}

/**
 * Requests Node's HTTP parser refuses before Fastify sees them (headers or URL over
 * --max-http-header-size, a malformed request line, a request not received in time). Node
 * cannot hand these to a route, so the answer is written to the socket as problem+json here.
 */
export function clientErrorHandler(error: ConnectionError, socket: Socket) {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  // Typed as JSON by Fastify, but Node hands over the Buffer it could not parse.
  const packet: unknown = error.rawPacket;
  const raw = Buffer.isBuffer(packet) ? packet.toString('latin1') : '';
  const lang = /\r\naccept-language:[ \t]*en/i.test(raw) ? 'en' : 'da';
  let appError: AppError;
  if (error.code === 'HPE_HEADER_OVERFLOW') {
    // Node counts the request line with the headers. A request line that is most of the limit
    // (or still unfinished in the last packet) is an over-long URL, not a header problem.
    const lineEnd = raw.indexOf('\r\n');
    const longLine = lineEnd === -1 || lineEnd > maxHeaderSize / 2;
    appError = toAppError({ statusCode: raw && longLine ? 414 : 431 } as FastifyError, lang);
  } else if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    appError = toAppError({ statusCode: 408 } as FastifyError, lang);
  } else {
    appError = new AppError('bad_request', {
      da: 'Forespørgslen kunne ikke læses som HTTP.',
      en: 'The request could not be parsed as HTTP.',
    });
  }
  if (socket.writable) {
    const body = JSON.stringify(problemBody(appError, lang));
    socket.write(
      `HTTP/1.1 ${appError.status} ${STATUS_CODES[appError.status] ?? ''}\r\n` +
        'Content-Type: application/problem+json; charset=utf-8\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        'Connection: close\r\n\r\n' +
        body,
    );
  }
  socket.destroy();
}

export function registerErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const lang = langOf(request.headers['accept-language']);
    const appError = toAppError(error, lang);
    if (appError.code === 'unavailable' && isDatabaseUnavailable(error)) {
      // Expected during a restart or failover; one line, not a stack per request.
      request.log.warn({ code: (error as { code?: string }).code }, 'database unavailable');
    } else if (appError.code === 'database_timeout') {
      request.log.warn(
        { code: '57014', route: request.routeOptions.url },
        'statement cancelled at its time limit',
      );
    } else if (appError.status >= 500) request.log.error({ err: error }, 'request failed');
    if (appError.code === 'rate_limited' && !appError.extra.headers?.['retry-after']) {
      const retry = reply.getHeader('retry-after');
      if (retry) reply.header('retry-after', retry);
    }
    return sendProblem(request, reply, appError);
  });
}
