/**
 * Issue 19 in the browser: the coordinating caseworker imports plan goals from an Excel sheet
 * (æøå, a line break in a cell) and then from a Windows-1252 CSV that makes a lifestyle outcome
 * a requirement, which the guardrail stops with nothing written. Axe-clean.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvText, encodeText, xlsxOf } from '../fixtures/tabular';
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
let page: Page;
let citizenId: string;

beforeAll(async () => {
  server = await startServer({ readyTimeoutMs: 170_000 });
  browser = await launchBrowser();
  const res = await fetch(`${server.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'rebild.borger', password: demoPassword }),
  });
  citizenId = ((await res.json()) as { user: { citizenId: string } }).user.citizenId;
  context = await browser.newContext();
  page = await context.newPage();
  await login(page, server.baseUrl, 'rebild.koordinator');
}, 240_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.stop();
});

const header = ['specific', 'measurable', 'category', 'requirement'];

describe('plan goals from a file', () => {
  it('imports an XLSX sheet from the plan’s link, with æøå intact', async () => {
    await page.goto(`${server.baseUrl}/planer/${citizenId}`);
    await page.getByRole('link', { name: 'Importér mål fra en fil (CSV eller Excel)' }).click();
    await page.getByRole('heading', { level: 1, name: 'Importér mål til planen' }).waitFor();
    await expectNoAxeViolations(page);

    const sheet = await xlsxOf([
      header,
      ['Træne på værkstedet i Støvring', 'Tre gange om ugen\ni fire uger', 'participation', 'ja'],
      ['Øve jobsamtale', 'Én øvesamtale', 'job', 'nej'],
    ]);
    await page.getByLabel('Fil med mål').setInputFiles({
      name: 'mål.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: sheet,
    });
    await page.getByRole('button', { name: 'Importér mål' }).click();
    await page.getByText('2 mål er tilføjet planen.').waitFor();
    await expectNoAxeViolations(page);

    await page.getByRole('link', { name: 'Tilbage til planen' }).last().click();
    await page.getByRole('heading', { level: 1, name: /^Plan for / }).waitFor();
    await page.getByText('Træne på værkstedet i Støvring').first().waitFor();
    expect(await page.getByText('Øve jobsamtale').count()).toBeGreaterThan(0);
  });

  it('stops a Windows-1252 CSV that makes a lifestyle outcome a requirement, adding nothing', async () => {
    await page.goto(`${server.baseUrl}/planer/${citizenId}/import`);
    await page.getByRole('heading', { level: 1, name: 'Importér mål til planen' }).waitFor();
    const csv = encodeText(
      csvText(
        [
          header,
          ['Gå til fysioterapi', 'Fremmøde', 'participation', 'ja'],
          ['Tabe 5 kg', 'Vægt', 'other', 'ja'],
        ],
        ';',
      ),
      'windows-1252',
    );
    await page
      .getByLabel('Fil med mål')
      .setInputFiles({ name: 'mål.csv', mimeType: 'text/csv', buffer: csv });
    await page.getByRole('button', { name: 'Importér mål' }).click();
    await page.getByText('Målene blev ikke importeret').waitFor();
    await page
      .getByText(/kan ikke være et krav/)
      .first()
      .waitFor();
    expect(await page.getByText(/mål er tilføjet planen/).count()).toBe(0);
    const plan = (await (
      await page.request.get(`${server.baseUrl}/api/plans/${citizenId}`)
    ).json()) as { goals: { specific: string }[] };
    expect(plan.goals.map((g) => g.specific)).not.toContain('Gå til fysioterapi');
    await expectNoAxeViolations(page);
  });
});
