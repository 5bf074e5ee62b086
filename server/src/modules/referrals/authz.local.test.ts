/**
 * Runs this module group's authorization cases (consents, referrals, courses) with the matrix
 * runner's derivation, so the cases are known to hold before the shared runner picks them up.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthzCase, AuthzContext, Owner } from '../../../test/authz/types.js';
import { buildTestApp, login, type Session, type TestApp } from '../../../test/helper.js';
import type { Role } from '../../platform/context.js';
import { ruleFor } from '../../platform/policy.js';
import { authzCases as consentCases } from '../consents/consents.authz.js';
import { authzCases as courseCases } from '../courses/courses.authz.js';
import { authzCases as referralCases } from './referrals.authz.js';

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
    async session(username) {
      if (!sessions.has(username)) sessions.set(username, await login(t.app, username));
      return sessions.get(username)!;
    },
  };
});

afterAll(async () => {
  await t?.close();
});

/** The policy action of each route, as its config.access says (the shared runner reads it). */
const access: Record<string, string> = {
  'GET /api/consents': 'consent.read',
  'GET /api/consents/recipients': 'consent.recipients',
  'POST /api/consents': 'consent.record',
  'POST /api/consents/:id/withdraw': 'consent.withdraw',
  'GET /api/referrals': 'referral.list',
  'POST /api/referrals': 'referral.create',
  'GET /api/referrals/offers': 'referral.offers',
  'GET /api/referrals/flags': 'referral.flags.list',
  'POST /api/referrals/flags/:id/resolve': 'referral.flags.resolve',
  'GET /api/referrals/:id': 'referral.read',
  'POST /api/referrals/:id/transitions': 'referral.transition',
  'GET /api/referrals/:id/shared': 'referral.shared',
  'GET /api/referrals/:id/messages': 'referral.message',
  'POST /api/referrals/:id/messages': 'referral.message',
  'GET /api/courses': 'course.list',
  'POST /api/courses': 'course.create',
  'GET /api/courses/:id': 'course.read',
  'PATCH /api/courses/:id/sessions/:sessionId': 'course.session_update',
  'GET /api/courses/:id/sessions/:sessionId/attendance': 'course.attendance',
  'PUT /api/courses/:id/sessions/:sessionId/attendance': 'course.attendance',
  'POST /api/courses/:id/signup': 'course.signup',
  'POST /api/courses/:id/enrolments/:enrolmentId/drop-out': 'course.drop_out',
  'POST /api/courses/:id/enrolments/:enrolmentId/outcome': 'course.outcome',
  'GET /api/courses/:id/overview': 'course.overview',
};

function accessOf(route: string): string {
  const action = access[route];
  if (!action) throw new Error(`no access for ${route}`);
  return action;
}

function expected(c: AuthzCase, role: Role, owner: Owner, access: string): number {
  const ok = c.ok ?? 200;
  const override = c.override?.[role]?.[owner];
  if (override) return override;
  const s = ruleFor(access)?.allow[role];
  const scopes = s ? (Array.isArray(s) ? s : [s]) : [];
  if (scopes.length === 0) return 403;
  if (!c.row) return ok;
  if (scopes.includes('any') || scopes.includes('municipality')) {
    return owner === 'other_municipality' ? 404 : ok;
  }
  return owner === 'own' ? ok : 404;
}

describe('authorization cases of consents, referrals and courses', () => {
  for (const c of [...consentCases, ...referralCases, ...courseCases]) {
    it(c.route, async () => {
      const access = accessOf(c.route);
      const failures: string[] = [];
      for (const role of Object.keys(users) as Role[]) {
        const session = await ctx.session(users[role]);
        const owners: Owner[] = c.row ? ['own', 'other_org', 'other_municipality'] : ['own'];
        for (const owner of owners) {
          const req = await c.request(ctx, { role, username: users[role], session }, owner);
          const res = await session.inject({
            method: c.route.split(' ')[0] as 'GET',
            url: req.url,
            payload: req.payload as never,
            headers: req.headers,
          });
          const want = expected(c, role, owner, access);
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
