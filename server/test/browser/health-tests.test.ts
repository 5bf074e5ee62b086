/**
 * Health tests (sundhedstest) in the browser: a health professional records tests for a citizen
 * the health centre holds (Rebild's demo citizen, referred to Sundhedscenter Rebild) and sees
 * them listed newest first in Danish notation; the citizen reads them from the portal; a
 * job-center caseworker is never offered them. Axe on every new screen.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { withBrowserApp } from './harness';

let citizenId: string;
const app = withBrowserApp({
  seed: async (app) => {
    citizenId = (await app.apiLogin('rebild.borger')).user.citizenId!;
  },
});

const heading = (page: Page, name: string) =>
  page.getByRole('heading', { level: 1, name, exact: true });

/** The text of each cell of the tests table, row by row (header row left out). */
async function tableRows(page: Page): Promise<string[][]> {
  return page
    .getByTestId('health-tests')
    .locator('tbody tr')
    .evaluateAll((rows) =>
      rows.map((row) =>
        [...row.querySelectorAll('th, td')].map((cell) => (cell.textContent ?? '').trim()),
      ),
    );
}

describe('health tests', () => {
  it('a health professional records two tests and sees them listed, newest first', async () => {
    const page = await app.loginAs('rebild.sundhed');
    await page.goto(`${app.baseUrl}/borgere/${citizenId}/sundhedsprofil`);
    await heading(page, 'Sundhedssamtale').waitFor();
    await page.getByRole('link', { name: 'Sundhedstest' }).click();
    await heading(page, 'Sundhedstest').waitFor();
    await page.getByText('Der er endnu ikke registreret nogen sundhedstest.').waitFor();
    await app.axe(page);

    // Nothing filled in, then a weight out of range: the form says what to fix.
    await page.getByRole('button', { name: 'Gem sundhedstest' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'Ret felterne' });
    await summary.waitFor();
    expect(await summary.textContent()).toContain('Udfyld mindst én måling');
    await page.getByLabel('Vægt (kg)').fill('8,5');
    await page.getByLabel('Systolisk (øvre tal)').fill('130');
    await page.getByRole('button', { name: 'Gem sundhedstest' }).click();
    await summary.filter({ hasText: 'Skal være mellem 20 og 400' }).waitFor();
    expect(await summary.textContent()).toContain(
      'Udfyld både det systoliske og det diastoliske tal',
    );
    expect(await page.getByLabel('Vægt (kg)').getAttribute('aria-invalid')).toBe('true');
    await app.axe(page);
    expect(await page.getByTestId('health-tests').count()).toBe(0);

    await page.getByLabel('Dato for målingen').fill('2025-03-14');
    await page.getByLabel('Vægt (kg)').fill('82,4');
    await page.getByLabel('Højde (cm)').fill('178');
    await page.getByLabel('Fedtprocent (%)').fill('27,5');
    await page.getByLabel('Diastolisk (nedre tal)').fill('85');
    await page.getByLabel('Note (valgfri)').fill('Første måling');
    await page.getByRole('button', { name: 'Gem sundhedstest' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'Sundhedstesten fra 14. marts 2025 er gemt.' })
      .waitFor();
    expect(await tableRows(page)).toEqual([
      [
        '14. marts 2025',
        '82,4 kg',
        '178 cm',
        '26',
        '27,5 %',
        '–Ikke målt',
        '130/85 mmHg',
        'Første måling',
        'Sundhedscenter Rebild',
      ],
    ]);

    // A later test with CO only: it comes first.
    await page.getByLabel('Dato for målingen').fill('2025-06-02');
    await page.getByLabel('CO i udåndingsluft (ppm)').fill('4');
    await page.getByRole('button', { name: 'Gem sundhedstest' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'Sundhedstesten fra 2. juni 2025 er gemt.' })
      .waitFor();
    const rows = await tableRows(page);
    expect(rows.map((r) => [r[0], r[5]])).toEqual([
      ['2. juni 2025', '4 ppm'],
      ['14. marts 2025', '–Ikke målt'],
    ]);
    await app.axe(page);

    await page.reload();
    await heading(page, 'Sundhedstest').waitFor();
    await page.getByTestId('health-tests').waitFor();
    expect((await tableRows(page)).map((r) => r[0])).toEqual(['2. juni 2025', '14. marts 2025']);
  });

  it('the citizen reads their own tests from the health profile, with no form', async () => {
    const page = await app.loginAs('rebild.borger', { width: 390, height: 844 });
    await page.getByRole('link', { name: 'Min sundhedsprofil' }).click();
    await heading(page, 'Min sundhedsprofil').waitFor();
    await page.getByRole('link', { name: 'Sundhedstest' }).click();
    await heading(page, 'Mine sundhedstest').waitFor();
    await page.getByTestId('health-tests').waitFor();
    expect((await tableRows(page)).map((r) => [r[0], r[1]])).toEqual([
      ['2. juni 2025', '–Ikke målt'],
      ['14. marts 2025', '82,4 kg'],
    ]);
    expect(await page.getByRole('button', { name: 'Gem sundhedstest' }).count()).toBe(0);
    await app.axe(page);
  });

  it('a caseworker is not offered the health tests, and the page does not show them', async () => {
    const page = await app.loginAs('rebild.sagsbehandler');
    await page.goto(`${app.baseUrl}/borgere/${citizenId}/sundhedsprofil`);
    await heading(page, 'Sundhedssamtale').waitFor();
    await page.getByRole('button', { name: 'Start sundhedssamtalen' }).waitFor();
    expect(await page.getByRole('link', { name: 'Sundhedstest' }).count()).toBe(0);

    await page.goto(`${app.baseUrl}/borgere/${citizenId}/sundhedstest`);
    await heading(page, 'Sundhedstest').waitFor();
    await page.getByRole('alert').waitFor();
    expect(await page.getByTestId('health-tests').count()).toBe(0);
    expect(await page.getByText('82,4 kg').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Gem sundhedstest' }).count()).toBe(0);
  });
});
