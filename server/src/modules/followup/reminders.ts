/**
 * Reminders: an outbox table (migration 0901) written in the transaction of the event, and a
 * worker that sends due rows, e-mail over SMTP (nodemailer) and SMS through a provider interface
 * (an HTTP gateway, SMS_URL), with retries and exponential back-off. A failed send stays pending
 * with its error until the last attempt, then 'failed': never lost. A channel with no sender
 * configured (the embedded default has none) is not picked up: its rows stay in the outbox,
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

/** Writes a reminder unless one with its dedup key exists; true when a row was written. */
export async function enqueue(tx: Tx, r: Reminder): Promise<boolean> {
  const { rows } = await sql<{ id: string }>`insert into reminder_outbox (municipality_code,
      citizen_id, channel, recipient, subject, body, kind, dedup_key, next_attempt_at)
    values (${r.municipalityCode}, ${r.citizenId}, ${r.channel}, ${r.recipient}, ${r.subject},
      ${r.body}, ${r.kind}, ${r.dedupKey},
      greatest(now(), coalesce((${r.sendOn ?? null}::date + time '08:00') at time zone 'Europe/Copenhagen', now())))
    on conflict (municipality_code, dedup_key) do nothing
    returning id`.execute(tx);
  return rows.length > 0;
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

/** The SMS beside the information form mail: as short, and as silent about why. */
export function informationFormSms(municipalityName: string, dueDate: string) {
  return {
    subject: '',
    body: `Jobcentret i ${municipalityName} Kommune har sendt dig et skema. Svar på Min side senest ${danishLetterDate(dueDate)}.`,
  };
}

/** The SMS the day before a conversation. */
export function conversationSms(municipalityName: string, date: string) {
  return {
    subject: '',
    body: `Påmindelse: du har en samtale med Jobcentret i ${municipalityName} Kommune ${danishLetterDate(date)}. Se tid og sted på Min side.`,
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

/** Sends one SMS; throws when the provider does not take it (the row is then retried). */
export interface SmsProvider {
  send(message: { to: string; text: string }): Promise<void>;
}

/**
 * An SMS provider behind an HTTP gateway: POST {to, text} as JSON to the URL (SMS_URL); any
 * 2xx is taken, anything else (or no answer within 10 s) is a failure to retry. User and
 * password in the URL are sent as HTTP Basic authentication, not as part of the address.
 */
export function httpSmsGateway(url: string): SmsProvider {
  const target = new URL(url);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (target.username || target.password) {
    const user = decodeURIComponent(target.username);
    const password = decodeURIComponent(target.password);
    headers.authorization = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
    target.username = '';
    target.password = '';
  }
  return {
    async send({ to, text }) {
      const res = await fetch(target, {
        method: 'POST',
        headers,
        body: JSON.stringify({ to, text }),
        signal: AbortSignal.timeout(10_000),
      });
      await res.body?.cancel();
      if (!res.ok)
        throw new Error(`SMS-gatewayen svarede ${res.status} (SMS gateway answered ${res.status})`);
    },
  };
}

/** The configured senders; a channel without one keeps its rows in the outbox. */
export interface Senders {
  email?: { transport: Pick<Transporter, 'sendMail'>; from: string };
  sms?: SmsProvider;
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
 * Sends the due rows of the configured channels (up to `limit`), one transaction per row with
 * the row locked so two workers never send the same row. Returns how many were sent and how many
 * failed this pass. Runs as the database owner (a system job across municipalities, like the
 * import worker).
 */
export async function sendDueReminders(
  database: Database,
  senders: Senders,
  limit = 50,
): Promise<{ sent: number; failed: number }> {
  const channels = [...(senders.email ? ['email'] : []), ...(senders.sms ? ['sms'] : [])];
  let sent = 0;
  let failed = 0;
  if (channels.length === 0) return { sent, failed };
  for (let i = 0; i < limit; i++) {
    const done = await database.db.transaction().execute(async (tx) => {
      const { rows } = await sql<OutboxRow>`select municipality_code, id, channel, recipient,
          subject, body, attempts
        from reminder_outbox
        where status = 'pending' and channel = any(${channels}::text[]) and next_attempt_at <= now()
        order by next_attempt_at, id limit 1 for update skip locked`.execute(tx);
      const row = rows[0];
      if (!row) return null;
      try {
        if (row.channel === 'sms') await senders.sms!.send({ to: row.recipient, text: row.body });
        else {
          await senders.email!.transport.sendMail({
            from: senders.email!.from,
            to: row.recipient,
            subject: row.subject,
            text: row.body,
          });
        }
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
  senders: Senders,
  intervalMs: number,
  onError: (error: unknown) => void,
): () => Promise<void> {
  let running: Promise<unknown> | null = null;
  const timer = setInterval(() => {
    if (running) return;
    running = sendDueReminders(database, senders)
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
