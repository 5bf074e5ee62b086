/**
 * Issue 19: typing the address of a page one's role cannot use shows a calm "Du har ikke adgang
 * til denne side" page with a way to the start page, not "Der opstod en fejl" and a console
 * error. The server answers the page's query 403; the page turns that into the no-access page.
 */
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
  server = await startServer({ readyTimeoutMs: 170_000 });
  browser = await launchBrowser();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

afterEach(async () => {
  await context?.close();
});

/** A page that records what the app logs as errors and which API calls were refused. */
async function watchedPage() {
  context = await browser.newContext();
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  const refused: string[] = [];
  page.on('console', (message) => {
    // Chromium itself logs every 4xx answer as "Failed to load resource"; the 403 is the
    // expected answer here. What must not appear is the app's own error logging.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      consoleErrors.push(message.text());
    }
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  page.on('response', (response) => {
    if (response.url().includes('/api/') && response.status() === 403) refused.push(response.url());
  });
  return { page, consoleErrors, refused };
}

async function expectNoAccessPage(page: Page) {
  await page
    .getByRole('heading', { level: 1, name: 'Du har ikke adgang til denne side' })
    .waitFor();
  expect(await page.getByRole('heading', { level: 1 }).count()).toBe(1);
  expect(await page.getByText('Noget gik galt').count()).toBe(0);
  expect(await page.getByRole('button', { name: 'Prøv igen' }).count()).toBe(0);
  expect(await page.title()).toBe('Du har ikke adgang til denne side – Helhed');
}

describe('a page the role may not open', () => {
  const cases = [
    { who: 'the citizen', username: 'rebild.borger', path: '/admin' },
    { who: 'a provider', username: 'rebild.udbyder', path: '/evaluering' },
    { who: 'a health professional', username: 'rebild.sundhed', path: '/admin/risikoregler' },
    { who: 'a provider', username: 'rebild.udbyder', path: '/import' },
  ];
  for (const { who, username, path } of cases) {
    it(`shows ${who} (${username}) a calm no-access page at ${path}, with a way to the start page`, async () => {
      const { page, consoleErrors, refused } = await watchedPage();
      await login(page, server.baseUrl, username);
      refused.length = 0;
      await page.goto(`${server.baseUrl}${path}`);
      await expectNoAccessPage(page);
      expect(refused.length, 'the server refused the page’s query').toBeGreaterThan(0);
      expect(consoleErrors).toEqual([]);
      await expectNoAxeViolations(page);

      await page.getByRole('link', { name: 'Gå til forsiden' }).click();
      await page.getByRole('heading', { level: 1, name: /^Velkommen, / }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/');
      expect(consoleErrors).toEqual([]);
    });
  }

  it('shows the page itself to a role that may open it', async () => {
    const { page, consoleErrors, refused } = await watchedPage();
    await login(page, server.baseUrl, 'rebild.admin');
    refused.length = 0;
    await page.goto(`${server.baseUrl}/admin`);
    await page.getByRole('heading', { level: 2, name: 'Organisationer' }).waitFor();
    expect(await page.getByText('Du har ikke adgang til denne side').count()).toBe(0);
    // (The start page's task counts, which an administrator is refused and the start page
    // ignores, may still be answering after login: only the admin page's own calls count.)
    expect(refused.filter((url) => new URL(url).pathname.startsWith('/api/admin'))).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });

  it('shows a caseworker the import page with the latest imports', async () => {
    const { page, consoleErrors, refused } = await watchedPage();
    await login(page, server.baseUrl, 'rebild.sagsbehandler');
    refused.length = 0;
    await page.goto(`${server.baseUrl}/import`);
    await page.getByRole('heading', { level: 2, name: 'Seneste indlæsninger' }).waitFor();
    await page.getByText('Der er ingen indlæsninger endnu.').waitFor();
    expect(await page.getByLabel('Fil').count()).toBe(1);
    expect(refused).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await expectNoAxeViolations(page);
  });
});
