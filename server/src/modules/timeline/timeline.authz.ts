import type { AuthzCase } from '../../../test/authz/types.js';
import { citizenFor } from '../../../test/fixtures/workflow-authz.js';

export const authzCases: AuthzCase[] = [
  {
    route: 'GET /api/timeline/citizens/:id',
    row: true,
    request: async (ctx, caller, owner) => ({
      url: `/api/timeline/citizens/${await citizenFor(ctx, caller, owner)}`,
    }),
  },
];
