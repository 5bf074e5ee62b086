import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildTestApp, login, type TestApp } from '../../../test/helper.js';
import { tokenHash } from '../../platform/sessions.js';
import { failureDelayMs, loginDelay, throttleLimits } from '../../platform/throttle.js';

let t: TestApp;
// The delays on failed logins are recorded, not waited for.
const delays: number[] = [];
beforeAll(async () => {
  vi.spyOn(loginDelay, 'sleep').mockImplementation(async (ms) => {
    delays.push(ms);
  });
  // The address allowance as configured by default (300 requests a minute without a session).
  t = await buildTestApp({ rateLimitPerMinute: 300 });
});
afterAll(async () => {
  await t.close();
  vi.restoreAllMocks();
});

const attempt = (username: string, password: string, ip = '10.0.0.1') =>
  t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password },
    remoteAddress: ip,
  });

const sessionHash = (cookie: string) => tokenHash(cookie.replace(/^helhed_session=/, ''));

describe('password login throttling', () => {
  it('answers 429 with Retry-After after repeated wrong passwords, and refuses the right one until the window ends', async () => {
    const statuses: number[] = [];
    let last: Awaited<ReturnType<typeof attempt>> | undefined;
    for (let i = 0; i < 20; i++) {
      last = await attempt('rebild.koordinator', `forkert-${i}`, '10.0.0.2');
      statuses.push(last.statusCode);
    }
    expect(statuses.slice(0, 9)).toEqual(Array(9).fill(401));
    expect(statuses.slice(9)).toEqual(Array(11).fill(429));
    expect(Number(last!.headers['retry-after'])).toBeGreaterThan(60);
    expect(last!.json()).toMatchObject({ code: 'rate_limited' });

    const right = await attempt('rebild.koordinator', 'helhed-demo', '10.0.0.3');
    expect(right.statusCode).toBe(429);
    expect(Number(right.headers['retry-after'])).toBeGreaterThan(0);

    // When the lock has run out, the right password works again.
    await sql`update login_throttle set locked_until = now() - interval '1 second',
      window_start = now() - interval '1 hour'`.execute(t.database.db);
    expect((await attempt('rebild.koordinator', 'helhed-demo', '10.0.0.3')).statusCode).toBe(200);
  });

  it('after 200 failed logins from one address with random usernames, a colleague there logs in at once', async () => {
    const office = '10.0.0.9';
    delays.length = 0;
    const statuses = new Set<number>();
    for (let i = 0; i < 200; i++) {
      const name = `scan.${randomBytes(6).toString('hex')}`;
      statuses.add((await attempt(name, 'forkert', office)).statusCode);
    }
    // Every failure is told as a failure, none refuses the address.
    expect([...statuses]).toEqual([401]);
    // The scan's failed answers were slowed down, more and more, up to the cap.
    const free = throttleLimits.address.freeFailures;
    expect(delays.slice(0, free).every((ms) => ms === 0)).toBe(true);
    expect(delays[free]).toBeGreaterThan(0);
    expect(delays.at(-1)).toBe(throttleLimits.address.maxDelayMs);
    expect(delays.every((ms, i) => i === 0 || ms >= delays[i - 1]!)).toBe(true);

    // The colleague's right password is answered at once: no delay, no 429.
    const before = delays.length;
    const colleague = await attempt('rebild.leder', 'helhed-demo', office);
    expect(colleague.statusCode).toBe(200);
    expect(delays.length).toBe(before);
    // So is another colleague's, from the same address, a second later in the same window.
    expect((await attempt('rebild.sagsbehandler', 'helhed-demo', office)).statusCode).toBe(200);
  }, 120_000);

  it('slows failures down by a delay that grows with the address failures and is capped', () => {
    const { freeFailures, egressFreeFailures, maxDelayMs } = throttleLimits.address;
    expect(failureDelayMs(freeFailures, false)).toBe(0);
    expect(failureDelayMs(freeFailures + 1, false)).toBeGreaterThan(0);
    expect(failureDelayMs(freeFailures + 50, false)).toBeGreaterThan(
      failureDelayMs(freeFailures + 1, false),
    );
    expect(failureDelayMs(100_000, false)).toBe(maxDelayMs);
    // A municipality's named egress address gets many more failures before any delay.
    expect(failureDelayMs(egressFreeFailures, true)).toBe(0);
    expect(failureDelayMs(egressFreeFailures + 1, true)).toBeGreaterThan(0);
  });

  it('does not tell an unknown user from a wrong password', async () => {
    const unknown = await attempt('findes.ikke', 'forkert-adgangskode', '10.0.1.1');
    const wrong = await attempt('rebild.team', 'forkert-adgangskode', '10.0.1.2');
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json().detail).toBe(wrong.json().detail);
  });
});

describe('sessions', () => {
  it('sets an httpOnly, SameSite=Lax session cookie', async () => {
    const res = await attempt('rebild.sagsbehandler', 'helhed-demo', '10.0.2.1');
    const cookie = res.cookies.find((c) => c.name === 'helhed_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    expect(cookie.path).toBe('/');
  });

  it('refuses a state-changing request without the CSRF token, or with a wrong one', async () => {
    const s = await login(t.app, 'rebild.sagsbehandler');
    const search = { method: 'POST' as const, url: '/api/citizens/search', payload: {} };
    const none = await t.app.inject({ ...search, headers: { cookie: s.cookie } });
    expect(none.statusCode).toBe(403);
    expect(none.json()).toMatchObject({ code: 'forbidden', reason: 'csrf' });
    const wrong = await t.app.inject({
      ...search,
      headers: { cookie: s.cookie, 'x-csrf-token': 'gæt' },
    });
    expect(wrong.statusCode).toBe(403);
    // Another session's token does not work either.
    const other = await login(t.app, 'rebild.koordinator');
    const crossed = await t.app.inject({
      ...search,
      headers: { cookie: s.cookie, 'x-csrf-token': other.csrf },
    });
    expect(crossed.statusCode).toBe(403);
    expect((await s.inject(search)).statusCode).toBe(200);
    // Reads need no token.
    expect(
      (await t.app.inject({ url: '/api/auth/me', headers: { cookie: s.cookie } })).statusCode,
    ).toBe(200);
  });

  it('ends a session that has been idle longer than the idle timeout', async () => {
    const s = await login(t.app, 'rebild.sagsbehandler');
    expect((await s.inject({ url: '/api/auth/me' })).statusCode).toBe(200);
    await sql`update user_session set last_seen_at = now() - make_interval(mins => ${t.config.sessionIdleMinutes + 1})
      where token_hash = ${sessionHash(s.cookie)}`.execute(t.database.db);
    const res = await s.inject({ url: '/api/auth/me' });
    expect(res.statusCode).toBe(401);
    // And it stays ended: being refused does not revive it.
    await sql`update user_session set last_seen_at = now() where token_hash = ${sessionHash(s.cookie)}`.execute(
      t.database.db,
    );
    expect((await s.inject({ url: '/api/auth/me' })).statusCode).toBe(401);
  });

  it('ends an active session at the absolute timeout', async () => {
    const s = await login(t.app, 'rebild.sagsbehandler');
    const { rows } = await sql<{ hours: number }>`
      select extract(epoch from expires_at - created_at) / 3600 as hours from user_session
      where token_hash = ${sessionHash(s.cookie)}`.execute(t.database.db);
    expect(Number(rows[0]!.hours)).toBeCloseTo(t.config.sessionAbsoluteHours, 1);
    await sql`update user_session set expires_at = now() - interval '1 second', last_seen_at = now()
      where token_hash = ${sessionHash(s.cookie)}`.execute(t.database.db);
    expect((await s.inject({ url: '/api/auth/me' })).statusCode).toBe(401);
  });

  it('a new login from the same browser ends the session it held', async () => {
    const old = await login(t.app, 'rebild.sagsbehandler');
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'rebild.sagsbehandler', password: 'helhed-demo' },
      headers: { cookie: old.cookie },
    });
    expect(again.statusCode).toBe(200);
    expect((await old.inject({ url: '/api/auth/me' })).statusCode).toBe(401);
  });

  it('logs out this session only, or everywhere', async () => {
    const a = await login(t.app, 'rebild.team');
    const b = await login(t.app, 'rebild.team');
    const c = await login(t.app, 'rebild.team');
    const out = await a.inject({ method: 'POST', url: '/api/auth/logout' });
    expect(out.statusCode).toBe(204);
    expect((await a.inject({ url: '/api/auth/me' })).statusCode).toBe(401);
    expect((await b.inject({ url: '/api/auth/me' })).statusCode).toBe(200);

    const everywhere = await b.inject({ method: 'POST', url: '/api/auth/logout?everywhere=true' });
    expect(everywhere.statusCode).toBe(204);
    expect((await b.inject({ url: '/api/auth/me' })).statusCode).toBe(401);
    expect((await c.inject({ url: '/api/auth/me' })).statusCode).toBe(401);
    // Someone else's session is untouched.
    const other = await login(t.app, 'rebild.sundhed');
    expect((await other.inject({ url: '/api/auth/me' })).statusCode).toBe(200);
  });

  it('ends every session of a user the moment an administrator deactivates them', async () => {
    const admin = await login(t.app, 'rebild.admin');
    const victim = await login(t.app, 'rebild.udbyder');
    const second = await login(t.app, 'rebild.udbyder');
    expect((await victim.inject({ url: '/api/auth/me' })).statusCode).toBe(200);
    const res = await admin.inject({
      method: 'POST',
      url: `/api/admin/users/${victim.user.id}/deactivate`,
    });
    expect(res.statusCode).toBe(204);
    expect((await victim.inject({ url: '/api/auth/me' })).statusCode).toBe(401);
    expect((await second.inject({ url: '/api/auth/me' })).statusCode).toBe(401);
    const { rows } = await sql<{ open: number }>`
      select count(*) as open from user_session where user_id = ${victim.user.id} and revoked_at is null`.execute(
      t.database.db,
    );
    expect(Number(rows[0]!.open)).toBe(0);
    // A deactivated user cannot log in, and is told nothing more than a wrong password.
    const again = await attempt('rebild.udbyder', 'helhed-demo', '10.0.3.1');
    expect(again.statusCode).toBe(401);
    // Activated again, they can.
    await admin.inject({ method: 'POST', url: `/api/admin/users/${victim.user.id}/activate` });
    expect((await attempt('rebild.udbyder', 'helhed-demo', '10.0.3.2')).statusCode).toBe(200);
  });

  it('an administrator cannot deactivate a user of another municipality', async () => {
    const admin = await login(t.app, 'rebild.admin');
    const odense = await login(t.app, 'odense.sagsbehandler');
    const res = await admin.inject({
      method: 'POST',
      url: `/api/admin/users/${odense.user.id}/deactivate`,
    });
    expect(res.statusCode).toBe(404);
    expect((await odense.inject({ url: '/api/auth/me' })).statusCode).toBe(200);
  });
});
