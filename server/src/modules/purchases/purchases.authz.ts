import { sql } from 'kysely';
import type { AuthzCase, AuthzContext, Owner } from '../../../test/authz/types.js';

async function orgOf(ctx: AuthzContext, username: string) {
  const { rows } = await sql<{ id: string }>`
    select r.organisation_id as id from user_role r join app_user u on u.id = r.user_id
    where u.username = ${username} and r.organisation_id is not null limit 1`.execute(
    ctx.database.db,
  );
  return rows[0]!.id;
}

/**
 * A purchase from the caller's side: 'own' is bought by Rebild's demo provider from Rebild's demo
 * health centre (own for both the buyer's and the seller's staff), 'other_org' is between two
 * other organisations in Rebild, 'other_municipality' is Odense's. With `referral`, the buyer has
 * an accepted referral ready for a place; with `placed`, a citizen already holds one.
 */
async function scene(
  ctx: AuthzContext,
  owner: Owner,
  status: 'requested' | 'accepted',
  extra: 'none' | 'referral' | 'placed' = 'none',
) {
  const db = ctx.database.db;
  const code = owner === 'other_municipality' ? '461' : '840';
  const prefix = owner === 'other_municipality' ? 'odense' : 'rebild';
  let buyer: string;
  let seller: string;
  if (owner === 'other_org') {
    const { rows } = await sql<{ id: string }>`
      insert into organisation (municipality_code, name, type)
      values ('840', 'Authz-køber ApS', 'provider'), ('840', 'Authz-sundhedshus', 'sundhedscenter')
      returning id`.execute(db);
    buyer = rows[0]!.id;
    seller = rows[1]!.id;
  } else {
    buyer = await orgOf(ctx, `${prefix}.udbyder`);
    seller = await orgOf(ctx, `${prefix}.sundhed`);
  }
  const jobcenter = await orgOf(ctx, `${prefix}.sagsbehandler`);
  const { rows: users } = await sql<{ id: string }>`
    select id from app_user where username = ${`${prefix}.sagsbehandler`}`.execute(db);
  const caseworker = users[0]!.id;
  const { rows: k } = await sql<{ offer: string; course: string }>`
    with o as (
      insert into offer (municipality_code, provider_organisation_id, title, referral_type, format, status)
      values (${code}, ${seller}, 'Authz-sundhedstilbud', 'referred', 'group', 'published') returning id)
    insert into course (municipality_code, offer_id, title, start_date, weeks, capacity)
    select ${code}, id, 'Authz-hold', '2026-04-27', 1, 10 from o
    returning offer_id as offer, id as course`.execute(db);
  const { rows: p } = await sql<{ id: string }>`
    insert into place_purchase (municipality_code, buyer_organisation_id, seller_organisation_id,
      course_id, places, status, created_by)
    values (${code}, ${buyer}, ${seller}, ${k[0]!.course}, 3, ${status}, ${caseworker})
    returning id`.execute(db);
  if (extra === 'none') return { id: p[0]!.id, referral: '', enrolment: '' };
  const { rows: c } = await sql<{ id: string }>`
    select id from citizen where municipality_code = ${code} order by created_at, id offset 6 limit 1`.execute(
    db,
  );
  const { rows: activation } = await sql<{ id: string }>`
    insert into offer (municipality_code, provider_organisation_id, title, referral_type, format, status)
    values (${code}, ${buyer}, 'Authz-aktiveringsprojekt', 'referred', 'group', 'published')
    returning id`.execute(db);
  const placed = extra === 'placed';
  const { rows: r } = await sql<{ id: string }>`
    insert into referral (municipality_code, citizen_id, offer_id, from_organisation_id,
      to_organisation_id, created_by, reason, participation, state, course_id)
    values (${code}, ${c[0]!.id}, ${activation[0]!.id}, ${jobcenter}, ${buyer}, ${caseworker}, 'Authz',
      'voluntary', ${placed ? 'enrolled' : 'accepted'}, ${placed ? k[0]!.course : null})
    returning id`.execute(db);
  let enrolment = '';
  if (placed) {
    const { rows: e } = await sql<{ id: string }>`
      insert into enrolment (municipality_code, course_id, citizen_id, referral_id, status, place_purchase_id)
      values (${code}, ${k[0]!.course}, ${c[0]!.id}, ${r[0]!.id}, 'enrolled', ${p[0]!.id})
      returning id`.execute(db);
    enrolment = e[0]!.id;
  }
  return { id: p[0]!.id, referral: r[0]!.id, enrolment };
}

export const authzCases: AuthzCase[] = [
  {
    route: 'GET /api/place-purchases',
    row: false,
    request: async () => ({ url: '/api/place-purchases' }),
  },
  {
    route: 'GET /api/place-purchases/courses',
    row: false,
    request: async () => ({ url: '/api/place-purchases/courses' }),
  },
  {
    route: 'POST /api/place-purchases',
    row: false,
    ok: 201,
    request: async (ctx) => ({
      url: '/api/place-purchases',
      payload: { courseId: await courseForSale(ctx), places: 2 },
    }),
  },
  {
    route: 'GET /api/place-purchases/:id',
    row: true,
    request: async (ctx, _caller, owner) => ({
      url: `/api/place-purchases/${(await scene(ctx, owner, 'accepted')).id}`,
    }),
  },
  {
    route: 'POST /api/place-purchases/:id/decision',
    row: true,
    request: async (ctx, _caller, owner) => ({
      url: `/api/place-purchases/${(await scene(ctx, owner, 'requested')).id}/decision`,
      payload: { decision: 'accepted' },
    }),
  },
  {
    route: 'POST /api/place-purchases/:id/placements',
    row: true,
    request: async (ctx, _caller, owner) => {
      const s = await scene(ctx, owner, 'accepted', 'referral');
      return {
        url: `/api/place-purchases/${s.id}/placements`,
        payload: { referralId: s.referral },
      };
    },
  },
  {
    route: 'POST /api/place-purchases/:id/placements/:enrolmentId/outcome',
    row: true,
    request: async (ctx, _caller, owner) => {
      const s = await scene(ctx, owner, 'accepted', 'placed');
      return {
        url: `/api/place-purchases/${s.id}/placements/${s.enrolment}/outcome`,
        payload: { declaredFit: true },
      };
    },
  },
];

/** A course of Rebild's demo health centre that places can be bought on. */
async function courseForSale(ctx: AuthzContext) {
  const seller = await orgOf(ctx, 'rebild.sundhed');
  const { rows } = await sql<{ id: string }>`
    with o as (
      insert into offer (municipality_code, provider_organisation_id, title, referral_type, format, status)
      values ('840', ${seller}, 'Authz-sundhedstilbud', 'referred', 'group', 'published') returning id)
    insert into course (municipality_code, offer_id, title, start_date, weeks, capacity)
    select '840', id, 'Authz-hold', '2026-04-27', 1, 10 from o returning id`.execute(
    ctx.database.db,
  );
  return rows[0]!.id;
}
