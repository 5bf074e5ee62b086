import { describe, expect, it } from 'vitest';
// CPR numbers of the reserved synthetic pattern (births 2040–2057, never issued).
import { syntheticCpr } from '../../src/db/seed/national.js';
import { maskCpr } from '../../src/platform/cpr.js';
import { withBrowserApp } from './harness';

const app = withBrowserApp();

const tove = syntheticCpr(15, 5, 1);
const mads = syntheticCpr(22, 7, 2);

describe('tasks and team meetings', () => {
  it('shows task counts on the start page, the task list and a team meeting with its minutes', async () => {
    const page = await app.loginAs('rebild.sundhed');
    await page.getByRole('link', { name: /^Mine opgaver \(\d+\)$/ }).waitFor();
    await app.axe(page);
    await page.getByRole('link', { name: /^Mine opgaver/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Mine opgaver' }).waitFor();
    await app.axe(page);

    await page.goto(`${app.baseUrl}/moeder`);
    await page.getByRole('heading', { level: 1, name: 'Teammøder' }).waitFor();
    await page
      .getByRole('link', { name: /^Rehabiliteringsteam: / })
      .first()
      .click();
    await page.getByRole('heading', { level: 2, name: 'Deltagere' }).waitFor();
    await page.getByLabel('Referat').fill('Borgeren vil gerne i job som lagermedarbejder.');
    await page.getByRole('button', { name: 'Gem referat' }).click();
    await page.getByText('Referatet er gemt.').waitFor();
    await app.axe(page);
  });

  it('does not show the meeting to a provider outside it', async () => {
    const page = await app.loginAs('rebild.udbyder');
    await page.goto(`${app.baseUrl}/moeder`);
    await page.getByText('Ingen teammøder.').waitFor();
    expect(await page.getByRole('link', { name: /^Rehabiliteringsteam: / }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Planlæg teammøde' }).count()).toBe(0);
  });

  it('a caseworker plans a meeting: finds the citizen, adds participants, and sees the meeting', async () => {
    const page = await app.loginAs('rebild.sagsbehandler');
    await app.call(page, 'POST', '/api/citizens', {
      cpr: tove,
      firstName: 'Tove',
      lastName: 'Teammødesen',
    });
    await page.goto(`${app.baseUrl}/moeder`);
    await page.getByRole('link', { name: 'Planlæg teammøde' }).click();
    await page.getByRole('heading', { level: 1, name: 'Planlæg teammøde' }).waitFor();
    await page.getByText('Ingen andre deltagere endnu.').waitFor();
    await app.axe(page);

    // Nothing chosen yet: the form says what is missing and plans nothing.
    await page.getByRole('button', { name: 'Planlæg mødet' }).click();
    const missing = page.getByRole('alert').filter({ hasText: 'Mødet er ikke planlagt' });
    await missing.getByText('Vælg den borger, mødet handler om.').waitFor();
    await missing.getByText('Angiv dato og klokkeslæt for mødet.').waitFor();
    expect(page.url()).toBe(`${app.baseUrl}/moeder/nyt`);

    await page.getByLabel('Søg efter borger').fill('teammødesen');
    await page.getByRole('button', { name: `Vælg Tove Teammødesen (${maskCpr(tove)})` }).click();
    expect(await page.getByTestId('meeting-citizen').textContent()).toBe(
      `Tove Teammødesen (${maskCpr(tove)})`,
    );
    await page.getByLabel('Mødetype').selectOption({ label: 'Sundhedsafklaringsteam' });
    await page.getByLabel('Dato').fill('2030-03-14');
    await page.getByLabel('Klokkeslæt').fill('09:30');
    await page.getByLabel('Dagsorden').fill('Afklaring af helbred og næste skridt');

    await page.getByRole('button', { name: 'Tilføj deltager' }).click();
    await page.getByLabel('Navn (deltager 1)').fill('Finn Fysioterapeut');
    await page.getByLabel('Rolle (deltager 1)').selectOption({ label: 'sundhedsfaglig' });
    await page
      .getByLabel('Organisation (deltager 1)')
      .selectOption({ label: 'Sundhedscenter Rebild' });
    await page.getByRole('button', { name: 'Tilføj deltager' }).click();
    await page.getByLabel('Navn (deltager 2)').fill('Bent Fjernes');
    await page.getByRole('button', { name: 'Tilføj deltager' }).click();
    await page.getByLabel('Navn (deltager 3)').fill('Tove Teammødesen');
    await page.getByLabel('Rolle (deltager 3)').selectOption({ label: 'borger' });
    expect(await page.getByLabel('Organisation (deltager 3)').count()).toBe(0);
    await page.getByRole('button', { name: 'Fjern deltager 2' }).click();
    expect(await page.getByLabel('Navn (deltager 2)').inputValue()).toBe('Tove Teammødesen');
    await app.axe(page);

    await page.getByRole('button', { name: 'Planlæg mødet' }).click();
    await page
      .getByRole('heading', { level: 1, name: 'Sundhedsafklaringsteam: Tove Teammødesen' })
      .waitFor();
    expect(page.url()).toMatch(/\/moeder\/[0-9a-f-]{36}$/);
    expect(await page.locator('main p.font-lead').textContent()).toContain('14. mar. 2030');
    const participants = await page
      .getByRole('heading', { level: 2, name: 'Deltagere' })
      .locator('xpath=following-sibling::ul[1]/li')
      .allTextContents();
    expect(participants).toEqual(
      expect.arrayContaining([
        'Finn Fysioterapeut (sundhedsfaglig, Sundhedscenter Rebild)',
        'Tove Teammødesen (borger)',
        'Sara Sagsbehandler (sagsbehandler, Jobcenter Rebild)',
      ]),
    );
    expect(participants).toHaveLength(3);
    expect(await page.locator('main').textContent()).toContain(
      'Afklaring af helbred og næste skridt',
    );
    await app.axe(page);
  });

  it('the citizen page links to the form with the citizen chosen', async () => {
    const page = await app.loginAs('rebild.sagsbehandler');
    const citizen = await app.call<{ id: string }>(page, 'POST', '/api/citizens', {
      cpr: mads,
      firstName: 'Mads',
      lastName: 'Mødeplan',
    });
    await page.goto(`${app.baseUrl}/borgere/${citizen.id}`);
    await page.getByRole('heading', { level: 1, name: 'Mads Mødeplan' }).waitFor();
    await page.getByRole('link', { name: 'Planlæg teammøde' }).click();
    await page.getByRole('heading', { level: 1, name: 'Planlæg teammøde' }).waitFor();
    expect(await page.getByTestId('meeting-citizen').textContent()).toBe(
      `Mads Mødeplan (${maskCpr(mads)})`,
    );
    await page.getByLabel('Dato').fill('2030-04-02');
    await page.getByLabel('Klokkeslæt').fill('13:00');
    await page.getByRole('button', { name: 'Planlæg mødet' }).click();
    await page
      .getByRole('heading', { level: 1, name: 'Rehabiliteringsteam: Mads Mødeplan' })
      .waitFor();
    await page.goto(`${app.baseUrl}/moeder?borger=${citizen.id}`);
    await page.getByRole('link', { name: 'Rehabiliteringsteam: Mads Mødeplan' }).waitFor();
  });
});
