/**
 * National-scale synthetic data (issue #11): 98 municipalities, 1,000,000 citizens spread in
 * proportion to population (migration 0600), their benefit periods, referrals with their
 * history, courses with sessions, enrolments, attendance, consents, staff users, sessions and
 * audit history (sealed): about 25 million rows of events. Set-based SQL (generate_series,
 * insert ... select) does the bulk; Node only computes what SQL cannot do without an extension
 * (the CPR's HMAC lookup hash and AES-GCM encryption, and the audit chain's SHA-256 in the
 * exact format platform/audit-chain.ts verifies) and sends it in large array batches.
 *
 * Repeatable: every value is a function of the row number and SEED (integer hashes in SQL, a
 * seeded PRNG in Node, ids built from kind and number), so a seed gives the same data. It
 * replaces what is in the case tables. Loading runs with foreign-key triggers off
 * (session_replication_role = replica: the data is consistent by construction) and the
 * secondary indexes dropped, which are rebuilt at the end, followed by ANALYZE.
 *
 * CPR numbers are synthetic and can never be real ones: the 7th digit is 5-8 and the year
 * 40-57, which the CPR office's century table places in 2040-2057 (see parseCpr), so the number
 * names a birth in the future that cannot have been issued. Day and month are the citizen's
 * real (synthetic) birthday; the birth year is in birth_date, not in the number, so age is
 * read from birth_date as everywhere else.
 */
import { createCipheriv, createHmac } from 'node:crypto';
import pg from 'pg';
import type { Config } from '../../config.js';
import { eventHash } from '../../platform/audit-chain.js';
import { hashCpr } from '../../platform/cpr.js';

export const CITIZENS = 1_000_000;
/** Audit history per citizen, on average. */
const AUDIT_PER_CITIZEN = 8;
const SESSIONS_PER_COURSE = 24;

type Log = (line: string) => void;

/** Tables this seed fills (others that point at them are emptied by the cascade). */
const TABLES = [
  'audit_seal',
  'audit_anchor',
  'audit_event',
  'attendance',
  'course_outcome',
  'enrolment',
  'referral_event',
  'referral',
  'consent',
  'course_session',
  'course',
  'offer',
  'benefit_period',
  'user_session',
  'user_role',
  'citizen',
  'app_user',
  'organisation',
];

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The synthetic CPR number of the c-th citizen born on a given day and month: 7th digit 5-8,
 * year 40-57 (births in 2040-2057, never issued), then a serial. 72,000 per day and month.
 */
export function syntheticCpr(day: number, month: number, c: number): string {
  const yy = 40 + (c % 18);
  const seventh = 5 + (Math.floor(c / 18) % 4);
  const serial = Math.floor(c / 72) % 1000;
  if (c >= 72_000) throw new Error('too many synthetic citizens share a birthday');
  const p2 = (n: number) => String(n).padStart(2, '0');
  return `${p2(day)}${p2(month)}${p2(yy)}${seventh}${String(serial).padStart(3, '0')}`;
}

/** AES-256-GCM in the app's format (iv | tag | body), with an IV derived from the number so
 * the same seed gives the same bytes; distinct numbers get distinct IVs. */
function encryptDeterministic(key: Buffer, ivKey: Buffer, cpr: string): Buffer {
  const iv = createHmac('sha256', ivKey).update(`seed-iv:${cpr}`).digest().subarray(0, 12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(cpr, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

export interface NationalOptions {
  databaseUrl: string;
  config: Config;
  seed?: number;
  citizens?: number;
  log?: Log;
}

export async function seedNational(opts: NationalOptions): Promise<Record<string, number>> {
  const seed = opts.seed ?? 11;
  const total = opts.citizens ?? CITIZENS;
  const log = opts.log ?? console.log;
  const client = new pg.Client({ connectionString: opts.databaseUrl });
  await client.connect();
  const q = (text: string, params?: unknown[]) => client.query(text, params as unknown[]);
  const started = performance.now();
  const step = async (label: string, fn: () => Promise<unknown>) => {
    const t0 = performance.now();
    await fn();
    const s = ((performance.now() - t0) / 1000).toFixed(1);
    const all = ((performance.now() - started) / 1000).toFixed(0);
    log(`  ${label.padEnd(48)} ${s.padStart(6)} s   (i alt ${all} s)`);
  };
  try {
    await q(`set session_replication_role = replica`);
    await q(`set synchronous_commit = off`);
    await q(`set maintenance_work_mem = '256MB'`);
    await q(`set work_mem = '64MB'`);
    // Integer hash in [0, 1): the same input gives the same value on every run and engine.
    await q(`create or replace function pg_temp.r(k bigint, salt int) returns float8
      language sql immutable as $$
        select ((((k * 2654435761 + salt * 40503 + ${seed} * 97) % 4294967291) + 4294967291)
          % 4294967291)::float8 / 4294967291 $$`);
    await q(`create or replace function pg_temp.num(u uuid) returns bigint
      language sql immutable as $$ select ('x' || substr(u::text, 25))::bit(48)::bigint $$`);
    // Ids that say what they are: kind and number, e.g. citizen 42 = 00000001-0000-4000-8000-00000000002a.
    await q(`create or replace function pg_temp.sid(kind int, n bigint) returns uuid
      language sql immutable as $$
        select (lpad(to_hex(kind), 8, '0') || '-0000-4000-8000-' || lpad(to_hex(n), 12, '0'))::uuid $$`);

    let dropped: string[] = [];
    await step('tømmer tabellerne og fjerner sekundære indeks', async () => {
      // TRUNCATE … CASCADE also empties tables that merely point at app_user, such as the
      // follow-up rule sets migration 0900 made for every municipality (created_by): without them
      // GET /api/tasks answered 500 on the national data set. Those made by no one are kept.
      await q('drop table if exists pg_temp.keep_rule_set');
      await q(
        'create temp table keep_rule_set as select * from followup_rule_set where created_by is null',
      );
      await q(`truncate ${TABLES.join(', ')} cascade`);
      await q('insert into followup_rule_set select * from keep_rule_set on conflict do nothing');
      const { rows } = await q(
        `select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as def
         from pg_index i join pg_class t on t.oid = i.indrelid
         where t.relname = any($1) and not i.indisprimary and not i.indisunique
           and i.indexrelid::regclass::text <> 'audit_event_id'
           and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)`,
        [TABLES],
      );
      dropped = rows.map((r: { def: string }) => r.def);
      for (const r of rows as { name: string }[]) await q(`drop index ${r.name}`);
    });

    // Municipalities: citizens by cumulative population share, so the total is exact.
    await q(`create temp table sm as
      select code, idx, first_n, last_n - first_n as citizens,
        greatest(3, (last_n - first_n) / 400) as caseworkers,
        greatest(1, (last_n - first_n) / 50) as courses
      from (select code, row_number() over (order by code) as idx,
          floor(${total}::float8 * (sum(population) over (order by code) - population)
            / sum(population) over ())::int + 1 as first_n,
          floor(${total}::float8 * sum(population) over (order by code)
            / sum(population) over ())::int + 1 as last_n
        from municipality) x`);
    await q(`create temp table sc as
      select n, code, idx, n - first_n as k, caseworkers, courses
      from sm, generate_series(first_n, first_n + citizens - 1) n`);
    await q(`alter table sc add primary key (n)`);
    await q(`analyze sm; analyze sc`);
    const { rows: ms } = await q(`select code, idx, first_n, citizens from sm order by idx`);
    log(`  ${ms.length} kommuner, ${total.toLocaleString('da-DK')} borgere fordelt efter folketal`);

    await step('organisationer, medarbejdere og roller', async () => {
      // Per municipality: a jobcenter (1), a health centre (2) and a private provider (3).
      await q(`insert into organisation (municipality_code, id, name, type, address)
        select m.code, pg_temp.sid(10 + t.k, m.idx), t.prefix || ' ' || mu.name, t.type,
          'Rådhusvej ' || t.k || ', ' || mu.name
        from sm m join municipality mu on mu.code = m.code,
          (values (1, 'jobcenter', 'Jobcenter'), (2, 'sundhedscenter', 'Sundhedscenter'),
                  (3, 'provider', 'Træning & Trivsel')) t(k, type, prefix)`);
      // Every municipality screens sickness benefit in week 8 and job-ready cash benefit in week
      // 6 (as Gladsaxe's demo does), so the screening queue has its national backlog to page
      // through (issue 20); the TRUNCATE … CASCADE above emptied screening_rule via app_user.
      await q(`insert into screening_rule (municipality_code, benefit_type, week_number)
        select m.code, r.benefit_type, r.week_number from sm m,
          (values ('sygedagpenge', 8), ('kontanthjaelp_jobparat', 6)) r(benefit_type, week_number)
        on conflict do nothing`);
      // Bulk, not through onboardTenant() (decision 1050): the rows it makes, at national scale.
      await q(`update municipality set onboarded_at = now() where code in (select code from sm)`);
      // Staff: caseworkers (one per ~400 citizens), and per municipality one coordinator,
      // two health professionals, one provider employee, a manager and an administrator.
      // User number u within the municipality: 1..caseworkers are caseworkers.
      await q(`insert into app_user (id, municipality_code, kind, username, display_name, created_at)
        select pg_temp.sid(20, m.idx * 100000 + u), m.code, 'staff',
          m.code || '.' || case when u <= m.caseworkers then 'sagsbehandler' || u
            else (array['koordinator', 'sundhed1', 'sundhed2', 'udbyder', 'leder', 'admin'])[u - m.caseworkers] end,
          (array['Anne','Bo','Camilla','Dorte','Emil','Frida','Gustav','Helle','Ida','Jonas'])[1 + u % 10] || ' ' ||
          (array['Nielsen','Jensen','Hansen','Pedersen','Andersen','Christensen','Larsen','Sørensen'])[1 + (u * 7 + m.idx) % 8],
          timestamptz '2024-01-01' + (u % 300) * interval '1 day'
        from sm m, generate_series(1, m.caseworkers + 6) u`);
      await q(`insert into user_role (municipality_code, id, user_id, role, organisation_id)
        select m.code, pg_temp.sid(21, m.idx * 100000 + u), pg_temp.sid(20, m.idx * 100000 + u),
          case when u <= m.caseworkers then 'caseworker'
            else (array['coordinating_caseworker', 'health_professional', 'health_professional',
              'provider_staff', 'manager', 'administrator'])[u - m.caseworkers] end,
          case when u <= m.caseworkers + 1 or u = m.caseworkers + 5 then pg_temp.sid(11, m.idx)
            when u <= m.caseworkers + 3 then pg_temp.sid(12, m.idx)
            when u = m.caseworkers + 4 then pg_temp.sid(13, m.idx) end
        from sm m, generate_series(1, m.caseworkers + 6) u`);
    });

    await step('borgere (CPR-hash og -kryptering i Node)', async () => {
      const keys = { encryptionKey: opts.config.cprEncryptionKey, hashKey: opts.config.cprHashKey };
      const rand = mulberry32(seed);
      const perBirthday = new Map<number, number>();
      const batch = 50_000;
      const span = Date.UTC(2007, 0, 1) - Date.UTC(1959, 0, 1);
      for (let from = 1; from <= total; from += batch) {
        const n: number[] = [];
        const birth: string[] = [];
        const hash: string[] = [];
        const enc: string[] = [];
        const gender: string[] = [];
        for (let i = from; i < Math.min(from + batch, total + 1); i++) {
          const d = new Date(
            Date.UTC(1959, 0, 1) + Math.floor(rand() * (span / 86_400_000)) * 86_400_000,
          );
          const key = (d.getUTCMonth() + 1) * 100 + d.getUTCDate();
          const c = perBirthday.get(key) ?? 0;
          perBirthday.set(key, c + 1);
          const cpr = syntheticCpr(d.getUTCDate(), d.getUTCMonth() + 1, c);
          n.push(i);
          birth.push(d.toISOString().slice(0, 10));
          hash.push(hashCpr(keys, cpr).toString('hex'));
          enc.push(encryptDeterministic(keys.encryptionKey, keys.hashKey, cpr).toString('hex'));
          gender.push(Number(cpr[9]) % 2 === 0 ? 'female' : 'male');
        }
        await q(
          `insert into citizen (municipality_code, id, cpr_hash, cpr_encrypted, birth_date, gender,
             first_name, last_name, address, postal_code, city, phone, email, preferred_language,
             needs_interpreter, responsible_caseworker_id, organisation_id, risk_group, created_at, updated_at)
           select sc.code, pg_temp.sid(1, v.n), decode(v.h, 'hex'), decode(v.e, 'hex'), v.b, v.g,
             (case when v.g = 'female'
               then array['Mette','Hanne','Anne','Maria','Camilla','Sofie','Ida','Nadia','Fatima','Louise','Emma','Julie']
               else array['Lars','Jens','Peter','Michael','Mohammad','Anders','Rasmus','Ali','Thomas','Mikkel','Oliver','Frederik'] end)
               [1 + floor(pg_temp.r(v.n, 1) * 12)::int],
             (array['Nielsen','Jensen','Hansen','Pedersen','Andersen','Christensen','Larsen','Sørensen',
               'Rasmussen','Jørgensen','Petersen','Madsen','Kristensen','Olsen','Thomsen','Hussein'])
               [1 + floor(pg_temp.r(v.n, 2) * 16)::int],
             (array['Vestergade','Nørregade','Søndergade','Østergade','Skolevej','Kirkevej','Bakkevej','Engvej'])
               [1 + floor(pg_temp.r(v.n, 3) * 8)::int] || ' ' || (1 + floor(pg_temp.r(v.n, 4) * 120)::int),
             lpad((1000 + sc.idx * 90)::text, 4, '0'), mu.name,
             '+45 ' || lpad((20000000 + v.n)::text, 8, '0'),
             'borger' || v.n || '@example.dk',
             case when pg_temp.r(v.n, 5) < 0.9 then 'da' else 'en' end,
             pg_temp.r(v.n, 6) < 0.04,
             pg_temp.sid(20, sc.idx * 100000 + 1 + (sc.k % sc.caseworkers)),
             pg_temp.sid(11, sc.idx),
             case when pg_temp.r(v.n, 7) < 0.5 then (array['green','orange','red'])[1 + floor(pg_temp.r(v.n, 8) * 3)::int] end,
             timestamptz '2023-01-01' + pg_temp.r(v.n, 9) * interval '900 days',
             timestamptz '2025-06-01' + pg_temp.r(v.n, 10) * interval '500 days'
           from unnest($1::int[], $2::date[], $3::text[], $4::text[], $5::text[]) as v(n, b, h, e, g)
           join sc on sc.n = v.n join municipality mu on mu.code = sc.code`,
          [n, birth, hash, enc, gender],
        );
        if ((from - 1) % 200_000 === 0)
          log(`    ${(from - 1 + n.length).toLocaleString('da-DK')} borgere`);
      }
    });

    await step('ydelsesforløb', async () => {
      // A finished earlier period for 55%, a current one for 60% of citizens.
      await q(`insert into benefit_period (municipality_code, id, citizen_id, benefit_type,
          start_date, end_date, end_reason, source, created_at)
        select sc.code, pg_temp.sid(30, sc.n * 2 + p), pg_temp.sid(1, sc.n),
          (array['sygedagpenge','kontanthjaelp_jobparat','kontanthjaelp_aktivitetsparat','uddannelseshjaelp',
            'ressourceforloeb','jobafklaringsforloeb','ledighedsydelse','dagpenge'])[1 + floor(pg_temp.r(sc.n, 20 + p) * 8)::int],
          case when p = 0 then date '2021-01-01' + floor(pg_temp.r(sc.n, 22) * 900)::int
            else current_date - floor(pg_temp.r(sc.n, 23) * 700)::int end,
          case when p = 0 then date '2023-08-01' + floor(pg_temp.r(sc.n, 24) * 300)::int end,
          case when p = 0 then (array['job','education','declared_fit','moved','other'])[1 + floor(pg_temp.r(sc.n, 25) * 5)::int] end,
          'synthetic', timestamptz '2021-01-01'
        from sc, generate_series(0, 1) p
        where (p = 0 and pg_temp.r(sc.n, 26) < 0.55) or (p = 1 and pg_temp.r(sc.n, 27) < 0.6)`);
    });

    await step('tilbud, hold og mødegange', async () => {
      // Four offers per municipality: two at the health centre, two at the provider.
      await q(`insert into offer (municipality_code, id, provider_organisation_id, title, referral_type,
          format, weeks, capacity, status, created_at)
        select m.code, pg_temp.sid(40, m.idx * 10 + j), pg_temp.sid(case when j <= 2 then 12 else 13 end, m.idx),
          (array['Aktiv hverdag','Styrke og balance','Søvn og stress','Bevægelse i naturen'])[j],
          'referred', 'group', 12, 14, 'published', timestamptz '2023-01-01'
        from sm m, generate_series(1, 4) j`);
      // Courses start over the last year and the next month; 24 sessions, twice a week.
      await q(`insert into course (municipality_code, id, offer_id, title, start_date, weeks,
          capacity, place, status, created_at)
        select m.code, pg_temp.sid(41, m.idx * 100000 + c), pg_temp.sid(40, m.idx * 10 + 1 + c % 4),
          'Hold ' || c, current_date - 365 + floor(pg_temp.r(m.idx * 100000 + c, 40) * 395)::int, 12, 14,
          'Sal ' || (1 + c % 3), 'running', timestamptz '2024-01-01'
        from sm m, generate_series(0, m.courses - 1) c`);
      await q(`insert into course_session (municipality_code, id, course_id, starts_at, ends_at)
        select k.municipality_code, pg_temp.sid(42, (pg_temp.num(k.id)) * 32 + s),
          k.id, k.start_date + (s / 2) * 7 + (s % 2) * 3 + time '09:00',
          k.start_date + (s / 2) * 7 + (s % 2) * 3 + time '11:00'
        from course k, generate_series(0, ${SESSIONS_PER_COURSE - 1}) s`);
    });

    await step('henvisninger og deres historik', async () => {
      // 80% of citizens have a referral; its state says how far it got.
      await q(`insert into referral (municipality_code, id, citizen_id, offer_id, from_organisation_id,
          to_organisation_id, created_by, reason, participation, state, course_id, created_at, updated_at)
        select sc.code, pg_temp.sid(50, sc.n), pg_temp.sid(1, sc.n), pg_temp.sid(40, sc.idx * 10 + 1 + o.j),
          pg_temp.sid(11, sc.idx), pg_temp.sid(case when o.j < 2 then 12 else 13 end, sc.idx),
          pg_temp.sid(20, sc.idx * 100000 + 1 + (sc.k % sc.caseworkers)),
          'Borgeren ønsker hjælp til at komme tilbage i arbejde', 'voluntary', st.state,
          case when st.state in ('enrolled','started','completed','dropped_out')
            then pg_temp.sid(41, sc.idx * 100000 + (sc.k % sc.courses)) end,
          now() - interval '400 days' + pg_temp.r(sc.n, 50) * interval '390 days', now() - interval '5 days'
        from sc,
          lateral (select floor(pg_temp.r(sc.n, 51) * 4)::int as j) o,
          lateral (select (array['sent','received','accepted','waitlisted','enrolled','started','started',
            'completed','completed','completed','dropped_out','rejected','cancelled','started','enrolled',
            'completed'])[1 + floor(pg_temp.r(sc.n, 52) * 16)::int] as state) st
        where pg_temp.r(sc.n, 53) < 0.8`);
      // Five steps of history each: draft, sent, received, accepted, then the current state.
      await q(`insert into referral_event (municipality_code, referral_id, from_state, to_state,
          actor_user_id, actor_organisation_id, occurred_at)
        select r.municipality_code, r.id,
          (array[null,'draft','sent','received','accepted'])[s],
          (array['draft','sent','received','accepted',r.state])[s],
          r.created_by, r.from_organisation_id, r.created_at + s * interval '2 days'
        from referral r, generate_series(1, 5) s`);
      // Triggers are off during the load: each referral's first "sent" (1141) is set here.
      await q(`update referral r set first_sent_at = s.sent_at
        from (select municipality_code, referral_id, min(occurred_at) as sent_at
          from referral_event where to_state = 'sent' group by 1, 2) s
        where r.municipality_code = s.municipality_code and r.id = s.referral_id`);
    });

    await step('tilmeldinger, fremmøde, resultater, samtykker', async () => {
      await q(`insert into enrolment (municipality_code, id, course_id, citizen_id, referral_id, status,
          enrolled_at)
        select r.municipality_code, pg_temp.sid(60, pg_temp.num(r.id)), r.course_id,
          r.citizen_id, r.id,
          case r.state when 'completed' then 'completed' when 'dropped_out' then 'dropped_out' else 'enrolled' end,
          r.created_at + interval '10 days'
        from referral r where r.course_id is not null`);
      await q(`insert into attendance (municipality_code, session_id, enrolment_id, status, recorded_at)
        select e.municipality_code, cs.id, e.id,
          case when pg_temp.r(pg_temp.num(cs.id) + pg_temp.num(e.id), 70) < 0.82
            then 'present' else (array['absent_notice','absent_no_notice','sick'])[1 + floor(pg_temp.r(
              pg_temp.num(e.id), 71) * 3)::int] end,
          cs.ends_at
        from enrolment e join course_session cs on cs.municipality_code = e.municipality_code
          and cs.course_id = e.course_id
        where cs.starts_at < now()`);
      // Triggers are off during the load: the per-enrolment attendance counts (0700) and the
      // "last two sessions absent without notice" flag (1130) are built here.
      await q(`insert into attendance_summary (municipality_code, enrolment_id, present,
          absent_notice, absent_no_notice, sick, tail_absent_no_notice)
        select a.municipality_code, a.enrolment_id, count(*) filter (where a.status = 'present'),
          count(*) filter (where a.status = 'absent_notice'),
          count(*) filter (where a.status = 'absent_no_notice'), count(*) filter (where a.status = 'sick'),
          coalesce((array_agg(a.status order by cs.starts_at desc))[1:2]
            = array['absent_no_notice', 'absent_no_notice'], false)
        from attendance a join course_session cs on cs.municipality_code = a.municipality_code
          and cs.id = a.session_id
        group by 1, 2`);
      await q(`insert into course_outcome (municipality_code, id, enrolment_id, citizen_id, course_id,
          declared_fit, next_step, satisfaction, recorded_at)
        select e.municipality_code, pg_temp.sid(61, pg_temp.num(e.id)), e.id,
          e.citizen_id, e.course_id, f.fit, case when not f.fit then 'follow_on_course' end,
          1 + floor(pg_temp.r(pg_temp.num(e.id), 72) * 5)::int, e.enrolled_at + interval '90 days'
        from enrolment e,
          lateral (select pg_temp.r(pg_temp.num(e.id), 73) < 0.6 as fit) f
        where e.status = 'completed'`);
      // A third of the enrolled citizens share attendance and outcome with the jobcenter.
      await q(`insert into consent (municipality_code, id, citizen_id, recipient_organisation_id,
          categories, purpose, valid_from, given_how, status, created_at)
        select e.municipality_code, pg_temp.sid(62, pg_temp.num(e.id)), e.citizen_id,
          pg_temp.sid(11, sm.idx), array['attendance','outcome'], 'Opfølgning i jobcentret',
          date '2024-01-01', 'portal', 'given', timestamptz '2024-01-01'
        from enrolment e join sm on sm.code = e.municipality_code
        where pg_temp.r(pg_temp.num(e.id), 74) < 0.33`);
    });

    await step('sessioner (historiske, udløbne)', async () => {
      // About 500,000 past staff logins, all expired; the benchmark makes its own live ones.
      await q(`insert into user_session (token_hash, user_id, municipality_code, csrf_token, created_at,
          last_seen_at, expires_at, revoked_at, via)
        select md5('session:${seed}:' || u.id || ':' || s) || md5('s2:' || u.id || ':' || s), u.id, u.municipality_code,
          md5('csrf:' || u.id || ':' || s), t, t + interval '3 hours', t + interval '10 hours',
          case when s % 3 = 0 then t + interval '4 hours' end, 'oidc'
        from app_user u, generate_series(1, 190) s,
          lateral (select now() - interval '400 days' + s * interval '2 days' + (hashtextextended(u.id::text, 0) % 3600) * interval '1 second' as t) tt`);
    });

    await step('auditlog (læsninger og søgninger over et år)', async () => {
      await q(`insert into audit_event (municipality_code, occurred_at, actor_user_id, actor_role,
          actor_organisation_id, citizen_id, action, resource_type, resource_id, purpose)
        select sc.code, now() - interval '365 days' + pg_temp.r(sc.n * 8 + a, 80) * interval '360 days',
          pg_temp.sid(20, sc.idx * 100000 + 1 + ((sc.k + a) % sc.caseworkers)), 'caseworker',
          pg_temp.sid(11, sc.idx), pg_temp.sid(1, sc.n),
          case when a % 3 = 2 then 'search' else 'read' end, 'citizen', pg_temp.sid(1, sc.n)::text,
          case when a % 3 = 2 then 'Søgning efter borger i sagsbehandling' else 'Sagsbehandling og opfølgning' end
        from sc, generate_series(1, ${AUDIT_PER_CITIZEN}) a`);
    });

    await step('auditkæden forsegles (SHA-256 som audit-chain.ts)', async () => {
      await sealAll(client, log);
    });

    await step('sekundære indeks genopbygges', async () => {
      for (const def of dropped) await q(def);
    });
    await step('ANALYZE', async () => {
      await q(`analyze`);
    });

    const counts: Record<string, number> = {};
    for (const t of [...TABLES].reverse()) {
      const { rows } = await q(`select count(*)::bigint as n from ${t}`);
      counts[t] = Number(rows[0].n);
    }
    const seconds = Math.round((performance.now() - started) / 1000);
    const events =
      counts.audit_event! +
      counts.referral_event! +
      counts.attendance! +
      counts.course_session! +
      counts.user_session! +
      counts.benefit_period! +
      counts.enrolment! +
      counts.referral! +
      counts.course_outcome! +
      counts.consent!;
    log('');
    log(`Færdig på ${seconds} s. Rækker:`);
    for (const [t, n] of Object.entries(counts))
      log(`  ${t.padEnd(16)} ${n.toLocaleString('da-DK').padStart(12)}`);
    log(
      `  ${'hændelser i alt'.padEnd(16)} ${events.toLocaleString('da-DK').padStart(12)}  (sagstabeller + audit)`,
    );
    return { ...counts, events, seconds };
  } finally {
    await client.end();
  }
}

/**
 * Seals the loaded audit rows in id order, exactly as the AuditSealer does (eventHash), but in
 * 50,000-row pages with one array insert each, dated like the rows they seal (history).
 */
async function sealAll(client: pg.Client, log: Log) {
  const heads = new Map<string, { seq: number; hash: string }>();
  let after = 0;
  let done = 0;
  for (;;) {
    const { rows } = await client.query(
      `select e.municipality_code, e.id,
        ((extract(epoch from e.occurred_at) * 1000000)::bigint)::text as occurred_us,
        e.actor_user_id, e.actor_role, e.actor_organisation_id, e.proxy_for_citizen_id, e.citizen_id,
        e.action, e.resource_type, e.resource_id, e.purpose, e.request_id, e.ip, e.details::text as details
       from audit_event e where e.id > $1 order by e.id limit 50000`,
      [after],
    );
    if (rows.length === 0) break;
    const m: string[] = [];
    const seq: number[] = [];
    const id: string[] = [];
    const prev: string[] = [];
    const hash: string[] = [];
    const us: string[] = [];
    for (const r of rows) {
      const h = heads.get(r.municipality_code) ?? { seq: 0, hash: '0'.repeat(64) };
      const next = eventHash(h.hash, { ...r, id: Number(r.id) });
      m.push(r.municipality_code);
      seq.push(h.seq + 1);
      id.push(String(r.id));
      prev.push(h.hash);
      hash.push(next);
      us.push(r.occurred_us);
      heads.set(r.municipality_code, { seq: h.seq + 1, hash: next });
    }
    await client.query(
      `insert into audit_seal (municipality_code, seq, event_id, prev_hash, hash, sealed_at)
       select v.m, v.seq, v.id, v.prev, v.hash, to_timestamp(v.us / 1000000.0) + interval '1 second'
       from unnest($1::text[], $2::bigint[], $3::bigint[], $4::text[], $5::text[], $6::bigint[])
         v(m, seq, id, prev, hash, us)`,
      [m, seq, id, prev, hash, us],
    );
    after = Number(rows[rows.length - 1].id);
    done += rows.length;
    if (done % 1_000_000 < 50_000) log(`    ${done.toLocaleString('da-DK')} auditrækker forseglet`);
  }
}
