import type { AuthzCase } from '../../../test/authz/types.js';
import { cell, course } from '../referrals/authz.rows.js';

export const authzCases: AuthzCase[] = [
  {
    route: 'GET /api/feedback/mine',
    row: false,
    request: async () => ({ url: '/api/feedback/mine' }),
  },
  {
    route: 'POST /api/feedback/enrolments/:id',
    row: true,
    ok: 201,
    // The cell's citizen on a one-week course in April 2026, long over.
    request: async (ctx, caller, owner) => {
      const k = await course(ctx, await cell(ctx, caller, owner));
      return {
        url: `/api/feedback/enrolments/${k.enrolmentId}`,
        payload: { satisfaction: 4, madeDifference: 'yes', wouldContinue: true },
      };
    },
  },
  {
    route: 'GET /api/feedback/courses',
    row: false,
    request: async () => ({ url: '/api/feedback/courses' }),
  },
  {
    route: 'GET /api/feedback/courses/:id',
    row: true,
    request: async (ctx, caller, owner) => ({
      url: `/api/feedback/courses/${(await course(ctx, await cell(ctx, caller, owner))).courseId}`,
    }),
  },
];
