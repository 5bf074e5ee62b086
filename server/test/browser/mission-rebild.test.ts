/**
 * Issue 16: Rebild's mission walked as people do it, in the browser, through the UI only (the
 * demo seed aside: its users, organisations and offers). A caseworker imports the benefit
 * periods, finds the citizen in week 5 of the screening queue, screens her, decides her risk
 * group, holds the health conversation, records her consent and refers her to the private
 * provider's course; the provider plans the course, accepts and enrols her, registers attendance
 * and the outcome; the manager finds the course on the evaluation dashboard.
 *
 * Every step reaches its page the way a user does (the start page's ways in, the page's links and
 * buttons) and waits for that page's heading, so a missing page or a missing way in fails the
 * walk at that step. axe (WCAG 2.1 A/AA) must find nothing on every page the walk opens, at
 * desktop size and at a 390 px phone viewport.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { STAGE_1_TITLE } from '../../src/modules/courses/courses.seed';
import { danishToday } from '../../src/platform/dates.js';
import { fiveRows, toCsv } from '../fixtures/imports.js';
import { withBrowserApp } from './harness';

const app = withBrowserApp({ readyTimeoutMs: 180_000, keepPages: true });

const citizen = 'Anna Ørnsø';
const provider = 'Aktiv Rebild Træning ApS';
const courseTitle = 'Missionen – Rebild hold 1';
const desktop = { width: 1280, height: 900 };
const phone = { width: 390, height: 844 };

const h1 = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name });
/** The citizen page's heading is her name alone ("Screening af Anna Ørnsø" is another page's). */
const citizenHeading = (page: Page) => h1(page, new RegExp(`^${citizen}$`));

/** axe on the page as it is, at desktop size and on a 390 px phone; back to desktop after. */
async function axeBoth(page: Page) {
  await page.setViewportSize(desktop);
  await app.axe(page);
  await page.setViewportSize(phone);
  await app.axe(page);
  await page.setViewportSize(desktop);
}

/** From the start page through one of its ways in (a task link), to the page's heading. */
async function fromStart(page: Page, link: string, heading: string | RegExp) {
  await page.getByRole('link', { name: 'Forside' }).first().click();
  await h1(page, /^Velkommen, /).waitFor();
  await page.getByRole('link', { name: link, exact: true }).first().click();
  await h1(page, heading).waitFor();
}

/** Monday of the week two weeks back, in Denmark: the course has run by now. */
function mondayTwoWeeksAgo(): string {
  const today = new Date(`${danishToday()}T12:00:00Z`);
  const back = (today.getUTCDay() + 6) % 7; // days since Monday
  return new Date(today.getTime() - (back + 14) * 86_400_000).toISOString().slice(0, 10);
}

/** Picks the option whose text contains `text` (its label also carries dates or places). */
async function selectByText(select: Locator, text: string) {
  const value = await select.locator('option', { hasText: text }).first().getAttribute('value');
  expect(value, `an option with "${text}"`).toBeTruthy();
  await select.selectOption(value!);
}

async function referralStep(page: Page, button: string, state: string) {
  await page.getByRole('button', { name: button, exact: true }).click();
  await page.getByRole('status').getByText(`Henvisningen er nu: ${state}`).waitFor();
}

let caseworker: Page;
let udbyder: Page;
let citizenUrl: string;

describe('Rebild’s mission, walked in the browser', () => {
  it('1. the caseworker imports the benefit periods', async () => {
    caseworker = await app.loginAs('rebild.sagsbehandler');
    await axeBoth(caseworker);
    await fromStart(caseworker, 'Indlæs borgere og ydelser', 'Indlæs borgere og ydelsesforløb');
    await caseworker.getByLabel('Fil').setInputFiles({
      name: 'momentum.csv',
      mimeType: 'text/csv',
      buffer: toCsv(fiveRows(danishToday())),
    });
    await caseworker.getByRole('button', { name: 'Gennemse filen' }).click();
    await caseworker.getByTestId('import-summary').waitFor();
    await axeBoth(caseworker);
    await caseworker.getByRole('button', { name: 'Indlæs 3 gyldige rækker' }).click();
    await caseworker.getByTestId('import-done').waitFor({ timeout: 30_000 });
    expect(await caseworker.getByTestId('import-done').textContent()).toContain(
      '3 nye borgere og 3 nye ydelsesforløb',
    );
    await axeBoth(caseworker);
  });

  it('2. finds her in week 5 of the screening queue and screens her', async () => {
    await fromStart(caseworker, 'Screeningskø', 'Screeningskø');
    const row = caseworker.locator('tr', { hasText: citizen });
    await row.waitFor();
    await axeBoth(caseworker);
    await row.getByRole('button', { name: `Book: ${citizen}` }).click();
    await expect.poll(() => row.textContent()).toContain('Booket');
    await row.getByRole('link', { name: `Åbn skema: ${citizen}` }).click();
    await h1(caseworker, `Screening af ${citizen}`).waitFor();
    for (const [d, findings, rec, who] of [
      ['social', 'Økonomi presset', 'Gældsrådgivning', 'Sara Sagsbehandler'],
      ['psykologisk', 'Tegn på stress', 'Stresshåndtering', 'Peter Psykolog'],
      ['fysisk', 'Rygsmerter', 'Træningsforløb', 'Finn Fysioterapeut'],
    ] as const) {
      await caseworker.getByLabel(`Fund (${d})`).fill(findings);
      await caseworker.getByLabel(`Anbefaling (${d})`).fill(rec);
      await caseworker.getByLabel(`Udfyldt af (${d})`).fill(who);
    }
    await caseworker.getByLabel('Forløb/kursus').check();
    await caseworker.getByLabel('Note til tidslinjen').fill('Henvis til træningsforløb');
    await axeBoth(caseworker);
    await caseworker.getByRole('button', { name: 'Gennemfør screening' }).click();
    await expect
      .poll(() => caseworker.getByTestId('screening-status').textContent())
      .toBe('Screenet');
    await axeBoth(caseworker);
  });

  it('3. decides her risk group on the citizen page', async () => {
    await caseworker.getByRole('link', { name: 'Gå til borgeren' }).click();
    await citizenHeading(caseworker).waitFor();
    citizenUrl = caseworker.url();
    await caseworker.getByTestId('periods').waitFor();
    await axeBoth(caseworker);
    await caseworker.getByRole('button', { name: 'Forslag og vurdering' }).click();
    await caseworker.getByTestId('risk-suggestion').waitFor();
    await caseworker.getByLabel('Orange').check();
    await caseworker.getByLabel(/^Begrundelse/).fill('Rygsmerter og stress efter fem uger');
    await caseworker.getByRole('button', { name: 'Gem beslutning' }).click();
    await expect
      .poll(() => caseworker.getByTestId('risk-decision').textContent())
      .toContain('Besluttet: Orange');
    await expect.poll(() => caseworker.getByTestId('risk-group').textContent()).toBe('Orange');
    await axeBoth(caseworker);
  });

  it('4. holds the health conversation and completes her health profile', async () => {
    await caseworker.getByRole('link', { name: 'Sundhedssamtale og sundhedsprofil' }).click();
    await h1(caseworker, 'Sundhedssamtale').waitFor();
    await caseworker.getByRole('button', { name: 'Start sundhedssamtalen' }).click();
    await caseworker.getByRole('heading', { level: 2, name: 'Trivsel (WHO-5)' }).waitFor();
    await axeBoth(caseworker);
    for (const theme of ['kost', 'rygning', 'alkohol', 'motion', 'misbrug', 'psykisk_helbred']) {
      const wanted = theme === 'motion';
      await caseworker.check(`#q-${theme}_readiness-${wanted ? 'ready' : 'not_ready'}`);
      await caseworker.check(`#q-${theme}_wants_help-${wanted ? 'yes' : 'no'}`);
    }
    await caseworker.fill('#q-motion_view', 'Jeg bevæger mig for lidt, efter jeg blev sygemeldt.');
    await caseworker.check('#q-self_rated_health-fair');
    for (const [i, v] of [3, 3, 3, 3, 3].entries()) await caseworker.check(`#q-who5_${i + 1}-${v}`);
    await caseworker.getByText('Dine svar er gemt.').waitFor();
    await caseworker.getByRole('button', { name: 'Afslut sundhedsprofilen' }).click();
    await caseworker.getByTestId('who5').waitFor();
    await caseworker.getByRole('heading', { level: 2, name: 'Tilbud der matcher' }).waitFor();
    await axeBoth(caseworker);
  });

  it('5. records her consent and refers her to the provider’s course', async () => {
    await caseworker.goBack();
    await citizenHeading(caseworker).waitFor();
    expect(caseworker.url()).toBe(citizenUrl);
    await caseworker.getByRole('link', { name: 'Samtykker' }).click();
    await h1(caseworker, 'Samtykke').waitFor();
    await caseworker.getByLabel('Modtager').selectOption({ label: provider });
    await caseworker.getByLabel('Fremmøde', { exact: true }).check();
    await caseworker.getByLabel('Resultat af forløb', { exact: true }).check();
    await caseworker.getByLabel('Formål').fill('Træningsforløb under sygemelding');
    await caseworker.getByLabel('Mundtligt (registreret af mig)').check();
    await caseworker.getByLabel('Giver samtykke').check();
    await caseworker.getByRole('button', { name: 'Registrér', exact: true }).click();
    await caseworker.getByRole('status').getByText('Samtykket er registreret.').waitFor();
    await caseworker.getByRole('cell', { name: provider, exact: true }).waitFor();
    await axeBoth(caseworker);

    await caseworker.getByRole('link', { name: 'Gå videre til henvisning' }).click();
    await h1(caseworker, 'Ny henvisning').waitFor();
    await caseworker
      .getByLabel('Tilbud', { exact: true })
      .selectOption({ label: `${STAGE_1_TITLE} – ${provider}` });
    await caseworker
      .getByLabel('Begrundelse for henvisningen')
      .fill('Sygemeldt i fem uger med rygsmerter og stress. Ønsker træning på hold.');
    await caseworker.getByLabel('Frivillig deltagelse').check();
    await caseworker.getByLabel('Fremmøde', { exact: true }).check();
    await axeBoth(caseworker);
    await caseworker.getByRole('button', { name: 'Opret og send henvisning' }).click();
    await h1(caseworker, `Henvisning: ${STAGE_1_TITLE}`).waitFor();
    await caseworker.getByText('Sendt', { exact: true }).first().waitFor();
    await axeBoth(caseworker);
  });

  it('6. the provider plans the course, accepts the referral and enrols her', async () => {
    udbyder = await app.loginAs('rebild.udbyder');
    await fromStart(udbyder, 'Hold', 'Hold');
    await axeBoth(udbyder);
    await udbyder.getByRole('link', { name: 'Planlæg et nyt hold' }).click();
    await h1(udbyder, 'Nyt hold').waitFor();
    await selectByText(udbyder.getByLabel('Tilbud', { exact: true }), STAGE_1_TITLE);
    await udbyder.getByLabel('Holdets navn').fill(courseTitle);
    await udbyder.getByLabel('Første uge starter').fill(mondayTwoWeeksAgo());
    await udbyder.getByLabel('Antal uger').fill('1');
    await udbyder.getByLabel('Ugedag, gang 1').selectOption({ label: 'Tirsdag' });
    await udbyder.getByLabel('Fra, gang 1').fill('09:00');
    await udbyder.getByLabel('Til, gang 1').fill('11:00');
    await udbyder.getByLabel('Sted').fill('Aktiv Rebild Træning, Erhvervsvej 10');
    await udbyder.getByLabel('Pladser').fill('8');
    await axeBoth(udbyder);
    await udbyder.getByRole('button', { name: 'Opret hold' }).click();
    await h1(udbyder, courseTitle).waitFor();
    await axeBoth(udbyder);

    await fromStart(udbyder, 'Henvisninger', 'Henvisninger');
    await udbyder.getByRole('link', { name: citizen }).first().waitFor();
    await axeBoth(udbyder);
    await udbyder.getByRole('link', { name: citizen }).first().click();
    await h1(udbyder, `Henvisning: ${STAGE_1_TITLE}`).waitFor();
    await referralStep(udbyder, 'Markér som modtaget', 'Modtaget');
    await referralStep(udbyder, 'Acceptér', 'Accepteret');
    await selectByText(udbyder.getByLabel('Vælg hold'), courseTitle);
    await referralStep(udbyder, 'Tilmeld hold', 'Tilmeldt hold');
    await referralStep(udbyder, 'Markér forløbet som startet', 'Startet');
    await axeBoth(udbyder);

    // The caseworker's citizen page (its one request, the overview) shows the referral's state.
    await caseworker.goto(citizenUrl);
    await citizenHeading(caseworker).waitFor();
    await expect
      .poll(() => caseworker.getByTestId('open-referrals').textContent())
      .toContain(`${STAGE_1_TITLE} – ${provider}, Startet`);
    await axeBoth(caseworker);
  });

  it('7. registers her attendance and the outcome after the course', async () => {
    await fromStart(udbyder, 'Hold', 'Hold');
    await udbyder.getByRole('link', { name: courseTitle }).click();
    await h1(udbyder, courseTitle).waitFor();
    await udbyder
      .getByRole('link', { name: /^Fremmøde / })
      .first()
      .click();
    await h1(udbyder, /^Fremmøde: /).waitFor();
    await axeBoth(udbyder);
    await udbyder.getByRole('button', { name: 'Alle mødt' }).click();
    await udbyder.getByRole('button', { name: 'Gem fremmøde' }).click();
    await udbyder.getByRole('status').getByText('Fremmødet er gemt.').waitFor();
    await axeBoth(udbyder);

    await udbyder.goBack();
    await h1(udbyder, courseTitle).waitFor();
    await udbyder.getByRole('link', { name: `Registrér resultat for ${citizen}` }).click();
    await h1(udbyder, 'Resultat efter forløbet').waitFor();
    await udbyder.getByLabel('Ja, raskmeldt').check();
    await udbyder.getByLabel('Borgerens tilfredshed (1–5)').selectOption('5');
    await axeBoth(udbyder);
    await udbyder.getByRole('button', { name: 'Registrér resultat' }).click();
    await udbyder.getByText('Resultatet er registreret.').waitFor();
    await axeBoth(udbyder);
  });

  it('8. the manager finds the course on the dashboard and opens its evaluation', async () => {
    const manager = await app.loginAs('rebild.leder');
    await fromStart(manager, 'Evaluering: Virker det?', 'Evaluering: Virker det?');
    await manager.getByRole('heading', { level: 2, name: 'Hold' }).first().waitFor();
    await manager.getByRole('link', { name: courseTitle }).waitFor();
    await manager.waitForLoadState('networkidle');
    await axeBoth(manager);
    await manager.getByRole('link', { name: courseTitle }).click();
    await h1(manager, `Evaluering af ${courseTitle}`).waitFor();
    await axeBoth(manager);
  });
});
