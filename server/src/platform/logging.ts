/**
 * Structured logs with request ids. Cookies, CSRF tokens and anything shaped like a CPR number
 * are redacted before a line is written, wherever in the line it appears.
 */
import type { FastifyServerOptions } from 'fastify';
import type { Config } from '../config.js';
import { cprPattern } from './cpr.js';

function scrub(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return value.replace(cprPattern, '[cpr]');
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) {
    return { type: value.name, message: scrub(value.message), stack: scrub(value.stack) };
  }
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = scrub(v, depth + 1);
  return out;
}

export function loggerOptions(
  config: Config,
  stream?: NodeJS.WritableStream,
): FastifyServerOptions['logger'] {
  return {
    level: config.logLevel,
    ...(stream ? { stream } : {}),
    redact: {
      paths: [
        'req.headers.cookie',
        'req.headers["x-csrf-token"]',
        'req.headers.authorization',
        'res.headers["set-cookie"]',
      ],
      censor: '[redacted]',
    },
    formatters: {
      log: (object) => scrub(object) as Record<string, unknown>,
    },
    hooks: {
      logMethod(args, method) {
        method.apply(this, args.map((a) => scrub(a)) as Parameters<typeof method>);
      },
    },
    serializers: {
      req: (req) => ({
        method: req.method,
        url: String(req.url).replace(cprPattern, '[cpr]'),
        remoteAddress: req.ip,
      }),
    },
  };
}
