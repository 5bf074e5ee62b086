/**
 * Builds the Fastify app: security headers, cookies, rate limiting, OpenAPI, the request
 * context, every module's routes and, in production, the built web app. No listen() here, so
 * tests drive the same app through app.inject().
 */

import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { MeSchema, RoleSchema } from '@helhed/shared/auth';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Config } from './config.js';
import type { Database } from './db/database.js';
import { modules } from './modules/index.js';
import { addTimelineSource } from './modules/timeline/timeline.registry.js';
import { AppError, langOf } from './platform/errors.js';
import {
  clientErrorHandler,
  DATABASE_RETRY_AFTER_SECONDS,
  frameworkErrorHandler,
  ProblemSchema,
  registerErrorHandling,
  registerRequestContext,
  sendProblem,
} from './platform/http.js';
import { lazyCompilersFactory } from './platform/lazy-compilers.js';
import { loggerOptions } from './platform/logging.js';
import {
  defaultRateLimits,
  type RateLimits,
  registerRateLimits,
  sessionCounting,
} from './platform/rate-limit.js';

export interface BuildOptions {
  config: Config;
  database: Database;
  /** The hot-standby replica for evaluation and dashboard reads (DATABASE_READ_URL). */
  readDatabase?: Database;
  logger?: FastifyServerOptions['logger'];
  /** Every request limit at this value (benchmarks and tests that are not about limits). */
  rateLimitPerMinute?: number;
  /** The request limits (decision 0830); defaults from the configuration. */
  rateLimits?: Partial<RateLimits>;
  /** Serve config.webDist in test mode too (tests of the static files). */
  serveWeb?: boolean;
}

export async function buildApp(opts: BuildOptions): Promise<FastifyInstance> {
  const { config, database } = opts;
  const app = Fastify({
    logger: opts.logger ?? loggerOptions(config),
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.env === 'production',
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && /^[\w-]{8,64}$/.test(incoming)
        ? incoming
        : randomUUID();
    },
    ajv: { customOptions: { allErrors: true, removeAdditional: false, coerceTypes: 'array' } },
    schemaController: { compilersFactory: lazyCompilersFactory() },
    // Errors Fastify or Node raise before a route runs answer problem+json like every other.
    frameworkErrors: frameworkErrorHandler,
    clientErrorHandler,
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.addSchema(ProblemSchema);
  app.addSchema(RoleSchema);
  app.addSchema(MeSchema);
  registerErrorHandling(app);

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: config.env === 'production' ? [] : null,
      },
    },
    strictTransportSecurity: config.env === 'production',
  });
  await app.register(cookie);
  const every = opts.rateLimitPerMinute;
  const limits: RateLimits = {
    ...defaultRateLimits,
    sessionPerWindow: config.rateLimitPerMinute,
    userPerWindow: config.rateLimitPerMinute * 2,
    addressPerWindow: config.rateLimitAddressPerMinute,
    ...(every ? { sessionPerWindow: every, userPerWindow: every, addressPerWindow: every } : {}),
    ...opts.rateLimits,
  };
  const addRequestLimits = await registerRateLimits(app, database, limits);
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Helhed API',
        version: '0.1.0',
        description:
          'Helhed: jobcenter og sundhedscenter om den samme borger. Errors are RFC 9457 problem+json.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'helhed_session' },
          csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
        },
      },
    },
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`),
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  registerRequestContext(
    app,
    database,
    config,
    opts.readDatabase ?? database,
    sessionCounting(database, limits),
  );
  // After the session lookup: the limiter keys on the session the server verified.
  addRequestLimits();

  app.get(
    '/health/live',
    {
      config: { access: 'public' },
      schema: { hide: true },
    },
    async () => ({ status: 'ok' }),
  );
  app.get(
    '/health/ready',
    { config: { access: 'public' }, schema: { hide: true } },
    async (_req, reply) => {
      try {
        await database.db.selectNoFrom((eb) => eb.lit(1).as('one')).execute();
        return { status: 'ok', database: database.kind };
      } catch {
        return reply
          .code(503)
          .header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS))
          .send({ status: 'unavailable', database: database.kind });
      }
    },
  );

  for (const mod of modules) {
    for (const source of mod.timeline ?? []) addTimelineSource(source);
    await app.register(mod.routes, { prefix: mod.prefix });
  }

  const webDist = config.webDist;
  const index = webDist ? path.join(webDist, 'index.html') : null;
  const serveWeb = !!(index && fs.existsSync(index) && (config.env !== 'test' || opts.serveWeb));
  if (serveWeb && webDist) {
    await app.register(fastifyStatic, {
      root: webDist,
      wildcard: false,
      index: false,
      setHeaders: (res, file) => {
        // Vite names every file in assets/ by its content hash: a changed file has a new name,
        // so browsers may keep these for a year. The page itself must be asked for each time,
        // or a browser would keep running an old build's script names.
        if (file.includes(`${path.sep}assets${path.sep}`)) {
          res.header('cache-control', 'public, max-age=31536000, immutable');
        } else if (path.basename(file) === 'index.html') {
          res.header('cache-control', 'no-cache');
        }
      },
    });
  }

  app.setNotFoundHandler((request, reply) => {
    const url = request.url.split('?')[0] ?? '/';
    const isApi =
      url.startsWith('/api/') ||
      url === '/api' ||
      url.startsWith('/health') ||
      url.startsWith('/fhir/');
    if (serveWeb && !isApi && (request.method === 'GET' || request.method === 'HEAD')) {
      return reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-cache')
        .sendFile('index.html');
    }
    const lang = langOf(request.headers['accept-language']);
    return sendProblem(
      request,
      reply,
      new AppError('not_found', {
        da: lang === 'da' ? `Adressen ${request.method} ${url} findes ikke.` : '',
        en: `No route ${request.method} ${url}.`,
      }),
    );
  });

  return app;
}
