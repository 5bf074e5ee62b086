/**
 * Issue 16: the caseworker's citizen page opens with ONE request, the overview
 * (GET /api/citizens/:id/overview, the hot path the performance work measures). The timeline,
 * the risk suggestion and the follow-up load only when their section is opened, and a change
 * made on the page (a benefit period added) reads the overview again so the first view shows it.
 *
 * What is counted: every request the page makes to /api/ (page.on('request')) from the click on
 * the citizen's link in the citizen list until the first view is visible (the heading with the
 * name, the details, the overview section and the benefit periods), and for a second after, so a
 * late request is caught too. The app shell's session (/api/auth/me) was fetched once at login
 * and is kept by TanStack Query for the life of the single-page app; the test navigates within
 * the app (a link, no page load), so a shell that fetched it again would be counted and fail.
 * The page's JavaScript chunk is not an /api/ request and is not counted.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { syntheticCpr } from '../../src/db/seed/national.js';
import { withBrowserApp } from './harness';

const app = withBrowserApp();

/** The /api/ requests the page makes from now on, as "METHOD /path". */
function recordApi(page: Page) {
  const seen: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith('/api/')) seen.push(`${request.method()} ${url.pathname}`);
  });
  return seen;
}

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

describe('the citizen page opens with one request', () => {
  it('issues exactly one API request, to the overview, before its first view; sections load when opened', async () => {
    const page = await app.loginAs('rebild.sagsbehandler');
    // Setup over the API: a citizen with a sickness-benefit period.
    const citizen = await app.call<{ id: string }>(page, 'POST', '/api/citizens', {
      cpr: syntheticCpr(7, 7, 161),
      firstName: 'Rikke',
      lastName: 'Étforespørgsel',
    });
    await app.call(page, 'POST', '/api/benefit-periods', {
      citizenId: citizen.id,
      benefitType: 'sygedagpenge',
      startDate: daysAgo(30),
    });

    // Within the app: the citizen list, a search, then the citizen's link.
    await page.getByRole('link', { name: 'Borgere', exact: true }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Borgere' }).waitFor();
    await page.getByLabel('Navn').fill('Étforespørgsel');
    await page.getByRole('button', { name: 'Søg' }).click();
    const link = page.getByRole('link', { name: 'Rikke Étforespørgsel' });
    await link.waitFor();

    const requests = recordApi(page);
    await link.click();
    await page.getByRole('heading', { level: 1, name: 'Rikke Étforespørgsel' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Stamdata' }).waitFor();
    await page.getByTestId('citizen-status').waitFor();
    await expect
      .poll(() => page.getByTestId('current-benefit').textContent())
      .toMatch(/^Sygedagpenge fra /);
    await page.getByTestId('periods').waitFor();
    await page.waitForTimeout(1000);
    expect(requests).toEqual([`GET /api/citizens/${citizen.id}/overview`]);
    await app.axe(page);

    // The timeline is its own request, made when its section is opened.
    await page.getByRole('button', { name: 'Tidslinje' }).click();
    await page.getByTestId('timeline').waitFor();
    expect(requests.slice(1)).toEqual([`GET /api/timeline/citizens/${citizen.id}`]);
    await app.axe(page);

    // A change on the page reads the overview again: the new period is in the first view.
    requests.length = 0;
    await page.getByLabel('Ydelse', { exact: true }).selectOption({ label: 'Dagpenge' });
    await page.getByLabel('Startdato').fill(daysAgo(400));
    await page.getByLabel('Slutdato (valgfri)').fill(daysAgo(200));
    await page.getByLabel('Ophørsårsag (valgfri)').selectOption({ label: 'Job' });
    await page.getByRole('button', { name: 'Tilføj forløb' }).click();
    await page.getByRole('status').filter({ hasText: 'Forløbet er tilføjet.' }).waitFor();
    await expect.poll(() => page.getByTestId('periods').locator('tbody tr').count()).toBe(2);
    expect(requests).toContain(`GET /api/citizens/${citizen.id}/overview`);
    expect(requests).not.toContain(`GET /api/benefit-periods/citizen/${citizen.id}`);
  });
});
