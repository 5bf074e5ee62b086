import { sql } from 'kysely';
import type { AuthzCase } from '../../../test/authz/types.js';
import { cell, flag, isProviderSide, offer, referral } from './authz.rows.js';

export const authzCases: AuthzCase[] = [
  {
    route: 'GET /api/referrals',
    row: false,
    request: async () => ({ url: '/api/referrals' }),
  },
  {
    route: 'POST /api/referrals',
    row: true,
    ok: 201,
    request: async (ctx, caller, owner) => {
      const c = await cell(ctx, caller, owner);
      return {
        url: '/api/referrals',
        payload: {
          citizenId: c.citizen,
          offerId: await offer(ctx, c),
          reason: 'Authz-henvisning',
          participation: 'voluntary',
          sharedCategories: [],
        },
      };
    },
  },
  {
    route: 'GET /api/referrals/offers',
    row: false,
    request: async () => ({ url: '/api/referrals/offers' }),
  },
  {
    route: 'GET /api/referrals/flags',
    row: false,
    request: async () => ({ url: '/api/referrals/flags' }),
  },
  {
    route: 'POST /api/referrals/flags/:id/resolve',
    row: true,
    ok: 204,
    request: async (ctx, caller, owner) => ({
      url: `/api/referrals/flags/${await flag(ctx, await cell(ctx, caller, owner))}/resolve`,
    }),
  },
  {
    route: 'GET /api/referrals/:id',
    row: true,
    request: async (ctx, caller, owner) => ({
      url: `/api/referrals/${await referral(ctx, await cell(ctx, caller, owner), 'sent')}`,
    }),
  },
  {
    route: 'POST /api/referrals/:id/transitions',
    row: true,
    // The job center sends a draft; the recipient receives a sent referral.
    request: async (ctx, caller, owner) => {
      const provider = isProviderSide(caller);
      const id = await referral(ctx, await cell(ctx, caller, owner), provider ? 'sent' : 'draft');
      return {
        url: `/api/referrals/${id}/transitions`,
        payload: { action: provider ? 'receive' : 'send' },
      };
    },
  },
  {
    route: 'POST /api/referrals/:id/intro-meeting',
    row: true,
    // A sent referral to an offer that begins with an intro meeting (Randers).
    request: async (ctx, caller, owner) => {
      const id = await referral(ctx, await cell(ctx, caller, owner), 'sent');
      await sql`update offer set intro_required = true
        where id = (select offer_id from referral where id = ${id})`.execute(ctx.database.db);
      return { url: `/api/referrals/${id}/intro-meeting`, payload: { attendedOn: '2026-04-20' } };
    },
  },
  {
    route: 'GET /api/referrals/:id/shared',
    row: true,
    request: async (ctx, caller, owner) => ({
      url: `/api/referrals/${await referral(ctx, await cell(ctx, caller, owner), 'sent')}/shared`,
    }),
  },
  {
    route: 'GET /api/referrals/:id/messages',
    row: true,
    request: async (ctx, caller, owner) => ({
      url: `/api/referrals/${await referral(ctx, await cell(ctx, caller, owner), 'sent')}/messages`,
    }),
  },
  {
    route: 'POST /api/referrals/:id/messages',
    row: true,
    ok: 201,
    request: async (ctx, caller, owner) => ({
      url: `/api/referrals/${await referral(ctx, await cell(ctx, caller, owner), 'sent')}/messages`,
      payload: { body: 'Authz-besked' },
    }),
  },
];
