import { randomInt } from 'node:crypto';
import { sql } from 'kysely';
import type { AuthzCase, AuthzContext } from '../../../test/authz/types.js';
import { onboardTenant } from '../../platform/onboarding.js';

/** A municipality of the reference table not in Helhed yet (each call takes another). */
async function freeMunicipality(ctx: AuthzContext) {
  const { rows } = await sql<{ code: string; name: string }>`
    select code, name from municipality where onboarded_at is null
    order by random() limit 1`.execute(ctx.database.db);
  return rows[0]!;
}

/** A municipality onboarded just now, straight in the database (the fixture, not the test). */
async function onboardedMunicipality(ctx: AuthzContext) {
  const m = await freeMunicipality(ctx);
  await ctx.database.db.transaction().execute((tx) =>
    onboardTenant(tx, {
      ...m,
      organisations: [{ name: `Jobcenter ${m.name}`, type: 'jobcenter' }],
      administrator: { username: `admin.${randomInt(1e9)}`, displayName: 'Første Admin' },
      onboardedBy: null,
    }),
  );
  return m;
}

export const authzCases: AuthzCase[] = [
  {
    route: 'GET /api/operator/municipalities',
    row: false,
    request: async () => ({ url: '/api/operator/municipalities' }),
  },
  {
    route: 'POST /api/operator/municipalities',
    row: false,
    ok: 201,
    request: async (ctx) => {
      const m = await freeMunicipality(ctx);
      return {
        url: '/api/operator/municipalities',
        payload: {
          ...m,
          organisations: [{ name: `Jobcenter ${m.name}`, type: 'jobcenter' }],
          administrator: { username: `admin.${randomInt(1e9)}`, displayName: 'Første Admin' },
        },
      };
    },
  },
  {
    route: 'POST /api/operator/municipalities/:code/invitation',
    row: false,
    ok: 201,
    request: async (ctx) => ({
      url: `/api/operator/municipalities/${(await onboardedMunicipality(ctx)).code}/invitation`,
    }),
  },
  {
    route: 'POST /api/operator/municipalities/:code/offboard',
    row: false,
    request: async (ctx) => {
      const m = await onboardedMunicipality(ctx);
      return {
        url: `/api/operator/municipalities/${m.code}/offboard`,
        payload: { confirmName: m.name },
      };
    },
  },
];
