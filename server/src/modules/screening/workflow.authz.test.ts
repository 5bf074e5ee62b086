/**
 * Checks the issue-5 authorization cases (benefits, imports, screening, risk, timeline) against
 * the matrix derivation in test/authz/types.ts, until the shared matrix runner is merged: every
 * Rebild role × own / other_org / other_municipality, expected status from the policy rule.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthzCase, AuthzContext, Owner } from '../../../test/authz/types.js';
import { buildTestApp, login, type Session, type TestApp } from '../../../test/helper.js';
import type { Role } from '../../platform/context.js';
import { ruleFor, type Scope } from '../../platform/policy.js';
import { authzCases as benefits } from '../benefits/benefits.authz.js';
import { authzCases as imports } from '../imports/imports.authz.js';
import { authzCases as risk } from '../risk/risk.authz.js';
import { authzCases as timeline } from '../timeline/timeline.authz.js';
import { authzCases as screening } from './screening.authz.js';

const users: Record<Role, string> = {
  caseworker: 'rebild.sagsbehandler',
  coordinating_caseworker: 'rebild.koordinator',
  health_professional: 'rebild.sundhed',
  provider_staff: 'rebild.udbyder',
  team_member: 'rebild.team',
  manager: 'rebild.leder',
  administrator: 'rebild.admin',
  citizen: 'rebild.borger',
};

let t: TestApp;
let ctx: AuthzContext;
const sessions = new Map<string, Session>();
beforeAll(async () => {
  t = await buildTestApp();
  ctx = {
    app: t.app,
    database: t.database,
    config: t.config,
    session: async (u) => {
      if (!sessions.has(u)) sessions.set(u, await login(t.app, u));
      return sessions.get(u)!;
    },
  };
});
afterAll(async () => t?.close());

function expected(scopes: Scope[], owner: Owner, ok: number): number {
  if (scopes.length === 0) return 403;
  if (owner === 'own') return ok;
  if (owner === 'other_org' && scopes.some((s) => s === 'any' || s === 'municipality')) return ok;
  return 404;
}

// The policy action each route names in config.access (checked at start-up by the app).
const access: Record<string, string> = {
  'GET /api/benefit-periods/citizen/:id': 'benefit.read',
  'POST /api/benefit-periods': 'benefit.create',
  'POST /api/benefit-periods/:id/end': 'benefit.end',
  'POST /api/imports': 'import.run',
  'GET /api/imports': 'import.read',
  'GET /api/imports/:id': 'import.read',
  'POST /api/imports/:id/commit': 'import.run',
  'GET /api/screening/rules': 'screening.rules.read',
  'PUT /api/screening/rules/:benefitType': 'screening.rules.write',
  'GET /api/screening/queue': 'screening.queue',
  'GET /api/screening/caseworkers': 'screening.queue',
  'GET /api/screening/periods/:id': 'screening.read',
  'PATCH /api/screening/periods/:id': 'screening.update',
  'POST /api/screening/periods/:id/complete': 'screening.update',
  'GET /api/risk/rules': 'risk.rules.read',
  'PUT /api/risk/rules': 'risk.rules.write',
  'GET /api/risk/citizens/:id': 'risk.read',
  'POST /api/risk/citizens/:id/decisions': 'risk.decide',
  'GET /api/risk/attention': 'risk.attention',
  'GET /api/timeline/citizens/:id': 'timeline.read',
};

const all: AuthzCase[] = [...benefits, ...imports, ...screening, ...risk, ...timeline];

describe('issue-5 authorization cases', () => {
  it('covers every issue-5 route', () => {
    const routes = t.app.printRoutes({ commonPrefix: false });
    for (const prefix of ['benefit-periods', 'imports', 'screening', 'risk', 'timeline']) {
      expect(routes).toContain(prefix);
    }
    expect(all.length).toBe(20);
  });

  for (const c of all) {
    it(c.route, async () => {
      const [method] = c.route.split(' ') as [string, string];
      const rule = ruleFor(access[c.route] ?? '');
      expect(rule, `${c.route} has a policy rule`).toBeTruthy();
      const failures: string[] = [];
      for (const [role, username] of Object.entries(users) as [Role, string][]) {
        const session = await ctx.session(username);
        const raw = rule!.allow[role];
        const scopes = (raw ? (Array.isArray(raw) ? raw : [raw]) : []) as Scope[];
        const owners: Owner[] = c.row ? ['own', 'other_org', 'other_municipality'] : ['own'];
        for (const owner of owners) {
          const req = await c.request(ctx, { role, username, session }, owner);
          const res = await session.inject({
            method: method as 'GET',
            url: req.url,
            payload: req.payload as never,
            headers: req.headers,
          });
          const want = c.override?.[role]?.[owner] ?? expected(scopes, owner, c.ok ?? 200);
          if (res.statusCode !== want) {
            failures.push(
              `${role}/${owner}: ${res.statusCode} ≠ ${want} ${res.body.slice(0, 160)}`,
            );
          }
        }
      }
      expect(failures).toEqual([]);
    });
  }
});
