/**
 * Issue 17: the manager starts the municipality's FHIR export on its page, watches it run and
 * downloads NDJSON files; the file holds pseudonymous Patients. A caseworker is not offered the
 * page.
 */
import { describe, expect, it } from 'vitest';
import { withBrowserApp } from './harness';

const app = withBrowserApp();

describe('FHIR export page', () => {
  it('the manager starts an export, sees it complete and downloads a file', async () => {
    const page = await app.loginAs('rebild.leder');
    await page.getByRole('link', { name: 'FHIR-udtræk til evaluering' }).click();
    await page.getByRole('heading', { level: 1, name: 'FHIR-udtræk for kommunen' }).waitFor();
    await app.axe(page);

    await page.getByRole('button', { name: 'Start udtræk' }).click();
    await page.getByText(/^Udtrækket er færdigt: \d+ filer\.$/).waitFor({ timeout: 60_000 });
    expect(page.url()).toMatch(/\/fhir-eksport\?job=[0-9a-f-]{36}$/);
    await app.axe(page);

    const link = page.getByRole('link', { name: 'Hent Patient-1.ndjson' });
    const href = await link.getAttribute('href');
    expect(href).toMatch(/^\/fhir\/R4\/\$export\/[0-9a-f-]{36}\/Patient-1\.ndjson$/);
    const file = await page.request.get(`${app.baseUrl}${href}`);
    expect(file.status()).toBe(200);
    const first = JSON.parse((await file.text()).split('\n')[0]!);
    expect(first.resourceType).toBe('Patient');
    expect(first.name).toBeUndefined();

    // A reload keeps following the same export.
    await page.reload();
    await page.getByText(/^Udtrækket er færdigt: \d+ filer\.$/).waitFor();
  });

  it('a caseworker is not offered the export and gets the no-access page', async () => {
    const page = await app.loginAs('rebild.sagsbehandler');
    expect(await page.getByRole('link', { name: 'FHIR-udtræk til evaluering' }).count()).toBe(0);
    await page.goto(`${app.baseUrl}/fhir-eksport`);
    await page
      .getByRole('heading', { level: 1, name: 'Du har ikke adgang til denne side' })
      .waitFor();
    await app.axe(page);
  });
});
