/**
 * Issue 16: a caseworker creates a citizen by hand from the citizen list (CPR checked, shown
 * masked afterwards), edits the details from the citizen page, and is told clearly when the
 * CPR number already belongs to a citizen of the municipality. Fictitious CPR numbers only.
 */
import { describe, expect, it } from 'vitest';
import { syntheticCpr } from '../../src/db/seed/national';
import { withBrowserApp } from './harness';

const app = withBrowserApp({ readyTimeoutMs: 170_000 });

const cpr = syntheticCpr(9, 11, 777);

describe('a citizen by hand', () => {
  it('creates a citizen, edits the details and refuses the same CPR number twice', async () => {
    const page = await app.loginAs('rebild.sagsbehandler');
    await page.goto(`${app.baseUrl}/borgere`);
    await page.getByRole('link', { name: 'Opret borger' }).click();
    await page.getByRole('heading', { level: 1, name: 'Opret borger' }).waitFor();
    await app.axe(page);

    await page.getByLabel('CPR-nummer').fill('12345');
    await page.getByLabel('Fornavn').fill('Signe');
    await page.getByLabel('Efternavn').fill('Håndholm');
    await page.getByRole('button', { name: 'Opret borger' }).click();
    await page.getByText('Skriv et gyldigt CPR-nummer med 10 cifre').waitFor();
    await app.axe(page);

    await page.getByLabel('CPR-nummer').fill(`${cpr.slice(0, 6)}-${cpr.slice(6)}`);
    await page.getByLabel('Foretrukket sprog').selectOption('uk');
    await page.getByLabel('Har brug for tolk').check();
    await page.getByRole('button', { name: 'Opret borger' }).click();
    await page.getByRole('heading', { level: 1, name: 'Signe Håndholm' }).waitFor();
    expect(await page.getByTestId('cpr').innerText()).toBe(`${cpr.slice(0, 6)}-xxxx`);

    await page.getByRole('link', { name: 'Ret stamdata' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ret borgerens stamdata' }).waitFor();
    expect(await page.getByLabel('Har brug for tolk').isChecked()).toBe(true);
    await app.axe(page);
    await page.getByLabel('Adresse').fill('Jernbanegade 1');
    await page.getByLabel('Postnummer').fill('9530');
    await page.getByLabel('By').fill('Støvring');
    await page.getByRole('button', { name: 'Gem ændringer' }).click();
    await page.getByRole('heading', { level: 1, name: 'Signe Håndholm' }).waitFor();
    await page.getByText('Jernbanegade 1, 9530 Støvring').waitFor();

    await page.goto(`${app.baseUrl}/borgere/ny`);
    await page.getByLabel('CPR-nummer').fill(cpr);
    await page.getByLabel('Fornavn').fill('Anden');
    await page.getByLabel('Efternavn').fill('Person');
    await page.getByRole('button', { name: 'Opret borger' }).click();
    await expect
      .poll(() => page.getByRole('alert').innerText())
      .toContain('Der findes allerede en borger med dette CPR-nummer i kommunen.');
    await app.axe(page);
  });
});
