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
  server = await startServer({ readyTimeoutMs: 150_000 });
  browser = await launchBrowser();
}, 200_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

afterEach(async () => {
  await context?.close();
});

async function newPage(): Promise<Page> {
  context = await browser.newContext();
  return context.newPage();
}

describe('tasks and team meetings', () => {
  it('shows task counts on the start page, the task list and a team meeting with its minutes', async () => {
    const page = await newPage();
    await login(page, server.baseUrl, 'rebild.sundhed');
    await page.getByRole('link', { name: /^Mine opgaver \(\d+\)$/ }).waitFor();
    await expectNoAxeViolations(page);
    await page.getByRole('link', { name: /^Mine opgaver/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Mine opgaver' }).waitFor();
    await expectNoAxeViolations(page);

    await page.goto(`${server.baseUrl}/moeder`);
    await page.getByRole('heading', { level: 1, name: 'Teammøder' }).waitFor();
    await page
      .getByRole('link', { name: /^Rehabiliteringsteam: / })
      .first()
      .click();
    await page.getByRole('heading', { level: 2, name: 'Deltagere' }).waitFor();
    await page.getByLabel('Referat').fill('Borgeren vil gerne i job som lagermedarbejder.');
    await page.getByRole('button', { name: 'Gem referat' }).click();
    await page.getByText('Referatet er gemt.').waitFor();
    await expectNoAxeViolations(page);
  });

  it('does not show the meeting to a provider outside it', async () => {
    const page = await newPage();
    await login(page, server.baseUrl, 'rebild.udbyder');
    await page.goto(`${server.baseUrl}/moeder`);
    await page.getByText('Ingen teammøder.').waitFor();
    expect(await page.getByRole('link', { name: /^Rehabiliteringsteam: / }).count()).toBe(0);
  });
});
