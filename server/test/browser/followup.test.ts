import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  demoPassword,
  expectNoAxeViolations,
  launchBrowser,
  login,
  startServer,
  type TestBrowser,
  type TestServer,
} from './harness';

let server: TestServer;
let browser: TestBrowser;
let context: BrowserContext;
let citizenId: string;

beforeAll(async () => {
  server = await startServer({ readyTimeoutMs: 150_000 });
  browser = await launchBrowser();
  const res = await fetch(`${server.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'rebild.borger', password: demoPassword }),
  });
  citizenId = ((await res.json()) as { user: { citizenId: string } }).user.citizenId;
}, 200_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

afterEach(async () => {
  await context?.close();
});

async function newPage(viewport?: { width: number; height: number }): Promise<Page> {
  context = await browser.newContext({ viewport });
  return context.newPage();
}

/** A JSON call with the page's session and CSRF token (setup the UI does not cover). */
async function call(page: Page, path: string, data: unknown) {
  const me = await page.request.get(`${server.baseUrl}/api/auth/me`);
  const { csrfToken } = (await me.json()) as { csrfToken: string };
  const response = await page.request.post(`${server.baseUrl}${path}`, {
    data,
    headers: { 'x-csrf-token': csrfToken },
  });
  expect(response.ok(), `POST ${path}: ${await response.text()}`).toBe(true);
}

const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Copenhagen' }).format(
  new Date(),
);
const daysAgo = (n: number) =>
  new Date(Date.parse(`${today}T12:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);

describe('sickness-benefit follow-up', () => {
  it('the caseworker sends the information form, the citizen answers it on a phone, the caseworker sees the answers', async () => {
    const staff = await newPage();
    await login(staff, server.baseUrl, 'rebild.sagsbehandler');
    await call(staff, '/api/benefit-periods', {
      citizenId,
      benefitType: 'sygedagpenge',
      startDate: daysAgo(9),
    });
    await staff.goto(`${server.baseUrl}/borgere/${citizenId}`);
    // The follow-up loads when its section is opened (the page opens with its overview).
    await staff.getByRole('button', { name: 'Sygedagpengeopfølgning' }).click();
    const section = staff.getByTestId('follow-up');
    await section.getByRole('heading', { name: 'Sygedagpengeopfølgning' }).waitFor();
    await section.getByText('Oplysningsskemaet er ikke sendt.').waitFor();
    await section.getByRole('button', { name: 'Send oplysningsskema' }).click();
    await section.getByText(/^Sendt .*, ikke besvaret endnu\.$/).waitFor();
    // The steps show Danish dates and status markers.
    const steps = section.getByTestId('follow-up-steps');
    await steps.getByRole('row', { name: /Første opfølgningssamtale/ }).waitFor();
    expect(await steps.getByRole('row', { name: /Oplysningsskema/ }).textContent()).toMatch(
      /\d{1,2}\.\d{1,2}\.\d{4}.*Åben/,
    );
    await expectNoAxeViolations(staff);
    await context.close();

    const phone = await newPage({ width: 390, height: 844 });
    await login(phone, server.baseUrl, 'rebild.borger');
    await phone.goto(`${server.baseUrl}/mit`);
    const form = phone.locator('section', {
      has: phone.getByRole('heading', { name: 'Oplysningsskema om dit sygefravær' }),
    });
    await form.waitFor();
    await form.getByText(/Lægeattest: Jobcentret har dokumentet med hjemmel i loven/).waitFor();
    // Sending with an empty answer says what is missing.
    await form.getByRole('button', { name: 'Send svar' }).click();
    await form.getByRole('alert').getByText('Svar på alle tre spørgsmål, før du sender.').waitFor();
    await form
      .getByLabel('Hvordan påvirker sygdommen din evne til at arbejde?')
      .fill('Jeg kan ikke løfte eller stå længe ad gangen');
    await form.getByLabel('Hvor længe forventer du at være syg?').fill('Omkring ti uger');
    await form.getByLabel('Hvad kan du stadig arbejde med?').fill('Kontorarbejde nogle timer');
    // Nothing on the phone is wider than the screen.
    const overflow = await phone.evaluate<boolean>(
      'document.documentElement.scrollWidth > window.innerWidth',
    );
    expect(overflow).toBe(false);
    await expectNoAxeViolations(phone);
    await form.getByRole('button', { name: 'Send svar' }).click();
    await form.getByText(/^Tak\. Du svarede .*, og jobcentret kan nu se dine svar\.$/).waitFor();
    await context.close();

    const again = await newPage();
    await login(again, server.baseUrl, 'rebild.sagsbehandler');
    await again.goto(`${server.baseUrl}/borgere/${citizenId}`);
    await again.getByRole('button', { name: 'Sygedagpengeopfølgning' }).click();
    const answers = again.getByTestId('information-form-answers');
    await answers.getByText('Jeg kan ikke løfte eller stå længe ad gangen').waitFor();
    await answers.getByText('Omkring ti uger').waitFor();
    await answers.getByText('Kontorarbejde nogle timer').waitFor();
    await expectNoAxeViolations(again);
  });

  it('the caseworker records a conversation and sees the deadlines list', async () => {
    const page = await newPage();
    await login(page, server.baseUrl, 'rebild.sagsbehandler');
    await page.goto(`${server.baseUrl}/borgere/${citizenId}`);
    await page.getByRole('button', { name: 'Sygedagpengeopfølgning' }).click();
    const section = page.getByTestId('follow-up');
    await section.getByLabel('Holdt den').fill(daysAgo(1));
    await section.getByLabel('Form', { exact: true }).selectOption('phone');
    await section.getByRole('button', { name: 'Registrér samtalen' }).click();
    await section.getByText(/Telefon, Kategori 2/).waitFor();
    await section
      .getByTestId('follow-up-steps')
      .getByRole('row', { name: /Første opfølgningssamtale.*Udført/ })
      .waitFor();
    await page.goto(`${server.baseUrl}/opgaver`);
    await page.getByRole('link', { name: /^Frister i sygedagpengesager/ }).click();
    await page
      .getByRole('heading', { level: 1, name: 'Mine frister i sygedagpengesager' })
      .waitFor();
    await page.getByRole('heading', { name: /^Overskredet \(\d+\)$/ }).waitFor();
    await expectNoAxeViolations(page);
  });
});
