import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

const keys = {
  CPR_ENCRYPTION_KEY: 'a'.repeat(64),
  CPR_HASH_KEY: 'b'.repeat(64),
};

describe('configuration at start', () => {
  it('refuses production without PUBLIC_URL, naming the variable (QR codes and links would point at localhost)', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', ...keys })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production', ...keys })).toThrow(/PUBLIC_URL/);
    const config = loadConfig({
      NODE_ENV: 'production',
      ...keys,
      PUBLIC_URL: 'https://helhed.rebild.dk',
    });
    expect(config.publicUrl).toBe('https://helhed.rebild.dk');
    expect(config.oidc).toBeNull();
  });

  it('lets a local start go without it, at the local address', () => {
    expect(loadConfig({ PORT: '4100' }).publicUrl).toBe('http://localhost:4100');
  });

  it('refuses production without real keys, and a key that is not 64 hex characters', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', PUBLIC_URL: 'https://h.dk' })).toThrow(
      /CPR_ENCRYPTION_KEY/,
    );
    expect(() => loadConfig({ ...keys, CPR_HASH_KEY: 'xyz' })).toThrow(/CPR_HASH_KEY/);
  });

  it('takes an SMS gateway over http(s) and refuses anything else; unset keeps SMS in the outbox', () => {
    expect(loadConfig({}).smsUrl).toBeNull();
    expect(loadConfig({ SMS_URL: 'https://u:p@sms.example/send' }).smsUrl).toBe(
      'https://u:p@sms.example/send',
    );
    expect(() => loadConfig({ SMS_URL: 'smtp://sms.example' })).toThrow(/SMS_URL/);
    expect(() => loadConfig({ SMS_URL: 'not a url' })).toThrow(/SMS_URL/);
  });

  it('takes a read replica only beside a PostgreSQL primary, and reads the primary without one', () => {
    const primary = 'postgres://helhed@db1:5432/helhed';
    const replica = 'postgres://helhed@db2:5432/helhed';
    expect(loadConfig({ DATABASE_URL: primary }).databaseReadUrl).toBeNull();
    expect(loadConfig({ DATABASE_URL: primary, DATABASE_READ_URL: replica }).databaseReadUrl).toBe(
      replica,
    );
    expect(() => loadConfig({ DATABASE_READ_URL: replica })).toThrow(/DATABASE_READ_URL/);
    expect(() =>
      loadConfig({ DATABASE_URL: primary, DATABASE_READ_URL: 'mysql://db2/helhed' }),
    ).toThrow(/postgres/);
  });
});
