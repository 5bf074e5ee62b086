/**
 * Authorization matrix cases for evaluation. Every action is the manager's, scope municipality:
 * 'own' and 'other_org' are rows of Rebild (a course of the health centre or of the private
 * provider), 'other_municipality' a row of Odense.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { AuthzCase, AuthzContext, Owner } from '../../../test/authz/types.js';
import type { Role } from '../../platform/context.js';
import { surveyDefinition } from './surveys.repo.js';

const municipalityOf = (owner: Owner) => (owner === 'other_municipality' ? '461' : '840');

async function makeCourse(
  ctx: AuthzContext,
  owner: Owner,
): Promise<{ courseId: string; offerId: string }> {
  const m = municipalityOf(owner);
  const orgType = owner === 'other_org' ? 'provider' : 'sundhedscenter';
  const db = ctx.database.db;
  const { rows: orgs } = await sql<{
    id: string;
  }>`select id from organisation where municipality_code = ${m} and type = ${orgType} limit 1`.execute(
    db,
  );
  const { rows: offers } = await sql<{
    id: string;
  }>`insert into offer (municipality_code, provider_organisation_id, title, referral_type, format, status)
    values (${m}, ${orgs[0]!.id}, 'Authz-tilbud', 'referred', 'group', 'published') returning id`.execute(
    db,
  );
  const { rows: courses } = await sql<{
    id: string;
  }>`insert into course (municipality_code, offer_id, title, start_date, weeks, capacity, status)
    values (${m}, ${offers[0]!.id}, 'Authz-hold', current_date + 30, 6, 12, 'planned') returning id`.execute(
    db,
  );
  return { courseId: courses[0]!.id, offerId: offers[0]!.id };
}

async function makeSurvey(
  ctx: AuthzContext,
  owner: Owner,
): Promise<{ id: string; m: string; token: string }> {
  const m = municipalityOf(owner);
  const token = `authz${Math.random().toString(36).slice(2, 14)}`;
  const id = randomUUID();
  const def = surveyDefinition(id, {
    title: 'Authz-undersøgelse',
    questions: [{ kind: 'text', text: 'Ønsker?' }],
  });
  await sql`insert into questionnaire_definition (key, version, title, definition)
    values (${def.key}, ${def.version}, ${def.title}, ${JSON.stringify(def)}::jsonb)`.execute(
    ctx.database.db,
  );
  const { rows } = await sql<{
    id: string;
  }>`insert into needs_survey (municipality_code, id, public_token, title, definition_key, definition_version)
    values (${m}, ${id}, ${token}, 'Authz-undersøgelse', ${def.key}, ${def.version}) returning id`.execute(
    ctx.database.db,
  );
  return { id: rows[0]!.id, m, token };
}

const criteria = { criteria: [{ metric: 'attendance_rate', operator: '>=', threshold: 80 }] };

const roles: Role[] = [
  'caseworker',
  'coordinating_caseworker',
  'health_professional',
  'provider_staff',
  'team_member',
  'manager',
  'administrator',
  'citizen',
];
// Public survey routes: anyone (logged in or not) may read and answer an open survey by its link.
const everyone = (status: number) =>
  Object.fromEntries(roles.map((r) => [r, { own: status }])) as AuthzCase['override'];

export const authzCases: AuthzCase[] = [
  {
    route: 'GET /api/evaluation/courses',
    row: false,
    request: async () => ({ url: '/api/evaluation/courses' }),
  },
  {
    route: 'GET /api/evaluation/courses/:id/criteria',
    row: true,
    request: async (ctx, _c, owner) => ({
      url: `/api/evaluation/courses/${(await makeCourse(ctx, owner)).courseId}/criteria`,
    }),
  },
  {
    route: 'PUT /api/evaluation/courses/:id/criteria',
    row: true,
    request: async (ctx, _c, owner) => ({
      url: `/api/evaluation/courses/${(await makeCourse(ctx, owner)).courseId}/criteria`,
      payload: criteria,
    }),
  },
  {
    route: 'GET /api/evaluation/offers/:id/criteria',
    row: true,
    request: async (ctx, _c, owner) => ({
      url: `/api/evaluation/offers/${(await makeCourse(ctx, owner)).offerId}/criteria`,
    }),
  },
  {
    route: 'PUT /api/evaluation/offers/:id/criteria',
    row: true,
    request: async (ctx, _c, owner) => ({
      url: `/api/evaluation/offers/${(await makeCourse(ctx, owner)).offerId}/criteria`,
      payload: criteria,
    }),
  },
  {
    route: 'GET /api/evaluation/courses/:id',
    row: true,
    request: async (ctx, _c, owner) => ({
      url: `/api/evaluation/courses/${(await makeCourse(ctx, owner)).courseId}`,
    }),
  },
  {
    route: 'GET /api/evaluation/courses/:id/export.xlsx',
    row: true,
    request: async (ctx, _c, owner) => ({
      url: `/api/evaluation/courses/${(await makeCourse(ctx, owner)).courseId}/export.xlsx`,
    }),
  },
  {
    route: 'GET /api/evaluation/courses/:id/report.pdf',
    row: true,
    request: async (ctx, _c, owner) => ({
      url: `/api/evaluation/courses/${(await makeCourse(ctx, owner)).courseId}/report.pdf`,
    }),
  },
  {
    route: 'GET /api/evaluation/dashboard',
    row: false,
    request: async () => ({ url: '/api/evaluation/dashboard' }),
  },
  {
    route: 'GET /api/evaluation/dashboard/export.xlsx',
    row: false,
    request: async () => ({ url: '/api/evaluation/dashboard/export.xlsx' }),
  },
  {
    route: 'GET /api/evaluation/surveys',
    row: false,
    request: async () => ({ url: '/api/evaluation/surveys' }),
  },
  {
    route: 'POST /api/evaluation/surveys',
    row: false,
    ok: 201,
    request: async () => ({
      url: '/api/evaluation/surveys',
      payload: { title: 'Ønsker', questions: [{ kind: 'text', text: 'Hvad vil du gerne?' }] },
    }),
  },
  {
    route: 'POST /api/evaluation/surveys/:id/close',
    row: true,
    request: async (ctx, _c, owner) => ({
      url: `/api/evaluation/surveys/${(await makeSurvey(ctx, owner)).id}/close`,
    }),
  },
  {
    route: 'GET /api/evaluation/surveys/:id/results',
    row: true,
    request: async (ctx, _c, owner) => ({
      url: `/api/evaluation/surveys/${(await makeSurvey(ctx, owner)).id}/results`,
    }),
  },
  {
    route: 'GET /api/evaluation/surveys/:id/qr.svg',
    row: true,
    request: async (ctx, _c, owner) => ({
      url: `/api/evaluation/surveys/${(await makeSurvey(ctx, owner)).id}/qr.svg`,
    }),
  },
  {
    route: 'GET /api/evaluation/public/surveys/:municipality/:token',
    row: false,
    override: everyone(200),
    request: async (ctx) => {
      const s = await makeSurvey(ctx, 'own');
      return { url: `/api/evaluation/public/surveys/${s.m}/${s.token}` };
    },
  },
  {
    route: 'POST /api/evaluation/public/surveys/:municipality/:token/responses',
    row: false,
    ok: 204,
    override: everyone(204),
    request: async (ctx) => {
      const s = await makeSurvey(ctx, 'own');
      return {
        url: `/api/evaluation/public/surveys/${s.m}/${s.token}/responses`,
        payload: { answers: { '1': 'Motion' } },
      };
    },
  },
  {
    route: 'POST /api/evaluation/demo/courses/:id/advance',
    row: true,
    ok: 204,
    request: async (ctx, _c, owner) => ({
      url: `/api/evaluation/demo/courses/${(await makeCourse(ctx, owner)).courseId}/advance`,
      payload: { to: 'running' },
    }),
  },
];
