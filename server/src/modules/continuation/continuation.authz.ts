import type { AuthzCase } from '../../../test/authz/types.js';
import { associationOffer, citizenFor, followUpFor } from '../plans/authz.rows.js';

export const authzCases: AuthzCase[] = [
  {
    route: 'POST /api/continuation/:citizenId/job-start',
    row: true,
    request: async (ctx, caller, owner) => ({
      url: `/api/continuation/${await citizenFor(ctx, caller, owner)}/job-start`,
      payload: { reason: 'job' },
    }),
  },
  {
    route: 'GET /api/continuation/:citizenId',
    row: true,
    request: async (ctx, caller, owner) => ({
      url: `/api/continuation/${await citizenFor(ctx, caller, owner)}`,
    }),
  },
  {
    route: 'POST /api/continuation/:citizenId/bridges',
    row: true,
    ok: 201,
    request: async (ctx, caller, owner) => ({
      url: `/api/continuation/${await citizenFor(ctx, caller, owner)}/bridges`,
      payload: { offerId: await associationOffer(ctx) },
    }),
  },
  {
    route: 'POST /api/continuation/follow-ups/:id/done',
    row: true,
    request: async (ctx, caller, owner) => ({
      url: `/api/continuation/follow-ups/${await followUpFor(ctx, caller, owner)}/done`,
    }),
  },
];
