/**
 * Issue 16, the manager's dashboard: each outcome shows as "n af total (p %)" next to the counts,
 * and the catalogue-gap list names only themes without a published offer (Rødovre's offer covers
 * motion, kost and psykisk helbred, so those are not gaps; rygning is).
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

async function newPage(): Promise<Page> {
  context = await browser.newContext();
  return context.newPage();
}

describe('the manager’s dashboard', () => {
  it('shows outcome shares with their counts and only real catalogue gaps', async () => {
    const page = await newPage();
    await login(page, server.baseUrl, 'roedovre.leder');
    await page.getByRole('link', { name: 'Evaluering: Virker det?' }).first().click();
    const shares = page.getByTestId('outcome-shares');
    await shares.waitFor();
    const cells = await shares.locator('tbody td').allInnerTexts();
    const parsed = cells
      .map((c) => /^(\d+) af (\d+) \((\d+) %\)$/.exec(c))
      .filter((m): m is RegExpExecArray => m !== null);
    expect(parsed.length).toBeGreaterThan(0);
    for (const [, n, total, pct] of parsed) {
      expect(Number(pct)).toBe(Math.round((100 * Number(n)) / Number(total)));
    }

    const gapsHeading = page.getByRole('heading', { name: /^Huller i kataloget/ });
    const gaps = await gapsHeading.locator('xpath=following-sibling::ul[1]').innerText();
    expect(gaps).toContain('Rygning');
    expect(gaps).not.toMatch(/Motion|Kost|Psykisk helbred/);
    await expectNoAxeViolations(page);
  });
});
