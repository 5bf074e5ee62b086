import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { withBrowserApp } from './harness';

const app = withBrowserApp();

const themes = ['kost', 'rygning', 'alkohol', 'motion', 'misbrug', 'psykisk_helbred'];

/** Answers the whole profile through the form: wanted themes, WHO-5 items, wishes. */
async function fillProfile(page: Page, wanted: string[], who5: number[]) {
  for (const theme of themes) {
    await page.check(`#q-${theme}_readiness-${wanted.includes(theme) ? 'ready' : 'not_ready'}`);
    await page.check(`#q-${theme}_wants_help-${wanted.includes(theme) ? 'yes' : 'no'}`);
  }
  await page.fill('#q-motion_view', 'Jeg bevæger mig for lidt, efter jeg blev sygemeldt.');
  await page.fill('#q-motion_help_note', 'Gerne træning på hold');
  await page.check('#q-self_rated_health-fair');
  for (const [i, v] of who5.entries()) await page.check(`#q-who5_${i + 1}-${v}`);
  await page.fill('#q-wish_matters', 'At kunne gå en tur med mine børn');
  await page.check('#q-wish_cards-energi');
  await page.check('#q-wish_cards-job');
}

describe('health conversation, matching and the catalogue', () => {
  it('a caseworker holds a health conversation, sees the WHO-5 flag and matched offers, and opens one', async () => {
    const page = await app.loginAs('odense.sagsbehandler');
    const citizenId = await page.evaluate(async () => {
      const me = (await (await fetch('/api/auth/me')).json()) as { csrfToken: string };
      const res = await fetch('/api/citizens/search', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: JSON.stringify({ limit: 5 }),
      });
      return ((await res.json()) as { items: { id: string }[] }).items[1]!.id;
    });
    await page.goto(`${app.baseUrl}/borgere/${citizenId}/sundhedsprofil`);
    await page.getByRole('heading', { level: 1, name: 'Sundhedssamtale' }).waitFor();
    await page.getByRole('button', { name: 'Start sundhedssamtalen' }).click();
    await page.getByRole('heading', { level: 2, name: 'Trivsel (WHO-5)' }).waitFor();
    await app.axe(page);

    // 2+2+1+1+1 = 7 → 28: the cut-off for a likely depression.
    await fillProfile(page, ['motion', 'rygning', 'psykisk_helbred'], [2, 2, 1, 1, 1]);
    await page.getByText('Dine svar er gemt.').waitFor();
    await page.getByRole('button', { name: 'Afslut sundhedsprofilen' }).click();

    const who5 = page.getByTestId('who5');
    await who5.waitFor();
    expect(await who5.textContent()).toContain('WHO-5 trivselsscore: 28 af 100 – mulig depression');
    expect(await who5.textContent()).toContain('sundhedsprofessionel');
    await page.getByRole('heading', { level: 2, name: 'Tilbud der matcher' }).waitFor();
    const first = page.locator('.match-list li').first();
    await first.waitFor();
    expect(await first.textContent()).toMatch(/matcher tema: (motion|rygning|psykisk helbred)/);
    expect(await first.textContent()).toMatch(/starter \d+\. \w+/);
    await app.axe(page);

    const title = (await first.getByRole('link').textContent()) ?? '';
    await first.getByRole('link').click();
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    expect(await page.getByText('Udbyder').count()).toBeGreaterThan(0);
    await app.axe(page);
  });

  it('the catalogue search finds offers by Danish stems and prefixes', async () => {
    const page = await app.loginAs('gladsaxe.sagsbehandler');
    await page.goto(`${app.baseUrl}/tilbud`);
    await page.getByRole('heading', { level: 1, name: 'Tilbudskatalog' }).waitFor();
    await page.getByLabel(/^Søg \(fx/).fill('smerte');
    await page.getByRole('link', { name: 'Smertehåndtering' }).waitFor();
    // "smerte" also finds the warm-water pool (its text mentions "smerter"), not the smoking course.
    // Anchored: before the search settles the unfiltered list reads e.g. "12 tilbud fundet".
    await page
      .getByRole('status')
      .filter({ hasText: /^2 tilbud fundet$/ })
      .waitFor();
    await page.getByRole('link', { name: 'Træning i varmtvandsbassin' }).waitFor();
    expect(await page.getByRole('link', { name: 'Rygestop' }).count()).toBe(0);
    await app.axe(page);
  });

  it('the citizen fills in a profile from the portal on a 390 px phone', async () => {
    const page = await app.loginAs('rebild.borger', { width: 390, height: 844 });
    await page.getByRole('link', { name: 'Min sundhedsprofil' }).click();
    await page.getByRole('heading', { level: 1, name: 'Min sundhedsprofil' }).waitFor();
    await page.getByRole('button', { name: 'Start sundhedssamtalen' }).click();
    await page.getByRole('heading', { level: 2, name: 'Kost' }).waitFor();
    await fillProfile(page, ['kost', 'motion'], [4, 4, 3, 3, 3]);
    expect(Number(await page.evaluate('document.documentElement.scrollWidth'))).toBeLessThanOrEqual(
      390,
    );
    await app.axe(page);
    await page.getByRole('button', { name: 'Afslut sundhedsprofilen' }).click();
    const who5 = page.getByTestId('who5');
    await who5.waitFor();
    // 4+4+3+3+3 = 17 → 68: no flag.
    expect(await who5.textContent()).toContain('WHO-5 trivselsscore: 68 af 100');
    await page.locator('.match-list li').first().waitFor();
    expect(Number(await page.evaluate('document.documentElement.scrollWidth'))).toBeLessThanOrEqual(
      390,
    );
    await app.axe(page);
  });

  it('the public page lists open offers without login, readable on a phone', async () => {
    const page = await app.newPage({ width: 390, height: 844 });
    await page.goto(`${app.baseUrl}/tilbud/461`);
    await page.getByRole('heading', { level: 1, name: 'Tilbud i Odense Kommune' }).waitFor();
    await page.getByLabel(/^Søg \(fx/).fill('rygestop');
    await page.getByRole('link', { name: 'Rygestop – Odense' }).click();
    await page.getByRole('heading', { level: 1, name: 'Rygestop – Odense' }).waitFor();
    expect(Number(await page.evaluate('document.documentElement.scrollWidth'))).toBeLessThanOrEqual(
      390,
    );
    await app.axe(page);
  });
});
