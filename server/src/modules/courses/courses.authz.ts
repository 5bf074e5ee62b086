import { sql } from 'kysely';
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
    route: 'POST /api/courses/:id/intro-meeting/request',
    row: true,
    ok: 201,
    // An open offer that begins with an intro meeting; a citizen caller asks to come to it.
    request: async (ctx, caller, owner) => {
      const k = await course(ctx, await cell(ctx, caller, owner), true, false);
      await sql`update offer set intro_required = true where id = ${k.offerId}`.execute(
        ctx.database.db,
      );
      return { url: `/api/courses/${k.courseId}/intro-meeting/request` };
    },
  },
  {
    route: 'GET /api/courses/:id/intro-meeting',
    row: true,
    request: async (ctx, caller, owner) => {
      const k = await course(ctx, await cell(ctx, caller, owner));
      return { url: `/api/courses/${k.courseId}/intro-meeting` };
    },
  },
  {
    route: 'POST /api/courses/:id/intro-meeting',
    row: true,
    // The cell's citizen asked for the intro meeting of an offer that has one.
    request: async (ctx, caller, owner) => {
      const c = await cell(ctx, caller, owner);
      const k = await course(ctx, c, true, false);
      await sql`update offer set intro_required = true where id = ${k.offerId}`.execute(
        ctx.database.db,
      );
      await sql`insert into intro_meeting_request (municipality_code, offer_id, citizen_id, course_id)
        values (${c.code}, ${k.offerId}, ${c.citizen}, ${k.courseId})`.execute(ctx.database.db);
      return {
        url: `/api/courses/${k.courseId}/intro-meeting`,
        payload: { citizenId: c.citizen, attendedOn: '2026-04-20' },
      };
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
