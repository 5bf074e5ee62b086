import { insertStaffUser, REBILD } from '../../../test/authz/fixtures.js';
import type { AuthzCase } from '../../../test/authz/types.js';
import { login } from '../../../test/helper.js';
import { createInvitation } from '../../platform/onboarding.js';

export const authzCases: AuthzCase[] = [
  {
    route: 'POST /api/auth/login',
    row: false,
    // Without the cookie: a login replaces the browser's session, and the matrix keeps its own.
    request: async (_ctx, caller) => ({
      url: '/api/auth/login',
      payload: { username: caller.username, password: 'helhed-demo' },
      headers: { cookie: '' },
    }),
  },
  {
    route: 'POST /api/auth/set-password',
    row: false,
    // Public: whoever holds a valid one-time link sets the password of the user it was made for.
    request: async (ctx) => {
      const user = await insertStaffUser(ctx.database, REBILD, 'administrator', null);
      const { token } = await ctx.database.db
        .transaction()
        .execute((tx) => createInvitation(tx, REBILD, user.id, null));
      return {
        url: '/api/auth/set-password',
        payload: { token, password: 'en-ny-lang-adgangskode' },
        headers: { cookie: '' },
      };
    },
  },
  { route: 'GET /api/auth/me', row: false, request: async () => ({ url: '/api/auth/me' }) },
  {
    route: 'GET /api/auth/methods',
    row: false,
    request: async () => ({ url: '/api/auth/methods' }),
  },
  {
    route: 'POST /api/auth/logout',
    row: false,
    ok: 204,
    // A fresh session, so the matrix's own session of the role survives.
    request: async (ctx, caller) => {
      const fresh = await login(ctx.app, caller.username);
      return {
        url: '/api/auth/logout',
        headers: { cookie: fresh.cookie, 'x-csrf-token': fresh.csrf },
      };
    },
  },
  {
    route: 'GET /api/auth/oidc/start',
    row: false,
    // The matrix app has no OpenID provider configured: everyone gets 404 alike.
    ok: 404,
    request: async () => ({ url: '/api/auth/oidc/start' }),
  },
  {
    route: 'GET /api/auth/oidc/callback',
    row: false,
    ok: 404,
    request: async () => ({ url: '/api/auth/oidc/callback?code=x&state=y' }),
  },
];
