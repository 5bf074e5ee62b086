/**
 * CPR numbers (Danish personal identification numbers). Stored encrypted with AES-256-GCM and
 * found by an HMAC-SHA256 keyed hash, so the database alone reveals neither the number nor a
 * way to test guesses. Shown masked (ddmmyy-xxxx) unless a user opens it, which is audited.
 * Never logged: the logger redacts anything CPR-shaped.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

export interface CprKeys {
  encryptionKey: Buffer;
  hashKey: Buffer;
}

/** The century from the 7th digit, as the CPR office defines it. */
function century(yy: number, seventh: number): number | null {
  if (seventh <= 3) return 1900;
  if (seventh === 4 || seventh === 9) return yy <= 36 ? 2000 : 1900;
  if (seventh >= 5 && seventh <= 8) return yy <= 57 ? 2000 : 1800;
  return null;
}

export interface ParsedCpr {
  cpr: string;
  birthDate: string;
  gender: 'female' | 'male';
}

/** Accepts "ddmmyyxxxx" or "ddmmyy-xxxx"; returns null when the number or its date is invalid. */
export function parseCpr(input: string): ParsedCpr | null {
  const digits = input.trim().replace(/^(\d{6})-(\d{4})$/, '$1$2');
  if (!/^\d{10}$/.test(digits)) return null;
  const dd = Number(digits.slice(0, 2));
  const mm = Number(digits.slice(2, 4));
  const yy = Number(digits.slice(4, 6));
  const base = century(yy, Number(digits[6]));
  if (base === null) return null;
  const year = base + yy;
  const date = new Date(Date.UTC(year, mm - 1, dd));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== mm - 1 || date.getUTCDate() !== dd) {
    return null;
  }
  return {
    cpr: digits,
    birthDate: date.toISOString().slice(0, 10),
    gender: Number(digits[9]) % 2 === 0 ? 'female' : 'male',
  };
}

export function maskCpr(cpr: string): string {
  return `${cpr.slice(0, 6)}-xxxx`;
}

export function formatCpr(cpr: string): string {
  return `${cpr.slice(0, 6)}-${cpr.slice(6)}`;
}

export function hashCpr(keys: CprKeys, cpr: string): Buffer {
  return createHmac('sha256', keys.hashKey).update(cpr).digest();
}

export function encryptCpr(keys: CprKeys, cpr: string): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keys.encryptionKey, iv);
  const body = Buffer.concat([cipher.update(cpr, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

export function decryptCpr(keys: CprKeys, blob: Uint8Array): string {
  const buf = Buffer.from(blob);
  const decipher = createDecipheriv('aes-256-gcm', keys.encryptionKey, buf.subarray(0, 12));
  decipher.setAuthTag(buf.subarray(12, 28));
  return Buffer.concat([decipher.update(buf.subarray(28)), decipher.final()]).toString('utf8');
}

/** Matches CPR-shaped text anywhere in a string (with or without the dash). */
export const cprPattern = /\b[0-3]\d[01]\d{3}-?\d{4}\b/g;

export function redactCpr(text: string): string {
  return text.replace(cprPattern, '[cpr]');
}
