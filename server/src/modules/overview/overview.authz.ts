import type { AuthzCase } from '../../../test/authz/types.js';
import { addCitizen, addReferral, citizensOf, orgOf } from './overview.fixtures.js';

/**
 * The citizen page follows 'citizen.read': caseworkers see any citizen of their municipality,
 * health, provider and team staff a citizen their organisation holds through a referral, a
 * citizen themself. 'own' / 'other_org' are made by referring a fresh citizen row's case to
 * the caller's organisation or to another one.
 */
export const authzCases: AuthzCase[] = [
  {
    route: 'GET /api/citizens/:id/overview',
    row: true,
    async request(ctx, caller, owner) {
      if (owner === 'other_municipality') {
        const [id] = await citizensOf(ctx.database, '461');
        return { url: `/api/citizens/${id}/overview` };
      }
      const citizens = await citizensOf(ctx.database, '840');
      if (caller.role === 'citizen') {
        const own = caller.session.user.citizenId!;
        const id = owner === 'own' ? own : citizens.find((c) => c !== own)!;
        return { url: `/api/citizens/${id}/overview` };
      }
      const id = await addCitizen(ctx.database, ctx.config, '840');
      const callerOrg = caller.session.user.roles.find((r) => r.organisationId)?.organisationId;
      const otherOrg =
        callerOrg === (await orgOf(ctx.database, '840', 'provider'))
          ? await orgOf(ctx.database, '840', 'sundhedscenter')
          : await orgOf(ctx.database, '840', 'provider');
      await addReferral(
        ctx.database,
        '840',
        id,
        owner === 'own' && callerOrg ? callerOrg : otherOrg,
      );
      return { url: `/api/citizens/${id}/overview` };
    },
  },
];
