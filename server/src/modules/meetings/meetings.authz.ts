import { sql } from 'kysely';
import type { AuthzCase } from '../../../test/authz/types.js';
import { citizenFor, meetingFor } from '../plans/authz.rows.js';

export const authzCases: AuthzCase[] = [
  { route: 'GET /api/meetings', row: false, request: async () => ({ url: '/api/meetings' }) },
  {
    // A create names the citizen in the body; the only cell is a citizen of the caller's municipality.
    route: 'POST /api/meetings',
    row: false,
    ok: 201,
    request: async (ctx, caller) => ({
      url: '/api/meetings',
      payload: {
        citizenId: await citizenFor(ctx, caller, 'own'),
        kind: 'rehabilitation_team',
        scheduledAt: '2027-02-01T09:00:00.000Z',
        agenda: 'Indstilling',
        participants: [{ role: 'gp_consultant', name: 'Lægekonsulent' }],
      },
    }),
  },
  {
    route: 'GET /api/meetings/:id',
    row: true,
    request: async (ctx, caller, owner) => ({
      url: `/api/meetings/${await meetingFor(ctx, caller, owner)}`,
    }),
  },
  {
    route: 'PATCH /api/meetings/:id',
    row: true,
    request: async (ctx, caller, owner) => ({
      url: `/api/meetings/${await meetingFor(ctx, caller, owner)}`,
      payload: { minutes: 'Referat' },
    }),
  },
  {
    route: 'POST /api/meetings/:id/health-items',
    row: true,
    ok: 201,
    request: async (ctx, caller, owner) => {
      const id = await meetingFor(ctx, caller, owner);
      // Consent for the organiser so the own cell passes the consent check.
      await sql`insert into consent (municipality_code, citizen_id, recipient_organisation_id, categories, purpose, given_how, status)
        select t.municipality_code, t.citizen_id, t.organiser_organisation_id, '{health_profile}', 'authz', 'verbal', 'given'
        from team_meeting t where t.id = ${id}`.execute(ctx.database.db);
      return {
        url: `/api/meetings/${id}/health-items`,
        payload: { category: 'health_profile', body: 'Note' },
      };
    },
  },
];
