import type { AuthzCase } from '../../../test/authz/types.js';
import { citizenFor, freshPeriod } from '../../../test/fixtures/workflow-authz.js';
import { addDays } from '../../platform/dates.js';

let n = 0;
export const authzCases: AuthzCase[] = [
  {
    route: 'GET /api/benefit-periods/citizen/:id',
    row: true,
    request: async (ctx, caller, owner) => ({
      url: `/api/benefit-periods/citizen/${await citizenFor(ctx, caller, owner)}`,
    }),
  },
  {
    route: 'POST /api/benefit-periods',
    row: true,
    ok: 201,
    request: async (ctx, caller, owner) => {
      n++;
      return {
        url: '/api/benefit-periods',
        payload: {
          citizenId: await citizenFor(ctx, caller, owner),
          benefitType: 'ledighedsydelse',
          startDate: addDays('2000-01-01', n * 2),
          endDate: addDays('2000-01-01', n * 2 + 1),
          endReason: 'job',
        },
      };
    },
  },
  {
    route: 'POST /api/benefit-periods/:id/end',
    row: true,
    request: async (ctx, caller, owner) => ({
      url: `/api/benefit-periods/${await freshPeriod(ctx, caller, owner)}/end`,
      payload: { endDate: '2030-01-01', endReason: 'declared_fit' },
    }),
  },
];
