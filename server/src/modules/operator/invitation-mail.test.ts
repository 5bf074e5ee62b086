/**
 * The invitation link by e-mail (issue 18, decision 1110): with SMTP configured, onboarding mails
 * the one-time link to the first administrator's address through a real SMTP server, the
 * operator's answer says where it went and holds no link, and the link is never logged. Without
 * an address, or when the server refuses, the operator is shown the link as before.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, login, type Session, type TestApp } from '../../../test/helper.js';
import { DEMO_OPERATOR } from '../../db/seed/demo.js';

let t: TestApp;
let operator: Session;
let smtp: SMTPServer;
const received: { to: string; raw: string }[] = [];
let refuseNext = 0;

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (refuseNext > 0) {
        refuseNext--;
        return callback(
          Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 }) as Error,
        );
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
  const port = (smtp.server.address() as AddressInfo).port;
  t = await buildTestApp({
    config: { SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: 'helhed@drift.example' },
  });
  operator = await login(t.app, DEMO_OPERATOR);
});
afterAll(async () => {
  await t?.close();
  await new Promise<void>((resolve) => smtp?.close(() => resolve()));
});

/** The plain text nodemailer wrote (quoted-printable or base64), enough to read it. */
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

const onboard = (code: string, name: string, email: string | null) =>
  operator.inject({
    method: 'POST',
    url: '/api/operator/municipalities',
    payload: {
      code,
      name,
      organisations: [{ name: `Jobcenter ${name}`, type: 'jobcenter' }],
      administrator: {
        username: `${name.toLowerCase()}.admin`,
        displayName: `Admin ${name}`,
        email,
      },
    },
  });

describe('the invitation link by e-mail', () => {
  it('mails the link to the new administrator, shows no link to the operator, and the link works once', async () => {
    const res = await onboard('630', 'Vejle', 'vera@vejle.example');
    expect(res.statusCode, res.body).toBe(201);
    const invitation = res.json().invitation;
    expect(invitation).toMatchObject({
      emailedTo: 'vera@vejle.example',
      emailFailed: false,
      token: null,
      url: null,
    });
    const mails = received.filter((m) => m.to === 'vera@vejle.example');
    expect(mails).toHaveLength(1);
    expect(mails[0]!.raw).toContain('From: helhed@drift.example');
    const text = textOf(mails[0]!.raw);
    expect(text).toContain('Du er oprettet som administrator for Vejle Kommune');
    expect(text).toContain('brugernavnet vejle.admin');
    const link = text.match(/https?:\/\/\S+\/velkommen#([A-Za-z0-9_-]+)/);
    expect(link).not.toBeNull();
    const token = link![1]!;
    // The link reaches no log line.
    expect(t.logs.some((line) => line.includes(token))).toBe(false);

    const set = await t.app.inject({
      method: 'POST',
      url: '/api/auth/set-password',
      payload: { token, password: 'vejle-fik-en-mail' },
    });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json().user.municipalityName).toBe('Vejle');
    await login(t.app, 'vejle.admin', 'vejle-fik-en-mail');
  });

  it('shows the link once when the administrator has no address, and mails nothing', async () => {
    const before = received.length;
    const res = await onboard('621', 'Kolding', null);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().invitation).toMatchObject({ emailedTo: null, emailFailed: false });
    expect(res.json().invitation.url).toMatch(/\/velkommen#[A-Za-z0-9_-]+$/);
    expect(received.length).toBe(before);
  });

  it('keeps the onboarding and shows the link when the SMTP server refuses; a new link is mailed', async () => {
    refuseNext = 1;
    const res = await onboard('615', 'Horsens', 'hanne@horsens.example');
    expect(res.statusCode, res.body).toBe(201);
    const invitation = res.json().invitation;
    expect(invitation).toMatchObject({ emailedTo: null, emailFailed: true });
    expect(invitation.url).toMatch(/\/velkommen#/);
    expect(t.logs.some((line) => line.includes(invitation.token))).toBe(false);

    const again = await operator.inject({
      method: 'POST',
      url: '/api/operator/municipalities/615/invitation',
    });
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json()).toMatchObject({
      username: 'horsens.admin',
      emailedTo: 'hanne@horsens.example',
      token: null,
    });
    const mails = received.filter((m) => m.to === 'hanne@horsens.example');
    expect(mails).toHaveLength(1);
    const token = textOf(mails[0]!.raw).match(/\/velkommen#([A-Za-z0-9_-]+)/)![1]!;
    // The first link was replaced by the mailed one.
    const old = await t.app.inject({
      method: 'POST',
      url: '/api/auth/set-password',
      payload: { token: invitation.token, password: 'horsens-gammelt-link' },
    });
    expect(old.statusCode).toBe(404);
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/auth/set-password',
      payload: { token, password: 'horsens-nyt-link' },
    });
    expect(ok.statusCode, ok.body).toBe(200);
  });
});
