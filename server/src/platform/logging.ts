/**
 * Structured logs with request ids. Cookies and CSRF tokens are redacted by path; anything
 * shaped like a CPR number is replaced in the finished line, wherever it appears (message,
 * URL, an error's message, stack or database detail), just before the line is written.
 *
 * The CPR pass works on the serialized text on purpose: scrubbing the objects before pino's
 * serializers ran copied the request into a plain object and lost its getters, so request
 * lines had no method, URL or status.
 */
import type { FastifyServerOptions } from 'fastify';
import type { Config } from '../config.js';
import { cprPattern } from './cpr.js';

/** A destination that writes each line with CPR-shaped values replaced. */
export function cprRedactingStream(target: NodeJS.WritableStream): { write(line: string): void } {
  return {
    write(line: string) {
      target.write(line.replace(cprPattern, '[cpr]'));
    },
  };
}

export function loggerOptions(
  config: Config,
  stream?: NodeJS.WritableStream,
): FastifyServerOptions['logger'] {
  return {
    level: config.logLevel,
    stream: cprRedactingStream(stream ?? process.stdout),
    redact: {
      paths: [
        'req.headers.cookie',
        'req.headers["x-csrf-token"]',
        'req.headers.authorization',
        'res.headers["set-cookie"]',
      ],
      censor: '[redacted]',
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
