/**
 * Onboarding in the browser (issue 18): the demo operator onboards Vejle on /drift and gets the
 * one-time link; the new administrator opens it on a phone-sized screen, chooses a password and
 * lands logged in on the start page; in administration they add their own organisation type and
 * an organisation of it, rename the type, are told it cannot be deleted while in use, delete an
 * unused one, and see the export of their data. The operator then offboards Vejle
 * after typing its name in the confirmation. Axe on every page opened.
 */
import { describe, expect, it } from 'vitest';
import { withBrowserApp } from './harness';

const app = withBrowserApp({ keepPages: true });
let link = '';

describe('onboarding a municipality in the browser', () => {
  it('the operator onboards Vejle and is handed the one-time link', async () => {
    const page = await app.loginAs('platform.operatoer');
    await page.getByRole('link', { name: 'Kommuner i Helhed (drift)' }).click();
    await page.getByRole('heading', { level: 1, name: 'Kommuner i Helhed' }).waitFor();
    // The five demo municipalities are listed as onboarded; no citizen data is anywhere here.
    await page.getByRole('cell', { name: 'Rebild', exact: true }).waitFor();
    await app.axe(page);

    await page.getByLabel('Kommune', { exact: true }).selectOption('630');
    await page.getByLabel('Brugernavn').fill('vejle.admin');
    await page.getByLabel('Navn', { exact: true }).fill('Vera Vejle');
    await page.getByRole('button', { name: 'Opret kommunen' }).click();
    const invitation = page.getByTestId('invitation');
    await invitation.getByText('Vejle er oprettet').waitFor();
    link = (await invitation.locator('code').textContent()) ?? '';
    expect(link).toMatch(/\/velkommen#[A-Za-z0-9_-]{40,}$/);
    await page.getByRole('cell', { name: 'Vejle', exact: true }).waitFor();
    await app.axe(page);
  });

  it('the administrator sets a password with the link on a phone and carries on alone', async () => {
    const page = await app.newPage({ width: 390, height: 844 });
    await page.goto(link);
    await page.getByRole('heading', { level: 1, name: 'Velkommen til Helhed' }).waitFor();
    await app.axe(page);
    await page.getByLabel('Ny adgangskode').fill('vejle-er-med-nu');
    await page.getByLabel('Gentag adgangskoden').fill('vejle-er-med-nu');
    await page.getByRole('button', { name: 'Gem og log ind' }).click();
    await page.getByRole('heading', { level: 1, name: 'Velkommen, Vera Vejle' }).waitFor();

    await page.getByRole('link', { name: 'Administration' }).click();
    await page
      .getByRole('heading', { level: 2, name: 'Kommunens egne organisationstyper' })
      .waitFor();
    await page.getByText('Kommunen har ingen egne typer endnu.').waitFor();
    const typeForm = page.locator('section', {
      has: page.getByRole('heading', { name: 'Kommunens egne organisationstyper' }),
    });
    await typeForm.getByLabel('Navn', { exact: true }).fill('Virksomhedscenter');
    await typeForm.getByLabel('Rettigheder som').selectOption('jobcenter');
    await typeForm.getByRole('button', { name: 'Opret organisationstype' }).click();
    await page.getByText('Typen Virksomhedscenter er oprettet.').waitFor();

    const orgForm = page.locator('section', {
      has: page.getByRole('heading', { level: 2, name: 'Organisationer' }),
    });
    await orgForm.getByLabel('Navn', { exact: true }).fill('Virksomhedscenter Vejle Havn');
    await orgForm.getByLabel('Type').selectOption('virksomhedscenter');
    await orgForm.getByRole('button', { name: 'Opret organisation' }).click();
    await page.getByText('Organisationen Virksomhedscenter Vejle Havn er oprettet.').waitFor();
    await orgForm.getByRole('cell', { name: 'Virksomhedscenter (som Jobcenter)' }).waitFor();

    // The own type is renamed in its row; its organisation keeps it under the new name.
    await typeForm.getByRole('button', { name: 'Omdøb Virksomhedscenter' }).click();
    await typeForm.getByLabel('Nyt navn for Virksomhedscenter').fill('Erhvervscenter');
    await app.axe(page);
    await typeForm.getByRole('button', { name: 'Gem navnet' }).click();
    await page.getByText('Typen hedder nu Erhvervscenter.').waitFor();
    await orgForm.getByRole('cell', { name: 'Erhvervscenter (som Jobcenter)' }).waitFor();
    // In use: it cannot be deleted, and the page says which organisation uses it.
    await typeForm.getByRole('button', { name: 'Slet Erhvervscenter' }).click();
    await typeForm
      .getByText('bruges af organisationen: Virksomhedscenter Vejle Havn', { exact: false })
      .waitFor();
    await app.axe(page);
    // An unused type is deleted.
    await typeForm.getByLabel('Navn', { exact: true }).fill('Midlertidig type');
    await typeForm.getByRole('button', { name: 'Opret organisationstype' }).click();
    await page.getByText('Typen Midlertidig type er oprettet.').waitFor();
    await typeForm.getByRole('button', { name: 'Slet Midlertidig type' }).click();
    await page.getByText('Typen Midlertidig type er slettet.').waitFor();
    // The list is read again after the deletion: the row goes.
    await typeForm
      .getByRole('cell', { name: 'Midlertidig type', exact: true })
      .waitFor({ state: 'detached' });
    // The same section on a desktop screen, the rename form open.
    await page.setViewportSize({ width: 1280, height: 900 });
    await typeForm.getByRole('button', { name: 'Omdøb Erhvervscenter' }).click();
    await typeForm.getByLabel('Nyt navn for Erhvervscenter').waitFor();
    await app.axe(page);
    await typeForm.getByRole('button', { name: 'Fortryd' }).click();
    await page.setViewportSize({ width: 390, height: 844 });

    await page.getByRole('heading', { level: 2, name: 'Udtræk af kommunens data' }).waitFor();
    await page.getByRole('link', { name: 'Hent CSV organisation', exact: true }).waitFor();
    await app.axe(page);
  });

  it('the operator offboards Vejle only after typing its name', async () => {
    const page = await app.loginAs('platform.operatoer');
    await page.goto(`${app.baseUrl}/drift`);
    await page.getByRole('button', { name: 'Slet kommunens data Vejle' }).click();
    const dialog = page.getByTestId('offboard-confirm');
    await dialog.getByText('Revisionsloggen bevares').waitFor();
    await app.axe(page);
    await dialog.getByLabel('Skriv »Vejle« for at bekræfte').fill('Vejl');
    await dialog.getByRole('button', { name: 'Slet Vejle' }).click();
    await dialog.getByText('Skriv Vejle', { exact: true }).waitFor();
    await dialog.getByLabel('Skriv »Vejle« for at bekræfte').fill('Vejle');
    await dialog.getByRole('button', { name: 'Slet Vejle' }).click();
    await page
      .getByText(/Vejle er slettet \(\d+ rækker\)\. Revisionsloggen er bevaret\./)
      .waitFor();
    // The list is read again after the offboarding: Vejle's row goes.
    await page.getByRole('cell', { name: 'Vejle', exact: true }).waitFor({ state: 'detached' });
    await app.axe(page);
  });
});
