/**
 * Issue 16: a caseworker reviews every orange and red risk-group suggestion of the municipality
 * in one list, with the rules' reasons, and confirms or overrides each there (an override needs
 * a reason). The list never shows the health values behind a rule.
 */
import { describe, expect, it } from 'vitest';
import { withBrowserApp } from './harness';

const app = withBrowserApp({ readyTimeoutMs: 170_000 });

describe('risk-group suggestions as a list', () => {
  it('confirms one suggestion and overrides another with a reason, from the list', async () => {
    const page = await app.loginAs('hjoerring.sagsbehandler');
    await page.goto(`${app.baseUrl}/tidlig-opsporing`);
    await page
      .getByRole('link', { name: 'Gennemgå alle forslag til orange og rød gruppe' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Forslag til risikogrupper' }).waitFor();
    const table = page.getByRole('region', {
      name: /^Forslag til orange og rød gruppe, \d+ i alt$/,
    });
    await table.waitFor();
    await app.axe(page);
    // Reasons only: no rule explanation with the citizen's value, no WHO-5 score label.
    const text = await table.innerText();
    expect(text).not.toMatch(/WHO-5 trivselsscore|reglen: /);
    const rows = table.locator('tbody tr');
    const before = await rows.count();
    expect(before).toBeGreaterThan(1);

    const firstName = await rows.nth(0).getByRole('link').innerText();
    await rows
      .nth(0)
      .getByRole('button', { name: new RegExp(`^Bekræft .* for ${firstName}$`) })
      .click();
    // Decided citizens leave the "without a decision" view.
    await expect
      .poll(() => table.getByRole('link', { name: firstName, exact: true }).count())
      .toBe(0);

    const secondName = await rows.nth(0).getByRole('link').innerText();
    await page.getByRole('button', { name: `Vælg anden gruppe for ${secondName}` }).click();
    await page.getByLabel('Gruppe', { exact: true }).selectOption({ label: 'Grøn' });
    await page.getByRole('button', { name: 'Gem beslutning' }).click();
    // The reason is required: nothing is saved without it.
    expect(await table.getByRole('link', { name: secondName, exact: true }).count()).toBe(1);
    await page.getByLabel('Begrundelse').fill('Borgeren er allerede i gang med et forløb');
    await page.getByRole('button', { name: 'Gem beslutning' }).click();
    await expect
      .poll(() => table.getByRole('link', { name: secondName, exact: true }).count())
      .toBe(0);

    // Every suggestion, decided or not: both decisions show with their groups.
    await page.getByLabel('Vis kun forslag uden beslutning').uncheck();
    await page.getByLabel('Sortér efter').selectOption('date');
    const second = table.locator('tbody tr', {
      has: page.getByRole('link', { name: secondName, exact: true }),
    });
    await expect.poll(() => second.locator('td').nth(4).innerText()).toMatch(/^Grøn \(/);
    await app.axe(page);
  });
});
