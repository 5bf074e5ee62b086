import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
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

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
}, 90_000);

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

const heading = (page: Page, name: string | RegExp) =>
  page.getByRole('heading', { level: 1, name });

describe('the app shell', () => {
  it('sends a visitor to a Danish login page without accessibility violations', async () => {
    const page = await newPage();
    await page.goto(`${server.baseUrl}/`);
    await heading(page, 'Log ind').waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(await page.getAttribute('html', 'lang')).toBe('da');
    expect(await page.title()).toBe('Log ind – Helhed');
    expect(await page.getByRole('link', { name: 'Log ind med MitID' }).getAttribute('href')).toBe(
      '/api/auth/oidc/start',
    );
    await page.goto(`${server.baseUrl}/login`);
    await heading(page, 'Log ind').waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.textContent')).toBe('Gå til sidens indhold');
    await expectNoAxeViolations(page);
  });

  it('shows the login page on a phone without violations or sideways scrolling', async () => {
    const page = await newPage({ width: 390, height: 844 });
    await page.goto(`${server.baseUrl}/login`);
    await heading(page, 'Log ind').waitFor();
    await page.getByRole('button', { name: 'Log ind', exact: true }).waitFor();
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await expectNoAxeViolations(page);
  });

  it('tells the user when the password is wrong', async () => {
    const page = await newPage();
    await page.goto(`${server.baseUrl}/login`);
    await page.getByLabel('Brugernavn').fill('rebild.sagsbehandler');
    await page.getByLabel('Adgangskode').fill('forkert-adgangskode');
    await page.getByRole('button', { name: 'Log ind', exact: true }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    const text = (await alert.textContent()) ?? '';
    expect(text).toContain('Du blev ikke logget ind');
    expect(text.replace('Du blev ikke logget ind', '').trim().length).toBeGreaterThan(10);
    expect(new URL(page.url()).pathname).toBe('/login');
    await expectNoAxeViolations(page);
  });

  it('tells the user to wait when login is throttled', async () => {
    const page = await newPage();
    const username = 'odense.leder';
    let detail = '';
    for (let attempt = 0; attempt < 20 && !detail; attempt++) {
      const response = await page.request.post(`${server.baseUrl}/api/auth/login`, {
        data: { username, password: 'forkert-adgangskode' },
        headers: { 'accept-language': 'da' },
      });
      if (response.status() === 429)
        detail = ((await response.json()) as { detail: string }).detail;
    }
    expect(detail, 'serveren svarede aldrig 429').not.toBe('');

    await page.goto(`${server.baseUrl}/login`);
    await page.getByLabel('Brugernavn').fill(username);
    await page.getByLabel('Adgangskode').fill('helhed-demo');
    await page.getByRole('button', { name: 'Log ind', exact: true }).click();
    await page.getByRole('alert').getByText(detail).waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
  });

  it('shows loading, then an error with a retry button when the server fails', async () => {
    const page = await newPage();
    await page.route('**/api/auth/me', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 500));
      await route.fulfill({
        status: 503,
        contentType: 'application/problem+json',
        body: JSON.stringify({
          type: 'about:blank',
          title: 'Service Unavailable',
          status: 503,
          code: 'unavailable',
          detail: 'Helhed er midlertidigt utilgængelig.',
        }),
      });
    });
    await page.goto(`${server.baseUrl}/`);
    await page.getByRole('status').getByText('Indlæser…').waitFor();
    await page.getByRole('alert').getByText('Helhed er midlertidigt utilgængelig.').waitFor();
    await expectNoAxeViolations(page);

    await page.unroute('**/api/auth/me');
    await page.getByRole('button', { name: 'Prøv igen' }).click();
    await heading(page, 'Log ind').waitFor();
  });

  it('shows a caseworker their name, municipality and tasks after login', async () => {
    const page = await newPage();
    await login(page, server.baseUrl, 'rebild.sagsbehandler');
    const me = await page.request.get(`${server.baseUrl}/api/auth/me`);
    expect(me.status()).toBe(200);
    const { user } = (await me.json()) as { user: { displayName: string } };

    await heading(page, `Velkommen, ${user.displayName}`).waitFor();
    expect(await page.title()).toBe('Forside – Helhed');
    await page.getByRole('banner').getByText(user.displayName).waitFor();
    await page
      .getByRole('banner')
      .getByText(/Rebild/)
      .first()
      .waitFor();
    // The role is shown; the tasks come from the server's allowed actions (no role names).
    await page
      .getByRole('region', { name: 'Dine roller' })
      .getByText(/^Sagsbehandler/)
      .waitFor();
    // Exact names, since other links contain these words.
    const card = page.getByRole('region', { name: 'Dine opgaver', exact: true });
    await card.getByRole('link', { name: 'Borgere', exact: true }).waitFor();
    await card.getByRole('link', { name: 'Screeningskø', exact: true }).waitFor();
    // The task summary links to the task list and shows a total.
    await page.getByRole('link', { name: /^Mine opgaver \(\d+\)$/ }).waitFor();
    expect(await page.getByRole('link', { name: 'Administration' }).count()).toBe(0);
    await expectNoAxeViolations(page);
  });

  it('switches to English, keeps the choice across a reload and switches back', async () => {
    const page = await newPage();
    await login(page, server.baseUrl, 'rebild.sagsbehandler');
    await page.getByRole('button', { name: 'English' }).click();
    await heading(page, /^Welcome, /).waitFor();
    await page.getByRole('button', { name: 'Log out' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.title()).toBe('Home – Helhed');
    await expectNoAxeViolations(page);

    await page.reload();
    await heading(page, /^Welcome, /).waitFor();
    await page.getByRole('link', { name: 'Screening queue' }).waitFor();

    await page.getByRole('button', { name: 'Dansk' }).click();
    await heading(page, /^Velkommen, /).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('da');
  });

  it('shows a 404 page for an unknown address', async () => {
    const page = await newPage();
    await login(page, server.baseUrl, 'rebild.sagsbehandler');
    await page.goto(`${server.baseUrl}/findes-ikke`);
    await heading(page, 'Siden findes ikke').waitFor();
    await page.getByText('/findes-ikke').waitFor();
    expect(await page.title()).toBe('Siden findes ikke – Helhed');
    await expectNoAxeViolations(page);
    await page.getByRole('link', { name: 'Gå til forsiden' }).click();
    await heading(page, /^Velkommen, /).waitFor();
  });

  it('logs out and back to the login page, ending the session', async () => {
    const page = await newPage();
    await login(page, server.baseUrl, 'rebild.sagsbehandler');
    await page.getByRole('button', { name: 'Log ud' }).click();
    await heading(page, 'Log ind').waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
    expect((await page.request.get(`${server.baseUrl}/api/auth/me`)).status()).toBe(401);

    await page.goto(`${server.baseUrl}/`);
    await heading(page, 'Log ind').waitFor();
    await expectNoAxeViolations(page);
  });
});
