import { citizenFor } from '../../../test/authz/fixtures.js';
import type { AuthzCase } from '../../../test/authz/types.js';

export const authzCases: AuthzCase[] = [
  {
    route: 'GET /api/audit/me',
    row: false,
    request: async () => ({ url: '/api/audit/me' }),
  },
  {
    route: 'GET /api/audit/citizens/:id',
    row: true,
    request: async (ctx, caller, owner) => ({
      url: `/api/audit/citizens/${await citizenFor(ctx, caller, owner)}`,
    }),
  },
];
