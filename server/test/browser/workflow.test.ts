/**
 * Issue 5 in the browser: import a file with 3 good and 2 bad rows (preview names the bad rows),
 * commit with a progress bar, re-import (nothing new), find the week-5 citizen in the screening
 * queue, book and complete the screening with three disciplines, see the suggested risk group
 * with its reasons, override it with a reason and see it all on the timeline. Axe on every page.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
// CPR numbers of the reserved synthetic pattern (births 2040–2057, never issued).
import { syntheticCpr } from '../../src/db/seed/national.js';
import { danishToday } from '../../src/platform/dates.js';
import { fiveRows, toCsv } from '../fixtures/imports.js';
import { withBrowserApp } from './harness';

let page: Page;
// One caseworker's session across the tests.
const app = withBrowserApp({
  keepPages: true,
  seed: async (app) => {
    page = await app.loginAs('rebild.sagsbehandler');
  },
});
const call = <T>(path: string, data: unknown) => app.call<T>(page, 'POST', path, data);

const heading = (name: string | RegExp) => page.getByRole('heading', { level: 1, name });
const file = () => ({
  name: 'momentum.csv',
  mimeType: 'text/csv',
  buffer: toCsv(fiveRows(danishToday())),
});

async function importOnce() {
  await page.goto(`${app.baseUrl}/import`);
  await heading('Indlæs borgere og ydelsesforløb').waitFor();
  await page.getByLabel('Fil').setInputFiles(file());
  await page.getByRole('button', { name: 'Gennemse filen' }).click();
  await page.getByTestId('import-summary').waitFor();
}

describe('issue 5 in the browser', () => {
  it('imports a file: the preview names the bad rows, the commit shows progress and writes 3', async () => {
    await importOnce();
    expect(await page.getByTestId('import-summary').textContent()).toBe(
      '5 rækker: 3 gyldige og 2 med fejl.',
    );
    const rows = await page
      .getByTestId('import-errors')
      .locator('tbody tr td:first-child')
      .allTextContents();
    expect([...new Set(rows)]).toEqual(['5', '6']);
    await expect
      .poll(() => page.getByTestId('import-errors').textContent())
      .toContain('Fornavn mangler');
    await app.axe(page);
    await page.getByRole('button', { name: 'Indlæs 3 gyldige rækker' }).click();
    await page.getByTestId('import-done').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('import-done').textContent()).toContain(
      '3 nye borgere og 3 nye ydelsesforløb',
    );
    expect(await page.locator('progress').getAttribute('value')).toBe('3');
    await app.axe(page);
  });

  it('re-importing the same file writes nothing new', async () => {
    await importOnce();
    await page.getByRole('button', { name: 'Indlæs 3 gyldige rækker' }).click();
    await page.getByTestId('import-done').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('import-done').textContent()).toContain(
      '0 nye borgere og 0 nye ydelsesforløb. 3 rækker fandtes i forvejen',
    );
  });

  it('finds the citizen in week 5 in the queue, books and completes the screening', async () => {
    await page.goto(`${app.baseUrl}/screening`);
    await heading('Screeningskø').waitFor();
    // The page opens on "due now": Anna is in her week 5, marked "Nu".
    expect(await page.getByLabel('Skal screenes nu (i eller forbi uge N)').isChecked()).toBe(true);
    const row = page.getByTestId('screening-queue').locator('tr', { hasText: 'Anna Ørnsø' });
    await row.waitFor();
    expect(await row.locator('td').nth(2).textContent()).toBe('5 Nu');
    const markers = () => page.getByTestId('due-marker').allTextContents();
    expect(new Set(await markers())).toEqual(new Set(['Nu']));
    await app.axe(page);
    // "Coming up": the demo citizen whose week 5 begins next Monday, not Anna.
    await page.getByLabel('Kommende (uge N begynder inden for 14 dage)').check();
    await expect
      .poll(
        async () =>
          (await markers()).length > 0 &&
          (await markers()).every((m) => m.startsWith('Kommende, fra ')),
      )
      .toBe(true);
    expect(await page.getByTestId('screening-queue').textContent()).not.toContain('Anna Ørnsø');
    await app.axe(page);
    await page.getByLabel('Skal screenes nu (i eller forbi uge N)').check();
    await row.waitFor();
    await row.getByRole('button', { name: 'Book: Anna Ørnsø' }).click();
    await expect.poll(() => row.locator('td').nth(4).textContent()).toBe('Booket');
    await row.getByRole('link', { name: 'Åbn skema: Anna Ørnsø' }).click();
    await heading('Screening af Anna Ørnsø').waitFor();
    const parts = [
      ['social', 'Økonomi presset', 'Gældsrådgivning', 'Sara Sagsbehandler'],
      ['psykologisk', 'Tegn på stress', 'Stresshåndtering', 'Peter Psykolog'],
      ['fysisk', 'Rygsmerter', 'Træningsforløb', 'Finn Fysioterapeut'],
    ];
    for (const [d, findings, rec, who] of parts) {
      await page.getByLabel(`Fund (${d})`).fill(findings!);
      await page.getByLabel(`Anbefaling (${d})`).fill(rec!);
      await page.getByLabel(`Udfyldt af (${d})`).fill(who!);
    }
    await page.getByLabel('Forløb/kursus').check();
    await page.getByLabel('Note til tidslinjen').fill('Henvis til træningsforløb');
    await app.axe(page);
    await page.getByRole('button', { name: 'Gennemfør screening' }).click();
    await expect.poll(() => page.getByTestId('screening-status').textContent()).toBe('Screenet');
  });

  it('shows the suggested risk group with reasons, records an override, and shows the timeline', async () => {
    await page.getByRole('link', { name: 'Gå til borgeren' }).click();
    await heading('Anna Ørnsø').waitFor();
    // The suggestion is computed when the assessment is opened (the page opens with its overview).
    await page.getByRole('button', { name: 'Forslag og vurdering' }).click();
    await page.getByTestId('risk-suggestion').waitFor();
    expect(await page.getByTestId('risk-suggestion').textContent()).toBe('Forslag: Grøn');
    expect(await page.locator('main').textContent()).toContain('Ingen regler slog til');
    expect(await page.locator('main').textContent()).toContain('ingen sundhedsprofil');
    await page.getByRole('button', { name: 'Vis CPR' }).click();
    await expect.poll(() => page.getByTestId('cpr').textContent()).toBe('010190-2345');
    await app.axe(page);
    await page.getByLabel('Orange').check();
    await page.getByRole('button', { name: 'Gem beslutning' }).click();
    await page.getByRole('alert').filter({ hasText: 'Skriv en begrundelse' }).waitFor();
    await page.getByLabel(/^Begrundelse/).fill('Langvarige rygsmerter og stress');
    await page.getByRole('button', { name: 'Gem beslutning' }).click();
    await expect
      .poll(() => page.getByTestId('risk-decision').textContent())
      .toContain('Besluttet: Orange');
    await expect.poll(() => page.getByTestId('risk-group').textContent()).toBe('Orange');
    await page.getByRole('button', { name: 'Tidslinje' }).click();
    await expect
      .poll(() => page.getByTestId('timeline').locator('li').allTextContents())
      .toEqual([
        expect.stringContaining('Risikogruppe besluttet: orange (forslaget var grøn)'),
        expect.stringContaining('Screening gennemført – anbefaling: forløb/kursus'),
        expect.stringContaining('Ydelsesforløb startet: Sygedagpenge'),
      ]);
    await app.axe(page);
  });

  it('lists citizens with search and shows the other pages without accessibility violations', async () => {
    await page.goto(`${app.baseUrl}/borgere`);
    await heading('Borgere').waitFor();
    await page.getByLabel('Navn').fill('ørnsø');
    await page.getByRole('button', { name: 'Søg' }).click();
    await page.getByRole('link', { name: 'Anna Ørnsø' }).waitFor();
    await app.axe(page);
    await page.goto(`${app.baseUrl}/tidlig-opsporing`);
    await heading('Orange og røde borgere uden indsats').waitFor();
    await app.axe(page);
    const adminPage = await app.loginAs('rebild.admin');
    await adminPage.goto(`${app.baseUrl}/admin/risikoregler`);
    await adminPage.getByRole('heading', { level: 1, name: 'Regler for risikogrupper' }).waitFor();
    await adminPage.getByLabel('Beskrivelse (vises for sagsbehandleren)').first().waitFor();
    await adminPage.getByRole('button', { name: 'Gem regler' }).click();
    await adminPage.getByText('Reglerne er gemt.').waitFor();
    await app.axe(adminPage);
    await adminPage.context().close();
  });
});

const periodRows = () =>
  page
    .getByTestId('periods')
    .locator('tbody tr')
    .evaluateAll((rows) =>
      rows.map((r) => [...r.querySelectorAll('td')].slice(0, 4).map((td) => td.textContent)),
    );

describe('benefit periods on the citizen page', () => {
  let citizenId: string;

  it('a caseworker adds a period; an overlapping one is refused in Danish and not saved', async () => {
    ({ id: citizenId } = await call<{ id: string }>('/api/citizens', {
      cpr: syntheticCpr(3, 3, 3),
      firstName: 'Bodil',
      lastName: 'Ydelsesen',
    }));
    await page.goto(`${app.baseUrl}/borgere/${citizenId}`);
    await heading('Bodil Ydelsesen').waitFor();
    await page.getByText('Borgeren har ingen ydelsesforløb.').waitFor();
    await app.axe(page);

    await page.getByRole('button', { name: 'Tilføj forløb' }).click();
    await page.getByRole('alert').filter({ hasText: 'Angiv startdatoen.' }).waitFor();

    await page.getByLabel('Ydelse', { exact: true }).selectOption({ label: 'Sygedagpenge' });
    await page.getByLabel('Startdato').fill('2026-01-05');
    await page.getByRole('button', { name: 'Tilføj forløb' }).click();
    await page.getByRole('status').filter({ hasText: 'Forløbet er tilføjet.' }).waitFor();
    await expect.poll(periodRows).toEqual([['Sygedagpenge', '5.1.2026', 'Åbent', '']]);
    expect(await page.getByLabel('Startdato').inputValue()).toBe('');

    await page.getByLabel('Startdato').fill('2026-03-01');
    await page.getByRole('button', { name: 'Tilføj forløb' }).click();
    const refused = page.getByRole('alert').filter({ hasText: 'Forløbet er ikke tilføjet' });
    await refused
      .getByText(
        'Forløbet overlapper borgerens forløb med Sygedagpenge, der startede 05-01-2026 og er stadig åbent. Afslut det forløb, eller vælg andre datoer.',
      )
      .waitFor();
    await app.axe(page);
    await page.reload();
    await heading('Bodil Ydelsesen').waitFor();
    await expect.poll(periodRows).toEqual([['Sygedagpenge', '5.1.2026', 'Åbent', '']]);
  });

  it('ends the period after a confirmation; an end before the start is refused and not saved', async () => {
    await page.getByRole('button', { name: 'Afslut forløb Sygedagpenge fra 5.1.2026' }).click();
    await page
      .getByRole('heading', { level: 3, name: 'Afslut Sygedagpenge fra 5.1.2026' })
      .waitFor();
    await page.getByRole('button', { name: 'Fortsæt' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: 'Angiv både slutdato og ophørsårsag.' })
      .waitFor();

    await page.getByLabel('Slutdato', { exact: true }).fill('2025-12-31');
    await page.getByLabel('Ophørsårsag', { exact: true }).selectOption({ label: 'Job' });
    await page.getByRole('button', { name: 'Fortsæt' }).click();
    expect(await page.getByTestId('end-period-confirm').textContent()).toContain(
      'Vil du afslutte Sygedagpenge (startet 5.1.2026) pr. 31.12.2025 med ophørsårsagen Job?',
    );
    await app.axe(page);
    // Escape cancels the confirmation: back to the form with what was typed, nothing saved.
    await page.keyboard.press('Escape');
    await page.getByTestId('end-period-confirm').waitFor({ state: 'detached' });
    expect(await page.getByLabel('Slutdato', { exact: true }).inputValue()).toBe('2025-12-31');
    await page.getByRole('button', { name: 'Fortsæt' }).click();
    await page.getByRole('button', { name: 'Ja, afslut forløbet' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: 'Forløbet er ikke afsluttet' })
      .getByText('Slutdatoen ligger før startdatoen.')
      .waitFor();
    expect(await periodRows()).toEqual([['Sygedagpenge', '5.1.2026', 'Åbent', '']]);

    await page.getByLabel('Slutdato', { exact: true }).fill('2026-04-30');
    await page.getByRole('button', { name: 'Fortsæt' }).click();
    await page.getByRole('button', { name: 'Ja, afslut forløbet' }).click();
    await page.getByRole('status').filter({ hasText: 'Forløbet er afsluttet.' }).waitFor();
    await expect.poll(periodRows).toEqual([['Sygedagpenge', '5.1.2026', '30.4.2026', 'Job']]);
    expect(await page.getByRole('button', { name: /^Afslut forløb/ }).count()).toBe(0);
    await page.getByRole('button', { name: 'Tidslinje' }).click();
    await expect
      .poll(() => page.getByTestId('timeline').locator('li').allTextContents())
      .toEqual(
        expect.arrayContaining([expect.stringContaining('Ydelsesforløb afsluttet: Sygedagpenge')]),
      );
    await app.axe(page);
  });
});
