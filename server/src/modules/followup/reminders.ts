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

/**
 * The citizen's language and interpreter need (stored on the citizen), carried into the
 * reminders: the text is in English for a citizen whose language is English (the only other
 * language Helhed writes), otherwise Danish; and a citizen who needs an interpreter reads that
 * this is noted, with the language, so a wrong note is caught before the appointment.
 */
export interface CitizenLanguage {
  preferredLanguage: string;
  needsInterpreter: boolean;
}

const DANISH: CitizenLanguage = { preferredLanguage: 'da', needsInterpreter: false };

type Written = 'da' | 'en';
const writtenIn = (c: CitizenLanguage): Written => (c.preferredLanguage === 'en' ? 'en' : 'da');

/** A language's name in Danish or English ("arabisk", "Arabic"); an unknown code as it is. */
export function languageName(code: string, inLanguage: Written): string {
  try {
    return new Intl.DisplayNames([inLanguage], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** "tolk (arabisk)": the interpreter and, unless it is Danish, the citizen's language. */
function interpreterFor(c: CitizenLanguage, lang: Written): string {
  const word = lang === 'en' ? 'an interpreter' : 'tolk';
  return c.preferredLanguage === 'da'
    ? word
    : `${word} (${languageName(c.preferredLanguage, lang)})`;
}

/** The interpreter line of a citizen's e-mail; nothing when no interpreter is needed. */
function interpreterLines(c: CitizenLanguage, lang: Written): string[] {
  if (!c.needsInterpreter) return [];
  return lang === 'en'
    ? [`We have noted that you need ${interpreterFor(c, lang)}. Tell us if that is not right.`]
    : [
        `Vi har noteret, at du har brug for ${interpreterFor(c, lang)}. Sig til, hvis det ikke passer.`,
      ];
}

/** The same in an SMS: a short sentence at the end. */
function interpreterSms(c: CitizenLanguage, lang: Written): string {
  if (!c.needsInterpreter) return '';
  return lang === 'en'
    ? ` You need ${interpreterFor(c, lang)}: noted.`
    : ` Behov for ${interpreterFor(c, lang)} er noteret.`;
}

function letter(lang: Written, lines: string[], c: CitizenLanguage, signature: string) {
  return [
    lang === 'en' ? 'Hello' : 'Hej',
    '',
    ...lines,
    ...interpreterLines(c, lang),
    '',
    lang === 'en' ? 'Kind regards' : 'Venlig hilsen',
    signature,
  ].join('\n');
}

/** The information form is waiting on Min side (no word about illness or benefit). */
export function informationFormReminder(
  municipalityName: string,
  dueDate: string,
  citizen: CitizenLanguage = DANISH,
) {
  const lang = writtenIn(citizen);
  const date = danishLetterDate(dueDate);
  if (lang === 'en') {
    return {
      subject: `You have a new task from ${municipalityName} Municipality`,
      body: letter(
        lang,
        [
          `The job centre of ${municipalityName} Municipality has sent you a form to answer.`,
          `Log in to Min side and answer by ${date}.`,
        ],
        citizen,
        `The job centre, ${municipalityName} Municipality`,
      ),
    };
  }
  return {
    subject: `Du har en ny opgave fra ${municipalityName} Kommune`,
    body: letter(
      lang,
      [
        `Jobcentret i ${municipalityName} Kommune har sendt dig et skema, som du skal svare på.`,
        `Log ind på Min side og svar senest ${date}.`,
      ],
      citizen,
      `Jobcentret, ${municipalityName} Kommune`,
    ),
  };
}

/** The SMS beside the information form mail: as short, and as silent about why. */
export function informationFormSms(
  municipalityName: string,
  dueDate: string,
  citizen: CitizenLanguage = DANISH,
) {
  const lang = writtenIn(citizen);
  const date = danishLetterDate(dueDate);
  return {
    subject: '',
    body:
      lang === 'en'
        ? `The job centre of ${municipalityName} Municipality has sent you a form. Answer on Min side by ${date}.${interpreterSms(citizen, lang)}`
        : `Jobcentret i ${municipalityName} Kommune har sendt dig et skema. Svar på Min side senest ${date}.${interpreterSms(citizen, lang)}`,
  };
}

/** The SMS the day before a conversation. */
export function conversationSms(
  municipalityName: string,
  date: string,
  citizen: CitizenLanguage = DANISH,
) {
  const lang = writtenIn(citizen);
  const day = danishLetterDate(date);
  return {
    subject: '',
    body:
      lang === 'en'
        ? `Reminder: you have a conversation with the job centre of ${municipalityName} Municipality on ${day}. See time and place on Min side.${interpreterSms(citizen, lang)}`
        : `Påmindelse: du har en samtale med Jobcentret i ${municipalityName} Kommune ${day}. Se tid og sted på Min side.${interpreterSms(citizen, lang)}`,
  };
}

/** A conversation tomorrow (sent the day before). */
export function conversationReminder(
  municipalityName: string,
  date: string,
  citizen: CitizenLanguage = DANISH,
) {
  const lang = writtenIn(citizen);
  const day = danishLetterDate(date);
  if (lang === 'en') {
    return {
      subject: `Reminder: conversation ${day}`,
      body: letter(
        lang,
        [
          `You have a conversation with the job centre of ${municipalityName} Municipality on ${day}.`,
          'See time and place on Min side.',
        ],
        citizen,
        `The job centre, ${municipalityName} Municipality`,
      ),
    };
  }
  return {
    subject: `Påmindelse: samtale ${day}`,
    body: letter(
      lang,
      [
        `Du har en samtale med Jobcentret i ${municipalityName} Kommune ${day}.`,
        'Se tid og sted på Min side.',
      ],
      citizen,
      `Jobcentret, ${municipalityName} Kommune`,
    ),
  };
}

/** A course session tomorrow: an appointment and its time, never which course. */
export function sessionReminder(
  municipalityName: string,
  date: string,
  time: string,
  citizen: CitizenLanguage = DANISH,
) {
  const lang = writtenIn(citizen);
  const day = danishLetterDate(date);
  if (lang === 'en') {
    return {
      subject: `Reminder: appointment ${day} at ${time}`,
      body: letter(
        lang,
        [
          `You have an appointment on ${day} at ${time} in a course agreed with you by ${municipalityName} Municipality.`,
          'See the place, or cancel, on Min side.',
        ],
        citizen,
        `${municipalityName} Municipality`,
      ),
    };
  }
  return {
    subject: `Påmindelse: aftale ${day} kl. ${time}`,
    body: letter(
      lang,
      [
        `Du har en aftale ${day} kl. ${time} i et forløb, som ${municipalityName} Kommune har aftalt med dig.`,
        'Se sted og eventuel afbud på Min side.',
      ],
      citizen,
      `${municipalityName} Kommune`,
    ),
  };
}

export function sessionSms(
  municipalityName: string,
  date: string,
  time: string,
  citizen: CitizenLanguage = DANISH,
) {
  const lang = writtenIn(citizen);
  const day = danishLetterDate(date);
  return {
    subject: '',
    body:
      lang === 'en'
        ? `Reminder: you have an appointment on ${day} at ${time} (${municipalityName} Municipality). See the place on Min side.${interpreterSms(citizen, lang)}`
        : `Påmindelse: du har en aftale ${day} kl. ${time} (${municipalityName} Kommune). Se sted på Min side.${interpreterSms(citizen, lang)}`,
  };
}

/**
 * To the instructors of a course session tomorrow where participants need an interpreter: how
 * many and which languages, and where the list is. No name and no course title (a title can name
 * a diagnosis, and e-mail is not a secure channel); the participant list behind the login shows
 * who.
 */
export function sessionInterpreterNotice(
  municipalityName: string,
  date: string,
  time: string,
  languages: string[],
  participants: number,
  courseUrl: string,
) {
  const day = danishLetterDate(date);
  const named = languages.map((l) => (l === 'da' ? 'dansk' : languageName(l, 'da')));
  return {
    subject: `Tolk til aftale ${day} kl. ${time}`,
    body: [
      'Hej',
      '',
      `Til holdets aftale ${day} kl. ${time} har ${participants} ${participants === 1 ? 'deltager' : 'deltagere'} brug for tolk (${named.join(', ')}).`,
      'Husk at bestille tolk, hvis det ikke allerede er gjort.',
      '',
      `Se deltagerlisten i Helhed: ${courseUrl}`,
      '',
      `Helhed, ${municipalityName} Kommune`,
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
