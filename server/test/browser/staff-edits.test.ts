/**
 * Short walks for three staff operations that had no page (issue 16): a manager sets success
 * criteria for an offer (from a course's evaluation), a manager closes a needs survey (after a
 * confirmation; its public link then stops answering), and the administrator edits an
 * organisation. axe on every page opened, at desktop and 390 px.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { withBrowserApp } from './harness';

// The Rødovre evaluation demo takes a while to seed on a busy machine.
const app = withBrowserApp({ readyTimeoutMs: 170_000 });

async function axeBoth(page: Page) {
  await app.axe(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await app.axe(page);
  await page.setViewportSize({ width: 1280, height: 900 });
}

describe('staff edits', () => {
  it('a manager sets success criteria for an offer from a course evaluation', async () => {
    const page = await app.loginAs('roedovre.leder');
    await page.getByRole('link', { name: 'Evaluering: Virker det?' }).first().click();
    await page.getByRole('link', { name: 'Sundhedskursus for ledige – hold 2' }).click();
    await page
      .getByRole('heading', { level: 1, name: /Evaluering af Sundhedskursus for ledige – hold 2/ })
      .waitFor();
    await page.getByRole('link', { name: /^Succeskriterier for tilbuddet / }).click();
    const heading = page.getByRole('heading', {
      level: 1,
      name: /^Succeskriterier for tilbuddet /,
    });
    await heading.waitFor();
    await page
      .getByTestId('offer-criteria-version')
      .getByText('Tilbuddet har ingen succeskriterier endnu.')
      .waitFor();
    await axeBoth(page);

    await page.getByLabel('Grænse i procent for Fremmøde').fill('75');
    await page.getByLabel('Tilfredshed (1–5)', { exact: true }).uncheck();
    await page.getByRole('button', { name: 'Gem succeskriterier' }).click();
    await page.getByText('Tilbuddets succeskriterier er gemt (version 1).').waitFor();
    await page.getByTestId('offer-criteria-version').getByText('Gældende: version 1.').waitFor();
    await page.reload();
    await heading.waitFor();
    expect(await page.getByLabel('Grænse i procent for Fremmøde').inputValue()).toBe('75');
    expect(await page.getByLabel('Tilfredshed (1–5)', { exact: true }).isChecked()).toBe(false);
    // Not yet locked (no course under it has started): a change edits version 1.
    await page.getByLabel('Grænse i procent for Fremmøde').fill('70');
    await page.getByRole('button', { name: 'Gem succeskriterier' }).click();
    await page.getByText('Tilbuddets succeskriterier er gemt (version 1).').waitFor();
    await axeBoth(page);
  });

  it('a manager closes a survey after confirming; its public link stops answering', async () => {
    const page = await app.loginAs('roedovre.leder');
    await page.getByRole('link', { name: 'Evaluering: Virker det?' }).first().click();
    await page
      .getByRole('link', { name: 'Behovsundersøgelser: spørg borgerne, før I planlægger' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Behovsundersøgelser' }).waitFor();
    const title = 'Hvad vil du have ud af et motionshold?';
    await page.getByLabel('Titel').fill(title);
    await page.getByRole('button', { name: 'Opret undersøgelse' }).click();
    const survey = page.locator('li').filter({ has: page.getByRole('heading', { name: title }) });
    await survey.getByText('Åben for svar').waitFor();
    const publicPath = (await survey
      .getByRole('link', { name: /\/undersoegelse\// })
      .getAttribute('href'))!;
    await axeBoth(page);

    // The first click only asks; "Fortryd" leaves it open.
    await survey.getByRole('button', { name: `Luk for svar (${title})` }).click();
    const dialog = survey.getByRole('alertdialog');
    await dialog.getByText(`Vil du lukke «${title}» for svar?`, { exact: false }).waitFor();
    await axeBoth(page);
    await dialog.getByRole('button', { name: 'Fortryd' }).click();
    await survey.getByText('Åben for svar').waitFor();

    await survey.getByRole('button', { name: `Luk for svar (${title})` }).click();
    await survey
      .getByRole('alertdialog')
      .getByRole('button', { name: 'Ja, luk undersøgelsen' })
      .click();
    await page.getByRole('status').getByText(`«${title}» er lukket for svar.`).waitFor();
    await survey.getByText('Lukket for svar').waitFor();
    expect(await survey.getByRole('button', { name: /^Luk for svar/ }).count()).toBe(0);
    expect(await survey.getByRole('link', { name: /\/undersoegelse\// }).count()).toBe(0);
    await axeBoth(page);

    // A citizen with the old link gets no form.
    const citizen = await app.newPage();
    await citizen.goto(`${app.baseUrl}${publicPath}`);
    await citizen.getByRole('alert').waitFor();
    expect(await citizen.getByRole('button', { name: 'Send svar' }).count()).toBe(0);
  });

  it('the administrator edits an organisation: name, address, active', async () => {
    const page = await app.loginAs('rebild.admin');
    await page.goto(`${app.baseUrl}/admin`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    // A new association, made here, then corrected.
    await page.getByLabel('Navn', { exact: true }).first().fill('Støvring Løbeklub');
    await page.getByLabel('Type', { exact: true }).selectOption({ label: 'Forening' });
    await page.getByRole('button', { name: 'Opret organisation', exact: true }).click();
    await page.getByText('Organisationen Støvring Løbeklub er oprettet.').waitFor();
    await axeBoth(page);
    // The list as the server now has it (not the client's refetch): the new row is there.
    await page.reload();
    await page.getByRole('cell', { name: 'Støvring Løbeklub', exact: true }).waitFor();

    await page.getByRole('button', { name: 'Ret Støvring Løbeklub' }).click();
    const form = page.getByRole('form', { name: 'Ret Støvring Løbeklub' });
    await form.getByText('Typen (Forening) kan ikke ændres', { exact: false }).waitFor();
    await axeBoth(page);
    await form.getByLabel('Navn', { exact: true }).fill('Støvring Motionsløbeklub');
    await form.getByLabel('Adresse', { exact: true }).fill('Idrætsvej 4, 9530 Støvring');
    await form.getByLabel('Aktiv', { exact: true }).uncheck();
    await form.getByRole('button', { name: 'Gem ændringer' }).click();
    await page.getByText('Organisationen Støvring Motionsløbeklub er gemt.').waitFor();
    expect(await page.getByRole('form', { name: /^Ret / }).count()).toBe(0);
    const row = page.getByRole('row').filter({ hasText: 'Støvring Motionsløbeklub' });
    expect(await row.textContent()).toContain('Idrætsvej 4, 9530 Støvring');
    expect(await row.textContent()).toContain('Deaktiveret');
    expect(await page.getByRole('row').filter({ hasText: 'Støvring Løbeklub' }).count()).toBe(0);
    await axeBoth(page);
  });
});
