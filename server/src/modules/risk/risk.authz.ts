import type { AuthzCase } from '../../../test/authz/types.js';
import { citizenFor } from '../../../test/fixtures/workflow-authz.js';

export const authzCases: AuthzCase[] = [
  { route: 'GET /api/risk/rules', row: false, request: async () => ({ url: '/api/risk/rules' }) },
  {
    route: 'PUT /api/risk/rules',
    row: false,
    request: async () => ({
      url: '/api/risk/rules',
      payload: {
        rules: [
          {
            fact: 'weeks_on_benefit',
            operator: 'gte',
            value: 13,
            group: 'orange',
            description: 'Mindst 13 uger',
          },
        ],
      },
    }),
  },
  {
    route: 'GET /api/risk/citizens/:id',
    row: true,
    request: async (ctx, caller, owner) => ({
      url: `/api/risk/citizens/${await citizenFor(ctx, caller, owner)}`,
    }),
  },
  {
    route: 'POST /api/risk/citizens/:id/decisions',
    row: true,
    ok: 201,
    request: async (ctx, caller, owner) => ({
      url: `/api/risk/citizens/${await citizenFor(ctx, caller, owner)}/decisions`,
      payload: { group: 'orange', reason: 'Test af adgang' },
    }),
  },
  {
    route: 'GET /api/risk/attention',
    row: false,
    request: async () => ({ url: '/api/risk/attention' }),
  },
  {
    route: 'GET /api/risk/suggestions',
    row: false,
    request: async () => ({ url: '/api/risk/suggestions' }),
  },
];
