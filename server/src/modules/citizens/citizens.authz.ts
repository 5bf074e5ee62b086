import { citizenFor, randomCpr } from '../../../test/authz/fixtures.js';
import type { AuthzCase } from '../../../test/authz/types.js';

export const authzCases: AuthzCase[] = [
  {
    route: 'POST /api/citizens/search',
    row: false,
    request: async () => ({ url: '/api/citizens/search', payload: { name: 'a', limit: 5 } }),
  },
  {
    route: 'POST /api/citizens',
    row: false,
    ok: 201,
    request: async () => ({
      url: '/api/citizens',
      payload: { cpr: randomCpr(), firstName: 'Ny', lastName: 'Borger' },
    }),
  },
  {
    route: 'GET /api/citizens/:id',
    row: true,
    request: async (ctx, caller, owner) => ({
      url: `/api/citizens/${await citizenFor(ctx, caller, owner)}`,
    }),
  },
  {
    route: 'PATCH /api/citizens/:id',
    row: true,
    request: async (ctx, caller, owner) => ({
      url: `/api/citizens/${await citizenFor(ctx, caller, owner)}`,
      payload: { city: 'Støvring' },
    }),
  },
  {
    route: 'POST /api/citizens/:id/cpr',
    row: true,
    request: async (ctx, caller, owner) => ({
      url: `/api/citizens/${await citizenFor(ctx, caller, owner)}/cpr`,
    }),
  },
];
