/**
 * Onboarding a municipality (issue 18, decision 1050): its reference row is marked onboarded,
 * its first organisations and its first administrator are created, and the administrator gets a
 * one-time invitation to set a password. The operator's route (modules/operator) and the demo
 * seed both go through onboardTenant(), so the demo municipalities are made the way a real one
 * is. The caller's transaction is either a tenant transaction for the municipality (the
 * operator: row-level security confines every write to it) or the seed's owner transaction.
 */
import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Database } from '../db/database.js';
import type { Tx } from './context.js';
import { AppError } from './errors.js';

export const builtInOrganisationTypes = [
  'jobcenter',
  'sundhedscenter',
  'traeningscenter',
  'forebyggelsescenter',
  'rusmiddelcenter',
  'provider',
  'association',
  'region',
] as const;
export type BuiltInOrganisationType = (typeof builtInOrganisationTypes)[number];

export interface OnboardingInput {
  code: string;
  name: string;
  organisations: { name: string; type: BuiltInOrganisationType; address?: string | null }[];
  administrator: { username: string; displayName: string; email?: string | null };
  /** Who onboards (the operator's user id); null for the demo seed. */
  onboardedBy: string | null;
}

export interface OnboardingResult {
  code: string;
  name: string;
  administratorId: string;
  organisations: { id: string; name: string; type: string }[];
}

const conflict = (da: string, en: string, pointer?: string) =>
  new AppError(
    'conflict',
    { da, en },
    pointer ? { errors: [{ in: 'body', pointer, message: da }] } : undefined,
  );

/** The municipality as the reference table holds it, or null for a code that is not one. */
export async function referenceMunicipality(tx: Tx, code: string) {
  const { rows } = await sql<{
    code: string;
    name: string;
    onboarded_at: Date | null;
    offboarded_at: Date | null;
  }>`select code, name, onboarded_at, offboarded_at from municipality where code = ${code}`.execute(
    tx,
  );
  return rows[0] ?? null;
}

export async function onboardTenant(tx: Tx, input: OnboardingInput): Promise<OnboardingResult> {
  const m = await referenceMunicipality(tx, input.code);
  if (!m) {
    throw new AppError(
      'validation',
      {
        da: `${input.code} er ikke en kommunekode.`,
        en: `${input.code} is not a municipality code.`,
      },
      { errors: [{ in: 'body', pointer: '/code', message: 'Ukendt kommunekode' }] },
    );
  }
  // The official name is the reference table's; a mismatch is most likely a wrong code.
  if (m.name.toLocaleLowerCase('da') !== input.name.trim().toLocaleLowerCase('da')) {
    throw new AppError(
      'validation',
      {
        da: `Kommunekode ${m.code} er ${m.name}, ikke ${input.name}.`,
        en: `Municipality code ${m.code} is ${m.name}, not ${input.name}.`,
      },
      { errors: [{ in: 'body', pointer: '/name', message: `Kode ${m.code} er ${m.name}` }] },
    );
  }
  if (m.onboarded_at) {
    throw conflict(`${m.name} er allerede i Helhed.`, `${m.name} is already in Helhed.`, '/code');
  }
  const { rows: taken } = await sql<{
    taken: boolean;
  }>`select helhed_username_taken(${input.administrator.username}) as taken`.execute(tx);
  if (taken[0]?.taken) {
    throw conflict('Brugernavnet er optaget.', 'The username is taken.', '/administrator/username');
  }
  await sql`update municipality set onboarded_at = now(), onboarded_by = ${input.onboardedBy},
    offboarded_at = null where code = ${m.code}`.execute(tx);
  const organisations: OnboardingResult['organisations'] = [];
  for (const o of input.organisations) {
    const { rows } = await sql<{ id: string }>`
      insert into organisation (municipality_code, name, type, address)
      values (${m.code}, ${o.name}, ${o.type}, ${o.address ?? null}) returning id`.execute(tx);
    organisations.push({ id: rows[0]!.id, name: o.name, type: o.type });
  }
  const { rows: user } = await sql<{ id: string }>`
    insert into app_user (municipality_code, kind, username, display_name, email)
    values (${m.code}, 'staff', ${input.administrator.username.toLowerCase()},
      ${input.administrator.displayName}, ${input.administrator.email ?? null})
    returning id`.execute(tx);
  const administratorId = user[0]!.id;
  await sql`insert into user_role (municipality_code, user_id, role, organisation_id)
    values (${m.code}, ${administratorId}, 'administrator', null)`.execute(tx);
  return { code: m.code, name: m.name, administratorId, organisations };
}

const invitationHash = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * A one-time invitation to set a password; the token is returned once and only its hash is
 * stored. An earlier unused invitation of the user stops working.
 */
export async function createInvitation(
  tx: Tx,
  municipalityCode: string,
  userId: string,
  createdBy: string | null,
  validHours = 72,
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  await sql`update user_invitation set used_at = now()
    where user_id = ${userId} and used_at is null`.execute(tx);
  const { rows } = await sql<{ expires_at: Date }>`
    insert into user_invitation (token_hash, municipality_code, user_id, created_by, expires_at)
    values (${invitationHash(token)}, ${municipalityCode}, ${userId}, ${createdBy},
      now() + make_interval(hours => ${validHours}))
    returning expires_at`.execute(tx);
  return { token, expiresAt: new Date(rows[0]!.expires_at) };
}

/**
 * Uses an invitation: the user's password becomes the hash given, the invitation is spent and
 * any session the user had ends. Platform code (the token arrives before a tenant is known).
 * Returns the user, or null when the token is unknown, spent or expired.
 */
export async function useInvitation(
  database: Database,
  token: string,
  passwordHash: string,
): Promise<{ userId: string; municipalityCode: string; username: string } | null> {
  return database.db.transaction().execute(async (tx) => {
    const { rows } = await sql<{ user_id: string; municipality_code: string }>`
      update user_invitation set used_at = now()
      where token_hash = ${invitationHash(token)} and used_at is null and expires_at > now()
      returning user_id, municipality_code`.execute(tx);
    const invitation = rows[0];
    if (!invitation) return null;
    const { rows: users } = await sql<{ username: string }>`
      update app_user set password_hash = ${passwordHash}
      where id = ${invitation.user_id} and active and kind = 'staff'
      returning username`.execute(tx);
    if (!users[0]) return null;
    await sql`update user_session set revoked_at = now()
      where user_id = ${invitation.user_id} and revoked_at is null`.execute(tx);
    return {
      userId: invitation.user_id,
      municipalityCode: invitation.municipality_code,
      username: users[0].username,
    };
  });
}
