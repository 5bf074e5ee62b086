/**
 * The invitation link by e-mail in the browser (issue 18, decision 1110): with SMTP configured,
 * the operator onboards Kolding with the administrator's address; the page says the link was
 * sent there and shows no link; the administrator opens the mailed link on a phone and sets a
 * password. Axe on the operator's page (desktop and 390 px) and on the welcome page.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, describe, expect, it } from 'vitest';
import { withBrowserApp } from './harness';

const received: { to: string; raw: string }[] = [];
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
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
afterAll(async () => {
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

const app = withBrowserApp({ env: { SMTP_URL: `smtp://127.0.0.1:${port}` } });

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

describe('the invitation link by e-mail', () => {
  it('the operator is told the link was mailed; the administrator uses the mailed link on a phone', async () => {
    const page = await app.loginAs('platform.operatoer');
    await page.goto(`${app.baseUrl}/drift`);
    await page.getByRole('heading', { level: 1, name: 'Kommuner i Helhed' }).waitFor();
    await page.getByLabel('Kommune', { exact: true }).selectOption('621');
    await page.getByLabel('Brugernavn').fill('kolding.admin');
    await page.getByLabel('Navn', { exact: true }).fill('Karen Kolding');
    await page.getByLabel('E-mail').fill('karen@kolding.example');
    await page.getByRole('button', { name: 'Opret kommunen' }).click();
    const invitation = page.getByTestId('invitation');
    await invitation
      .getByText('Invitationslinket er sendt til karen@kolding.example.', { exact: false })
      .waitFor();
    expect(await invitation.locator('code').count()).toBe(0);
    await app.axe(page);
    await page.setViewportSize({ width: 390, height: 844 });
    await app.axe(page);

    const mail = received.find((m) => m.to === 'karen@kolding.example');
    expect(mail).toBeDefined();
    const link = textOf(mail!.raw).match(/https?:\/\/\S+\/velkommen#[A-Za-z0-9_-]+/)![0];
    const phone = await app.newPage({ width: 390, height: 844 });
    await phone.goto(link.replace(/^https?:\/\/[^/]+/, app.baseUrl));
    await phone.getByRole('heading', { level: 1, name: 'Velkommen til Helhed' }).waitFor();
    await app.axe(phone);
    await phone.getByLabel('Ny adgangskode').fill('kolding-fik-en-mail');
    await phone.getByLabel('Gentag adgangskoden').fill('kolding-fik-en-mail');
    await phone.getByRole('button', { name: 'Gem og log ind' }).click();
    await phone.getByRole('heading', { level: 1, name: 'Velkommen, Karen Kolding' }).waitFor();
  });
});
