/**
 * Reminders: an outbox table (migration 0901) written in the transaction of the event, and a
 * worker that sends due rows over SMTP (nodemailer) with retries and exponential back-off. A
 * failed send stays pending with its error until the last attempt, then 'failed': never lost.
 * Without SMTP configured (the embedded default) no worker runs and the rows stay in the outbox,
 * where they can be read instead of sent. Texts carry no health data: that something waits and
 * when, never what about.
 */
import { sql } from 'kysely';
import type { Transporter } from 'nodemailer';
import type { Database } from '../../db/database.js';
import type { Tx } from '../../platform/context.js';

export const MAX_ATTEMPTS = 8;

export interface Reminder {
  municipalityCode: string;
  citizenId: string | null;
  channel: 'email' | 'sms';
  recipient: string;
  subject: string;
  body: string;
  kind: string;
  dedupKey: string;
  /** Send at 08:00 Danish time on this date (default: now). */
  sendOn?: string;
}

export async function enqueue(tx: Tx, r: Reminder): Promise<void> {
  await sql`insert into reminder_outbox (municipality_code, citizen_id, channel, recipient, subject,
      body, kind, dedup_key, next_attempt_at)
    values (${r.municipalityCode}, ${r.citizenId}, ${r.channel}, ${r.recipient}, ${r.subject},
      ${r.body}, ${r.kind}, ${r.dedupKey},
      coalesce((${r.sendOn ?? null}::date + time '08:00') at time zone 'Europe/Copenhagen', now()))
    on conflict (municipality_code, dedup_key) do nothing`.execute(tx);
}

/** 2-digit day.month.year, the way Danish readers read dates in a letter. */
export function danishLetterDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}.${m}.${y}`;
}

/** The information form is waiting on Min side (no word about illness or benefit). */
export function informationFormReminder(municipalityName: string, dueDate: string) {
  return {
    subject: `Du har en ny opgave fra ${municipalityName} Kommune`,
    body: [
      'Hej',
      '',
      `Jobcentret i ${municipalityName} Kommune har sendt dig et skema, som du skal svare på.`,
      `Log ind på Min side og svar senest ${danishLetterDate(dueDate)}.`,
      '',
      'Venlig hilsen',
      `Jobcentret, ${municipalityName} Kommune`,
    ].join('\n'),
  };
}

/** A conversation tomorrow (sent the day before). */
export function conversationReminder(municipalityName: string, date: string) {
  return {
    subject: `Påmindelse: samtale ${danishLetterDate(date)}`,
    body: [
      'Hej',
      '',
      `Du har en samtale med Jobcentret i ${municipalityName} Kommune ${danishLetterDate(date)}.`,
      'Se tid og sted på Min side.',
      '',
      'Venlig hilsen',
      `Jobcentret, ${municipalityName} Kommune`,
    ].join('\n'),
  };
}

interface OutboxRow {
  municipality_code: string;
  id: string;
  channel: string;
  recipient: string;
  subject: string;
  body: string;
  attempts: number;
}

/**
 * Sends the due e-mail rows (up to `limit`), one transaction per row with the row locked so two
 * workers never send the same row. Returns how many were sent and how many failed this pass.
 * Runs as the database owner (a system job across municipalities, like the import worker).
 */
export async function sendDueReminders(
  database: Database,
  transport: Pick<Transporter, 'sendMail'>,
  from: string,
  limit = 50,
): Promise<{ sent: number; failed: number }> {
  let sent = 0;
  let failed = 0;
  for (let i = 0; i < limit; i++) {
    const done = await database.db.transaction().execute(async (tx) => {
      const { rows } = await sql<OutboxRow>`select municipality_code, id, channel, recipient,
          subject, body, attempts
        from reminder_outbox
        where status = 'pending' and channel = 'email' and next_attempt_at <= now()
        order by next_attempt_at, id limit 1 for update skip locked`.execute(tx);
      const row = rows[0];
      if (!row) return null;
      try {
        await transport.sendMail({ from, to: row.recipient, subject: row.subject, text: row.body });
        await sql`update reminder_outbox set status = 'sent', sent_at = now(),
            attempts = attempts + 1, last_error = null
          where municipality_code = ${row.municipality_code} and id = ${row.id}`.execute(tx);
        return 'sent' as const;
      } catch (error) {
        const attempts = row.attempts + 1;
        const message = error instanceof Error ? error.message : String(error);
        // 1, 2, 4 … minutes; after the last attempt the row is 'failed' and stays listed.
        await sql`update reminder_outbox set attempts = ${attempts}, last_error = ${message.slice(0, 500)},
            status = ${attempts >= MAX_ATTEMPTS ? 'failed' : 'pending'},
            next_attempt_at = now() + make_interval(mins => ${2 ** (attempts - 1)})
          where municipality_code = ${row.municipality_code} and id = ${row.id}`.execute(tx);
        return 'failed' as const;
      }
    });
    if (done === null) break;
    if (done === 'sent') sent++;
    else failed++;
  }
  return { sent, failed };
}

/** Runs sendDueReminders every `intervalMs`; returns a stop function. */
export function startReminderWorker(
  database: Database,
  transport: Pick<Transporter, 'sendMail'>,
  from: string,
  intervalMs: number,
  onError: (error: unknown) => void,
): () => Promise<void> {
  let running: Promise<unknown> | null = null;
  const timer = setInterval(() => {
    if (running) return;
    running = sendDueReminders(database, transport, from)
      .catch(onError)
      .finally(() => {
        running = null;
      });
  }, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
