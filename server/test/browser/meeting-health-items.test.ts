/**
 * A team meeting with health items (issue 16), walked through the UI only: the caseworker plans
 * a meeting with the health centre about the demo citizen, tries to record health information,
 * is told plainly that the citizen has not consented to the job centre (an organisation
 * present), records that consent, and then records the item; the health centre's
 * physiotherapist sees it in the meeting. Every page opened is checked with axe at desktop and
 * at 390 px.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { withBrowserApp } from './harness';

const app = withBrowserApp();

async function axeBoth(page: Page) {
  await app.axe(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await app.axe(page);
  await page.setViewportSize({ width: 1280, height: 900 });
}

const item = 'Rygsmerter begrænser løft over 10 kg; kan arbejde siddende.';

describe('health items in a team meeting', () => {
  it('refuses health data without consent to every organisation present, and records it once consented', async () => {
    const citizenId = (await app.apiLogin('rebild.borger')).user.citizenId!;
    const page = await app.loginAs('rebild.sagsbehandler');
    await page.goto(`${app.baseUrl}/borgere/${citizenId}`);
    const name = (await page.getByRole('heading', { level: 1 }).textContent())!.trim();

    // Plan the meeting from the citizen page, with the health centre's physiotherapist.
    await page.getByRole('link', { name: 'Planlæg teammøde' }).click();
    await page.getByRole('heading', { level: 1, name: 'Planlæg teammøde' }).waitFor();
    await page.getByLabel('Mødetype').selectOption({ label: 'Sundhedsafklaringsteam' });
    await page.getByLabel('Dato').fill('2030-05-21');
    await page.getByLabel('Klokkeslæt').fill('10:00');
    await page.getByRole('button', { name: 'Tilføj deltager' }).click();
    await page.getByLabel('Navn (deltager 1)').fill('Finn Fysioterapeut');
    await page.getByLabel('Rolle (deltager 1)').selectOption({ label: 'sundhedsfaglig' });
    await page
      .getByLabel('Organisation (deltager 1)')
      .selectOption({ label: 'Sundhedscenter Rebild' });
    await page.getByRole('button', { name: 'Planlæg mødet' }).click();
    const title = `Sundhedsafklaringsteam: ${name}`;
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    const meetingUrl = page.url();
    await page.getByText('Ingen helbredsoplysninger i mødet.').waitFor();
    await page.getByRole('heading', { level: 3, name: 'Tilføj helbredsoplysning' }).waitFor();
    await axeBoth(page);

    // Without consent to the job centre (present through the caseworker) the item is refused,
    // the refusal names it, and nothing is recorded.
    await page.getByLabel('Kategori').selectOption({ label: 'Sundhedsprofil' });
    await page.getByLabel('Helbredsoplysning', { exact: true }).fill(item);
    await page.getByRole('button', { name: 'Gem helbredsoplysning' }).click();
    const refused = page.getByTestId('health-refused');
    await refused.getByText('Helbredsoplysningen blev ikke gemt: samtykke mangler').waitFor();
    const refusal = (await refused.textContent())!;
    expect(refusal).toContain('Jobcenter Rebild');
    expect(refusal).toContain('sundhedslovens § 15');
    expect(refusal).not.toContain('Sundhedscenter Rebild');
    expect(await page.getByTestId('health-items').count()).toBe(0);
    await page.getByText('Ingen helbredsoplysninger i mødet.').waitFor();
    await axeBoth(page);

    // The way to the consents: the citizen consents (verbally) to the job centre.
    await refused.getByRole('link', { name: 'Gå til borgerens samtykker' }).click();
    await page.getByRole('heading', { level: 1, name: 'Samtykke' }).waitFor();
    await page.getByLabel('Modtager').selectOption({ label: 'Jobcenter Rebild' });
    await page.getByLabel('Sundhedsprofil', { exact: true }).check();
    await page.getByLabel('Formål').fill('Helbredsafklaring i sundhedsafklaringsteamet');
    await page.getByLabel('Mundtligt (registreret af mig)').check();
    await page.getByLabel('Giver samtykke').check();
    await page.getByRole('button', { name: 'Registrér', exact: true }).click();
    await page.getByRole('status').getByText('Samtykket er registreret.').waitFor();
    await axeBoth(page);

    // Back in the meeting, the same item is now recorded and shown with its category.
    await page.goBack();
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    expect(page.url()).toBe(meetingUrl);
    await page.getByLabel('Kategori').selectOption({ label: 'Sundhedsprofil' });
    await page.getByLabel('Helbredsoplysning', { exact: true }).fill(item);
    await page.getByRole('button', { name: 'Gem helbredsoplysning' }).click();
    await page.getByRole('status').getByText('Helbredsoplysningen er gemt i mødet.').waitFor();
    expect(await page.getByTestId('health-items').locator('li').allTextContents()).toEqual([
      `Sundhedsprofil: ${item}`,
    ]);
    expect(await page.getByTestId('health-refused').count()).toBe(0);
    await axeBoth(page);

    // The physiotherapist, a participant, finds the meeting and reads the item.
    const finn = await app.loginAs('rebild.sundhed');
    await finn.goto(`${app.baseUrl}/moeder`);
    await finn.getByRole('heading', { level: 1, name: 'Teammøder' }).waitFor();
    await axeBoth(finn);
    await finn.getByRole('link', { name: title }).click();
    await finn.getByRole('heading', { level: 1, name: title }).waitFor();
    expect(await finn.getByTestId('health-items').locator('li').allTextContents()).toEqual([
      `Sundhedsprofil: ${item}`,
    ]);
    await axeBoth(finn);
  });
});
