/**
 * Authorization matrix cases for the catalogue routes. Offers are created directly in the
 * database (as owner) for the owner cell asked for: 'own' = an offer of the caller's
 * organisation (any Rebild organisation for callers without one), 'other_org' = an offer of
 * another Rebild organisation, 'other_municipality' = an Odense offer.
 */
import { sql } from 'kysely';
import type { AuthzCaller, AuthzCase, AuthzContext, Owner } from '../../../test/authz/types.js';

async function orgOf(ctx: AuthzContext, municipality: string, notId?: string | null) {
  const { rows } = await sql<{ id: string }>`
    select id from organisation where municipality_code = ${municipality}
      and (${notId ?? null}::uuid is null or id <> ${notId ?? null}::uuid)
    order by type = 'provider' desc, name limit 1`.execute(ctx.database.db);
  return rows[0]!.id;
}

export function callerOrg(caller: AuthzCaller): string | null {
  return caller.session.user.roles.find((r) => r.organisationId)?.organisationId ?? null;
}

/** A published offer owned as asked, from the caller's side. */
export async function offerFor(ctx: AuthzContext, caller: AuthzCaller, owner: Owner) {
  const own = callerOrg(caller);
  const municipality = owner === 'other_municipality' ? '461' : '840';
  const org =
    owner === 'own'
      ? (own ?? (await orgOf(ctx, '840')))
      : owner === 'other_org'
        ? await orgOf(ctx, '840', own)
        : await orgOf(ctx, '461');
  const { rows } = await sql<{ id: string }>`
    insert into offer (municipality_code, provider_organisation_id, title, themes, referral_type,
      format, status, next_start)
    values (${municipality}, ${org}, 'Matrixtilbud', '{motion}', 'open', 'group', 'published',
      current_date + 7)
    returning id`.execute(ctx.database.db);
  return rows[0]!.id;
}

const publicOk = {
  caseworker: { own: 200 },
  coordinating_caseworker: { own: 200 },
  health_professional: { own: 200 },
  provider_staff: { own: 200 },
  team_member: { own: 200 },
  manager: { own: 200 },
  administrator: { own: 200 },
  citizen: { own: 200 },
};

export const authzCases: AuthzCase[] = [
  {
    route: 'POST /api/catalogue/offers/search',
    row: false,
    request: async () => ({ url: '/api/catalogue/offers/search', payload: { q: 'motion' } }),
  },
  {
    route: 'GET /api/catalogue/offers/:id',
    row: true,
    request: async (ctx, caller, owner) => ({
      url: `/api/catalogue/offers/${await offerFor(ctx, caller, owner)}`,
    }),
  },
  {
    route: 'POST /api/catalogue/offers',
    row: false,
    ok: 201,
    request: async (ctx, caller) => ({
      url: '/api/catalogue/offers',
      payload: {
        providerOrganisationId: callerOrg(caller) ?? (await orgOf(ctx, '840')),
        title: 'Nyt matrixtilbud',
        themes: ['kost'],
        referralType: 'open',
        format: 'group',
      },
    }),
  },
  {
    route: 'PATCH /api/catalogue/offers/:id',
    row: true,
    request: async (ctx, caller, owner) => ({
      url: `/api/catalogue/offers/${await offerFor(ctx, caller, owner)}`,
      payload: { status: 'paused' },
    }),
  },
  {
    // Public: no login needed, every role (and nobody) gets the municipality's open offers.
    route: 'GET /api/public/offers/:municipalityCode',
    row: false,
    request: async () => ({ url: '/api/public/offers/840?q=motion' }),
    override: publicOk,
  },
  {
    route: 'GET /api/public/offers/:municipalityCode/:id',
    row: false,
    request: async (ctx, caller) => ({
      url: `/api/public/offers/840/${await offerFor(ctx, caller, 'own')}`,
    }),
    override: publicOk,
  },
];
