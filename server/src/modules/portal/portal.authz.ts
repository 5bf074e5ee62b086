import { sql } from 'kysely';
import type { AuthzCaller, AuthzCase, AuthzContext, Owner } from '../../../test/authz/types.js';
import { citizenFor, consentFor, openOffer } from '../plans/authz.rows.js';

async function proxyGrantFor(ctx: AuthzContext, caller: AuthzCaller, owner: Owner) {
  const citizenId = await citizenFor(ctx, caller, owner);
  const m = owner === 'other_municipality' ? '461' : '840';
  const { rows } = await sql<{
    id: string;
  }>`insert into proxy_grant (municipality_code, citizen_id, proxy_user_id, scopes)
    select ${m}, ${citizenId}, id, '{messages}' from app_user where username = ${owner === 'other_municipality' ? 'odense.fuldmagt' : 'rebild.fuldmagt'}
    returning id`.execute(ctx.database.db);
  return rows[0]!.id;
}

/** Routes on the caller's own data (no :id of another row): only the 'own' cell. */
const own = (route: string, url: string, ok = 200, payload?: unknown): AuthzCase => ({
  route,
  row: false,
  ok,
  request: async () => ({ url, payload }),
});

export const authzCases: AuthzCase[] = [
  own('GET /api/portal/me', '/api/portal/me'),
  // A citizen without a published plan gets 404 on accept; the plan route itself is checked here.
  own('GET /api/portal/plan', '/api/portal/plan'),
  {
    route: 'POST /api/portal/plan/accept',
    row: false,
    request: async (ctx, caller) => {
      // Publish a version for the citizen caller so accepting it succeeds.
      if (caller.role === 'citizen') {
        const koordinator = await ctx.session('rebild.koordinator');
        const citizenId = caller.session.user.citizenId!;
        const res = await koordinator.inject({
          method: 'PUT',
          url: `/api/plans/${citizenId}`,
          payload: { goalKind: 'job', jobGoal: 'Job' },
        });
        return { url: '/api/portal/plan/accept', payload: { version: res.json().currentVersion } };
      }
      return { url: '/api/portal/plan/accept', payload: { version: 1 } };
    },
  },
  own('GET /api/portal/sessions', '/api/portal/sessions'),
  own('GET /api/portal/sessions.ics', '/api/portal/sessions.ics'),
  own('GET /api/portal/referrals', '/api/portal/referrals'),
  own('GET /api/portal/consents', '/api/portal/consents'),
  {
    route: 'POST /api/portal/consents',
    row: false,
    ok: 201,
    request: async (ctx) => {
      const { rows } = await sql<{
        id: string;
      }>`select id from organisation where municipality_code = '840'
        and type = 'sundhedscenter' limit 1`.execute(ctx.database.db);
      return {
        url: '/api/portal/consents',
        payload: {
          recipientOrganisationId: rows[0]!.id,
          categories: ['attendance'],
          purpose: 'Fremmøde',
        },
      };
    },
  },
  {
    route: 'POST /api/portal/consents/:id/withdraw',
    row: true,
    request: async (ctx, caller, owner) => ({
      url: `/api/portal/consents/${await consentFor(ctx, caller, owner)}/withdraw`,
    }),
  },
  own('GET /api/portal/offers', '/api/portal/offers'),
  {
    // The :id is a catalogue offer anyone may sign up for, not a row of another citizen.
    route: 'POST /api/portal/offers/:id/signup',
    row: false,
    ok: 201,
    request: async (ctx) => ({ url: `/api/portal/offers/${await openOffer(ctx)}/signup` }),
  },
  own('GET /api/portal/messages', '/api/portal/messages'),
  own('POST /api/portal/messages', '/api/portal/messages', 201, { body: 'Hej' }),
  {
    route: 'GET /api/portal/citizens/:citizenId/messages',
    row: true,
    request: async (ctx, caller, owner) => ({
      url: `/api/portal/citizens/${await citizenFor(ctx, caller, owner)}/messages`,
    }),
  },
  {
    route: 'POST /api/portal/citizens/:citizenId/messages',
    row: true,
    ok: 201,
    request: async (ctx, caller, owner) => ({
      url: `/api/portal/citizens/${await citizenFor(ctx, caller, owner)}/messages`,
      payload: { body: 'Svar' },
    }),
  },
  own('POST /api/portal/proxies', '/api/portal/proxies', 201, {
    username: 'rebild.fuldmagt',
    scopes: ['messages'],
  }),
  {
    route: 'POST /api/portal/proxies/:id/revoke',
    row: true,
    request: async (ctx, caller, owner) => ({
      url: `/api/portal/proxies/${await proxyGrantFor(ctx, caller, owner)}/revoke`,
    }),
  },
];
