import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, login, type Session, type TestApp } from '../../../test/helper.js';
import { syntheticCpr } from '../../db/seed/national.js';
import { addDays, danishToday } from '../../platform/dates.js';
import { ruleSetV1, shiftDue } from './engine.js';
import { sendDueReminders } from './reminders.js';

let t: TestApp;
let caseworker: Session;
let smtp: SMTPServer;
let port: number;
const received: { to: string; raw: string }[] = [];
let refuseNext = 0;

beforeAll(async () => {
  t = await buildTestApp();
  caseworker = await login(t.app, 'rebild.sagsbehandler');
  // A real SMTP server on a free port; it refuses the recipient while refuseNext > 0.
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (refuseNext > 0) {
        refuseNext--;
        const error = Object.assign(new Error('Mailbox temporarily unavailable'), {
          responseCode: 450,
        });
        return callback(error);
      }
      callback();
    },
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => {
        raw += chunk.toString('utf8');
      });
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo[0]!.address, raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  port = (smtp.server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise<void>((resolve) => smtp?.close(() => resolve()));
  await t?.close();
});

const transport = () =>
  nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });

/** Decodes the quoted-printable/base64 body nodemailer wrote, enough to read the text. */
function textOf(raw: string): string {
  const at = raw.search(/\r?\n\r?\n/);
  const body = at < 0 ? raw : raw.slice(at);
  if (/Content-Transfer-Encoding: base64/i.test(raw)) {
    return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  }
  return body
    .replace(/=\r?\n/g, '')
    .replace(/(=[0-9A-F]{2})+/g, (m) => Buffer.from(m.replace(/=/g, ''), 'hex').toString('utf8'));
}

describe('reminders outbox', () => {
  it('mails the information form reminder with the due date and no health data; a failed send is retried', async () => {
    const today = danishToday();
    const created = await caseworker.inject({
      method: 'POST',
      url: '/api/citizens',
      payload: {
        cpr: syntheticCpr(9, 9, 901),
        firstName: 'Mette',
        lastName: 'Mailsen',
        email: 'mette.mailsen@example.org',
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const citizenId = created.json().id;
    const period = await caseworker.inject({
      method: 'POST',
      url: '/api/benefit-periods',
      payload: { citizenId, benefitType: 'sygedagpenge', startDate: addDays(today, -5) },
    });
    expect(period.statusCode, period.body).toBe(201);
    const sent = await caseworker.inject({
      method: 'POST',
      url: `/api/follow-up/citizen/${citizenId}/information-form`,
      payload: { sentOn: today },
    });
    expect(sent.statusCode, sent.body).toBe(200);
    // Sending the same form again on the same day does not queue a second mail.
    await caseworker.inject({
      method: 'POST',
      url: `/api/follow-up/citizen/${citizenId}/information-form`,
      payload: { sentOn: today },
    });
    const outbox = async () =>
      (
        await sql<{ status: string; attempts: number; last_error: string | null }>`
          select status, attempts, last_error from reminder_outbox where citizen_id = ${citizenId}`.execute(
          t.database.db,
        )
      ).rows;
    expect(await outbox()).toEqual([{ status: 'pending', attempts: 0, last_error: null }]);

    // The server refuses: the row stays pending with the error, to be tried again later.
    refuseNext = 1;
    expect(await sendDueReminders(t.database, transport(), 'jobcenter@rebild.example')).toEqual({
      sent: 0,
      failed: 1,
    });
    const [afterFailure] = await outbox();
    expect(afterFailure).toMatchObject({ status: 'pending', attempts: 1 });
    expect(afterFailure!.last_error).toContain('Mailbox temporarily unavailable');
    expect(received).toHaveLength(0);
    // Not before its back-off: nothing is sent on an immediate second pass.
    expect(await sendDueReminders(t.database, transport(), 'jobcenter@rebild.example')).toEqual({
      sent: 0,
      failed: 0,
    });

    // The back-off has passed: the retry delivers it.
    await sql`update reminder_outbox set next_attempt_at = now() where citizen_id = ${citizenId}`.execute(
      t.database.db,
    );
    expect(await sendDueReminders(t.database, transport(), 'jobcenter@rebild.example')).toEqual({
      sent: 1,
      failed: 0,
    });
    expect(await outbox()).toMatchObject([{ status: 'sent', attempts: 2, last_error: null }]);
    expect(received).toHaveLength(1);
    expect(received[0]!.to).toBe('mette.mailsen@example.org');
    const text = textOf(received[0]!.raw);
    const due = shiftDue(addDays(today, 8), today, ruleSetV1.parameters);
    const [y, m, d] = due.split('-');
    expect(text).toContain(`svar senest ${d}.${m}.${y}`);
    expect(text).toContain('Rebild Kommune');
    // No health data, not even which benefit or that the citizen is ill.
    for (const word of ['syg', 'læge', 'helbred', 'diagnose', 'attest', 'dagpenge']) {
      expect(text.toLowerCase()).not.toContain(word);
      expect(received[0]!.raw.toLowerCase()).not.toContain(word);
    }
  });

  it('keeps the outbox readable where no SMTP server is configured', async () => {
    const coordinator = await login(t.app, 'rebild.koordinator');
    const res = await coordinator.inject({ method: 'GET', url: '/api/follow-up/outbox' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().sending).toBe(false);
    expect(res.json().items).toContainEqual(
      expect.objectContaining({
        recipient: 'mette.mailsen@example.org',
        status: 'sent',
        subject: 'Du har en ny opgave fra Rebild Kommune',
      }),
    );
    const refused = await caseworker.inject({ method: 'GET', url: '/api/follow-up/outbox' });
    expect(refused.statusCode).toBe(403);
  });
});
