/**
 * Rows the citizen page shows, made as the database owner (past RLS) for tests and authz
 * cases: an offer, a referral, a course with sessions, an enrolment, attendance and consent.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Config } from '../../config.js';
import type { Database } from '../../db/database.js';
import { encryptCpr, hashCpr } from '../../platform/cpr.js';

export async function orgOf(database: Database, m: string, type: string): Promise<string> {
  const { rows } = await sql<{ id: string }>`
    select id from organisation where municipality_code = ${m} and type = ${type}
    order by created_at limit 1`.execute(database.db);
  return rows[0]!.id;
}

export async function citizensOf(database: Database, m: string): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`
    select id from citizen where municipality_code = ${m} order by created_at, id`.execute(
    database.db,
  );
  return rows.map((r) => r.id);
}

/** A referral from the jobcenter to `toType`, in state `state`; returns its id. */
export async function addReferral(
  database: Database,
  m: string,
  citizenId: string,
  toType = 'sundhedscenter',
  state = 'accepted',
): Promise<string> {
  const jobcenter = await orgOf(database, m, 'jobcenter');
  // toType is an organisation type, or an organisation id.
  const to = /^[0-9a-f-]{36}$/.test(toType) ? toType : await orgOf(database, m, toType);
  const { rows: u } = await sql<{ id: string }>`
    select id from app_user where municipality_code = ${m} and kind = 'staff' limit 1`.execute(
    database.db,
  );
  const { rows: o } = await sql<{ id: string }>`
    insert into offer (municipality_code, provider_organisation_id, title, referral_type, format, status)
    values (${m}, ${to}, 'Aktiv hverdag', 'referred', 'group', 'published') returning id`.execute(
    database.db,
  );
  const { rows } = await sql<{ id: string }>`
    insert into referral (municipality_code, citizen_id, offer_id, from_organisation_id,
      to_organisation_id, created_by, reason, participation, state)
    values (${m}, ${citizenId}, ${o[0]!.id}, ${jobcenter}, ${to}, ${u[0]!.id}, 'Ryg og søvn',
      'voluntary', ${state}) returning id`.execute(database.db);
  return rows[0]!.id;
}

/** Enrols the citizen in a course of `providerType` with two past and two future sessions. */
export async function addCourse(
  database: Database,
  m: string,
  citizenId: string,
  providerType = 'sundhedscenter',
): Promise<{ courseId: string; enrolmentId: string }> {
  const provider = await orgOf(database, m, providerType);
  const { rows: o } = await sql<{ id: string }>`
    insert into offer (municipality_code, provider_organisation_id, title, referral_type, format, status)
    values (${m}, ${provider}, 'Styrke og balance', 'referred', 'group', 'published') returning id`.execute(
    database.db,
  );
  const { rows: k } = await sql<{ id: string }>`
    insert into course (municipality_code, offer_id, title, start_date, weeks, capacity, place, status)
    values (${m}, ${o[0]!.id}, 'Styrke og balance, hold 1', current_date - 14, 8, 12, 'Sal 2', 'running')
    returning id`.execute(database.db);
  const courseId = k[0]!.id;
  const { rows: s } = await sql<{ id: string }>`
    insert into course_session (municipality_code, course_id, starts_at, ends_at)
    select ${m}, ${courseId}, now() + d * interval '1 day', now() + d * interval '1 day' + interval '1 hour'
    from unnest(array[-7, -2, 3, 10]) d returning id`.execute(database.db);
  const { rows: e } = await sql<{ id: string }>`
    insert into enrolment (municipality_code, course_id, citizen_id, status)
    values (${m}, ${courseId}, ${citizenId}, 'enrolled') returning id`.execute(database.db);
  const enrolmentId = e[0]!.id;
  const { rows: past } = await sql<{ id: string }>`
    select id from course_session where municipality_code = ${m} and course_id = ${courseId}
      and starts_at < now() order by starts_at`.execute(database.db);
  await sql`insert into attendance (municipality_code, session_id, enrolment_id, status)
    values (${m}, ${past[0]!.id}, ${enrolmentId}, 'present'),
      (${m}, ${past[1]!.id}, ${enrolmentId}, 'absent_notice')`.execute(database.db);
  void s;
  return { courseId, enrolmentId };
}

export async function addConsent(
  database: Database,
  m: string,
  citizenId: string,
  recipientType = 'jobcenter',
  categories = ['attendance', 'outcome'],
): Promise<string> {
  const to = await orgOf(database, m, recipientType);
  const { rows } = await sql<{ id: string }>`
    insert into consent (municipality_code, citizen_id, recipient_organisation_id, categories,
      purpose, given_how, status)
    values (${m}, ${citizenId}, ${to}, ${categories}, 'Opfølgning på sundhedsforløb', 'portal', 'given')
    returning id`.execute(database.db);
  return rows[0]!.id;
}

let fresh = 0;

/**
 * A new citizen in municipality m. The CPR is synthetic and can never be a real one: its
 * 7th digit 5 with year 40 places the birth in 2040 (see db/seed/national.ts).
 */
export async function addCitizen(database: Database, config: Config, m: string): Promise<string> {
  fresh++;
  const cpr = `0101405${String(fresh % 1000).padStart(3, '0')}`;
  const keys = { encryptionKey: config.cprEncryptionKey, hashKey: config.cprHashKey };
  const { rows } = await sql<{ id: string }>`
    insert into citizen (municipality_code, cpr_hash, cpr_encrypted, birth_date, gender,
      first_name, last_name)
    values (${m}, ${hashCpr(keys, `${cpr}:${randomUUID()}`)}, ${encryptCpr(keys, cpr)}, '1980-01-01',
      'female', 'Test', ${`Borger ${fresh}`}) returning id`.execute(database.db);
  return rows[0]!.id;
}
