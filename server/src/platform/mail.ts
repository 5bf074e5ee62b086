/**
 * Mail sent at once, outside the reminder outbox: the one-time invitation link to a new
 * administrator (decision 1110). The outbox stores its texts in the database and lists them on
 * the outbox page, which is right for reminders and wrong for a credential; this sends straight
 * through the configured SMTP server (SMTP_URL, the same as the reminders) and keeps nothing.
 * The text is never logged: a failure is reported as the SMTP server's error alone.
 */
import type { Transporter } from 'nodemailer';
import type { Config } from '../config.js';

let cached: { url: string; transport: Pick<Transporter, 'sendMail'> } | null = null;

async function transportFor(smtpUrl: string) {
  if (cached?.url !== smtpUrl) {
    const nodemailer = (await import('nodemailer')).default;
    cached = { url: smtpUrl, transport: nodemailer.createTransport(smtpUrl) };
  }
  return cached.transport;
}

/** True when mail can be sent (SMTP_URL is configured). */
export const canMail = (config: Config) => config.smtpUrl !== null;

/**
 * Sends one plain-text mail; resolves false (and sends nothing) when no SMTP server is
 * configured, rejects with the server's error when it refuses.
 */
export async function sendMailNow(
  config: Config,
  message: { to: string; subject: string; text: string },
): Promise<boolean> {
  if (!config.smtpUrl) return false;
  const transport = await transportFor(config.smtpUrl);
  await transport.sendMail({ from: config.mailFrom, ...message });
  return true;
}
