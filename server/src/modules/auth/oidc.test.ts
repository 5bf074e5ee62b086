/**
 * OpenID Connect login against a real provider (oidc-provider) started on loopback inside the
 * test: authorization code + PKCE, client_secret_basic, the citizen matched by the CPR claim.
 * Interactions are completed by the test's own handler (as a broker's login page would).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import Provider from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, login, type TestApp } from '../../../test/helper.js';
import { demoCpr } from '../../db/seed/demo.js';
import { hashCpr } from '../../platform/cpr.js';
import { tokenHash } from '../../platform/sessions.js';

const CLIENT_ID = 'helhed-test';
const CLIENT_SECRET = 'en-hemmelighed-kun-til-test';
const REDIRECT_URI = 'http://127.0.0.1:5999/api/auth/oidc/callback';

/** The CPR the provider asserts for the next login (the first Rebild demo citizen by default). */
let nextCpr = demoCpr(0, 0);

let server: http.Server;
let issuer: string;
let t: TestApp;

async function startProvider() {
  let provider: Provider | undefined;
  server = http.createServer(async (req, res) => {
    try {
      if (!provider) throw new Error('provider not ready');
      if (req.url?.startsWith('/interaction/')) {
        const details = await provider.interactionDetails(req, res);
        if (details.prompt.name === 'login') {
          await provider.interactionFinished(
            req,
            res,
            { login: { accountId: `citizen-${nextCpr.slice(-4)}` } },
            { mergeWithLastSubmission: false },
          );
          return;
        }
        const grant = new provider.Grant({
          accountId: details.session!.accountId,
          clientId: String(details.params.client_id),
        });
        grant.addOIDCScope(String(details.params.scope));
        const grantId = await grant.save();
        await provider.interactionFinished(
          req,
          res,
          { consent: { grantId } },
          { mergeWithLastSubmission: true },
        );
        return;
      }
      provider.callback()(req, res);
    } catch (error) {
      res.statusCode = 500;
      res.end(String(error));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  provider = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        redirect_uris: [REDIRECT_URI],
        token_endpoint_auth_method: 'client_secret_basic',
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    async findAccount(_ctx, id) {
      const cpr = nextCpr;
      return { accountId: id, claims: async () => ({ sub: id, cpr, name: 'Test Borger' }) };
    },
    claims: { openid: ['sub', 'cpr'], profile: ['name'] },
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: false } },
    pkce: { required: () => true },
    cookies: { keys: ['en-cookie-nøgle-til-test'] },
  });
}

/** A minimal cookie jar, so the provider recognises its own interaction across redirects. */
function jar() {
  const cookies = new Map<string, string>();
  return {
    header: () => [...cookies].map(([k, v]) => `${k}=${v}`).join('; '),
    take(res: Response) {
      for (const c of res.headers.getSetCookie()) {
        const [pair] = c.split(';');
        const i = pair!.indexOf('=');
        cookies.set(pair!.slice(0, i), pair!.slice(i + 1));
      }
    },
  };
}

/** Follows the provider's redirects until it sends the browser back to our callback. */
async function throughProvider(authorizationUrl: string): Promise<URL> {
  const cookies = jar();
  let url = authorizationUrl;
  for (let hop = 0; hop < 10; hop++) {
    if (url.startsWith(REDIRECT_URI.split('?')[0]!)) return new URL(url);
    const res = await fetch(url, { redirect: 'manual', headers: { cookie: cookies.header() } });
    cookies.take(res);
    const location = res.headers.get('location');
    if (!location) throw new Error(`provider stopped at ${url}: ${res.status} ${await res.text()}`);
    url = new URL(location, url).href;
  }
  throw new Error('too many redirects');
}

async function startLogin() {
  const res = await t.app.inject({ url: '/api/auth/oidc/start' });
  expect(res.statusCode).toBe(302);
  return String(res.headers.location);
}

const callback = (url: URL) => t.app.inject({ url: `${url.pathname}${url.search}` });

beforeAll(async () => {
  await startProvider();
  t = await buildTestApp({
    config: {
      OIDC_ISSUER: issuer,
      OIDC_CLIENT_ID: CLIENT_ID,
      OIDC_CLIENT_SECRET: CLIENT_SECRET,
      OIDC_REDIRECT_URI: REDIRECT_URI,
      OIDC_ALLOW_INSECURE: 'true',
    },
  });
});

afterAll(async () => {
  await t?.close();
  await new Promise((resolve) => server?.close(resolve));
});

describe('OpenID Connect login', () => {
  it('sends the browser to the provider with PKCE, state and nonce', async () => {
    const location = new URL(await startLogin());
    expect(location.origin).toBe(issuer);
    expect(location.searchParams.get('code_challenge_method')).toBe('S256');
    expect(location.searchParams.get('code_challenge')).toBeTruthy();
    expect(location.searchParams.get('state')).toBeTruthy();
    expect(location.searchParams.get('nonce')).toBeTruthy();
    expect(location.searchParams.get('redirect_uri')).toBe(REDIRECT_URI);
  });

  it('creates a session for the citizen whose CPR the provider asserts', async () => {
    nextCpr = demoCpr(0, 0);
    const back = await throughProvider(await startLogin());
    expect(back.searchParams.get('code')).toBeTruthy();
    const res = await callback(back);
    expect(res.statusCode, res.body).toBe(302);
    const cookie = res.cookies.find((c) => c.name === 'helhed_session');
    expect(cookie?.httpOnly).toBe(true);
    const me = await t.app.inject({
      url: '/api/auth/me',
      headers: { cookie: `helhed_session=${cookie!.value}` },
    });
    expect(me.statusCode).toBe(200);
    const borger = await login(t.app, 'rebild.borger');
    expect(me.json().user.citizenId).toBe(borger.user.citizenId);
    expect(me.json().user.roles.map((r: { role: string }) => r.role)).toEqual(['citizen']);
    const { rows } = await sql<{ via: string }>`
      select via from user_session where token_hash = ${tokenHash(cookie!.value)}`.execute(
      t.database.db,
    );
    expect(rows[0]!.via).toBe('oidc');
    // The flow is used once: replaying the callback is refused.
    expect((await callback(back)).statusCode).toBe(401);
  });

  it('creates the login identity on first login for a citizen who had none', async () => {
    // An Odense demo citizen with no login of their own (some have one, or a proxy's).
    const keys = { encryptionKey: t.config.cprEncryptionKey, hashKey: t.config.cprHashKey };
    const loginsOf = async (cpr: string) =>
      (
        await sql<{ citizen_id: string; logins: number }>`
          select c.id as citizen_id, (select count(*)::int from app_user u where u.citizen_id = c.id) as logins
          from citizen c where c.cpr_hash = ${hashCpr(keys, cpr)}`.execute(t.database.db)
      ).rows[0];
    let chosen: { cpr: string; citizenId: string } | null = null;
    for (let i = 0; i < 12 && !chosen; i++) {
      const row = await loginsOf(demoCpr(1, i));
      if (row && row.logins === 0) chosen = { cpr: demoCpr(1, i), citizenId: row.citizen_id };
    }
    expect(chosen).not.toBeNull();
    nextCpr = chosen!.cpr;
    const res = await callback(await throughProvider(await startLogin()));
    expect(res.statusCode).toBe(302);
    const cookie = res.cookies.find((c) => c.name === 'helhed_session')!;
    const me = await t.app.inject({
      url: '/api/auth/me',
      headers: { cookie: `helhed_session=${cookie.value}` },
    });
    expect(me.json().user).toMatchObject({
      kind: 'citizen',
      municipalityCode: '461',
      citizenId: chosen!.citizenId,
    });
    // The login identity now exists, once.
    expect((await loginsOf(chosen!.cpr))?.logins).toBe(1);
  });

  it('refuses a callback whose state we did not issue', async () => {
    nextCpr = demoCpr(0, 0);
    const back = await throughProvider(await startLogin());
    back.searchParams.set('state', 'et-andet-state');
    const res = await callback(back);
    expect(res.statusCode).toBe(401);
    expect(res.cookies.find((c) => c.name === 'helhed_session')).toBeUndefined();
  });

  it('refuses an ID token whose nonce does not match the one we stored', async () => {
    nextCpr = demoCpr(0, 0);
    const start = await startLogin();
    const state = new URL(start).searchParams.get('state')!;
    await sql`update oidc_flow set nonce = 'ikke-den-rigtige' where state = ${state}`.execute(
      t.database.db,
    );
    const res = await callback(await throughProvider(start));
    expect(res.statusCode).toBe(401);
    expect(res.cookies.find((c) => c.name === 'helhed_session')).toBeUndefined();
  });

  it('refuses a person the municipalities do not know, without a session', async () => {
    nextCpr = '0101501234';
    const res = await callback(await throughProvider(await startLogin()));
    expect(res.statusCode).toBe(404);
    expect(res.cookies.find((c) => c.name === 'helhed_session')).toBeUndefined();
  });
});

describe('MitID switched off, or configured but unreachable', () => {
  it('the login page learns that MitID is on', async () => {
    const res = await t.app.inject({ url: '/api/auth/methods' });
    expect(res.json()).toEqual({ password: true, oidc: true });
  });

  it('switched off: start and callback answer 404 oidc_not_configured, not an outage', async () => {
    const off = await buildTestApp({ seed: false });
    try {
      for (const url of ['/api/auth/oidc/start', '/api/auth/oidc/callback?code=x&state=y']) {
        const res = await off.app.inject({ url });
        expect(res.statusCode).toBe(404);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(res.json()).toMatchObject({ code: 'oidc_not_configured', status: 404 });
      }
      expect((await off.app.inject({ url: '/api/auth/methods' })).json()).toEqual({
        password: true,
        oidc: false,
      });
    } finally {
      await off.close();
    }
  });

  it('configured with a provider that does not answer: 503 unavailable', async () => {
    // A port nothing listens on: the provider is down, which is an outage worth paging on.
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const down = await buildTestApp({
      seed: false,
      config: {
        OIDC_ISSUER: `http://127.0.0.1:${port}/`,
        OIDC_CLIENT_ID: CLIENT_ID,
        OIDC_CLIENT_SECRET: CLIENT_SECRET,
        OIDC_REDIRECT_URI: REDIRECT_URI,
        OIDC_ALLOW_INSECURE: 'true',
      },
    });
    try {
      const res = await down.app.inject({ url: '/api/auth/oidc/start' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ code: 'unavailable' });
    } finally {
      await down.close();
    }
  });
});
