/**
 * Demo data for evaluation in Rødovre: the health course for unemployed citizens at
 * Sundhedscenter Rødovre, one completed course with criteria set before it started,
 * participants, sessions, attendance, outcomes with satisfaction and comments, referrals and
 * benefit periods that end; a comparison population of citizens on benefit who did not take
 * part; and a planned next course, which the demo route "advance" starts and completes.
 * All people are fictitious; a seeded generator keeps the numbers the same on every run.
 */
import { sql } from 'kysely';
import type { Config } from '../../config.js';
import type { DemoContext, DemoPart } from '../../db/seed/types.js';
import type { Tx } from '../../platform/context.js';
import { encryptCpr, hashCpr } from '../../platform/cpr.js';
import { addDays, danishToday } from '../../platform/dates.js';

export const DEMO_OFFER_TITLE = 'Sundhedskursus for ledige (Rødovre)';
export const DEMO_FIRST_COURSE_TITLE = 'Sundhedskursus for ledige – hold 1';
export const DEMO_NEXT_COURSE_TITLE = 'Sundhedskursus for ledige – hold 2';

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

// Dates are Danish calendar dates: the seed's "today" is the day in Denmark, not the UTC date.
const today = () => danishToday();

const FIRST = [
  'Anne',
  'Bo',
  'Camilla',
  'Dennis',
  'Eva',
  'Frank',
  'Gitte',
  'Henrik',
  'Ida',
  'Jonas',
  'Karen',
  'Leo',
];
const LAST = ['Holm', 'Lund', 'Berg', 'Dahl', 'Vestergaard', 'Bak', 'Krogh', 'Mortensen'];

async function insertCitizen(
  tx: Tx,
  config: Config,
  m: string,
  serial: number,
  birthDate: string,
  orgId: string,
) {
  const [y, mo, d] = birthDate.split('-');
  // A fictitious CPR number: 7th digit 3 (born 1900–1999) and a serial of the module's own.
  const cpr = `${d}${mo}${y!.slice(2)}3${String(serial % 1000).padStart(3, '0')}`;
  const keys = { encryptionKey: config.cprEncryptionKey, hashKey: config.cprHashKey };
  const { rows } = await sql<{ id: string }>`
    insert into citizen (municipality_code, cpr_hash, cpr_encrypted, birth_date, gender, first_name, last_name, organisation_id)
    values (${m}, ${hashCpr(keys, cpr)}, ${encryptCpr(keys, cpr)}, ${birthDate}, ${serial % 2 ? 'male' : 'female'},
      ${FIRST[serial % FIRST.length]!}, ${LAST[(serial * 7) % LAST.length]!}, ${orgId})
    on conflict (municipality_code, cpr_hash) do nothing returning id`.execute(tx);
  return rows[0]?.id;
}

function birthDateFor(rand: () => number, serial: number): string {
  const year = 1962 + Math.floor(rand() * 38);
  const month = 1 + (serial % 12);
  const day = 1 + (Math.floor(serial / 12) % 28);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

interface Roedovre {
  code: string;
  jobcenter: string;
  sundhedscenter: string;
  caseworker: string;
  health: string;
}

async function roedovre(_tx: Tx, demo: DemoContext, m: string): Promise<Roedovre | null> {
  const mun = demo.municipalities.find((x) => x.code === m);
  if (!mun) return null;
  return {
    code: m,
    jobcenter: mun.orgs.jobcenter,
    sundhedscenter: mun.orgs.sundhedscenter,
    caseworker: mun.users.sagsbehandler!,
    health: mun.users.sundhed!,
  };
}

/** The offer, created if missing (another module may already have put it in the catalogue). */
async function ensureOffer(tx: Tx, r: Roedovre): Promise<string> {
  const { rows } = await sql<{
    id: string;
  }>`select id from offer where municipality_code = ${r.code} and title = ${DEMO_OFFER_TITLE}`.execute(
    tx,
  );
  if (rows[0]) return rows[0].id;
  const ins = await sql<{ id: string }>`
    insert into offer (municipality_code, provider_organisation_id, title, description, themes, target_groups, benefit_types,
      referral_type, format, weeks, hours_per_week, days_per_week, place_name, capacity, profession, status)
    values (${r.code}, ${r.sundhedscenter}, ${DEMO_OFFER_TITLE},
      'Holdforløb bygget på ledige borgeres egne ønsker fra fokusgruppen: motion, kost, søvn og trivsel.',
      array['motion', 'kost', 'psykisk_helbred']::text[], array['ledige']::text[],
      array['kontanthjaelp_aktivitetsparat', 'kontanthjaelp_jobparat', 'sygedagpenge']::text[],
      'referred', 'group', 8, 4, 2, 'Sundhedscenter Rødovre', 24, 'fysioterapeut', 'published') returning id`.execute(
    tx,
  );
  return ins.rows[0]!.id;
}

const BENEFITS = ['kontanthjaelp_aktivitetsparat', 'kontanthjaelp_jobparat', 'sygedagpenge'];

async function newCitizenOnBenefit(
  tx: Tx,
  config: Config,
  r: Roedovre,
  rand: () => number,
  serial: number,
  indexDate: string,
): Promise<{ id: string; periodStart: string; benefit: string } | null> {
  const id = await insertCitizen(
    tx,
    config,
    r.code,
    serial,
    birthDateFor(rand, serial),
    r.jobcenter,
  );
  if (!id) return null;
  const benefit = BENEFITS[Math.floor(rand() * BENEFITS.length)]!;
  const weeksBefore = 4 + Math.floor(rand() * 50);
  const periodStart = addDays(indexDate, -7 * weeksBefore);
  return { id, periodStart, benefit };
}

async function insertPeriod(
  tx: Tx,
  m: string,
  citizenId: string,
  benefit: string,
  start: string,
  end: string | null,
  reason: string | null,
) {
  const endDate = end && end <= today() ? end : null;
  await sql`insert into benefit_period (municipality_code, citizen_id, benefit_type, start_date, end_date, end_reason, source)
    values (${m}, ${citizenId}, ${benefit}, ${start}, ${endDate}, ${endDate ? reason : null}, 'synthetic')`.execute(
    tx,
  );
}

/**
 * Starts (if planned) and completes a course with participants: sessions twice a week,
 * attendance, drop-outs, outcomes with satisfaction, referrals with their history and benefit
 * periods that end with job, education or declared fit for many. The course is moved to start
 * `weeksAgo` weeks before today, as if that time had passed.
 */
export async function completeDemoCourse(
  tx: Tx,
  config: Config,
  r: Roedovre,
  courseId: string,
  seed: number,
  weeksAgo = 30,
  participants = 22,
): Promise<void> {
  const rand = rng(seed);
  const start = addDays(today(), -7 * weeksAgo);
  const { rows: courseRows } = await sql<{ weeks: number; offer_id: string }>`
    update course set start_date = ${start}, status = 'completed' where municipality_code = ${r.code} and id = ${courseId}
    returning weeks, offer_id`.execute(tx);
  const course = courseRows[0];
  if (!course) return;
  const sessions: string[] = [];
  for (let w = 0; w < course.weeks; w++) {
    for (const day of [0, 3]) {
      const at = addDays(start, w * 7 + day);
      const { rows } = await sql<{
        id: string;
      }>`insert into course_session (municipality_code, course_id, starts_at, ends_at)
        values (${r.code}, ${courseId}, ${`${at}T09:00:00Z`}::timestamptz, ${`${at}T11:00:00Z`}::timestamptz) returning id`.execute(
        tx,
      );
      sessions.push(rows[0]!.id);
    }
  }
  const end = addDays(start, course.weeks * 7);
  const comments = [
    'Dejligt at møde andre i samme situation',
    'Godt med motion i fællesskab',
    'Kostdelen var meget lærerig',
    'Jeg sover bedre nu',
    'For tidligt om morgenen',
    'Instruktøren var god til at motivere',
    'Jeg savnede mere om stress',
  ];
  for (let i = 0; i < participants; i++) {
    const serial = seed * 100 + i;
    const c = await newCitizenOnBenefit(tx, config, r, rand, serial, start);
    if (!c) continue;
    const { rows: ref } = await sql<{ id: string }>`
      insert into referral (municipality_code, citizen_id, offer_id, from_organisation_id, to_organisation_id, created_by,
        reason, participation, state, course_id, created_at)
      values (${r.code}, ${c.id}, ${course.offer_id}, ${r.jobcenter}, ${r.sundhedscenter}, ${r.caseworker},
        'Ønsker hjælp til motion og kost', 'voluntary', 'completed', ${courseId}, ${addDays(start, -35)}::timestamptz) returning id`.execute(
      tx,
    );
    const sentAt = addDays(start, -(14 + Math.floor(rand() * 28)));
    await sql`insert into referral_event (municipality_code, referral_id, from_state, to_state, actor_user_id, occurred_at)
      values (${r.code}, ${ref[0]!.id}, 'draft', 'sent', ${r.caseworker}, ${sentAt}::timestamptz),
             (${r.code}, ${ref[0]!.id}, 'enrolled', 'started', ${r.health}, ${start}::timestamptz)`.execute(
      tx,
    );
    const dropped = i % 5 === 4; // 4 or 5 of 22
    const { rows: enr } = await sql<{ id: string }>`
      insert into enrolment (municipality_code, course_id, citizen_id, referral_id, status, drop_out_reason, enrolled_at, ended_at)
      values (${r.code}, ${courseId}, ${c.id}, ${ref[0]!.id}, ${dropped ? 'dropped_out' : 'completed'},
        ${dropped ? 'Mistede motivationen' : null}, ${addDays(start, -7)}::timestamptz, ${end}::timestamptz) returning id`.execute(
      tx,
    );
    const enrolmentId = enr[0]!.id;
    if (dropped)
      await sql`update referral set state = 'dropped_out' where municipality_code = ${r.code} and id = ${ref[0]!.id}`.execute(
        tx,
      );
    const lastSession = dropped ? Math.floor(sessions.length / 3) : sessions.length;
    const values = sessions.slice(0, lastSession).map((s) => {
      const x = rand();
      const status =
        x < 0.86 ? 'present' : x < 0.93 ? 'absent_notice' : x < 0.97 ? 'sick' : 'absent_no_notice';
      return sql`(${r.code}, ${s}, ${enrolmentId}, ${status}, ${r.health})`;
    });
    if (values.length)
      await sql`insert into attendance (municipality_code, session_id, enrolment_id, status, recorded_by) values ${sql.join(values)}`.execute(
        tx,
      );
    // Outcomes for those who completed (Rebild's registration), with satisfaction 1–5.
    let fit = false;
    if (!dropped) {
      fit = rand() < 0.55;
      const nextSteps = ['resource_clarification', 'job_ready', 'treatment', 'follow_on_course'];
      await sql`insert into course_outcome (municipality_code, enrolment_id, citizen_id, course_id, declared_fit, next_step, satisfaction, comment, recorded_by)
        values (${r.code}, ${enrolmentId}, ${c.id}, ${courseId}, ${fit}, ${fit ? null : nextSteps[Math.floor(rand() * 4)]!},
          ${3 + Math.floor(rand() * 3)}, ${i < comments.length ? comments[i]! : null}, ${r.health})`.execute(
        tx,
      );
    }
    // Self-sufficiency: most of the fit within weeks of the end, some others later.
    const ends = fit ? rand() < 0.85 : rand() < (dropped ? 0.15 : 0.35);
    const endDay = fit ? course.weeks * 7 + Math.floor(rand() * 56) : 28 + Math.floor(rand() * 280);
    const reason = fit
      ? rand() < 0.5
        ? 'declared_fit'
        : 'job'
      : rand() < 0.6
        ? 'job'
        : 'education';
    await insertPeriod(
      tx,
      r.code,
      c.id,
      c.benefit,
      c.periodStart,
      ends ? addDays(start, endDay) : null,
      reason,
    );
  }
}

/** Citizens on benefit who did not take part: the comparison population. */
async function comparisonPopulation(tx: Tx, config: Config, r: Roedovre, n: number) {
  const rand = rng(77);
  const index = addDays(today(), -7 * 36);
  for (let i = 0; i < n; i++) {
    const c = await newCitizenOnBenefit(tx, config, r, rand, 500 + i, index);
    if (!c) continue;
    const ends = rand() < 0.5;
    const endDay = 14 + Math.floor(rand() * 330);
    const reason =
      rand() < 0.15 ? 'moved' : rand() < 0.6 ? 'job' : rand() < 0.5 ? 'declared_fit' : 'education';
    await insertPeriod(
      tx,
      r.code,
      c.id,
      c.benefit,
      c.periodStart,
      ends ? addDays(index, endDay) : null,
      reason,
    );
  }
}

export const evaluationDemo: DemoPart = {
  name: 'evaluation',
  async run(tx, demo) {
    const r = await roedovre(tx, demo, '175');
    if (!r) return;
    const offerId = await ensureOffer(tx, r);
    const first = addDays(today(), -7 * 40);
    const { rows } = await sql<{ id: string }>`
      insert into course (municipality_code, offer_id, title, start_date, weeks, weekly_pattern, place, capacity, status)
      values (${r.code}, ${offerId}, ${DEMO_FIRST_COURSE_TITLE}, ${first}, 8,
        '[{"weekday": 1, "start": "09:00", "end": "11:00"}, {"weekday": 4, "start": "09:00", "end": "11:00"}]',
        'Sundhedscenter Rødovre', 24, 'planned') returning id`.execute(tx);
    const courseId = rows[0]!.id;
    // Criteria fixed before the course started.
    await sql`insert into success_criteria_set (municipality_code, course_id, version, criteria, note, created_at, updated_at)
      values (${r.code}, ${courseId}, 1, ${JSON.stringify([
        { metric: 'attendance_rate', operator: '>=', threshold: 80 },
        { metric: 'dropout_rate', operator: '<=', threshold: 20 },
        { metric: 'self_sufficient_13w', operator: '>=', threshold: 50 },
        { metric: 'satisfaction_mean', operator: '>=', threshold: 4 },
      ])}::jsonb, 'Fastsat af styregruppen før holdstart', ${addDays(first, -21)}::timestamptz, ${addDays(first, -21)}::timestamptz)`.execute(
      tx,
    );
    await completeDemoCourse(tx, demo.config, r, courseId, 1, 40, 22);
    await comparisonPopulation(tx, demo.config, r, 160);
    await sql`
      insert into course (municipality_code, offer_id, title, start_date, weeks, weekly_pattern, place, capacity, status)
      values (${r.code}, ${offerId}, ${DEMO_NEXT_COURSE_TITLE}, ${addDays(today(), 21)}, 8,
        '[{"weekday": 1, "start": "09:00", "end": "11:00"}, {"weekday": 4, "start": "09:00", "end": "11:00"}]',
        'Sundhedscenter Rødovre', 24, 'planned')`.execute(tx);
  },
};

/** For the demo route: start or complete a planned course of the demo municipality. */
export async function advanceDemoCourse(
  tx: Tx,
  config: Config,
  m: string,
  courseId: string,
  to: 'running' | 'completed',
) {
  if (to === 'running') {
    await sql`update course set status = 'running' where municipality_code = ${m} and id = ${courseId}`.execute(
      tx,
    );
    return;
  }
  const { rows: orgs } = await sql<{
    id: string;
    type: string;
  }>`select id, type from organisation where municipality_code = ${m}`.execute(tx);
  const { rows: users } = await sql<{
    id: string;
    role: string;
  }>`select user_id as id, role from user_role where municipality_code = ${m}`.execute(tx);
  const r: Roedovre = {
    code: m,
    jobcenter: orgs.find((o) => o.type === 'jobcenter')!.id,
    sundhedscenter: orgs.find((o) => o.type === 'sundhedscenter')!.id,
    caseworker: users.find((u) => u.role === 'caseworker')!.id,
    health: users.find((u) => u.role === 'health_professional')!.id,
  };
  const { rows } = await sql<{
    n: number;
  }>`select count(*)::int as n from enrolment where municipality_code = ${m} and course_id = ${courseId}`.execute(
    tx,
  );
  if ((rows[0]?.n ?? 0) > 0) throw new Error('course already has participants');
  await completeDemoCourse(tx, config, r, courseId, 2, 30, 22);
}
