import type { AuthzCase } from '../../../test/authz/types.js';
import { cell, consent } from '../referrals/authz.rows.js';

export const authzCases: AuthzCase[] = [
  {
    route: 'GET /api/consents',
    row: true,
    request: async (ctx, caller, owner) => ({
      url: `/api/consents?citizenId=${(await cell(ctx, caller, owner)).citizen}`,
    }),
  },
  {
    route: 'GET /api/consents/recipients',
    row: false,
    request: async () => ({ url: '/api/consents/recipients' }),
  },
  {
    route: 'POST /api/consents',
    row: true,
    ok: 201,
    request: async (ctx, caller, owner) => {
      const c = await cell(ctx, caller, owner);
      return {
        url: '/api/consents',
        payload: {
          citizenId: c.citizen,
          recipientOrganisationId: c.org,
          categories: ['attendance'],
          purpose: 'Authz-samtykke',
          givenHow: caller.role === 'citizen' ? 'portal' : 'verbal',
          status: 'given',
        },
      };
    },
  },
  {
    route: 'POST /api/consents/:id/withdraw',
    row: true,
    request: async (ctx, caller, owner) => ({
      url: `/api/consents/${await consent(ctx, await cell(ctx, caller, owner))}/withdraw`,
    }),
  },
];
