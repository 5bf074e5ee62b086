/**
 * The offer catalogue from the editor's side: a health professional creates an offer in the
 * editor (a missing title is named at the field and nothing is saved), publishes it, corrects
 * it, and a caseworker finds it by search; a manager reads the catalogue's gaps against what
 * citizens want help with. No axe violations on the editor or the gaps page.
 */
import { describe, expect, it } from 'vitest';
import { withBrowserApp } from './harness';

const app = withBrowserApp();

describe('the offer editor and the catalogue gaps', () => {
  it('a health professional creates, publishes and corrects an offer; a caseworker finds it', async () => {
    const page = await app.loginAs('odense.sundhed');
    await page.goto(`${app.baseUrl}/tilbud`);
    await page.getByRole('heading', { level: 1, name: 'Tilbudskatalog' }).waitFor();
    await page.getByRole('link', { name: 'Opret et nyt tilbud' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nyt tilbud' }).waitFor();
    await app.axe(page);

    // No title: the field says so, and the page stays on the editor.
    await page.getByRole('button', { name: 'Gem tilbud' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.locator('.form-group.form-error').count()).toBeGreaterThan(0);
    expect(new URL(page.url()).pathname).toBe('/tilbud/ny');

    await page.getByLabel('Titel').fill('Stavgang for begyndere');
    await page
      .getByLabel('Beskrivelse')
      .fill('Rolig stavgang i Fruens Have to gange om ugen, for dig der vil i gang igen.');
    await page.getByLabel('Motion').check();
    await page.getByLabel('Antal uger').fill('8');
    await page.getByLabel('Pladser').fill('14');
    await page.getByLabel('Status').selectOption({ label: 'Offentliggjort' });
    await page.getByRole('button', { name: 'Gem tilbud' }).click();
    await page.getByRole('heading', { level: 1, name: 'Stavgang for begyndere' }).waitFor();
    const offerPath = new URL(page.url()).pathname;
    expect(offerPath).toMatch(/^\/tilbud\/vis\/[0-9a-f-]{36}$/);

    await page.getByRole('link', { name: 'Ret tilbuddet' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ret tilbud' }).waitFor();
    expect(await page.getByLabel('Titel').inputValue()).toBe('Stavgang for begyndere');
    await page.getByLabel('Titel').fill('Stavgang for nybegyndere');
    await page.getByRole('button', { name: 'Gem tilbud' }).click();
    await page.getByRole('heading', { level: 1, name: 'Stavgang for nybegyndere' }).waitFor();
    expect(new URL(page.url()).pathname).toBe(offerPath);
    await page.context().close();

    const caseworker = await app.loginAs('odense.sagsbehandler');
    await caseworker.goto(`${app.baseUrl}/tilbud`);
    await caseworker.getByLabel(/^Søg \(fx/).fill('stavgang');
    await caseworker.getByRole('link', { name: 'Stavgang for nybegyndere' }).waitFor();
    // A caseworker may read the offer but is not offered the editor.
    await caseworker.getByRole('link', { name: 'Stavgang for nybegyndere' }).click();
    await caseworker.getByRole('heading', { level: 1, name: 'Stavgang for nybegyndere' }).waitFor();
    expect(await caseworker.getByRole('link', { name: 'Ret tilbuddet' }).count()).toBe(0);
  });

  it('a manager sees, per theme, citizens wanting help against published offers', async () => {
    const page = await app.loginAs('odense.leder');
    await page.goto(`${app.baseUrl}/tilbud/huller`);
    await page.getByRole('heading', { level: 1, name: 'Huller i tilbudskataloget' }).waitFor();
    const rows = page.locator('table tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(6);
    const motion = rows.filter({ has: page.getByRole('rowheader', { name: 'Motion' }) });
    expect(await motion.count()).toBe(1);
    // Odense publishes exercise offers, so motion is no gap.
    const cells = await motion.locator('td').allTextContents();
    expect(Number(cells[1])).toBeGreaterThan(0);
    expect(cells[2]).toBe('Nej');
    await app.axe(page);
  });
});
