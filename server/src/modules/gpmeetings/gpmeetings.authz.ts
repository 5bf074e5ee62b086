import { sql } from 'kysely';
import type { AuthzCase, AuthzContext, Owner } from '../../../test/authz/types.js';

/** A dialogue meeting with one open question, organised by Rebild's (or Odense's) health centre. */
async function meeting(ctx: AuthzContext, owner: Owner) {
  const code = owner === 'other_municipality' ? '461' : '840';
  const { rows } = await sql<{ id: string; question: string }>`
    with m as (
      insert into gp_meeting (municipality_code, organiser_organisation_id, held_on, title)
      select ${code}, id, '2026-03-10', 'Dialogmøde med lægerne' from organisation
      where municipality_code = ${code} and type = 'sundhedscenter' limit 1
      returning municipality_code, id)
    insert into gp_meeting_question (municipality_code, meeting_id, question)
    select municipality_code, id, 'Hvordan udfylder vi mulighedserklæringen?' from m
    returning meeting_id as id, id as question`.execute(ctx.database.db);
  return rows[0]!;
}

export const authzCases: AuthzCase[] = [
  { route: 'GET /api/gp-meetings', row: false, request: async () => ({ url: '/api/gp-meetings' }) },
  {
    route: 'POST /api/gp-meetings',
    row: false,
    ok: 201,
    request: async () => ({
      url: '/api/gp-meetings',
      payload: { heldOn: '2026-03-10', title: 'Dialogmøde forår' },
    }),
  },
  {
    route: 'GET /api/gp-meetings/:id',
    row: true,
    request: async (ctx, _caller, owner) => ({
      url: `/api/gp-meetings/${(await meeting(ctx, owner)).id}`,
    }),
  },
  {
    route: 'PATCH /api/gp-meetings/:id',
    row: true,
    request: async (ctx, _caller, owner) => ({
      url: `/api/gp-meetings/${(await meeting(ctx, owner)).id}`,
      payload: { minutes: 'Referat' },
    }),
  },
  {
    route: 'POST /api/gp-meetings/:id/questions',
    row: true,
    ok: 201,
    request: async (ctx, _caller, owner) => ({
      url: `/api/gp-meetings/${(await meeting(ctx, owner)).id}/questions`,
      payload: { question: 'Hvornår får vi svar?' },
    }),
  },
  {
    route: 'POST /api/gp-meetings/:id/questions/:questionId/answer',
    row: true,
    request: async (ctx, _caller, owner) => {
      const m = await meeting(ctx, owner);
      return {
        url: `/api/gp-meetings/${m.id}/questions/${m.question}/answer`,
        payload: { answer: 'Jobcentret holder et kursus.' },
      };
    },
  },
];
