/**
 * The job centre's own offers in the one catalogue (issue 18, decision 1052): Rebild's caseworker
 * publishes a mentor offer of the job centre; the health centre's physiotherapist finds it with
 * the catalogue's "kind of offer" filter. Axe on the editor and on the filtered list.
 */
import { describe, expect, it } from 'vitest';
import { withBrowserApp } from './harness';

const app = withBrowserApp();

describe('offer kinds in the catalogue', () => {
  it('a caseworker publishes a mentor offer; the health centre filters the catalogue to find it', async () => {
    const caseworker = await app.loginAs('rebild.sagsbehandler');
    await caseworker.goto(`${app.baseUrl}/tilbud/ny`);
    await caseworker.getByRole('heading', { level: 1, name: 'Nyt tilbud' }).waitFor();
    await caseworker.getByLabel('Titel').fill('Mentor de første uger i job');
    await caseworker.getByLabel('Slags tilbud').selectOption('mentor');
    await caseworker.getByLabel('Status').selectOption('published');
    await app.axe(caseworker);
    await caseworker.getByRole('button', { name: 'Gem tilbud' }).click();
    await caseworker
      .getByRole('heading', { level: 1, name: 'Mentor de første uger i job' })
      .waitFor();
    await caseworker.getByText('Jobcenter Rebild').first().waitFor();

    const health = await app.loginAs('rebild.sundhed');
    await health.goto(`${app.baseUrl}/tilbud`);
    await health.getByRole('heading', { level: 1, name: 'Tilbudskatalog' }).waitFor();
    const kind = health.getByLabel('Slags tilbud');
    await kind.selectOption('mentor');
    const results = health.getByRole('heading', { level: 2, name: 'Mentor de første uger i job' });
    await results.waitFor();
    // The mentor offer is in the unfiltered list too: wait for the filtered answer to replace it.
    await expect
      .poll(() => health.getByRole('listitem').filter({ hasText: 'Sundhedstilbud' }).count())
      .toBe(0);
    expect(await kind.locator('option:checked').textContent()).toMatch(/^Mentor \(1\)$/);
    await app.axe(health);
  });
});
