/**
 * Issue 16: the administrator opens a citizen's access log from the admin page through the
 * citizen list (offered by the server's allowedActions, not to the caseworker), sees the caseworker's reads by name, role and
 * purpose, and the table's scroll region is reachable by keyboard (axe, desktop and 390 px).
 */
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

async function newPage(viewport?: { width: number; height: number }): Promise<Page> {
  context = await browser.newContext(viewport ? { viewport } : {});
  return context.newPage();
}

async function apiLogin(username: string) {
  const res = await fetch(`${server.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: demoPassword }),
  });
  expect(res.status).toBe(200);
  const cookie = res.headers.getSetCookie()[0]!.split(';')[0]!;
  const body = (await res.json()) as { user: { citizenId: string | null } };
  return { cookie, user: body.user };
}

let citizenId: string;
let citizenName: string;

describe('a citizen’s access log for the administrator', () => {
  it('is not offered to the caseworker', async () => {
    citizenId = (await apiLogin('rebild.borger')).user.citizenId!;
    // The caseworker reads the citizen: these reads are what the administrator looks for.
    const caseworker = await apiLogin('rebild.sagsbehandler');
    const read = await fetch(`${server.baseUrl}/api/citizens/${citizenId}`, {
      headers: { cookie: caseworker.cookie },
    });
    const c = (await read.json()) as { firstName: string; lastName: string };
    citizenName = `${c.firstName} ${c.lastName}`;
    const page = await newPage();
    await login(page, server.baseUrl, 'rebild.sagsbehandler');
    await page.goto(`${server.baseUrl}/borgere/${citizenId}`);
    await page.getByRole('heading', { level: 2, name: 'Stamdata' }).waitFor();
    await page.getByRole('link', { name: 'Ret stamdata' }).waitFor();
    expect(await page.getByRole('link', { name: 'Adgangslog' }).count()).toBe(0);
  });

  for (const viewport of [undefined, { width: 390, height: 844 }]) {
    it(`lists the caseworker’s reads for the administrator (${viewport ? '390 px' : 'desktop'})`, async () => {
      const page = await newPage(viewport);
      await login(page, server.baseUrl, 'rebild.admin');
      await page.goto(`${server.baseUrl}/admin`);
      await page.getByRole('link', { name: /^Find en borgers adgangslog/ }).click();
      await page.getByRole('heading', { level: 1, name: 'Borgere' }).waitFor();
      await page.getByLabel('Navn', { exact: true }).fill(citizenName);
      await page.getByRole('button', { name: 'Søg' }).click();
      await page.getByRole('link', { name: `Adgangslog for ${citizenName}` }).click();
      await page.getByRole('heading', { level: 1, name: /^Adgangslog for / }).waitFor();
      const region = page.getByRole('region', { name: /^Adgange til borgerens data, \d+ i alt$/ });
      await region.waitFor();
      expect(await region.getAttribute('tabindex')).toBe('0');
      await region.getByRole('cell', { name: 'Sara Sagsbehandler' }).first().waitFor();
      await region.focus();
      expect(await region.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
      await expectNoAxeViolations(page);
    });
  }
});
