import { randomInt } from 'node:crypto';
import { sql } from 'kysely';
import {
  insertOrganisation,
  insertStaffUser,
  ownerOrganisation,
} from '../../../test/authz/fixtures.js';
import type { AuthzCaller, AuthzCase, AuthzContext, Owner } from '../../../test/authz/types.js';

/** A fresh organisation that is `owner` from the caller's side (for admin: by municipality). */
async function organisationFor(ctx: AuthzContext, caller: AuthzCaller, owner: Owner) {
  const { municipalityCode, organisationId } = await ownerOrganisation(ctx, caller, owner);
  if (owner === 'own') return organisationId;
  return insertOrganisation(ctx.database, municipalityCode);
}

/** A fresh staff user in the owner organisation (never the caller, who must stay active). */
async function userFor(ctx: AuthzContext, caller: AuthzCaller, owner: Owner) {
  const { municipalityCode, organisationId } = await ownerOrganisation(ctx, caller, owner);
  return {
    ...(await insertStaffUser(ctx.database, municipalityCode, 'caseworker', organisationId)),
    organisationId,
  };
}

export const authzCases: AuthzCase[] = [
  {
    route: 'GET /api/admin/organisations',
    row: false,
    request: async () => ({ url: '/api/admin/organisations' }),
  },
  {
    route: 'POST /api/admin/organisations',
    row: false,
    ok: 201,
    request: async () => ({
      url: '/api/admin/organisations',
      payload: { name: `Forening ${randomInt(1e9)}`, type: 'association' },
    }),
  },
  {
    route: 'PATCH /api/admin/organisations/:id',
    row: true,
    request: async (ctx, caller, owner) => ({
      url: `/api/admin/organisations/${await organisationFor(ctx, caller, owner)}`,
      payload: { address: 'Testvej 1' },
    }),
  },
  {
    route: 'GET /api/admin/users',
    row: false,
    request: async () => ({ url: '/api/admin/users?limit=5' }),
  },
  {
    route: 'POST /api/admin/users',
    row: false,
    ok: 201,
    request: async () => ({
      url: '/api/admin/users',
      payload: {
        username: `ny.${randomInt(1e9)}`,
        displayName: 'Ny Medarbejder',
        password: 'en-lang-adgangskode',
        roles: [{ role: 'administrator', organisationId: null }],
      },
    }),
  },
  {
    route: 'POST /api/admin/users/:id/roles',
    row: true,
    ok: 204,
    request: async (ctx, caller, owner) => {
      const user = await userFor(ctx, caller, owner);
      return {
        url: `/api/admin/users/${user.id}/roles`,
        payload: { role: 'team_member', organisationId: user.organisationId },
      };
    },
  },
  {
    route: 'DELETE /api/admin/users/:id/roles/:roleId',
    row: true,
    ok: 204,
    request: async (ctx, caller, owner) => {
      const user = await userFor(ctx, caller, owner);
      return { url: `/api/admin/users/${user.id}/roles/${user.roleId}` };
    },
  },
  {
    route: 'POST /api/admin/users/:id/deactivate',
    row: true,
    ok: 204,
    request: async (ctx, caller, owner) => ({
      url: `/api/admin/users/${(await userFor(ctx, caller, owner)).id}/deactivate`,
    }),
  },
  {
    route: 'POST /api/admin/users/:id/activate',
    row: true,
    ok: 204,
    request: async (ctx, caller, owner) => ({
      url: `/api/admin/users/${(await userFor(ctx, caller, owner)).id}/activate`,
    }),
  },
  {
    route: 'GET /api/admin/organisation-types',
    row: false,
    request: async () => ({ url: '/api/admin/organisation-types' }),
  },
  {
    route: 'POST /api/admin/organisation-types',
    row: false,
    ok: 201,
    request: async () => ({
      url: '/api/admin/organisation-types',
      payload: { name: `Virksomhedscenter ${randomInt(1e9)}`, profile: 'jobcenter' },
    }),
  },
  {
    route: 'PATCH /api/admin/organisation-types/:code',
    row: false,
    request: async (ctx) => ({
      url: `/api/admin/organisation-types/${await ownType(ctx)}`,
      payload: { name: `Omdøbt type ${randomInt(1e9)}` },
    }),
  },
  {
    route: 'DELETE /api/admin/organisation-types/:code',
    row: false,
    ok: 204,
    request: async (ctx) => ({ url: `/api/admin/organisation-types/${await ownType(ctx)}` }),
  },
  {
    route: 'GET /api/admin/export',
    row: false,
    request: async () => ({ url: '/api/admin/export' }),
  },
  {
    route: 'GET /api/admin/export/:table',
    row: false,
    request: async () => ({ url: '/api/admin/export/organisation' }),
  },
  {
    route: 'GET /api/admin/egress',
    row: false,
    request: async () => ({ url: '/api/admin/egress' }),
  },
  {
    route: 'PUT /api/admin/egress',
    row: false,
    request: async () => ({
      url: '/api/admin/egress',
      payload: { addresses: [{ cidr: '192.0.2.0/24', note: 'Rådhuset' }] },
    }),
  },
];

/** A fresh own organisation type in Rebild, used by no organisation. */
async function ownType(ctx: AuthzContext) {
  const code = `authz_${randomInt(1e9)}`;
  await sql`insert into organisation_type (municipality_code, code, name, profile)
    values ('840', ${code}, ${`Authz-type ${code}`}, 'provider')`.execute(ctx.database.db);
  return code;
}
