import type { AuthzCase } from '../../../test/authz/types.js';
import { multipart } from '../../../test/fixtures/imports.js';
import { citizenFor, planFor } from './authz.rows.js';

const goal = {
  specific: 'Deltage i motionstilbud',
  measurable: 'Fremmøde',
  agreedWithCitizen: true,
  relevance: 'Kondition til jobbet',
  dueDate: null,
  category: 'participation',
  requirement: true,
};

export const authzCases: AuthzCase[] = [
  {
    route: 'GET /api/plans/:citizenId',
    row: true,
    request: async (ctx, caller, owner) => ({
      url: `/api/plans/${await citizenFor(ctx, caller, owner)}`,
    }),
  },
  {
    route: 'PUT /api/plans/:citizenId',
    row: true,
    request: async (ctx, caller, owner) => ({
      url: `/api/plans/${await citizenFor(ctx, caller, owner)}`,
      payload: { goalKind: 'job', jobGoal: 'Lagerarbejde' },
    }),
  },
  {
    route: 'POST /api/plans/:citizenId/goals',
    row: true,
    ok: 201,
    request: async (ctx, caller, owner) => ({
      url: `/api/plans/${await citizenFor(ctx, caller, owner)}/goals`,
      payload: goal,
    }),
  },
  {
    route: 'PATCH /api/plans/:citizenId/goals/:goalId',
    row: true,
    request: async (ctx, caller, owner) => {
      const citizenId = await citizenFor(ctx, caller, owner);
      const { goalId } = await planFor(ctx, citizenId);
      return { url: `/api/plans/${citizenId}/goals/${goalId}`, payload: { status: 'in_progress' } };
    },
  },
  {
    route: 'POST /api/plans/:citizenId/activities',
    row: true,
    ok: 201,
    request: async (ctx, caller, owner) => ({
      url: `/api/plans/${await citizenFor(ctx, caller, owner)}/activities`,
      payload: { title: 'Kostvejledning', category: 'participation', requirement: false },
    }),
  },
  {
    route: 'PATCH /api/plans/:citizenId/activities/:activityId',
    row: true,
    request: async (ctx, caller, owner) => {
      const citizenId = await citizenFor(ctx, caller, owner);
      const { activityId } = await planFor(ctx, citizenId);
      return {
        url: `/api/plans/${citizenId}/activities/${activityId}`,
        payload: { status: 'active' },
      };
    },
  },
  {
    route: 'POST /api/plans/:citizenId/notes',
    row: true,
    ok: 201,
    request: async (ctx, caller, owner) => ({
      url: `/api/plans/${await citizenFor(ctx, caller, owner)}/notes`,
      payload: { body: 'Godt i gang' },
    }),
  },
  {
    route: 'POST /api/plans/:citizenId/import',
    row: true,
    ok: 201,
    request: async (ctx, caller, owner) => ({
      url: `/api/plans/${await citizenFor(ctx, caller, owner)}/import`,
      payload: { rows: [{ specific: 'Deltage i kostvejledning', requirement: true }] },
    }),
  },
  {
    route: 'POST /api/plans/:citizenId/import/file',
    row: true,
    ok: 201,
    request: async (ctx, caller, owner) => {
      const body = multipart(
        'maal.csv',
        Buffer.from('specific;category\nDeltage i kostvejledning;participation\n', 'utf8'),
      );
      return {
        url: `/api/plans/${await citizenFor(ctx, caller, owner)}/import/file`,
        payload: body.payload,
        headers: body.headers,
      };
    },
  },
];
