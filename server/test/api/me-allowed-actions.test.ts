/**
 * /api/auth/me tells the web what the user may do at all (issue 16): the start page's tasks and
 * the "plan a meeting" and "new course" ways in are shown from this list, not from role names.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, login, type TestApp } from '../helper.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

async function me(username: string) {
  const session = await login(t.app, username);
  const res = await session.inject({ method: 'GET', url: '/api/auth/me' });
  expect(res.statusCode).toBe(200);
  return res.json().user as {
    allowedActions: string[];
    roles: { role: string; organisationId: string | null; allowedActions: string[] }[];
  };
}

describe('the allowed actions of the logged-in user', () => {
  it('offers the caseworker citizens and planning a meeting, not administration', async () => {
    const user = await me('rebild.koordinator');
    expect(user.allowedActions).toEqual(
      expect.arrayContaining(['citizen.search', 'screening.queue', 'meeting.create']),
    );
    expect(user.allowedActions).not.toContain('admin.users.read');
    expect(user.allowedActions).not.toContain('portal.read');
  });

  it('offers the health professional courses, not planning a meeting', async () => {
    const user = await me('rebild.sundhed');
    expect(user.allowedActions).toContain('course.create');
    expect(user.allowedActions).not.toContain('meeting.create');
    // Each role assignment carries its own list, so the new course page knows which
    // organisation may plan a course.
    const runner = user.roles.find((r) => r.allowedActions.includes('course.create'));
    expect(runner?.organisationId).toBeTruthy();
  });

  it('offers the citizen their own pages and no staff area', async () => {
    const user = await me('rebild.borger');
    expect(user.allowedActions).toEqual(expect.arrayContaining(['portal.read', 'audit.read_own']));
    expect(user.allowedActions).not.toContain('citizen.search');
    expect(user.allowedActions).not.toContain('meeting.list');
  });

  it('offers the administrator the screening rules to edit, which a caseworker only reads', async () => {
    expect((await me('rebild.admin')).allowedActions).toContain('screening.rules.write');
    expect((await me('rebild.koordinator')).allowedActions).not.toContain('screening.rules.write');
  });
});
