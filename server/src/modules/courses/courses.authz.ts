import type { AuthzCase } from '../../../test/authz/types.js';
import { cell, course, offer } from '../referrals/authz.rows.js';

export const authzCases: AuthzCase[] = [
  { route: 'GET /api/courses', row: false, request: async () => ({ url: '/api/courses' }) },
  {
    route: 'POST /api/courses',
    row: true,
    ok: 201,
    request: async (ctx, caller, owner) => ({
      url: '/api/courses',
      payload: {
        offerId: await offer(ctx, await cell(ctx, caller, owner)),
        startDate: '2026-04-27',
        weeks: 1,
        weeklyPattern: [{ weekday: 1, start: '09:00', end: '11:00' }],
        capacity: 8,
      },
    }),
  },
  {
    route: 'GET /api/courses/:id',
    row: true,
    request: async (ctx, caller, owner) => ({
      url: `/api/courses/${(await course(ctx, await cell(ctx, caller, owner))).courseId}`,
    }),
  },
  {
    route: 'PATCH /api/courses/:id/sessions/:sessionId',
    row: true,
    request: async (ctx, caller, owner) => {
      const k = await course(ctx, await cell(ctx, caller, owner));
      return {
        url: `/api/courses/${k.courseId}/sessions/${k.sessionId}`,
        payload: { note: 'Flyttet til sal 2' },
      };
    },
  },
  {
    route: 'GET /api/courses/:id/sessions/:sessionId/attendance',
    row: true,
    request: async (ctx, caller, owner) => {
      const k = await course(ctx, await cell(ctx, caller, owner));
      return { url: `/api/courses/${k.courseId}/sessions/${k.sessionId}/attendance` };
    },
  },
  {
    route: 'PUT /api/courses/:id/sessions/:sessionId/attendance',
    row: true,
    request: async (ctx, caller, owner) => {
      const k = await course(ctx, await cell(ctx, caller, owner));
      return {
        url: `/api/courses/${k.courseId}/sessions/${k.sessionId}/attendance`,
        payload: { records: [{ enrolmentId: k.enrolmentId, status: 'present' }] },
      };
    },
  },
  {
    route: 'POST /api/courses/:id/signup',
    row: true,
    ok: 201,
    // An open offer's course with nobody on it; a citizen caller signs themself up.
    request: async (ctx, caller, owner) => {
      const k = await course(ctx, await cell(ctx, caller, owner), true, false);
      return { url: `/api/courses/${k.courseId}/signup` };
    },
  },
  {
    route: 'POST /api/courses/:id/enrolments/:enrolmentId/drop-out',
    row: true,
    request: async (ctx, caller, owner) => {
      const k = await course(ctx, await cell(ctx, caller, owner));
      return {
        url: `/api/courses/${k.courseId}/enrolments/${k.enrolmentId}/drop-out`,
        payload: { reasonCode: 'illness' },
      };
    },
  },
  {
    route: 'POST /api/courses/:id/enrolments/:enrolmentId/outcome',
    row: true,
    ok: 201,
    request: async (ctx, caller, owner) => {
      const k = await course(ctx, await cell(ctx, caller, owner));
      return {
        url: `/api/courses/${k.courseId}/enrolments/${k.enrolmentId}/outcome`,
        payload: { declaredFit: true, satisfaction: 5 },
      };
    },
  },
  {
    route: 'GET /api/courses/:id/overview',
    row: true,
    request: async (ctx, caller, owner) => ({
      url: `/api/courses/${(await course(ctx, await cell(ctx, caller, owner))).courseId}/overview`,
    }),
  },
  {
    route: 'GET /api/courses/:id/weekly-rule',
    row: true,
    request: async (ctx, caller, owner) => ({
      url: `/api/courses/${(await course(ctx, await cell(ctx, caller, owner))).courseId}/weekly-rule`,
    }),
  },
];
