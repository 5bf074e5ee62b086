/**
 * Issue 16: the administrator opens a citizen's access log from the admin page through the
 * citizen list (offered by the server's allowedActions, not to the caseworker), sees the caseworker's reads by name, role and
 * purpose, and the table's scroll region is reachable by keyboard (axe, desktop and 390 px).
 * The course list, the other table issue 16's walk found unreachable, is checked the same way:
 * both draw their table through the shared DataTable / ScrollRegion (web-scroll-regions.test.ts).
 */
import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { withBrowserApp } from './harness';

const app = withBrowserApp({ readyTimeoutMs: 170_000 });
const phone = { width: 390, height: 844 };

/** A scroll region a keyboard user reaches: it takes focus, and axe finds nothing on the page. */
async function expectReachable(region: Locator) {
  expect(await region.getAttribute('tabindex')).toBe('0');
  await region.focus();
  expect(await region.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
}

let citizenId: string;
let citizenName: string;

describe('a citizen’s access log for the administrator', () => {
  it('is not offered to the caseworker', async () => {
    citizenId = (await app.apiLogin('rebild.borger')).user.citizenId!;
    // The caseworker reads the citizen: these reads are what the administrator looks for.
    const caseworker = await app.apiLogin('rebild.sagsbehandler');
    const read = await fetch(`${app.baseUrl}/api/citizens/${citizenId}`, {
      headers: { cookie: caseworker.cookie },
    });
    const c = (await read.json()) as { firstName: string; lastName: string };
    citizenName = `${c.firstName} ${c.lastName}`;
    const page = await app.loginAs('rebild.sagsbehandler');
    await page.goto(`${app.baseUrl}/borgere/${citizenId}`);
    await page.getByRole('heading', { level: 2, name: 'Stamdata' }).waitFor();
    await page.getByRole('link', { name: 'Ret stamdata' }).waitFor();
    expect(await page.getByRole('link', { name: 'Adgangslog' }).count()).toBe(0);
  });

  for (const viewport of [undefined, phone]) {
    it(`lists the caseworker’s reads for the administrator (${viewport ? '390 px' : 'desktop'})`, async () => {
      const page = await app.loginAs('rebild.admin', viewport);
      await page.goto(`${app.baseUrl}/admin`);
      await page.getByRole('link', { name: /^Find en borgers adgangslog/ }).click();
      await page.getByRole('heading', { level: 1, name: 'Borgere' }).waitFor();
      await page.getByLabel('Navn', { exact: true }).fill(citizenName);
      await page.getByRole('button', { name: 'Søg' }).click();
      await page.getByRole('link', { name: `Adgangslog for ${citizenName}` }).click();
      await page.getByRole('heading', { level: 1, name: /^Adgangslog for / }).waitFor();
      const region = page.getByRole('region', { name: /^Adgange til borgerens data, \d+ i alt$/ });
      await region.waitFor();
      await region.getByRole('cell', { name: 'Sara Sagsbehandler' }).first().waitFor();
      await expectReachable(region);
      await app.axe(page);
    });
  }
});

describe('the course list', () => {
  for (const viewport of [undefined, phone]) {
    it(`has a keyboard-reachable, named table region (${viewport ? '390 px' : 'desktop'})`, async () => {
      const page = await app.loginAs('rebild.sundhed', viewport);
      await page.goto(`${app.baseUrl}/hold`);
      await page.getByRole('heading', { level: 1, name: 'Hold' }).waitFor();
      const region = page.getByRole('region', { name: 'Hold', exact: true });
      await region.locator('tbody tr').first().waitFor();
      await expectReachable(region);
      await app.axe(page);
    });
  }
});
