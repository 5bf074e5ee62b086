/**
 * The follow-up rules in the administrator's section: Rebild's administrator sees the seeded
 * version 1 (in force), adds version 2 with a valid-from date and a reason, and sees both
 * versions after a reload; a reason left out shows the API's message and adds nothing. Axe on
 * the section before and after. And the manager's timeliness figure on the evaluation page.
 */
import { describe, expect, it } from 'vitest';
import { withBrowserApp } from './harness';

const app = withBrowserApp();

describe('follow-up rules in the admin section', () => {
  it('shows the versions and adds one with a valid-from date', async () => {
    const page = await app.loginAs('rebild.admin');
    await page.goto(`${app.baseUrl}/admin`);
    await page
      .getByRole('heading', { level: 2, name: 'Regler for sygedagpengeopfølgning' })
      .waitFor();
    const table = page.getByTestId('follow-up-rules');
    const versions = () => table.locator('tbody th').allTextContents();
    await expect.poll(versions).toEqual(['1 (gælder nu)']);
    expect(await table.locator('tbody tr').first().textContent()).toContain(
      '1. samtale 55 · opfølgning hver 28 · revurdering 153',
    );
    // The form starts from the version in force.
    expect(await page.getByLabel('Første samtale: dage efter første fraværsdag').inputValue()).toBe(
      '55',
    );
    await app.axe(page);

    // Without a reason: the API's message, nothing added.
    await page.getByLabel('Gælder fra').fill('2030-01-01');
    await page.getByRole('button', { name: 'Tilføj version' }).click();
    await page.getByRole('alert').filter({ hasText: 'blev ikke gemt' }).waitFor();
    expect(await versions()).toEqual(['1 (gælder nu)']);
    await app.axe(page);

    await page.getByLabel('Opfølgning: højst dage mellem samtaler').fill('21');
    await page.getByLabel('Begrundelse').fill('Kommunal praksis: opfølgning hver 3. uge');
    await page.getByRole('button', { name: 'Tilføj version' }).click();
    await page.getByText('Version 2 er gemt og gælder fra 1.1.2030.').waitFor();
    await expect.poll(versions).toEqual(['2', '1 (gælder nu)']);

    await page.reload();
    await expect.poll(versions).toEqual(['2', '1 (gælder nu)']);
    const v2 = table.locator('tbody tr').first();
    expect(await v2.textContent()).toContain('1.1.2030');
    expect(await v2.textContent()).toContain('opfølgning hver 21');
    expect(await v2.textContent()).toContain('Kommunal praksis: opfølgning hver 3. uge');
    await app.axe(page);
  });
});

describe('timeliness on the evaluation dashboard', () => {
  it('shows the manager the share of conversations held by their deadline, small cells hidden', async () => {
    const page = await app.loginAs('rebild.leder');
    await page.goto(`${app.baseUrl}/evaluering`);
    await page
      .getByRole('heading', { level: 3, name: 'Rettidighed i sygedagpengeopfølgningen' })
      .waitFor();
    const table = page.getByTestId('timeliness');
    await table.waitFor();
    expect(await table.locator('thead th').allTextContents()).toEqual([
      'Måned',
      'Team',
      'Samtale',
      'Holdt',
      'Rettidigt',
      'For sent',
      'Rettidigt (%)',
    ]);
    // The demo's few conversations make small cells: shown as "<5" or "x", never 1–4.
    const counts = await table.locator('tbody td.text-align-right').allTextContents();
    expect(counts.length).toBeGreaterThan(0);
    for (const c of counts) expect(['1', '2', '3', '4']).not.toContain(c.trim());
    await app.axe(page);
  });
});
