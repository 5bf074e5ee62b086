/**
 * The daily reminder job (a system job, like the import worker): once a day per municipality it
 * writes to the outbox (1) each job-centre caseworker's list of deadlines overdue and due today,
 * from the same engine as the deadlines page, and (2) the citizens' reminders for tomorrow's
 * course sessions. Idempotent per day: the outbox's dedup key carries the date, so running the
 * job again that day (a restart, a second server) writes nothing new.
 *
 * No health data leaves by mail: the staff list gives counts and a link to the deadlines page,
 * never a citizen's name or what the deadline is about (that a named person is on sickness
 * benefit is itself health data, and e-mail is not a secure channel); the session reminder says
 * that the citizen has an appointment and when, never the course (a course's title can name a
 * diagnosis or a habit). The citizen's language and interpreter need travel with the reminder
 * (decision 1110): the citizen's text notes the interpreter, and the session's instructors are
 * told how many participants need one, in which languages (no names, no course title).
 */
import { sql } from 'kysely';
import type { Database } from '../../db/database.js';
import { tenantTx } from '../../platform/context.js';
import { addDays, danishToday, isWorkingDay } from '../../platform/dates.js';
import { stepsForPeriodsOf } from './followup.service.js';
import {
  danishLetterDate,
  enqueue,
  sessionInterpreterNotice,
  sessionReminder,
  sessionSms,
} from './reminders.js';

/** The staff's daily list: counts only, and where to see the names. */
export function staffDigest(
  municipalityName: string,
  today: string,
  counts: { overdue: number; dueToday: number },
  deadlinesUrl: string,
) {
  return {
    subject: `Dine frister ${danishLetterDate(today)}: ${counts.overdue} overskredet, ${counts.dueToday} i dag`,
    body: [
      'Hej',
      '',
      `Dine frister i opfølgningssager ${danishLetterDate(today)}:`,
      `- overskredet: ${counts.overdue}`,
      `- forfalder i dag: ${counts.dueToday}`,
      '',
      `Se borgerne og fristerne i Helhed: ${deadlinesUrl}`,
      '',
      `Helhed, ${municipalityName} Kommune`,
    ].join('\n'),
  };
}

/**
 * Writes the day's reminders for every municipality. Staff lists only on working days.
 * Returns how many rows were new.
 */
export async function enqueueDailyReminders(
  database: Database,
  publicUrl: string,
  today = danishToday(),
): Promise<{ staff: number; sessions: number }> {
  const { rows: municipalities } = await sql<{ code: string; name: string }>`
    select code, name from municipality order by code`.execute(database.db);
  let staff = 0;
  let sessions = 0;
  for (const m of municipalities) {
    await tenantTx({ database }, m.code, async (tx) => {
      if (isWorkingDay(today)) {
        // Job-centre staff with an e-mail: a caseworker's own citizens, a coordinating
        // caseworker's whole municipality (as the deadlines page shows them).
        const { rows: users } = await sql<{ id: string; email: string; coordinating: boolean }>`
          select u.id, u.email, bool_or(r.role = 'coordinating_caseworker') as coordinating
          from app_user u join user_role r on r.user_id = u.id
          where u.municipality_code = ${m.code} and u.active and u.kind = 'staff'
            and u.email is not null and r.role in ('caseworker', 'coordinating_caseworker')
          group by u.id, u.email order by u.id`.execute(tx);
        for (const u of users) {
          const steps = await stepsForPeriodsOf(tx, m.code, u.coordinating ? null : u.id, today);
          const open = steps.filter(
            (s) => s.dueDate && (s.status === 'open' || s.status === 'overdue'),
          );
          const counts = {
            overdue: open.filter((s) => s.dueDate! < today).length,
            dueToday: open.filter((s) => s.dueDate === today).length,
          };
          if (counts.overdue + counts.dueToday === 0) continue;
          const added = await enqueue(tx, {
            municipalityCode: m.code,
            citizenId: null,
            channel: 'email',
            recipient: u.email,
            kind: 'staff_deadlines',
            dedupKey: `staff_deadlines:${u.id}:${today}`,
            sendOn: today,
            ...staffDigest(m.name, today, counts, `${publicUrl.replace(/\/$/, '')}/frister`),
          });
          if (added) staff++;
        }
      }
      // Tomorrow's course sessions, to each enrolled citizen with an address or a number.
      const tomorrow = addDays(today, 1);
      const { rows: due } = await sql<{
        session_id: string;
        citizen_id: string;
        email: string | null;
        phone: string | null;
        preferred_language: string;
        needs_interpreter: boolean;
        time: string;
      }>`select s.id as session_id, c.id as citizen_id, c.email, c.phone, c.preferred_language,
          c.needs_interpreter, to_char(s.starts_at at time zone 'Europe/Copenhagen', 'HH24.MI') as time
        from course_session s
        join enrolment e on e.municipality_code = s.municipality_code and e.course_id = s.course_id
          and e.status = 'enrolled'
        join citizen c on c.municipality_code = e.municipality_code and c.id = e.citizen_id
        where s.status = 'planned'
          and (s.starts_at at time zone 'Europe/Copenhagen')::date = ${tomorrow}::date
          and (c.email is not null or c.phone is not null)
        order by s.starts_at, c.id`.execute(tx);
      for (const r of due) {
        const key = `session:${r.session_id}:${r.citizen_id}`;
        const language = {
          preferredLanguage: r.preferred_language,
          needsInterpreter: r.needs_interpreter,
        };
        const base = {
          municipalityCode: m.code,
          citizenId: r.citizen_id,
          kind: 'session',
          sendOn: today,
        };
        if (r.email) {
          const added = await enqueue(tx, {
            ...base,
            channel: 'email',
            recipient: r.email,
            dedupKey: key,
            ...sessionReminder(m.name, tomorrow, r.time, language),
          });
          if (added) sessions++;
        }
        if (r.phone) {
          const added = await enqueue(tx, {
            ...base,
            channel: 'sms',
            recipient: r.phone,
            dedupKey: `${key}:sms`,
            ...sessionSms(m.name, tomorrow, r.time, language),
          });
          if (added) sessions++;
        }
      }
      // The instructors of tomorrow's sessions where participants need an interpreter, whether
      // or not those citizens have an address: the interpreter is booked by the course.
      const { rows: interpreted } = await sql<{
        session_id: string;
        course_id: string;
        user_id: string;
        email: string;
        time: string;
        languages: string[];
        participants: number;
      }>`select s.id as session_id, s.course_id, u.id as user_id, u.email,
          to_char(s.starts_at at time zone 'Europe/Copenhagen', 'HH24.MI') as time,
          array_agg(distinct c.preferred_language order by c.preferred_language) as languages,
          count(distinct c.id)::int as participants
        from course_session s
        join course k on k.municipality_code = s.municipality_code and k.id = s.course_id
        join enrolment e on e.municipality_code = s.municipality_code and e.course_id = s.course_id
          and e.status = 'enrolled'
        join citizen c on c.municipality_code = e.municipality_code and c.id = e.citizen_id
          and c.needs_interpreter
        join app_user u on u.id = any(k.instructor_user_ids) and u.active and u.email is not null
        where s.status = 'planned'
          and (s.starts_at at time zone 'Europe/Copenhagen')::date = ${tomorrow}::date
        group by s.id, s.course_id, s.starts_at, u.id, u.email
        order by s.starts_at, u.id`.execute(tx);
      for (const r of interpreted) {
        const added = await enqueue(tx, {
          municipalityCode: m.code,
          citizenId: null,
          channel: 'email',
          recipient: r.email,
          kind: 'session_interpreter',
          dedupKey: `session_interpreter:${r.session_id}:${r.user_id}`,
          sendOn: today,
          ...sessionInterpreterNotice(
            m.name,
            tomorrow,
            r.time,
            r.languages,
            r.participants,
            `${publicUrl.replace(/\/$/, '')}/hold/${r.course_id}`,
          ),
        });
        if (added) sessions++;
      }
    });
  }
  return { staff, sessions };
}

/** Runs enqueueDailyReminders every `intervalMs` (idempotent per day); returns a stop function. */
export function startDailyReminders(
  database: Database,
  publicUrl: string,
  intervalMs: number,
  onError: (error: unknown) => void,
): () => Promise<void> {
  let running: Promise<unknown> | null = null;
  const run = () => {
    if (running) return;
    running = enqueueDailyReminders(database, publicUrl)
      .catch(onError)
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(run, intervalMs);
  timer.unref();
  // The first pass a minute after the start, so it does not compete with the start itself.
  const first = setTimeout(run, Math.min(intervalMs, 60_000));
  first.unref();
  return async () => {
    clearTimeout(first);
    clearInterval(timer);
    await running;
  };
}
