import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, login, type Session, type TestApp } from '../../../test/helper.js';
import { syntheticCpr } from '../../db/seed/national.js';
import { addDays, danishToday, workingDayOnOrAfter } from '../../platform/dates.js';
import { enqueueDailyReminders } from './daily.js';
import { ruleSetV1, shiftDue } from './engine.js';
import {
  conversationReminder,
  conversationSms,
  httpSmsGateway,
  informationFormSms,
  sendDueReminders,
} from './reminders.js';

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
const mail = () => ({ email: { transport: transport(), from: 'jobcenter@rebild.example' } });

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
    expect(await sendDueReminders(t.database, mail())).toEqual({
      sent: 0,
      failed: 1,
    });
    const [afterFailure] = await outbox();
    expect(afterFailure).toMatchObject({ status: 'pending', attempts: 1 });
    expect(afterFailure!.last_error).toContain('Mailbox temporarily unavailable');
    expect(received).toHaveLength(0);
    // Not before its back-off: nothing is sent on an immediate second pass.
    expect(await sendDueReminders(t.database, mail())).toEqual({
      sent: 0,
      failed: 0,
    });

    // The back-off has passed: the retry delivers it.
    await sql`update reminder_outbox set next_attempt_at = now() where citizen_id = ${citizenId}`.execute(
      t.database.db,
    );
    expect(await sendDueReminders(t.database, mail())).toEqual({
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

  it('sends the SMS through the HTTP gateway, retries a refused one, and leaves e-mail rows alone', async () => {
    // A real HTTP server standing in for the provider's gateway: it refuses the first request.
    const got: { auth: string | undefined; body: { to: string; text: string } }[] = [];
    let refuse = 1;
    const gateway: Server = createServer((req, res) => {
      let raw = '';
      req.on('data', (c: Buffer) => {
        raw += c.toString('utf8');
      });
      req.on('end', () => {
        if (refuse > 0) {
          refuse--;
          res.writeHead(503).end('busy');
          return;
        }
        got.push({ auth: req.headers.authorization, body: JSON.parse(raw) });
        res.writeHead(202, { 'content-type': 'application/json' }).end('{"id":"1"}');
      });
    });
    await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
    const smsPort = (gateway.address() as AddressInfo).port;
    try {
      const today = danishToday();
      const created = await caseworker.inject({
        method: 'POST',
        url: '/api/citizens',
        payload: {
          cpr: syntheticCpr(9, 9, 902),
          firstName: 'Svend',
          lastName: 'Smsen',
          email: 'svend@example.org',
          phone: '+45 20 30 40 50',
        },
      });
      expect(created.statusCode, created.body).toBe(201);
      const citizenId = created.json().id;
      await caseworker.inject({
        method: 'POST',
        url: '/api/benefit-periods',
        payload: { citizenId, benefitType: 'sygedagpenge', startDate: addDays(today, -3) },
      });
      const sent = await caseworker.inject({
        method: 'POST',
        url: `/api/follow-up/citizen/${citizenId}/information-form`,
        payload: { sentOn: today },
      });
      expect(sent.statusCode, sent.body).toBe(200);
      const rows = async () =>
        (
          await sql<{
            channel: string;
            status: string;
            attempts: number;
            last_error: string | null;
          }>`
            select channel, status, attempts, last_error from reminder_outbox
            where citizen_id = ${citizenId} order by channel`.execute(t.database.db)
        ).rows;
      expect((await rows()).map((r) => [r.channel, r.status])).toEqual([
        ['email', 'pending'],
        ['sms', 'pending'],
      ]);
      const sms = { sms: httpSmsGateway(`http://helhed:hemmelig@127.0.0.1:${smsPort}/send`) };
      // The gateway refuses: the SMS stays pending with the error; the e-mail is not touched.
      expect(await sendDueReminders(t.database, sms)).toEqual({ sent: 0, failed: 1 });
      const [mailRow, smsRow] = await rows();
      expect(mailRow).toMatchObject({ channel: 'email', status: 'pending', attempts: 0 });
      expect(smsRow).toMatchObject({ channel: 'sms', status: 'pending', attempts: 1 });
      expect(smsRow!.last_error).toContain('503');
      await sql`update reminder_outbox set next_attempt_at = now() where citizen_id = ${citizenId}`.execute(
        t.database.db,
      );
      expect(await sendDueReminders(t.database, sms)).toEqual({ sent: 1, failed: 0 });
      expect((await rows()).map((r) => [r.channel, r.status, r.attempts])).toEqual([
        ['email', 'pending', 0],
        ['sms', 'sent', 2],
      ]);
      expect(got).toHaveLength(1);
      expect(got[0]!.auth).toBe(`Basic ${Buffer.from('helhed:hemmelig').toString('base64')}`);
      expect(got[0]!.body.to).toBe('+45 20 30 40 50');
      const due = shiftDue(addDays(today, 8), today, ruleSetV1.parameters);
      const [y, m, d] = due.split('-');
      expect(got[0]!.body.text).toContain(`senest ${d}.${m}.${y}`);
      for (const word of ['syg', 'læge', 'helbred', 'diagnose', 'attest', 'dagpenge']) {
        expect(got[0]!.body.text.toLowerCase()).not.toContain(word);
      }
    } finally {
      await new Promise<void>((resolve) => gateway.close(() => resolve()));
    }
  });

  it("mails a caseworker's daily list of deadlines overdue and due: once a day, counts only, retried", async () => {
    // A caseworker of our own, so the counts are this test's citizen's deadlines alone.
    const { rows: roles } = await sql<{ organisation_id: string }>`select r.organisation_id
      from user_role r join app_user u on u.id = r.user_id
      where u.username = 'rebild.sagsbehandler' and r.role = 'caseworker'`.execute(t.database.db);
    const { rows: users } = await sql<{ id: string }>`insert into app_user (municipality_code, kind,
        username, display_name, email)
      values ('840', 'staff', 'rebild.frister', 'Frida Frist', 'frida.frist@rebild.example')
      returning id`.execute(t.database.db);
    const frida = users[0]!.id;
    await sql`insert into user_role (municipality_code, user_id, role, organisation_id)
      values ('840', ${frida}, 'caseworker', ${roles[0]!.organisation_id})`.execute(t.database.db);
    const today = danishToday();
    const created = await caseworker.inject({
      method: 'POST',
      url: '/api/citizens',
      payload: {
        cpr: syntheticCpr(9, 9, 903),
        firstName: 'Helle',
        lastName: 'Hemmelig',
        responsibleCaseworkerId: frida,
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const citizenId = created.json().id;
    await caseworker.inject({
      method: 'POST',
      url: '/api/benefit-periods',
      payload: { citizenId, benefitType: 'sygedagpenge', startDate: addDays(today, -70) },
    });
    // The list is written on working days; recount from the citizen page's own steps.
    const day = workingDayOnOrAfter(today);
    const steps = (
      await caseworker.inject({ method: 'GET', url: `/api/citizens/${citizenId}/follow-up` })
    ).json().steps as { dueDate: string | null; status: string }[];
    const open = steps.filter((s) => s.dueDate && ['open', 'overdue'].includes(s.status));
    const overdue = open.filter((s) => s.dueDate! < day).length;
    const dueToday = open.filter((s) => s.dueDate === day).length;
    expect(overdue).toBeGreaterThan(0);

    await enqueueDailyReminders(t.database, 'https://helhed.rebild.example/', day);
    // Again the same day (a restart, a second server): nothing new.
    await enqueueDailyReminders(t.database, 'https://helhed.rebild.example/', day);
    const listed = async () =>
      (
        await sql<{ status: string; subject: string; body: string; attempts: number }>`
          select status, subject, body, attempts from reminder_outbox
          where recipient = 'frida.frist@rebild.example'`.execute(t.database.db)
      ).rows;
    expect(await listed()).toHaveLength(1);
    const [y, m, d] = day.split('-');
    expect((await listed())[0]!.subject).toBe(
      `Dine frister ${d}.${m}.${y}: ${overdue} overskredet, ${dueToday} i dag`,
    );

    // Through the real SMTP server: refused once, then delivered (the other rows the job wrote,
    // for the demo's citizens and staff, wait so the refusal meets this one).
    await sql`update reminder_outbox set next_attempt_at = now() + interval '1 day'
      where status = 'pending' and recipient <> 'frida.frist@rebild.example'`.execute(
      t.database.db,
    );
    await sql`update reminder_outbox set next_attempt_at = now()
      where recipient = 'frida.frist@rebild.example'`.execute(t.database.db);
    const before = received.length;
    refuseNext = 1;
    await sendDueReminders(t.database, mail());
    expect((await listed())[0]).toMatchObject({ status: 'pending', attempts: 1 });
    await sql`update reminder_outbox set next_attempt_at = now()
      where recipient = 'frida.frist@rebild.example'`.execute(t.database.db);
    await sendDueReminders(t.database, mail());
    expect((await listed())[0]).toMatchObject({ status: 'sent', attempts: 2 });
    const mine = received.slice(before).filter((r) => r.to === 'frida.frist@rebild.example');
    expect(mine).toHaveLength(1);
    const text = textOf(mine[0]!.raw);
    expect(text).toContain(`- overskredet: ${overdue}`);
    expect(text).toContain(`- forfalder i dag: ${dueToday}`);
    expect(text).toContain('https://helhed.rebild.example/frister');
    // No citizen, no benefit, nothing about health: the names are behind the login.
    for (const word of ['helle', 'hemmelig', 'syg', 'læge', 'attest', 'samtale', 'dagpenge']) {
      expect(text.toLowerCase()).not.toContain(word);
      expect(mine[0]!.raw.toLowerCase()).not.toContain(word);
    }
  });

  it('reminds an enrolled citizen the day before a course session, without naming the course', async () => {
    const { rows } = await sql<{
      citizen_id: string;
      session_id: string;
      day: string;
      time: string;
      title: string;
    }>`select e.citizen_id, s.id as session_id,
        (s.starts_at at time zone 'Europe/Copenhagen')::date::text as day,
        to_char(s.starts_at at time zone 'Europe/Copenhagen', 'HH24.MI') as time, k.title
      from course_session s
      join course k on k.municipality_code = s.municipality_code and k.id = s.course_id
      join enrolment e on e.municipality_code = s.municipality_code and e.course_id = s.course_id
        and e.status = 'enrolled'
      where s.municipality_code = '840' and s.status = 'planned' and s.starts_at > now()
      order by s.starts_at limit 1`.execute(t.database.db);
    const r = rows[0]!;
    await sql`update citizen set email = 'deltager@example.org', phone = null
      where municipality_code = '840' and id = ${r.citizen_id}`.execute(t.database.db);
    await enqueueDailyReminders(t.database, 'https://helhed.rebild.example', addDays(r.day, -1));
    await enqueueDailyReminders(t.database, 'https://helhed.rebild.example', addDays(r.day, -1));
    const { rows: mails } = await sql<{ subject: string; body: string; next: string }>`
      select subject, body, (next_attempt_at at time zone 'Europe/Copenhagen')::text as next
      from reminder_outbox where kind = 'session' and citizen_id = ${r.citizen_id}
        and dedup_key = ${`session:${r.session_id}:${r.citizen_id}`}`.execute(t.database.db);
    expect(mails).toHaveLength(1);
    const [y, m, d] = r.day.split('-');
    expect(mails[0]!.subject).toBe(`Påmindelse: aftale ${d}.${m}.${y} kl. ${r.time}`);
    // Sent the morning of the day before (or at once when that morning has passed).
    expect(mails[0]!.next >= `${addDays(r.day, -1)} 08:00`).toBe(true);
    expect(mails[0]!.body.toLowerCase()).not.toContain(r.title.toLowerCase());
  });

  it("carries the citizen's language and interpreter need into the reminders: the citizen's own text and the instructors' notice", async () => {
    const { rows } = await sql<{
      citizen_id: string;
      session_id: string;
      course_id: string;
      day: string;
      time: string;
      title: string;
    }>`select e.citizen_id, s.id as session_id, s.course_id,
        (s.starts_at at time zone 'Europe/Copenhagen')::date::text as day,
        to_char(s.starts_at at time zone 'Europe/Copenhagen', 'HH24.MI') as time, k.title
      from course_session s
      join course k on k.municipality_code = s.municipality_code and k.id = s.course_id
      join enrolment e on e.municipality_code = s.municipality_code and e.course_id = s.course_id
        and e.status = 'enrolled'
      where s.municipality_code = '840' and s.status = 'planned' and s.starts_at > now()
      order by s.starts_at, e.citizen_id limit 1`.execute(t.database.db);
    const r = rows[0]!;
    const { rows: citizens } = await sql<{ first_name: string; last_name: string }>`
      update citizen set email = 'tolk.deltager@example.org', phone = null,
        preferred_language = 'ar', needs_interpreter = true
      where municipality_code = '840' and id = ${r.citizen_id}
      returning first_name, last_name`.execute(t.database.db);
    // The course's instructor, with an e-mail, is told that an interpreter is needed.
    const { rows: users } = await sql<{ id: string }>`insert into app_user (municipality_code,
        kind, username, display_name, email)
      values ('840', 'staff', 'rebild.instruktor.tolk', 'Ida Instruktør', 'ida.instruktor@rebild.example')
      returning id`.execute(t.database.db);
    await sql`update course set instructor_user_ids = array[${users[0]!.id}::uuid]
      where municipality_code = '840' and id = ${r.course_id}`.execute(t.database.db);
    // The test before reminded this citizen of the same session, in Danish without interpreter.
    await sql`delete from reminder_outbox where citizen_id = ${r.citizen_id}`.execute(
      t.database.db,
    );

    await enqueueDailyReminders(t.database, 'https://helhed.rebild.example/', addDays(r.day, -1));
    await enqueueDailyReminders(t.database, 'https://helhed.rebild.example/', addDays(r.day, -1));
    const ours = ['tolk.deltager@example.org', 'ida.instruktor@rebild.example'];
    const { rows: queued } = await sql<{ recipient: string; kind: string }>`
      select recipient, kind from reminder_outbox where recipient = any(${ours}::text[])
        and status = 'pending' order by recipient`.execute(t.database.db);
    expect(queued).toEqual([
      { recipient: 'ida.instruktor@rebild.example', kind: 'session_interpreter' },
      { recipient: 'tolk.deltager@example.org', kind: 'session' },
    ]);

    // Sent through the real SMTP server (the other rows wait).
    await sql`update reminder_outbox set next_attempt_at = now() + interval '1 day'
      where status = 'pending' and not recipient = any(${ours}::text[])`.execute(t.database.db);
    await sql`update reminder_outbox set next_attempt_at = now()
      where recipient = any(${ours}::text[])`.execute(t.database.db);
    const before = received.length;
    expect(await sendDueReminders(t.database, mail())).toEqual({ sent: 2, failed: 0 });
    const got = received.slice(before);
    const citizenMail = got.find((g) => g.to === 'tolk.deltager@example.org')!;
    const staffMail = got.find((g) => g.to === 'ida.instruktor@rebild.example')!;
    const [y, m, d] = r.day.split('-');
    const citizenText = textOf(citizenMail.raw);
    expect(citizenText).toContain(`Du har en aftale ${d}.${m}.${y} kl. ${r.time}`);
    expect(citizenText).toContain('Vi har noteret, at du har brug for tolk (arabisk).');
    const staffText = textOf(staffMail.raw);
    expect(staffText).toContain(
      `Til holdets aftale ${d}.${m}.${y} kl. ${r.time} har 1 deltager brug for tolk (arabisk).`,
    );
    expect(staffText).toContain(`https://helhed.rebild.example/hold/${r.course_id}`);
    // Neither names the citizen, the course or anything from the health record; no CPR number.
    const { first_name, last_name } = citizens[0]!;
    for (const mail of [citizenMail.raw, staffMail.raw]) {
      const text = textOf(mail).toLowerCase();
      for (const word of [first_name, last_name, r.title]) {
        expect(text).not.toContain(word.toLowerCase());
      }
      expect(text).not.toMatch(/\d{6}-?\d{4}/);
    }

    // A citizen whose language is English reads the reminder in English.
    await sql`update citizen set preferred_language = 'en', needs_interpreter = false,
        email = 'english.deltager@example.org'
      where municipality_code = '840' and id = ${r.citizen_id}`.execute(t.database.db);
    await sql`delete from reminder_outbox where citizen_id = ${r.citizen_id} and kind = 'session'`.execute(
      t.database.db,
    );
    await enqueueDailyReminders(t.database, 'https://helhed.rebild.example/', addDays(r.day, -1));
    const { rows: english } = await sql<{ subject: string; body: string }>`
      select subject, body from reminder_outbox
      where recipient = 'english.deltager@example.org'`.execute(t.database.db);
    expect(english).toHaveLength(1);
    expect(english[0]!.subject).toBe(`Reminder: appointment ${d}.${m}.${y} at ${r.time}`);
    expect(english[0]!.body).not.toContain('interpreter');
  });

  it('writes the job centre reminders in the citizen’s language where Helhed has it, noting the interpreter', () => {
    const somali = { preferredLanguage: 'so', needsInterpreter: true };
    expect(conversationSms('Rebild', '2026-05-04', somali).body).toBe(
      'Påmindelse: du har en samtale med Jobcentret i Rebild Kommune 04.05.2026. Se tid og sted på Min side. Behov for tolk (somali) er noteret.',
    );
    expect(conversationReminder('Rebild', '2026-05-04', somali).body).toContain(
      'Vi har noteret, at du har brug for tolk (somali). Sig til, hvis det ikke passer.',
    );
    const english = { preferredLanguage: 'en', needsInterpreter: false };
    expect(conversationReminder('Rebild', '2026-05-04', english)).toMatchObject({
      subject: 'Reminder: conversation 04.05.2026',
    });
    expect(informationFormSms('Rebild', '2026-05-04', english).body).toBe(
      'The job centre of Rebild Municipality has sent you a form. Answer on Min side by 04.05.2026.',
    );
    // Danish without an interpreter: the text as it always was.
    expect(conversationSms('Rebild', '2026-05-04').body).toBe(
      'Påmindelse: du har en samtale med Jobcentret i Rebild Kommune 04.05.2026. Se tid og sted på Min side.',
    );
  });
});
