import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { withBrowserApp } from './harness';

// MitID switched on (the page offers it only then); the link is not followed, so the issuer is
// never contacted.
const app = withBrowserApp({
  env: {
    OIDC_ISSUER: 'https://mitid.invalid/',
    OIDC_CLIENT_ID: 'helhed-shell-test',
    OIDC_CLIENT_SECRET: 'kun-til-test',
  },
});

const heading = (page: Page, name: string | RegExp) =>
  page.getByRole('heading', { level: 1, name });

describe('the app shell', () => {
  it('sends a visitor to a Danish login page without accessibility violations', async () => {
    const page = await app.newPage();
    await page.goto(`${app.baseUrl}/`);
    await heading(page, 'Log ind').waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(await page.getAttribute('html', 'lang')).toBe('da');
    expect(await page.title()).toBe('Log ind – Helhed');
    expect(await page.getByRole('link', { name: 'Log ind med MitID' }).getAttribute('href')).toBe(
      '/api/auth/oidc/start',
    );
    await page.goto(`${app.baseUrl}/login`);
    await heading(page, 'Log ind').waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.textContent')).toBe('Gå til sidens indhold');
    await app.axe(page);
  });

  it('shows the login page on a phone without violations or sideways scrolling', async () => {
    const page = await app.newPage({ width: 390, height: 844 });
    await page.goto(`${app.baseUrl}/login`);
    await heading(page, 'Log ind').waitFor();
    await page.getByRole('button', { name: 'Log ind', exact: true }).waitFor();
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await app.axe(page);
  });

  it('tells the user when the password is wrong', async () => {
    const page = await app.newPage();
    await page.goto(`${app.baseUrl}/login`);
    await page.getByLabel('Brugernavn').fill('rebild.sagsbehandler');
    await page.getByLabel('Adgangskode').fill('forkert-adgangskode');
    await page.getByRole('button', { name: 'Log ind', exact: true }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    const text = (await alert.textContent()) ?? '';
    expect(text).toContain('Du blev ikke logget ind');
    expect(text.replace('Du blev ikke logget ind', '').trim().length).toBeGreaterThan(10);
    expect(new URL(page.url()).pathname).toBe('/login');
    await app.axe(page);
  });

  it('tells the user to wait when login is throttled', async () => {
    const page = await app.newPage();
    const username = 'odense.leder';
    let detail = '';
    for (let attempt = 0; attempt < 20 && !detail; attempt++) {
      const response = await page.request.post(`${app.baseUrl}/api/auth/login`, {
        data: { username, password: 'forkert-adgangskode' },
        headers: { 'accept-language': 'da' },
      });
      if (response.status() === 429)
        detail = ((await response.json()) as { detail: string }).detail;
    }
    expect(detail, 'serveren svarede aldrig 429').not.toBe('');

    await page.goto(`${app.baseUrl}/login`);
    await page.getByLabel('Brugernavn').fill(username);
    await page.getByLabel('Adgangskode').fill('helhed-demo');
    await page.getByRole('button', { name: 'Log ind', exact: true }).click();
    await page.getByRole('alert').getByText(detail).waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
  });

  it('shows loading, then an error with a retry button when the server fails', async () => {
    const page = await app.newPage();
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
    await page.goto(`${app.baseUrl}/`);
    await page.getByRole('status').getByText('Indlæser…').waitFor();
    await page.getByRole('alert').getByText('Helhed er midlertidigt utilgængelig.').waitFor();
    await app.axe(page);

    await page.unroute('**/api/auth/me');
    await page.getByRole('button', { name: 'Prøv igen' }).click();
    await heading(page, 'Log ind').waitFor();
  });

  it('shows a caseworker their name, municipality and tasks after login', async () => {
    const page = await app.loginAs('rebild.sagsbehandler');
    const me = await page.request.get(`${app.baseUrl}/api/auth/me`);
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
    await app.axe(page);
  });

  it('switches to English, keeps the choice across a reload and switches back', async () => {
    const page = await app.loginAs('rebild.sagsbehandler');
    await page.getByRole('button', { name: 'English' }).click();
    await heading(page, /^Welcome, /).waitFor();
    await page.getByRole('button', { name: 'Log out' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.title()).toBe('Home – Helhed');
    await app.axe(page);

    await page.reload();
    await heading(page, /^Welcome, /).waitFor();
    await page.getByRole('link', { name: 'Screening queue' }).waitFor();

    await page.getByRole('button', { name: 'Dansk' }).click();
    await heading(page, /^Velkommen, /).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('da');
  });

  it('shows a 404 page for an unknown address', async () => {
    const page = await app.loginAs('rebild.sagsbehandler');
    await page.goto(`${app.baseUrl}/findes-ikke`);
    await heading(page, 'Siden findes ikke').waitFor();
    await page.getByText('/findes-ikke').waitFor();
    expect(await page.title()).toBe('Siden findes ikke – Helhed');
    await app.axe(page);
    await page.getByRole('link', { name: 'Gå til forsiden' }).click();
    await heading(page, /^Velkommen, /).waitFor();
  });

  it('logs out and back to the login page, ending the session', async () => {
    const page = await app.loginAs('rebild.sagsbehandler');
    await page.getByRole('button', { name: 'Log ud' }).click();
    await heading(page, 'Log ind').waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
    expect((await page.request.get(`${app.baseUrl}/api/auth/me`)).status()).toBe(401);

    await page.goto(`${app.baseUrl}/`);
    await heading(page, 'Log ind').waitFor();
    await app.axe(page);
  });
});
