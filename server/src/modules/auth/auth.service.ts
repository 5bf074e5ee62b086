/**
 * Login with username and password or through an OpenID Connect broker (MitID-style). Messages
 * never tell whether a username exists. Failures lock the account they were against; failures
 * from one address only slow that address's failed answers down (platform/throttle.ts), so a
 * scan from an office's address never refuses a colleague's right password.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import * as oidc from 'openid-client';
import type { Config } from '../../config.js';
import type { Database } from '../../db/database.js';
import type { Actor } from '../../platform/context.js';
import { hashCpr, parseCpr } from '../../platform/cpr.js';
import { AppError } from '../../platform/errors.js';
import { useInvitation } from '../../platform/onboarding.js';
import { hashPassword, verifyPassword } from '../../platform/passwords.js';
import { isEgressAddress } from '../../platform/rate-limit.js';
import {
  createSession,
  lookupSession,
  revokeAllSessions,
  revokeSession,
} from '../../platform/sessions.js';
import {
  clearFailures,
  failureDelayMs,
  lockedFor,
  loginDelay,
  recordFailure,
} from '../../platform/throttle.js';

const wrongCredentials = () =>
  new AppError('unauthenticated', {
    da: 'Forkert brugernavn eller adgangskode.',
    en: 'Wrong username or password.',
  });

const throttled = (seconds: number) =>
  new AppError(
    'rate_limited',
    {
      da: `For mange mislykkede forsøg. Prøv igen om ${Math.ceil(seconds / 60)} minutter.`,
      en: `Too many failed attempts. Try again in ${Math.ceil(seconds / 60)} minutes.`,
    },
    { headers: { 'retry-after': String(seconds) } },
  );

export interface LoginMeta {
  ip: string | null;
  userAgent: string | null;
}

export async function loginWithPassword(
  database: Database,
  config: Config,
  username: string,
  password: string,
  meta: LoginMeta,
): Promise<{ token: string; actor: Actor }> {
  const name = username.trim().toLowerCase();
  const locked = await lockedFor(database, name);
  if (locked > 0) throw throttled(locked);
  const { rows } = await sql<{
    id: string;
    password_hash: string | null;
    municipality_code: string | null;
  }>`
    select id, password_hash, municipality_code from app_user where lower(username) = ${name} and active`.execute(
    database.db,
  );
  const user = rows[0];
  const ok = await verifyPassword(user?.password_hash ?? null, password);
  if (!user || !ok) {
    const addressFailures = await recordFailure(database, name, meta.ip);
    const nowLocked = await lockedFor(database, name);
    if (nowLocked > 0) throw throttled(nowLocked);
    const egress = await isEgressAddress(database, meta.ip);
    await loginDelay.sleep(failureDelayMs(addressFailures, egress));
    throw wrongCredentials();
  }
  await clearFailures(database, name);
  return startSession(database, config, user.id, user.municipality_code, {
    ...meta,
    via: 'password',
  });
}

async function startSession(
  database: Database,
  config: Config,
  userId: string,
  municipalityCode: string | null,
  meta: LoginMeta & { via: 'password' | 'oidc' },
) {
  const { token } = await createSession(database, config, userId, municipalityCode, meta);
  const actor = await lookupSession(database, config, token);
  if (!actor) throw new AppError('internal');
  return { token, actor };
}

/**
 * The first login of a user made with an invitation (the first administrator of a new
 * municipality): the one-time token sets the password and starts a session, so the user carries
 * on at once. An unknown, used or expired token says so and nothing else.
 */
export async function setPasswordWithInvitation(
  database: Database,
  config: Config,
  token: string,
  password: string,
  meta: LoginMeta,
): Promise<{ token: string; actor: Actor }> {
  const used = await useInvitation(database, token, await hashPassword(password));
  if (!used) {
    throw new AppError('not_found', {
      da: 'Linket er brugt eller udløbet. Bed om et nyt.',
      en: 'The link has been used or has expired. Ask for a new one.',
    });
  }
  await clearFailures(database, used.username);
  return startSession(database, config, used.userId, used.municipalityCode, {
    ...meta,
    via: 'password',
  });
}

export async function logout(database: Database, actor: Actor, everywhere: boolean) {
  if (everywhere) await revokeAllSessions(database, actor.userId);
  else await revokeSession(database, actor.sessionTokenHash);
}

// ---- OpenID Connect ------------------------------------------------------------------------

/**
 * MitID switched off is a feature that is not there (404), not an outage (503): monitoring
 * pages on 503. A configured provider that does not answer stays 503.
 */
export const oidcNotConfigured = () =>
  new AppError('oidc_not_configured', {
    da: 'Login med MitID er ikke slået til på denne installation.',
    en: 'MitID login is not enabled on this installation.',
  });

let cached: { key: string; config: oidc.Configuration } | null = null;

async function oidcConfig(config: Config): Promise<oidc.Configuration> {
  if (!config.oidc) throw oidcNotConfigured();
  const key = `${config.oidc.issuer}|${config.oidc.clientId}`;
  if (cached?.key === key) return cached.config;
  try {
    const discovered = await oidc.discovery(
      new URL(config.oidc.issuer),
      config.oidc.clientId,
      undefined,
      // client_secret_basic: the OpenID Connect default, and what brokers register a client
      // with unless told otherwise (openid-client would otherwise post the secret in the body).
      oidc.ClientSecretBasic(config.oidc.clientSecret),
      config.oidcAllowInsecure ? { execute: [oidc.allowInsecureRequests] } : undefined,
    );
    cached = { key, config: discovered };
    return discovered;
  } catch {
    throw new AppError('unavailable', {
      da: 'Login-tjenesten svarer ikke. Prøv igen om lidt.',
      en: 'The login service does not answer. Try again shortly.',
    });
  }
}

/** Starts an authorization-code flow with PKCE; state, nonce and verifier wait in oidc_flow. */
export async function oidcStart(database: Database, config: Config): Promise<string> {
  const client = await oidcConfig(config);
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  await sql`delete from oidc_flow where created_at < now() - interval '10 minutes'`.execute(
    database.db,
  );
  await sql`insert into oidc_flow (state, nonce, code_verifier) values (${state}, ${nonce}, ${codeVerifier})`.execute(
    database.db,
  );
  const url = oidc.buildAuthorizationUrl(client, {
    redirect_uri: config.oidc!.redirectUri,
    scope: 'openid profile',
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  return url.href;
}

const CPR_CLAIMS = ['cpr', 'dk:gov:cpr', 'https://data.gov.dk/model/core/eid/cprNumber'];

/**
 * Completes the flow. The state must match a flow we started (and is used once); openid-client
 * checks the nonce, the PKCE verifier and the ID token. Citizens are matched by the CPR claim's
 * keyed hash, staff by the subject.
 */
export async function oidcCallback(
  database: Database,
  config: Config,
  callbackUrl: URL,
  meta: LoginMeta,
): Promise<{ token: string; actor: Actor }> {
  const client = await oidcConfig(config);
  const state = callbackUrl.searchParams.get('state') ?? '';
  const refused = () =>
    new AppError('unauthenticated', {
      da: 'Login blev afvist. Start forfra.',
      en: 'The login was refused. Please start again.',
    });
  const { rows } = await sql<{ nonce: string; code_verifier: string }>`
    delete from oidc_flow where state = ${state} and created_at > now() - interval '10 minutes'
    returning nonce, code_verifier`.execute(database.db);
  const flow = rows[0];
  if (!flow) throw refused();
  let claims: oidc.IDToken | undefined;
  try {
    const tokens = await oidc.authorizationCodeGrant(client, callbackUrl, {
      pkceCodeVerifier: flow.code_verifier,
      expectedState: state,
      expectedNonce: flow.nonce,
      idTokenExpected: true,
    });
    claims = tokens.claims();
  } catch {
    throw refused();
  }
  if (!claims) throw refused();
  const cprClaim = CPR_CLAIMS.map((c) => claims[c]).find((v) => typeof v === 'string') as
    | string
    | undefined;
  if (cprClaim) {
    const parsed = parseCpr(cprClaim);
    if (!parsed) throw refused();
    const user = await citizenUserByCpr(database, config, parsed.cpr);
    if (!user) {
      throw new AppError('not_found', {
        da: 'Vi kender dig ikke som borger i en kommune, der bruger Helhed.',
        en: 'You are not known as a citizen in a municipality that uses Helhed.',
      });
    }
    return startSession(database, config, user.id, user.municipality_code, {
      ...meta,
      via: 'oidc',
    });
  }
  const { rows: staff } = await sql<{ id: string; municipality_code: string }>`
    select id, municipality_code from app_user
    where oidc_subject = ${String(claims.sub)} and kind = 'staff' and active`.execute(database.db);
  const user = staff[0];
  if (!user) throw refused();
  return startSession(database, config, user.id, user.municipality_code, { ...meta, via: 'oidc' });
}

/** The citizen's login identity, created on first login for a citizen we hold. */
async function citizenUserByCpr(database: Database, config: Config, cpr: string) {
  const hash = hashCpr({ encryptionKey: config.cprEncryptionKey, hashKey: config.cprHashKey }, cpr);
  return database.db.transaction().execute(async (tx) => {
    const { rows } = await sql<{
      id: string;
      municipality_code: string;
      first_name: string;
      last_name: string;
    }>`
      select id, municipality_code, first_name, last_name from citizen where cpr_hash = ${hash}
      order by updated_at desc limit 1`.execute(tx);
    const citizen = rows[0];
    if (!citizen) return null;
    const { rows: users } = await sql<{ id: string; municipality_code: string; active: boolean }>`
      select id, municipality_code, active from app_user
      where kind = 'citizen' and citizen_id = ${citizen.id} and municipality_code = ${citizen.municipality_code}`.execute(
      tx,
    );
    if (users[0]) return users[0].active ? users[0] : null;
    const { rows: created } = await sql<{ id: string; municipality_code: string }>`
      insert into app_user (municipality_code, kind, display_name, citizen_id)
      values (${citizen.municipality_code}, 'citizen', ${`${citizen.first_name} ${citizen.last_name}`}, ${citizen.id})
      returning id, municipality_code`.execute(tx);
    const user = created[0]!;
    await sql`insert into user_role (municipality_code, user_id, role) values (${user.municipality_code}, ${user.id}, 'citizen')`.execute(
      tx,
    );
    return user;
  });
}

export const randomToken = () => randomBytes(24).toString('base64url');
