/**
 * The authorization matrix (issue #4): every /api route × every role × own organisation / other
 * organisation in the same municipality / other municipality. Expected statuses are derived
 * from the policy table (see types.ts for the rules); a module describes how to call its routes
 * in src/modules/<m>/<m>.authz.ts. The file fails when a route has no case, and prints every
 * cell that differs as one table.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roles } from '../../src/platform/context.js';
import { buildTestApp, login, type Session, type TestApp } from '../helper.js';
import { expectedStatus, owners, usernameOf } from './derive.js';
import type { AuthzCase, AuthzContext, Owner } from './types.js';

const loaded = import.meta.glob<{ authzCases?: AuthzCase[] }>('../../src/modules/*/*.authz.ts', {
  eager: true,
});

let t: TestApp;
const sessions = new Map<string, Promise<Session>>();
let ctx: AuthzContext;

beforeAll(async () => {
  t = await buildTestApp();
  ctx = {
    app: t.app,
    database: t.database,
    config: t.config,
    session(username: string) {
      let s = sessions.get(username);
      if (!s) {
        s = login(t.app, username);
        sessions.set(username, s);
      }
      return s;
    },
  };
});

afterAll(async () => {
  await t?.close();
});

const cases: AuthzCase[] = Object.values(loaded).flatMap((m) => m.authzCases ?? []);

describe('authorization matrix', () => {
  it('finds the case files of the modules', () => {
    expect(Object.keys(loaded).length).toBeGreaterThanOrEqual(4);
  });

  it('has a case for every /api route, and no case for a route that does not exist', () => {
    const registered = t.app.apiRoutes.map((r) => `${r.method} ${r.url}`);
    const described = new Set(cases.map((c) => c.route));
    const missing = registered.filter((r) => !described.has(r));
    const unknown = [...described].filter((r) => !registered.includes(r));
    const duplicated = cases.map((c) => c.route).filter((r, i, all) => all.indexOf(r) !== i);
    expect(
      { missing, unknown, duplicated },
      `routes without an authz case (add them to src/modules/<m>/<m>.authz.ts):\n${missing.join('\n')}`,
    ).toEqual({ missing: [], unknown: [], duplicated: [] });
  });

  it('answers every cell as the policy table says (0 cells leak)', async () => {
    const accessOf = new Map(t.app.apiRoutes.map((r) => [`${r.method} ${r.url}`, r.access]));
    const mismatches: string[][] = [];
    let cells = 0;
    for (const c of cases) {
      const access = accessOf.get(c.route);
      if (!access) continue; // reported by the test above
      const [method] = c.route.split(' ') as [string];
      for (const role of roles) {
        const username = usernameOf[role];
        const session = await ctx.session(username);
        const caller = { role, username, session };
        for (const owner of c.row ? owners : (['own'] as Owner[])) {
          const expected = expectedStatus(c, access, role, owner);
          const req = await c.request(ctx, caller, owner);
          const res = await session.inject({
            method: method as 'GET',
            url: req.url,
            ...(req.payload !== undefined ? { payload: req.payload as object } : {}),
            headers: req.headers,
          });
          cells++;
          if (res.statusCode !== expected) {
            mismatches.push([
              c.route,
              role,
              owner,
              String(expected),
              String(res.statusCode),
              res.body.slice(0, 120).replace(/\s+/g, ' '),
            ]);
          }
        }
      }
    }
    if (mismatches.length > 0) {
      const header = ['route', 'role', 'owner', 'expected', 'got', 'body'];
      const widths = header.map((h, i) =>
        Math.max(h.length, ...mismatches.map((m) => Math.min(m[i]!.length, 60))),
      );
      const line = (cols: string[]) =>
        cols.map((c, i) => c.slice(0, 60).padEnd(widths[i]!)).join(' | ');
      console.error(
        `\nAuthorization matrix: ${mismatches.length} of ${cells} cells differ\n${line(header)}\n${mismatches.map(line).join('\n')}\n`,
      );
    }
    expect(mismatches.map((m) => m.slice(0, 5).join(' '))).toEqual([]);
    expect(cells).toBeGreaterThan(cases.length * 8 - 1);
    // Hundreds of cells, each a real request with fresh rows: well past the default timeout on a
    // busy machine.
  }, 600_000);
});

describe('the derivation rules', () => {
  const probe: AuthzCase = { route: 'GET /x/:id', row: true, request: async () => ({ url: '' }) };
  it('refuses a role without scope with 403 in every cell', () => {
    for (const o of owners) expect(expectedStatus(probe, 'citizen.read', 'manager', o)).toBe(403);
  });
  it('hides other organisations from organisation scope and other municipalities from all', () => {
    expect(expectedStatus(probe, 'citizen.read', 'health_professional', 'own')).toBe(200);
    expect(expectedStatus(probe, 'citizen.read', 'health_professional', 'other_org')).toBe(404);
    expect(expectedStatus(probe, 'citizen.read', 'caseworker', 'other_org')).toBe(200);
    expect(expectedStatus(probe, 'citizen.read', 'caseworker', 'other_municipality')).toBe(404);
    expect(expectedStatus(probe, 'citizen.read', 'citizen', 'other_org')).toBe(404);
  });
});
