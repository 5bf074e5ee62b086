/**
 * Every setting comes from the environment and is validated once at start. A bad value stops the
 * start with one line naming the variable, so an operator never has to read a stack trace.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { repoRoot } from './paths.js';

export interface Config {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  /** PostgreSQL connection string; when unset, the embedded database in dataDir is used. */
  databaseUrl: string | null;
  /**
   * A hot-standby replica of DATABASE_URL for the evaluation and dashboard reads (their audit
   * rows go to the primary). Unset: those reads use the primary too.
   */
  databaseReadUrl: string | null;
  /**
   * PostgreSQL's `statement_timeout` for the request pool (DB_STATEMENT_TIMEOUT_MS, default
   * 30 s; 0 = none): a statement that runs longer is cancelled and the request answers 503
   * `database_timeout`. Migrations, the sealer and the command-line tools have no limit.
   */
  dbStatementTimeoutMs: number;
  /**
   * `idle_in_transaction_session_timeout` for the request pool (DB_IDLE_IN_TRANSACTION_TIMEOUT_MS,
   * default 60 s; 0 = none): a connection left in an open transaction is closed.
   */
  dbIdleInTransactionTimeoutMs: number;
  dataDir: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** 32-byte key for AES-256-GCM encryption of CPR numbers. */
  cprEncryptionKey: Buffer;
  /** 32-byte key for the HMAC-SHA256 lookup hash of CPR numbers. */
  cprHashKey: Buffer;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  bodyLimitBytes: number;
  auditRetentionYears: number;
  seedDemo: boolean;
  /** Requests per minute per signed-in session before 429 (a user gets twice this). */
  rateLimitPerMinute: number;
  /** Requests per minute per address without a session (login, public links) before 429. */
  rateLimitAddressPerMinute: number;
  webDist: string | null;
  publicUrl: string;
  oidc: { issuer: string; clientId: string; clientSecret: string; redirectUri: string } | null;
  /** Set only in tests: lets the OIDC client talk to a provider on plain http on loopback. */
  oidcAllowInsecure: boolean;
  /**
   * SMTP server for reminders (smtp:// or smtps://, e.g. smtp://user:pass@mail.kommune.dk:587).
   * Unset (the embedded default): reminders stay in the outbox table and are not sent.
   */
  smtpUrl: string | null;
  /** The From address of reminder e-mails. */
  mailFrom: string;
  /**
   * HTTP gateway of an SMS provider (http:// or https://; user:password in the URL is sent as
   * Basic authentication). Unset (the embedded default): SMS reminders stay in the outbox.
   */
  smsUrl: string | null;
}

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw))
    throw new ConfigError(`${name}=${raw} er ikke et heltal (is not an integer)`);
  const value = Number(raw);
  if (value < min || value > max) {
    throw new ConfigError(
      `${name}=${raw} skal ligge mellem ${min} og ${max} (must be ${min}-${max})`,
    );
  }
  return value;
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new ConfigError(`${name}=${raw} skal være en af ${allowed.join(', ')} (must be one of)`);
  }
  return raw as T;
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes'].includes(raw)) return true;
  if (['0', 'false', 'no'].includes(raw)) return false;
  throw new ConfigError(`${name}=${raw} skal være true eller false (must be true or false)`);
}

/**
 * Keys are 64 hex characters. In development and test a key is derived from a fixed label so the
 * demo runs with no setup; production refuses to start without real keys.
 */
function key(env: Env, name: string, mode: Config['env']): Buffer {
  const raw = env[name];
  if (raw === undefined || raw === '') {
    if (mode === 'production' && env.HELHED_DEMO_KEYS !== 'true') {
      throw new ConfigError(
        `${name} mangler: sæt 64 hex-tegn i produktion (missing: set 64 hex characters in production, or HELHED_DEMO_KEYS=true for a demo)`,
      );
    }
    return createHash('sha256').update(`helhed-development-key:${name}`).digest();
  }
  if (!/^[0-9a-fA-F]{64}$/.test(raw)) {
    throw new ConfigError(`${name} skal være 64 hex-tegn (must be 64 hex characters)`);
  }
  return Buffer.from(raw, 'hex');
}

function url(env: Env, name: string): string | null {
  const raw = env[name];
  if (raw === undefined || raw === '') return null;
  try {
    new URL(raw);
  } catch {
    throw new ConfigError(`${name} er ikke en gyldig URL (is not a valid URL)`);
  }
  return raw;
}

export function loadConfig(env: Env = process.env, cwd = process.cwd()): Config {
  const mode = oneOf(
    env,
    'NODE_ENV',
    ['development', 'production', 'test'] as const,
    'development',
  );
  const port = int(env, 'PORT', 3000, 0, 65535);
  const host = env.HOST || (mode === 'production' ? '0.0.0.0' : '127.0.0.1');
  const databaseUrl = url(env, 'DATABASE_URL');
  if (databaseUrl && !/^postgres(ql)?:/.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL skal starte med postgres:// (must start with postgres://)');
  }
  const databaseReadUrl = url(env, 'DATABASE_READ_URL');
  if (databaseReadUrl && !databaseUrl) {
    throw new ConfigError(
      'DATABASE_READ_URL kræver DATABASE_URL: en replika læser kun for en PostgreSQL-primær (requires DATABASE_URL)',
    );
  }
  if (databaseReadUrl && !/^postgres(ql)?:/.test(databaseReadUrl)) {
    throw new ConfigError(
      'DATABASE_READ_URL skal starte med postgres:// (must start with postgres://)',
    );
  }
  const issuer = url(env, 'OIDC_ISSUER');
  // Links that leave the server (survey QR codes, e-mails, the OIDC callback) are built from
  // PUBLIC_URL; in production a localhost default would print codes that lead nowhere.
  const givenPublicUrl = url(env, 'PUBLIC_URL');
  if (!givenPublicUrl && mode === 'production') {
    throw new ConfigError(
      'PUBLIC_URL mangler: sæt den adresse brugerne når tjenesten på, fx https://helhed.kommune.dk (missing: set the address users reach in production)',
    );
  }
  const publicUrl = givenPublicUrl ?? `http://localhost:${port}`;
  let oidc: Config['oidc'] = null;
  if (issuer) {
    const clientId = env.OIDC_CLIENT_ID;
    const clientSecret = env.OIDC_CLIENT_SECRET;
    if (!clientId) throw new ConfigError('OIDC_CLIENT_ID mangler når OIDC_ISSUER er sat (missing)');
    if (!clientSecret)
      throw new ConfigError('OIDC_CLIENT_SECRET mangler når OIDC_ISSUER er sat (missing)');
    oidc = {
      issuer,
      clientId,
      clientSecret,
      redirectUri: url(env, 'OIDC_REDIRECT_URI') ?? `${publicUrl}/api/auth/oidc/callback`,
    };
  }
  const webDist = path.resolve(cwd, env.WEB_DIST ?? defaultWebDist(cwd));
  return {
    env: mode,
    host,
    port,
    databaseUrl,
    databaseReadUrl,
    dbStatementTimeoutMs: int(env, 'DB_STATEMENT_TIMEOUT_MS', 30_000, 0, 24 * 3_600_000),
    dbIdleInTransactionTimeoutMs: int(
      env,
      'DB_IDLE_IN_TRANSACTION_TIMEOUT_MS',
      60_000,
      0,
      24 * 3_600_000,
    ),
    dataDir: path.resolve(cwd, env.DATA_DIR || defaultDataDir(cwd)),
    logLevel: oneOf(
      env,
      'LOG_LEVEL',
      ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const,
      mode === 'test' ? 'silent' : 'info',
    ),
    cprEncryptionKey: key(env, 'CPR_ENCRYPTION_KEY', mode),
    cprHashKey: key(env, 'CPR_HASH_KEY', mode),
    sessionIdleMinutes: int(env, 'SESSION_IDLE_MINUTES', 30, 1, 24 * 60),
    sessionAbsoluteHours: int(env, 'SESSION_ABSOLUTE_HOURS', 10, 1, 24 * 7),
    bodyLimitBytes: int(env, 'BODY_LIMIT_BYTES', 1_048_576, 1024, 100 * 1_048_576),
    auditRetentionYears: int(env, 'AUDIT_RETENTION_YEARS', 5, 1, 100),
    seedDemo: bool(env, 'SEED_DEMO', true),
    rateLimitPerMinute: int(env, 'RATE_LIMIT_PER_MINUTE', 600, 1, 100_000_000),
    rateLimitAddressPerMinute: int(env, 'RATE_LIMIT_ADDRESS_PER_MINUTE', 300, 1, 100_000_000),
    webDist: webDist,
    publicUrl,
    oidc,
    oidcAllowInsecure: bool(env, 'OIDC_ALLOW_INSECURE', false),
    smtpUrl: smtpUrl(env),
    mailFrom: env.MAIL_FROM || 'jobcenter@helhed.invalid',
    smsUrl: smsUrl(env),
  };
}

function smsUrl(env: Env): string | null {
  const value = url(env, 'SMS_URL');
  if (value && !/^https?:\/\//.test(value)) {
    throw new ConfigError(
      'SMS_URL skal starte med http:// eller https:// (must start with http:// or https://)',
    );
  }
  return value;
}

function smtpUrl(env: Env): string | null {
  const value = env.SMTP_URL;
  if (!value) return null;
  if (!/^smtps?:\/\//.test(value)) {
    throw new ConfigError(
      'SMTP_URL skal starte med smtp:// eller smtps:// (must start with smtp:// or smtps://)',
    );
  }
  return value;
}

function defaultDataDir(_cwd: string): string {
  return path.join(repoRoot, 'data');
}

function defaultWebDist(_cwd: string): string {
  return path.join(repoRoot, 'web', 'dist');
}
