/**
 * Continuation after a job (issue 16), walked through the UI only: the caseworker ends a benefit
 * period with the reason "job", follows the page's way on to continuation, records the job start
 * (a few weeks late, as happens), a bridge to an association, and sees the follow-ups; the health
 * centre's physiotherapist, who owns the follow-ups, finds the first one in the task list and
 * marks it done. Every page opened is checked with axe at desktop and at 390 px.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { withBrowserApp } from './harness';

const app = withBrowserApp();
const phone = { width: 390, height: 844 };
const desktop = { width: 1280, height: 900 };

/** axe on the page as it is, at desktop and at a 390 px phone width. */
async function axeBoth(page: Page) {
  await app.axe(page);
  await page.setViewportSize(phone);
  await app.axe(page);
  await page.setViewportSize(desktop);
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const daysAgo = (n: number) => isoDay(new Date(Date.now() - n * 86_400_000));
/** 1.2.2026, as the pages write a date (da-DK). */
const danish = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return `${d}.${m}.${y}`;
};

describe('continuation after a job', () => {
  it('caseworker: benefit period ended with job → continuation → job start, bridge; health centre: follow-up done', async () => {
    const citizenId = (await app.apiLogin('rebild.borger')).user.citizenId!;
    const page = await app.loginAs('rebild.sagsbehandler');
    await page.goto(`${app.baseUrl}/borgere/${citizenId}`);
    const name = (await page.getByRole('heading', { level: 1 }).textContent())!.trim();
    expect(name.length).toBeGreaterThan(3);

    // The citizen is on cash benefit (the period added here), and gets a job: the caseworker
    // ends the period with the reason job, today.
    const today = isoDay(new Date());
    await page
      .getByLabel('Ydelse', { exact: true })
      .selectOption({ label: 'Kontanthjælp, aktivitetsparat' });
    await page.getByLabel('Startdato').fill(daysAgo(120));
    await page.getByRole('button', { name: 'Tilføj forløb' }).click();
    await page.getByRole('status').filter({ hasText: 'Forløbet er tilføjet.' }).waitFor();
    await page
      .getByRole('button', { name: /^Afslut forløb Kontanthjælp, aktivitetsparat/ })
      .click();
    await page.getByLabel('Slutdato', { exact: true }).fill(today);
    await page.getByLabel('Ophørsårsag', { exact: true }).selectOption({ label: 'Job' });
    await page.getByRole('button', { name: 'Fortsæt', exact: true }).click();
    await page.getByRole('button', { name: 'Ja, afslut forløbet' }).click();
    const ended = page.getByTestId('period-ended');
    await ended.getByText('Forløbet er afsluttet.').waitFor();
    await axeBoth(page);

    // The way on to continuation, with the date and reason carried along.
    await ended
      .getByRole('link', { name: 'Fortsæt: registrér start i job og planlæg opfølgning' })
      .click();
    await page
      .getByRole('heading', { level: 1, name: `Fastholdelse efter job: ${name}` })
      .waitFor();
    expect(new URL(page.url()).pathname).toBe(`/borgere/${citizenId}/fastholdelse`);
    expect(await page.getByLabel('Dato', { exact: true }).inputValue()).toBe(today);
    expect(await page.getByLabel('Job', { exact: true }).isChecked()).toBe(true);
    await page
      .getByText(
        'Ingen opfølgninger endnu. De planlægges, når start i job eller uddannelse registreres.',
      )
      .waitFor();
    await page.getByText('Ingen brobygning er registreret endnu.').waitFor();
    await axeBoth(page);

    // The job actually began 80 days ago: the caseworker records it so, and confirms.
    const jobStart = daysAgo(80);
    await page.getByLabel('Dato', { exact: true }).fill(jobStart);
    await page.getByRole('button', { name: 'Registrér start' }).click();
    const confirm = page.getByTestId('job-start-confirm');
    await confirm
      .getByText(`${name} er startet i job ${danish(jobStart)}.`, { exact: false })
      .waitFor();
    await axeBoth(page);
    await confirm.getByRole('button', { name: 'Ja, registrér start' }).click();
    const result = page.getByTestId('job-start-result');
    await result.getByText('Starten er registreret').waitFor();
    expect(await result.textContent()).toContain('Nye opfølgninger: 3.');

    // Follow-ups at 3, 6 and 12 months, owned by the health centre; the caseworker may not
    // mark them done and is told who does.
    const followUps = page.getByTestId('follow-ups');
    await followUps.getByText('Efter 3 måneder').waitFor();
    const rows = await followUps.locator('tbody tr').allTextContents();
    expect(rows).toHaveLength(3);
    expect(rows.map((r) => r.match(/Efter (\d+) måneder/)?.[1])).toEqual(['3', '6', '12']);
    for (const r of rows) expect(r).toContain('Sundhedscenter Rebild');
    expect(await followUps.getByRole('button').count()).toBe(0);
    await page
      .getByText(
        'Opfølgningerne markeres som udført af medarbejdere i den ansvarlige organisation.',
      )
      .waitFor();
    // The demo citizen's health course continues under the health centre.
    const owners = await page.getByTestId('owner-changes').locator('tbody tr').allTextContents();
    expect(owners.length).toBeGreaterThanOrEqual(1);
    expect(owners[0]).toContain('Jobcenter Rebild');
    expect(owners[0]).toContain('Sundhedscenter Rebild');

    // A bridge to the local boxing club, with a note; without a choice, the form says so.
    await page.getByRole('button', { name: 'Registrér brobygning' }).click();
    await page.getByText('Vælg den forening, der bygges bro til.').waitFor();
    const offer = page.getByLabel('Forening', { exact: true });
    const boxing = (await offer.locator('option').allTextContents()).find((o) => /boks/i.test(o));
    expect(boxing, 'an association offer about boxing in the demo catalogue').toBeTruthy();
    await offer.selectOption({ label: boxing! });
    await page.getByLabel('Note', { exact: true }).fill('Prøvetræning aftalt tirsdag');
    await page.getByRole('button', { name: 'Registrér brobygning' }).click();
    await page.getByText('Brobygningen er registreret.').waitFor();
    const bridges = await page.getByTestId('bridges').locator('tbody tr').allTextContents();
    expect(bridges).toHaveLength(1);
    expect(bridges[0]).toContain('Prøvetræning aftalt tirsdag');
    expect(bridges[0]).toContain(boxing!.replace(/ \(.*\)$/, ''));
    await axeBoth(page);

    // The physiotherapist of the health centre: the 3-month follow-up is due within two weeks,
    // so it is in the task list, which leads to the continuation page.
    const finn = await app.loginAs('rebild.sundhed');
    await finn.getByRole('link', { name: /^Mine opgaver/ }).click();
    await finn.getByRole('heading', { level: 1, name: 'Mine opgaver' }).waitFor();
    await axeBoth(finn);
    await finn
      .locator('section[aria-labelledby="tasks-follow_up_due"]')
      .getByRole('link', { name })
      .click();
    await finn
      .getByRole('heading', { level: 1, name: `Fastholdelse efter job: ${name}` })
      .waitFor();
    // The health centre records no job start (that is the job centre's), but owns the follow-ups.
    expect(await finn.getByRole('button', { name: 'Registrér start' }).count()).toBe(0);
    await axeBoth(finn);
    await finn
      .getByRole('button', { name: 'Markér opfølgningen efter 3 måneder som udført' })
      .click();
    await finn.getByText('Opfølgningen efter 3 måneder er markeret som udført.').waitFor();
    const after = await finn.getByTestId('follow-ups').locator('tbody tr').allTextContents();
    expect(after[0]).toContain(`Udført ${danish(today)}`);
    expect(after[1]).toContain('Ikke udført');
    expect(
      await finn.getByRole('button', { name: /^Markér opfølgningen efter 3 måneder/ }).count(),
    ).toBe(0);
    await axeBoth(finn);

    // The caseworker sees it done too.
    await page.reload();
    const seen = await page.getByTestId('follow-ups').locator('tbody tr').first().textContent();
    expect(seen).toContain(`Udført ${danish(today)}`);
  });
});
