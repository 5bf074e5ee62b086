import type { AuthzCase } from '../../../test/authz/types.js';
import { freshPeriod } from '../../../test/fixtures/workflow-authz.js';

export const authzCases: AuthzCase[] = [
  {
    route: 'GET /api/screening/rules',
    row: false,
    request: async () => ({ url: '/api/screening/rules' }),
  },
  {
    route: 'PUT /api/screening/rules/:benefitType',
    row: false,
    request: async () => ({ url: '/api/screening/rules/sygedagpenge', payload: { weekNumber: 5 } }),
  },
  {
    route: 'GET /api/screening/queue',
    row: false,
    request: async () => ({ url: '/api/screening/queue' }),
  },
  {
    route: 'GET /api/screening/caseworkers',
    row: false,
    request: async () => ({ url: '/api/screening/caseworkers' }),
  },
  {
    route: 'GET /api/screening/periods/:id',
    row: true,
    request: async (ctx, caller, owner) => ({
      url: `/api/screening/periods/${await freshPeriod(ctx, caller, owner)}`,
    }),
  },
  {
    route: 'PATCH /api/screening/periods/:id',
    row: true,
    request: async (ctx, caller, owner) => ({
      url: `/api/screening/periods/${await freshPeriod(ctx, caller, owner)}`,
      payload: { status: 'booked' },
    }),
  },
  {
    route: 'POST /api/screening/periods/:id/complete',
    row: true,
    request: async (ctx, caller, owner) => ({
      url: `/api/screening/periods/${await freshPeriod(ctx, caller, owner)}/complete`,
      payload: {
        findings: [
          { discipline: 'social', findings: 'Fund', recommendation: 'Råd', filledByName: 'Test' },
        ],
        overallRecommendation: 'no_action',
      },
    }),
  },
];
