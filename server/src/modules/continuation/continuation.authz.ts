import { sql } from 'kysely';
import type { AuthzCase } from '../../../test/authz/types.js';
import { associationOffer, citizenFor, followUpFor } from '../plans/authz.rows.js';
import { cell, course } from '../referrals/authz.rows.js';

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
  {
    route: 'POST /api/continuation/:citizenId/bridges/:id/continued',
    row: true,
    request: async (ctx, caller, owner) => {
      const citizenId = await citizenFor(ctx, caller, owner);
      const { rows } = await sql<{ id: string }>`
        insert into association_bridge (municipality_code, citizen_id, club_name)
        select municipality_code, id, 'Authz bokseklub' from citizen where id = ${citizenId}
        returning id`.execute(ctx.database.db);
      return {
        url: `/api/continuation/${citizenId}/bridges/${rows[0]!.id}/continued`,
        payload: { continued: true },
      };
    },
  },
  {
    route: 'GET /api/continuation/courses/:courseId/bridges',
    row: true,
    request: async (ctx, caller, owner) => ({
      url: `/api/continuation/courses/${(await course(ctx, await cell(ctx, caller, owner))).courseId}/bridges`,
    }),
  },
  {
    route: 'POST /api/continuation/courses/:courseId/enrolments/:enrolmentId/bridge',
    row: true,
    ok: 201,
    request: async (ctx, caller, owner) => {
      const k = await course(ctx, await cell(ctx, caller, owner));
      return {
        url: `/api/continuation/courses/${k.courseId}/enrolments/${k.enrolmentId}/bridge`,
        payload: { clubName: 'Skive Bokseklub', discount: '50 % de første 3 måneder' },
      };
    },
  },
];
