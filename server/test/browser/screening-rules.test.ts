/**
 * The week-N screening rules in the browser: Rebild's administrator changes the week for
 * sygedagpenge (seeded: week 5) and sets one for a benefit with no rule yet; both are kept after
 * a reload. A week of 0 or a word shows the API's Danish message and changes nothing. A manager
 * sees the weeks read only. Axe on the section with and without an error.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { withBrowserApp } from './harness';

const app = withBrowserApp();

const week = (page: Page, benefit: string) =>
  page.getByRole('textbox', { name: `${benefit}: screening i uge`, exact: true });

async function openRules(page: Page) {
  await page.getByRole('heading', { level: 2, name: 'Screening i uge N' }).waitFor();
  await week(page, 'Sygedagpenge').waitFor();
}

describe('week-N screening rules', () => {
  it('an administrator changes the week for a benefit and sets one for another; both are kept', async () => {
    const page = await app.loginAs('rebild.admin');
    await page.getByRole('link', { name: 'Regler for risikogrupper' }).click();
    await openRules(page);
    expect(await week(page, 'Sygedagpenge').inputValue()).toBe('5');
    await page.getByText('Nu: uge 5').waitFor();
    expect(await week(page, 'Dagpenge').inputValue()).toBe('');
    await app.axe(page);

    await week(page, 'Sygedagpenge').fill('7');
    await page.getByRole('button', { name: 'Gem Sygedagpenge' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'Sygedagpenge: screening i uge 7 er gemt.' })
      .waitFor();
    await week(page, 'Dagpenge').fill('10');
    await page.getByRole('button', { name: 'Gem Dagpenge' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'Dagpenge: screening i uge 10 er gemt.' })
      .waitFor();

    await page.reload();
    await openRules(page);
    expect(await week(page, 'Sygedagpenge').inputValue()).toBe('7');
    expect(await week(page, 'Dagpenge').inputValue()).toBe('10');
    await page.getByText('Nu: uge 7').waitFor();
    await page.getByText('Nu: uge 10').waitFor();
  });

  it('a week of 0 or a word shows the API message and changes nothing', async () => {
    const page = await app.loginAs('rebild.admin');
    await page.goto(`${app.baseUrl}/admin/risikoregler`);
    await openRules(page);

    await week(page, 'Sygedagpenge').fill('0');
    await page.getByRole('button', { name: 'Gem Sygedagpenge' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Sygedagpenge blev ikke gemt' });
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Nogle felter er ikke udfyldt korrekt.');
    await page.getByText('Skal være mindst 1', { exact: true }).waitFor();
    expect(await week(page, 'Sygedagpenge').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByRole('status').filter({ hasText: 'er gemt' }).count()).toBe(0);
    await app.axe(page);

    await week(page, 'Sygedagpenge').fill('fem');
    await page.getByRole('button', { name: 'Gem Sygedagpenge' }).click();
    await page.getByText('Skal være af typen heltal', { exact: true }).waitFor();

    await page.reload();
    await openRules(page);
    expect(await week(page, 'Sygedagpenge').inputValue()).toBe('7');
    await page.getByText('Nu: uge 7').waitFor();
  });

  it('a manager sees the weeks but cannot change them', async () => {
    const page = await app.loginAs('rebild.leder');
    await page.goto(`${app.baseUrl}/admin/risikoregler`);
    await page.getByRole('heading', { level: 2, name: 'Screening i uge N' }).waitFor();
    await page.getByText('Kun en administrator kan ændre ugerne.').waitFor();
    const row = page.getByRole('row', { name: /^Sygedagpenge/ });
    expect(await row.textContent()).toContain('Nu: uge 7');
    expect(await page.getByRole('textbox', { name: /screening i uge/ }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Gem (Sygedagpenge|Dagpenge)$/ }).count()).toBe(
      0,
    );
  });
});
