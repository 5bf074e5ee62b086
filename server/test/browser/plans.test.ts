import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { withBrowserApp } from './harness';

let citizenId: string;
const app = withBrowserApp({
  seed: async (app) => {
    citizenId = (await app.apiLogin('rebild.borger')).user.citizenId!;
  },
});

describe('Min Plan and Min side', () => {
  it('a coordinating caseworker builds a SMART plan and is stopped by the guardrail on "tabe 10 kg"', async () => {
    const page = await app.loginAs('rebild.koordinator');
    await page.goto(`${app.baseUrl}/planer/${citizenId}`);
    await page.getByRole('heading', { level: 1, name: /^Plan for / }).waitFor();

    await page
      .getByLabel('Målet', { exact: true })
      .fill('Job som lagermedarbejder, 25 timer om ugen');
    await page.getByRole('button', { name: 'Gem jobmål' }).click();
    await page.getByText('Version 1.').waitFor();

    const goalForm = page.locator('form', {
      has: page.getByRole('heading', { name: 'Nyt SMART-mål' }),
    });
    await goalForm
      .getByLabel('Specifikt: hvad er målet?')
      .fill('Deltage i Sundt liv to gange om ugen');
    await goalForm
      .getByLabel('Målbart: hvordan ser vi, at målet er nået?')
      .fill('Møder op mindst 12 af 16 gange');
    await goalForm
      .getByLabel('Relevant: hvordan hjælper målet mod job eller uddannelse?')
      .fill('Bedre kondition til lagerarbejde');
    await goalForm.getByLabel('Tidsbestemt: hvornår skal målet være nået?').fill('2027-03-01');
    await goalForm.getByLabel('Aftalt med borgeren').check();
    await goalForm.getByLabel('Krav – del af den obligatoriske aktivering').check();
    await goalForm.getByRole('button', { name: 'Gem mål' }).click();
    await page
      .getByRole('heading', { level: 4, name: 'Deltage i Sundt liv to gange om ugen' })
      .waitFor();

    await goalForm.getByLabel('Specifikt: hvad er målet?').fill('Møde op første mandag kl. 9');
    await goalForm
      .getByLabel('Delmål af')
      .selectOption({ label: 'Deltage i Sundt liv to gange om ugen' });
    await goalForm.getByRole('button', { name: 'Gem mål' }).click();
    await page.getByRole('heading', { level: 4, name: 'Møde op første mandag kl. 9' }).waitFor();
    expect(
      await page
        .locator('.plan-subgoals')
        .getByRole('heading', { level: 4, name: 'Møde op første mandag kl. 9' })
        .count(),
    ).toBe(1);

    // Link the referral to the health course as a required activity (participation can be required).
    const activityForm = page.locator('form', {
      has: page.getByRole('heading', { name: 'Ny aktivitet' }),
    });
    await activityForm
      .getByLabel('Henvisning')
      .selectOption({ label: 'Sundt liv – motion og kost (Tilmeldt hold)' });
    await activityForm
      .getByLabel('Del af den obligatoriske aktivering (krav om deltagelse)')
      .check();
    await activityForm.getByRole('button', { name: 'Gem aktivitet' }).click();
    await page.getByText('henvisning: Sundt liv – motion og kost (Tilmeldt hold)').waitFor();

    // "Tabe 10 kg" as a requirement: the page warns before submit, the server refuses.
    await goalForm.getByLabel('Specifikt: hvad er målet?').fill('Tabe 10 kg');
    await goalForm.getByLabel('Delmål af').selectOption({ label: 'Intet (selvstændigt mål)' });
    await goalForm.getByLabel('Krav – del af den obligatoriske aktivering').check();
    await goalForm.getByText('Dette kan ikke være et krav').waitFor();
    expect(await goalForm.locator('.alert-warning').textContent()).toContain(
      'Kommunen kan ikke stille krav om, at borgeren holder op med at ryge eller taber sig',
    );
    await app.axe(page);
    await goalForm.getByRole('button', { name: 'Gem mål' }).click();
    const refused = goalForm.getByRole('alert');
    await refused.waitFor();
    expect(await refused.textContent()).toContain('kan kun være borgerens eget frivillige mål');
    expect(await page.getByRole('heading', { level: 4, name: 'Tabe 10 kg' }).count()).toBe(0);

    // Saved as the citizen's own voluntary goal instead.
    await goalForm.getByLabel('Krav – del af den obligatoriske aktivering').uncheck();
    await goalForm.getByLabel('Hvad handler det om?').selectOption('lifestyle_outcome');
    await goalForm.getByRole('button', { name: 'Gem mål' }).click();
    const lifestyle = page.locator('li.plan-goal', {
      has: page.getByRole('heading', { level: 4, name: 'Tabe 10 kg' }),
    });
    await lifestyle.waitFor();
    expect(await lifestyle.textContent()).toContain('Borgerens eget frivillige mål');
    expect(await page.getByText('Borgeren har ikke set den seneste version').count()).toBe(1);
    await app.axe(page);
  });

  it('the citizen on a phone sees the plan, accepts it, downloads the calendar and withdraws a consent', async () => {
    const page = await app.loginAs('rebild.borger', { width: 390, height: 844 });
    await page.goto(`${app.baseUrl}/mit`);
    await page.getByRole('heading', { level: 1, name: 'Min side' }).waitFor();
    const plan = page.locator('section', { has: page.getByRole('heading', { name: 'Min plan' }) });
    await plan.getByText('Tabe 10 kg').waitFor();
    expect(await plan.textContent()).toContain('Dit eget mål – frivilligt');
    expect(await plan.textContent()).toContain('Det skal du – det er en del af din aktivering');
    await app.axe(page);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
      390,
    );

    await plan.getByRole('button', { name: 'Jeg accepterer planen' }).click();
    await plan.getByText(/Du har accepteret planen den/).waitFor();

    const downloadPromise = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Hent aftalerne til din kalender (.ics)' }).click();
    const download = await downloadPromise;
    expect(download.suggestedFilename()).toBe('mine-aftaler.ics');
    const ics = await readFile((await download.path())!, 'utf8');
    expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    // One event per appointment Min side lists (the demo data decides how many).
    const listed = await page.request.get(`${app.baseUrl}/api/portal/sessions`);
    const { items: sessions } = (await listed.json()) as { items: unknown[] };
    expect(sessions.length).toBeGreaterThan(0);
    expect(ics.match(/BEGIN:VEVENT\r\n/g)).toHaveLength(sessions.length);
    expect(ics).toMatch(/DTSTART:\d{8}T\d{6}Z\r\n/);
    expect(ics).toContain('SUMMARY:Sundt liv – hold 1');

    const consents = page.locator('section', {
      has: page.getByRole('heading', { name: 'Mine samtykker' }),
    });
    const withdraw = consents.getByRole('button', {
      name: 'Træk samtykke til Sundhedscenter Rebild tilbage',
    });
    await withdraw.waitFor();
    const before = await consents.getByRole('button', { name: /Træk samtykke/ }).count();
    const withdrawnBefore = await consents.getByText(/Trukket tilbage \d/).count();
    await withdraw.click();
    await consents.getByText('Samtykket er trukket tilbage.').waitFor();
    await consents
      .getByText(/Trukket tilbage \d/)
      .nth(withdrawnBefore)
      .waitFor();
    // Only that consent is withdrawn; any others the citizen has given stay.
    expect(await withdraw.count()).toBe(0);
    expect(await consents.getByRole('button', { name: /Træk samtykke/ }).count()).toBe(before - 1);
    await app.axe(page);
  });
});
