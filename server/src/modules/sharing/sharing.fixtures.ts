/**
 * Rebild's path as data, made directly as the database owner (each module's own API is tested in
 * its module): a citizen screened by the job centre in three disciplines, referred to a private
 * provider's stage-1 course and to the health centre's stage-2 course, with attendance, an
 * outcome and an absence flag on each, a health profile (WHO-5 and self-rated health facts) and a
 * health test recorded by the health centre. The consents are set per case by `setConsents`.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { TestApp } from '../../../test/helper.js';
import { healthProfileDefinition } from '../health/profile-definition.js';
import { ensureDefinition } from '../questionnaires/questionnaires.service.js';

export interface Organisations {
  code: string;
  jobcenter: string;
  sundhedscenter: string;
  provider: string;
}

export interface Scene {
  citizen: string;
  screening: string;
  /** Stage 1 at the provider, stage 2 at the health centre. */
  stage1: { referral: string; course: string; title: string; flag: string };
  stage2: { referral: string; course: string; title: string; flag: string };
  profile: string;
}

export const screeningFindings = {
  social: 'Økonomi og boligforhold er stabile.',
  psychological: 'Tegn på stress; ønsker hjælp til at håndtere smerter.',
  physical: 'Nedsat kondition, lænderygsmerter.',
};

export async function organisations(t: TestApp, code = '840'): Promise<Organisations> {
  const { rows } = await sql<{ id: string; type: string }>`
    select id, type from organisation where municipality_code = ${code}`.execute(t.database.db);
  const org = (type: string) => rows.find((o) => o.type === type)!.id;
  return {
    code,
    jobcenter: org('jobcenter'),
    sundhedscenter: org('sundhedscenter'),
    provider: org('provider'),
  };
}

const who5Answers = (level: number) => {
  const a: Record<string, unknown> = {};
  for (const t of ['kost', 'rygning', 'alkohol', 'motion', 'misbrug', 'psykisk_helbred']) {
    a[`${t}_readiness`] = 'ready';
    a[`${t}_wants_help`] = t === 'motion' ? 'yes' : 'no';
  }
  a.self_rated_health = 'poor';
  for (let i = 1; i <= 5; i++) a[`who5_${i}`] = level;
  return a;
};

/** A fresh citizen on Rebild's path; `citizenId` reuses an existing citizen (the demo borger). */
export async function rebildScene(
  t: TestApp,
  o: Organisations,
  opts: {
    citizenId?: string;
    participation?: 'voluntary' | 'mandatory';
    profileBy?: 'sundhedscenter' | 'jobcenter' | 'citizen';
  } = {},
): Promise<Scene> {
  const db = t.database.db;
  const m = o.code;
  const citizen =
    opts.citizenId ??
    (
      await sql<{ id: string }>`
        insert into citizen (municipality_code, cpr_hash, cpr_encrypted, birth_date, first_name, last_name, postal_code)
        values (${m}, ${randomBytes(32)}, ${randomBytes(48)}, '1980-05-05', 'Deling', 'Borger', '9530')
        returning id`.execute(db)
    ).rows[0]!.id;
  const { rows: users } = await sql<{ id: string; username: string }>`
    select id, username from app_user where municipality_code = ${m} and kind = 'staff'`.execute(
    db,
  );
  const caseworker = users.find((u) => u.username === 'rebild.sagsbehandler')!.id;

  const { rows: period } = await sql<{ id: string }>`
    insert into benefit_period (municipality_code, citizen_id, benefit_type, start_date)
    values (${m}, ${citizen}, 'sygedagpenge', current_date - 40) returning id`.execute(db);
  const { rows: screening } = await sql<{ id: string }>`
    insert into screening (municipality_code, citizen_id, benefit_period_id, week_number, due_date,
      status, overall_recommendation, recommendation_note, completed_at, completed_by)
    values (${m}, ${citizen}, ${period[0]!.id}, 5, current_date - 5, 'screened', 'course',
      'Træning i to trin', now(), ${caseworker}) returning id`.execute(db);
  for (const [discipline, findings] of Object.entries(screeningFindings)) {
    await sql`insert into screening_finding (municipality_code, screening_id, discipline, findings,
        recommendation, filled_by_name, recorded_by)
      values (${m}, ${screening[0]!.id}, ${discipline}, ${findings}, 'Motion og træning',
        'Screeningsteam', ${caseworker})`.execute(db);
  }

  const stage = async (provider: string, title: string) => {
    const { rows: offer } = await sql<{ id: string }>`
      insert into offer (municipality_code, provider_organisation_id, title, referral_type, format, weeks, status)
      values (${m}, ${provider}, ${`Tilbud: ${title}`}, 'referred', 'group', 6, 'published') returning id`.execute(
      db,
    );
    const { rows: course } = await sql<{ id: string }>`
      insert into course (municipality_code, offer_id, title, start_date, weeks, capacity)
      values (${m}, ${offer[0]!.id}, ${title}, current_date - 30, 6, 12) returning id`.execute(db);
    const { rows: referral } = await sql<{ id: string }>`
      insert into referral (municipality_code, citizen_id, offer_id, from_organisation_id,
        to_organisation_id, created_by, reason, participation, shared_categories, state, course_id)
      values (${m}, ${citizen}, ${offer[0]!.id}, ${o.jobcenter}, ${provider}, ${caseworker},
        'Sygemeldt, screenet i uge 5', ${opts.participation ?? 'voluntary'},
        ${['screening_notes', 'attendance', 'outcome']}, 'started', ${course[0]!.id})
      returning id`.execute(db);
    const { rows: enrolment } = await sql<{ id: string }>`
      insert into enrolment (municipality_code, course_id, citizen_id, referral_id, status)
      values (${m}, ${course[0]!.id}, ${citizen}, ${referral[0]!.id}, 'enrolled') returning id`.execute(
      db,
    );
    const sessions: string[] = [];
    for (let day = 0; day < 3; day++) {
      const { rows: s } = await sql<{ id: string }>`
        insert into course_session (municipality_code, course_id, starts_at, ends_at)
        values (${m}, ${course[0]!.id}, now() - make_interval(days => ${28 - day}),
          now() - make_interval(days => ${28 - day}) + interval '2 hours') returning id`.execute(
        db,
      );
      sessions.push(s[0]!.id);
    }
    const statuses = ['present', 'absent_no_notice', 'absent_no_notice'];
    for (const [i, s] of sessions.entries()) {
      await sql`insert into attendance (municipality_code, session_id, enrolment_id, status, recorded_by)
        values (${m}, ${s}, ${enrolment[0]!.id}, ${statuses[i]}, ${caseworker})`.execute(db);
    }
    await sql`insert into course_outcome (municipality_code, enrolment_id, citizen_id, course_id,
        declared_fit, next_step)
      values (${m}, ${enrolment[0]!.id}, ${citizen}, ${course[0]!.id}, false, 'follow_on_course')`.execute(
      db,
    );
    const { rows: flag } = await sql<{ id: string }>`
      insert into attendance_flag (municipality_code, enrolment_id, citizen_id, course_id, referral_id, session_id)
      values (${m}, ${enrolment[0]!.id}, ${citizen}, ${course[0]!.id}, ${referral[0]!.id}, ${sessions[2]!})
      returning id`.execute(db);
    return { referral: referral[0]!.id, course: course[0]!.id, title, flag: flag[0]!.id };
  };
  const stage1 = await stage(o.provider, 'Motion og træning – trin 1');
  const stage2 = await stage(o.sundhedscenter, 'Motion og træning – trin 2');

  await db.transaction().execute((tx) => ensureDefinition(tx, healthProfileDefinition));
  const { rows: profile } = await sql<{ id: string }>`
    insert into questionnaire_response (municipality_code, definition_key, definition_version,
      subject_citizen_id, status, answers, filled_in_by, completed_at)
    values (${m}, 'health_profile', 1, ${citizen}, 'completed', ${JSON.stringify(who5Answers(1))}::jsonb,
      'staff_with_citizen', now())
    returning id`.execute(db);
  await sql`insert into health_profile_fact (municipality_code, citizen_id, fact, value, source_response_id)
    values (${m}, ${citizen}, 'who5', 20, ${profile[0]!.id}),
      (${m}, ${citizen}, 'self_rated_health', 4, ${profile[0]!.id})`.execute(db);
  await setProfileOrigin(t, o, citizen, opts.profileBy ?? 'sundhedscenter');
  await sql`insert into health_test (municipality_code, citizen_id, recorded_by_organisation_id, weight_kg, height_cm, bmi)
    values (${m}, ${citizen}, ${o.sundhedscenter}, 92, 178, 29.0)`.execute(db);
  return { citizen, screening: screening[0]!.id, stage1, stage2, profile: profile[0]!.id };
}

/** Who recorded the citizen's health profile (and so its WHO-5 and self-rated health facts). */
export async function setProfileOrigin(
  t: TestApp,
  o: Organisations,
  citizen: string,
  by: 'sundhedscenter' | 'jobcenter' | 'citizen',
) {
  const org = by === 'citizen' ? null : o[by];
  const filled = by === 'citizen' ? 'citizen' : 'staff_with_citizen';
  await sql`update questionnaire_response set organisation_id = ${org}, filled_in_by = ${filled}
    where subject_citizen_id = ${citizen} and definition_key = 'health_profile'`.execute(
    t.database.db,
  );
  await sql`update health_profile_fact set origin_organisation_id = ${org}
    where citizen_id = ${citizen}`.execute(t.database.db);
}

export async function setParticipation(
  t: TestApp,
  scene: Scene,
  participation: 'voluntary' | 'mandatory',
) {
  await sql`update referral set participation = ${participation}
    where id in (${scene.stage1.referral}, ${scene.stage2.referral})`.execute(t.database.db);
}

export const categories = [
  'health_profile',
  'health_tests',
  'screening_notes',
  'attendance',
  'outcome',
] as const;
export type Category = (typeof categories)[number];

/** How a consent stands today: valid, withdrawn, expired yesterday, or refused. */
export type ConsentState = 'valid' | 'withdrawn' | 'expired' | 'refused';

export interface ConsentSpec {
  recipient: 'jobcenter' | 'sundhedscenter' | 'provider';
  categories: Category[];
  state: ConsentState;
}

/** Replaces the citizen's consents with the given ones. */
export async function setConsents(
  t: TestApp,
  o: Organisations,
  citizen: string,
  specs: ConsentSpec[],
): Promise<string[]> {
  const db = t.database.db;
  await sql`update referral set consent_id = null where citizen_id = ${citizen}`.execute(db);
  await sql`delete from consent where citizen_id = ${citizen}`.execute(db);
  const ids: string[] = [];
  for (const s of specs) {
    const { rows } = await sql<{ id: string }>`
      insert into consent (municipality_code, citizen_id, recipient_organisation_id, categories,
        purpose, valid_from, valid_to, given_how, status, withdrawn_at)
      values (${o.code}, ${citizen}, ${o[s.recipient]}, ${s.categories}, 'Forløb efter screening',
        current_date - 30, ${s.state === 'expired' ? sql`current_date - 1` : sql`current_date + 90`},
        'verbal', ${s.state === 'valid' || s.state === 'expired' ? 'given' : s.state},
        ${s.state === 'withdrawn' ? sql`now()` : null})
      returning id`.execute(db);
    ids.push(rows[0]!.id);
  }
  return ids;
}

/** The categories a recipient holds under the specs today. */
export function validCategories(
  specs: readonly ConsentSpec[],
  recipient: ConsentSpec['recipient'],
): Set<Category> {
  return new Set(
    specs
      .filter((s) => s.recipient === recipient && s.state === 'valid')
      .flatMap((s) => s.categories),
  );
}
