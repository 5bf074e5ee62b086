/**
 * Every operation in the OpenAPI document, without a session and with a caseworker's session
 * (cookie and CSRF header), gets generated bad input: malformed %-escapes and over-long or
 * odd path parameters, junk query strings, bodies of the wrong shape or not JSON at all, wrong
 * content types and huge numbers. Every answer must stay below 500, and every error must be
 * problem+json with a code, like the rest of the service (OperationOutcome under /fhir/R4).
 *
 * The generator is seeded: FUZZ_SEED=<n> repeats a run; a failure prints the seed and the
 * requests that failed.
 */
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, login, type Session, type TestApp } from '../../test/helper.js';
import { syntheticCpr } from '../db/seed/national.js';

const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2_147_483_647);
/** Requests per operation and session state (FUZZ_CASES for a deeper local run); the default stays well under a minute. */
const CASES_PER_OPERATION = Number(process.env.FUZZ_CASES ?? 5);

/** mulberry32: small, fast, and the same sequence for the same seed on every machine. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T =>
  items[Math.floor(random() * items.length)] as T;

/** Path parameter values: escapes Fastify cannot decode, too long, odd characters, wrong types. */
const badPathValues = [
  '%c0%ae',
  '%E0%A4%A',
  '%',
  '%zz',
  '%00',
  '%ff%fe',
  '..%2f..%2fetc%2fpasswd',
  'a'.repeat(150),
  'b'.repeat(5000),
  '-1',
  '0',
  '1e309',
  '99999999999999999999999',
  'NaN',
  "'%20or%201=1--",
  '%F0%9F%92%A9',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-fffffffffffff',
  'null',
  'true',
];

/** Values of the wrong kind for any field. */
function junkValue(random: Random, depth = 0): unknown {
  const kinds = [
    () => 'x'.repeat(Math.floor(random() * 20_000)),
    () => '',
    () => '\u0000\ud800',
    () => '%c0%ae',
    () => 1e308,
    () => -1e308,
    () => 2 ** 63,
    () => -1,
    () => 0.5,
    () => Number.MAX_SAFE_INTEGER + 2,
    () => true,
    () => null,
    () => '2026-02-30',
    () => '9999-99-99T99:99:99Z',
    () => syntheticCpr(1, 1, Math.floor(random() * 1000)),
    () => (depth < 3 ? [junkValue(random, depth + 1), junkValue(random, depth + 1)] : []),
    () => (depth < 3 ? { nested: junkValue(random, depth + 1), __proto__x: 1 } : {}),
  ];
  return pick(random, kinds)();
}

interface Operation {
  method: string;
  path: string;
  bodyProperties: string[];
  queryNames: string[];
}

interface OpenApiDoc {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: { name: string; in: string }[];
        requestBody?: {
          content?: Record<string, { schema?: { properties?: Record<string, unknown> } }>;
        };
      }
    >
  >;
}

function operations(doc: OpenApiDoc): Operation[] {
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const content = op.requestBody?.content ?? {};
      const schema = Object.values(content)[0]?.schema;
      ops.push({
        method: method.toUpperCase(),
        path,
        bodyProperties: Object.keys(schema?.properties ?? {}),
        queryNames: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
      });
    }
  }
  return ops;
}

function badRequest(op: Operation, random: Random): InjectOptions {
  const url = op.path.replace(/\{[^}]+\}/g, () => pick(random, badPathValues));
  const names = [...op.queryNames, 'x'];
  const query = names
    .filter(() => random() < 0.6)
    .map((n) => `${n}=${pick(random, [...badPathValues, '', '[]', '1,2,3'])}`)
    .join('&');
  const options: InjectOptions = {
    method: op.method as InjectOptions['method'],
    url: query ? `${url}?${query}` : url,
    headers: {},
  };
  if (op.method === 'GET') return options;
  const shape = random();
  const headers = options.headers as Record<string, string>;
  if (shape < 0.4) {
    // The operation's own fields, each with a value of the wrong kind.
    const body: Record<string, unknown> = {};
    for (const p of op.bodyProperties) if (random() < 0.8) body[p] = junkValue(random);
    if (random() < 0.3) body.unknownField = junkValue(random);
    options.payload = JSON.stringify(body);
    headers['content-type'] = 'application/json';
  } else if (shape < 0.6) {
    options.payload = JSON.stringify(junkValue(random));
    headers['content-type'] = 'application/json';
  } else if (shape < 0.75) {
    options.payload = pick(random, [
      '{',
      '{"a":',
      '[1,]',
      'null',
      '',
      '\u0000',
      '{"__proto__":{"x":1}}',
    ]);
    headers['content-type'] = 'application/json';
  } else {
    options.payload = pick(random, ['a=b', '<x/>', '--boundary\r\n', 'x'.repeat(3000)]);
    headers['content-type'] = pick(random, [
      'text/plain',
      'application/xml',
      'application/x-www-form-urlencoded',
      'multipart/form-data',
      'multipart/form-data; boundary=boundary',
      'application/json; charset=latin-99',
      '',
    ]);
  }
  return options;
}

function describeRequest(o: InjectOptions, res: LightMyRequestResponse): string {
  const headers = o.headers as Record<string, string>;
  const body = typeof o.payload === 'string' ? o.payload.slice(0, 120) : '';
  return `${o.method} ${String(o.url).slice(0, 200)} [${headers['content-type'] ?? ''}] ${body} → ${res.statusCode} ${res.headers['content-type'] ?? ''} ${res.body.slice(0, 200)}`;
}

let t: TestApp;
let caseworker: Session;
let ops: Operation[];

beforeAll(async () => {
  t = await buildTestApp();
  caseworker = await login(t.app, 'rebild.sagsbehandler');
  ops = operations(t.app.swagger() as unknown as OpenApiDoc);
});
afterAll(async () => {
  await t.close();
});

describe(`fuzzing every operation (FUZZ_SEED=${SEED})`, () => {
  it('finds the operations in the OpenAPI document', () => {
    expect(ops.length).toBeGreaterThan(50);
    expect(ops.some((o) => o.path === '/api/citizens/{id}' && o.method === 'GET')).toBe(true);
  });

  for (const withSession of [false, true]) {
    it(`answers only problem+json errors and no 5xx, ${withSession ? 'with' : 'without'} a session`, async () => {
      const random = prng(SEED + (withSession ? 1 : 0));
      const failures: string[] = [];
      let sent = 0;
      for (const op of ops) {
        // Logging out would end the session the rest of the run relies on.
        if (withSession && op.path === '/api/auth/logout') continue;
        for (let i = 0; i < CASES_PER_OPERATION; i++) {
          const options = badRequest(op, random);
          const res = withSession ? await caseworker.inject(options) : await t.app.inject(options);
          sent++;
          const type = String(res.headers['content-type'] ?? '');
          const body = JSON.parse(res.body || '{}') as {
            code?: unknown;
            resourceType?: unknown;
            issue?: { code?: unknown }[];
          };
          // Under /fhir/R4 errors are FHIR OperationOutcome instead (issue 17, decision 1040).
          const problem = op.path.startsWith('/fhir/R4/')
            ? type.startsWith('application/fhir+json') &&
              body.resourceType === 'OperationOutcome' &&
              typeof body.issue?.[0]?.code === 'string'
            : type.startsWith('application/problem+json') && typeof body.code === 'string';
          if (res.statusCode >= 500 || (res.statusCode >= 400 && !problem)) {
            failures.push(describeRequest(options, res));
          }
        }
      }
      expect(sent).toBeGreaterThan(ops.length);
      expect(failures, `FUZZ_SEED=${SEED}: ${failures.length} of ${sent} answers`).toEqual([]);
    });
  }
});
