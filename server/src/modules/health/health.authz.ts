/**
 * Authorization matrix cases for the health routes. From the caller's side:
 * - 'own': for a citizen user their own record; for health professionals and provider staff a
 *   fresh citizen referred to the caller's organisation (and, for health tests, with a test
 *   recorded by it); for job-center roles a fresh Rebild citizen;
 * - 'other_org': a fresh Rebild citizen linked only to another organisation;
 * - 'other_municipality': a fresh Odense citizen.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { AuthzCaller, AuthzCase, AuthzContext, Owner } from '../../../test/authz/types.js';
import { callerOrg } from '../catalogue/catalogue.authz.js';
import { ensureDefinition } from '../questionnaires/questionnaires.service.js';
import { healthProfileDefinition } from './profile-definition.js';

async function otherOrg(ctx: AuthzContext, municipality: string, not: string | null) {
  const { rows } = await sql<{ id: string }>`
    select id from organisation where municipality_code = ${municipality}
      and type = 'sundhedscenter' and (${not}::uuid is null or id <> ${not}::uuid)
    union all
    select id from organisation where municipality_code = ${municipality}
      and (${not}::uuid is null or id <> ${not}::uuid)
    limit 1`.execute(ctx.database.db);
  return rows[0]!.id;
}

async function newCitizen(ctx: AuthzContext, municipality: string) {
  const { rows } = await sql<{ id: string }>`
    insert into citizen (municipality_code, cpr_hash, cpr_encrypted, birth_date, first_name, last_name, postal_code)
    values (${municipality}, ${randomBytes(32)}, ${randomBytes(48)}, '1980-05-05', 'Matrix', 'Borger', '9530')
    returning id`.execute(ctx.database.db);
  return rows[0]!.id;
}

/** Links the citizen to an organisation through a sent referral (helhed_citizen_organisations). */
async function refer(
  ctx: AuthzContext,
  municipality: string,
  citizenId: string,
  org: string,
  userId: string,
) {
  const { rows: offers } = await sql<{ id: string; from: string }>`
    select o.id, (select id from organisation where municipality_code = ${municipality} and type = 'jobcenter' limit 1) as from
    from offer o where o.municipality_code = ${municipality} limit 1`.execute(ctx.database.db);
  const { rows: users } = await sql<{ id: string }>`
    select id from app_user where municipality_code = ${municipality} and kind = 'staff' limit 1`.execute(
    ctx.database.db,
  );
  await sql`insert into referral (municipality_code, citizen_id, offer_id, from_organisation_id,
      to_organisation_id, created_by, reason, participation, state)
    values (${municipality}, ${citizenId}, ${offers[0]!.id}, ${offers[0]!.from}, ${org},
      ${users[0]?.id ?? userId}, 'Matrix', 'voluntary', 'sent')`.execute(ctx.database.db);
}

async function recordTest(ctx: AuthzContext, municipality: string, citizenId: string, org: string) {
  await sql`insert into health_test (municipality_code, citizen_id, recorded_by_organisation_id, weight_kg, height_cm, bmi)
    values (${municipality}, ${citizenId}, ${org}, 80, 180, 24.7)`.execute(ctx.database.db);
}

/** The citizen the cell is about, with the links that make it own / other_org from the caller. */
async function citizenFor(ctx: AuthzContext, caller: AuthzCaller, owner: Owner, withTest = false) {
  if (owner === 'own' && caller.role === 'citizen') {
    const id = caller.session.user.citizenId as string;
    if (withTest) await recordTest(ctx, '840', id, await otherOrg(ctx, '840', null));
    return id;
  }
  const municipality = owner === 'other_municipality' ? '461' : '840';
  const id = await newCitizen(ctx, municipality);
  const mine = callerOrg(caller);
  const org =
    owner === 'own' && mine
      ? mine
      : await otherOrg(ctx, municipality, owner === 'own' ? null : mine);
  await refer(ctx, municipality, id, org, caller.session.user.id);
  if (withTest) await recordTest(ctx, municipality, id, org);
  return id;
}

const fullAnswers = () => {
  const a: Record<string, unknown> = {};
  for (const t of ['kost', 'rygning', 'alkohol', 'motion', 'misbrug', 'psykisk_helbred']) {
    a[`${t}_readiness`] = 'ready';
    a[`${t}_wants_help`] = t === 'motion' ? 'yes' : 'no';
  }
  a.self_rated_health = 'good';
  for (let i = 1; i <= 5; i++) a[`who5_${i}`] = 3;
  return a;
};

async function responseFor(
  ctx: AuthzContext,
  caller: AuthzCaller,
  owner: Owner,
  status: 'draft' | 'completed',
) {
  await ctx.database.db
    .transaction()
    .execute((tx) => ensureDefinition(tx, healthProfileDefinition));
  const citizenId = await citizenFor(ctx, caller, owner);
  const municipality = owner === 'other_municipality' ? '461' : '840';
  // Recorded by the caller's organisation (a citizen's by the citizen): the matrix tests who may
  // reach the citizen; whose profile another organisation may see is the view builder's
  // (decision 0801), tested in modules/sharing.
  const recordedBy = owner === 'other_municipality' ? null : callerOrg(caller);
  const { rows } = await sql<{ id: string }>`
    insert into questionnaire_response (municipality_code, definition_key, definition_version,
      subject_citizen_id, status, answers, filled_in_by, organisation_id, completed_at)
    values (${municipality}, 'health_profile', 1, ${citizenId}, ${status},
      ${JSON.stringify(fullAnswers())}::jsonb, ${recordedBy ? 'staff_with_citizen' : 'citizen'},
      ${recordedBy}, ${status === 'completed' ? sql`now()` : null})
    returning id`.execute(ctx.database.db);
  return { citizenId, responseId: rows[0]!.id };
}

// Job-center roles hold 'organisation' on health tests only so that the answer is 404, never a
// hint: a job-center organisation never records a test, so even their 'own' cell is 404.
const jobCenterNeverSeesTests = {
  caseworker: { own: 404 },
  coordinating_caseworker: { own: 404 },
};

export const authzCases: AuthzCase[] = [
  {
    route: 'GET /api/health/group-sessions',
    row: false,
    request: async () => ({ url: '/api/health/group-sessions' }),
  },
  {
    route: 'POST /api/health/group-sessions',
    row: false,
    ok: 201,
    // One participant the caller may write the profile of: a fresh citizen held by its organisation.
    request: async (ctx, caller) => ({
      url: '/api/health/group-sessions',
      payload: {
        title: 'Gruppesamtale om sundhed',
        heldOn: '2026-03-02',
        participants: [{ citizenId: await citizenFor(ctx, caller, 'own'), wishCards: ['job'] }],
      },
    }),
  },
  {
    route: 'GET /api/health/citizens/:id/profile',
    row: true,
    request: async (ctx, caller, owner) => ({
      url: `/api/health/citizens/${await citizenFor(ctx, caller, owner)}/profile`,
    }),
  },
  {
    route: 'POST /api/health/citizens/:id/profile',
    row: true,
    ok: 201,
    request: async (ctx, caller, owner) => {
      const id = await citizenFor(ctx, caller, owner);
      // The citizen's own record may hold an open draft from another case: close it, so the
      // call starts a new one (201) as in every other cell.
      await sql`update questionnaire_response set status = 'completed', completed_at = now()
        where subject_citizen_id = ${id} and status = 'draft'`.execute(ctx.database.db);
      return { url: `/api/health/citizens/${id}/profile` };
    },
  },
  {
    route: 'PATCH /api/health/profiles/:id',
    row: true,
    request: async (ctx, caller, owner) => ({
      url: `/api/health/profiles/${(await responseFor(ctx, caller, owner, 'draft')).responseId}`,
      payload: { answers: { kost_view: 'Fint' } },
    }),
  },
  {
    route: 'POST /api/health/profiles/:id/complete',
    row: true,
    request: async (ctx, caller, owner) => ({
      url: `/api/health/profiles/${(await responseFor(ctx, caller, owner, 'draft')).responseId}/complete`,
    }),
  },
  {
    route: 'GET /api/health/citizens/:id/matches',
    row: true,
    request: async (ctx, caller, owner) => ({
      url: `/api/health/citizens/${(await responseFor(ctx, caller, owner, 'completed')).citizenId}/matches`,
    }),
  },
  {
    route: 'GET /api/health/citizens/:id/tests',
    row: true,
    request: async (ctx, caller, owner) => ({
      url: `/api/health/citizens/${await citizenFor(ctx, caller, owner, true)}/tests`,
    }),
    override: jobCenterNeverSeesTests,
  },
  {
    route: 'POST /api/health/citizens/:id/tests',
    row: true,
    ok: 201,
    request: async (ctx, caller, owner) => ({
      url: `/api/health/citizens/${await citizenFor(ctx, caller, owner)}/tests`,
      payload: { weightKg: 82, heightCm: 176 },
    }),
  },
  {
    route: 'GET /api/health/gaps',
    row: false,
    request: async () => ({ url: '/api/health/gaps' }),
  },
];
