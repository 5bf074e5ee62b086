/**
 * The Rebild scenario end to end in the browser (issue 7): a job center caseworker records
 * consent and refers a sick-listed citizen to the private provider's six-week course; the
 * provider accepts, enrols, registers attendance for every session (the course skips Ascension
 * Day and Whit Monday) and records "not fit, follow-on course"; the caseworker sends the follow-on
 * referral to the municipal health department, which runs stage 2 and records the citizen fit;
 * the caseworker sees the whole history. Every page is checked with axe.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { STAGE_1_TITLE, STAGE_2_TITLE } from '../../src/modules/courses/courses.seed';
import { withBrowserApp } from './harness';

// One story across the tests: the pages stay open until the end.
const app = withBrowserApp({ readyTimeoutMs: 180_000, keepPages: true });
const as = (username: string) => app.loginAs(username);

const h1 = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name });

async function step(page: Page, button: string, state: string) {
  await page.getByRole('button', { name: button, exact: true }).click();
  await page.getByRole('status').getByText(`Henvisningen er nu: ${state}`).waitFor();
}

async function registerAllSessions(page: Page, courseId: string, sessionIds: string[]) {
  for (const [i, sessionId] of sessionIds.entries()) {
    await page.goto(`${app.baseUrl}/hold/${courseId}/gange/${sessionId}`);
    await h1(page, /^Fremmøde: /).waitFor();
    await page.getByRole('button', { name: 'Alle mødt' }).click();
    await page.getByRole('button', { name: 'Gem fremmøde' }).click();
    await page.getByRole('status').getByText('Fremmødet er gemt.').waitFor();
    if (i === 0) await app.axe(page);
  }
}

interface CourseJson {
  id: string;
  sessions: { id: string; startsAt: string }[];
  skippedHolidays: { date: string; name: string }[];
}

describe('the Rebild scenario', () => {
  it('refers, enrols, registers attendance and outcomes over two stages, with the whole history', async () => {
    const caseworker = await as('rebild.sagsbehandler');
    const provider = await as('rebild.udbyder');
    const health = await as('rebild.sundhed');

    // Setup through the API: the two course instances (stage 2 first, so stage 1 points to it).
    const offers = await app.call<{ id: string; title: string }[]>(
      caseworker,
      'GET',
      '/api/referrals/offers',
    );
    const stage1Offer = offers.find((o) => o.title === STAGE_1_TITLE)!;
    const stage2Offer = offers.find((o) => o.title === STAGE_2_TITLE)!;
    expect(stage1Offer && stage2Offer).toBeTruthy();
    const pattern = [
      { weekday: 1, start: '08:30', end: '13:30' },
      { weekday: 4, start: '08:30', end: '13:30' },
    ];
    const stage2 = await app.call<CourseJson>(health, 'POST', '/api/courses', {
      offerId: stage2Offer.id,
      title: 'Trin 2 – sommer 2026',
      startDate: '2026-06-08',
      weeks: 6,
      weeklyPattern: pattern,
      place: 'Sundhedscenter Rebild, sal 1',
      capacity: 10,
    });
    const stage1 = await app.call<CourseJson>(provider, 'POST', '/api/courses', {
      offerId: stage1Offer.id,
      title: 'Trin 1 – forår 2026',
      startDate: '2026-04-27',
      weeks: 6,
      weeklyPattern: pattern,
      place: 'Aktiv Rebild Træning, Erhvervsvej 10',
      capacity: 8,
      followOnCourseId: stage2.id,
    });
    expect(stage1.sessions).toHaveLength(10);
    expect(stage2.sessions).toHaveLength(12);

    // A citizen without referrals: the sick-listed citizen of this scenario.
    const search = await app.call<{ items: { id: string; firstName: string; lastName: string }[] }>(
      caseworker,
      'POST',
      '/api/citizens/search',
      { limit: 50 },
    );
    let citizen = search.items[0]!;
    for (const c of search.items) {
      const mine = await app.call<{ total: number }>(
        caseworker,
        'GET',
        `/api/referrals?citizenId=${c.id}`,
      );
      if (mine.total === 0) {
        citizen = c;
        break;
      }
    }
    const name = `${citizen.firstName} ${citizen.lastName}`;

    // 1. Consent first, recorded by the caseworker: attendance and outcome, to both recipients.
    await caseworker.goto(`${app.baseUrl}/borgere/${citizen.id}/samtykke`);
    await h1(caseworker, 'Samtykke').waitFor();
    for (const recipient of ['Aktiv Rebild Træning ApS', 'Sundhedscenter Rebild']) {
      await caseworker.getByLabel('Modtager').selectOption({ label: recipient });
      await caseworker.getByLabel('Fremmøde', { exact: true }).check();
      await caseworker.getByLabel('Resultat af forløb', { exact: true }).check();
      await caseworker.getByLabel('Formål').fill('Træningsforløb under sygemelding');
      await caseworker.getByLabel('Mundtligt (registreret af mig)').check();
      await caseworker.getByLabel('Giver samtykke').check();
      await caseworker.getByRole('button', { name: 'Registrér', exact: true }).click();
      await caseworker.getByRole('status').getByText('Samtykket er registreret.').waitFor();
      await caseworker.getByRole('cell', { name: recipient, exact: true }).waitFor();
    }
    await app.axe(caseworker);

    // 2. The referral, sharing only what the consent covers.
    await caseworker.getByRole('link', { name: 'Gå videre til henvisning' }).click();
    await h1(caseworker, 'Ny henvisning').waitFor();
    await caseworker
      .getByLabel('Tilbud', { exact: true })
      .selectOption({ label: `${STAGE_1_TITLE} – Aktiv Rebild Træning ApS` });
    await caseworker
      .getByLabel('Begrundelse for henvisningen')
      .fill('Sygemeldt i 6 uger med rygsmerter. Ønsker at komme i gang med træning.');
    await caseworker.getByLabel('Frivillig deltagelse').check();
    await caseworker.getByLabel('Fremmøde', { exact: true }).check();
    expect(await caseworker.getByLabel('Sundhedsprofil').count()).toBe(0);
    await app.axe(caseworker);
    await caseworker.getByRole('button', { name: 'Opret og send henvisning' }).click();
    await h1(caseworker, `Henvisning: ${STAGE_1_TITLE}`).waitFor();
    await caseworker.getByText('Sendt', { exact: true }).first().waitFor();
    const referral1 = new URL(caseworker.url()).pathname.split('/').pop()!;
    await app.axe(caseworker);

    // 3. The private provider: inbox, receive, accept, enrol, start; a message to the job center.
    await provider.goto(`${app.baseUrl}/henvisninger`);
    await h1(provider, 'Henvisninger').waitFor();
    await provider.getByRole('link', { name }).first().waitFor();
    await app.axe(provider);
    await provider.goto(`${app.baseUrl}/henvisninger/${referral1}`);
    await h1(provider, `Henvisning: ${STAGE_1_TITLE}`).waitFor();
    expect(await provider.getByRole('link', { name: 'Borgerens sundhedsprofil' }).count()).toBe(0);
    await step(provider, 'Markér som modtaget', 'Modtaget');
    await step(provider, 'Acceptér', 'Accepteret');
    await provider.getByLabel('Vælg hold').selectOption(stage1.id);
    await step(provider, 'Tilmeld hold', 'Tilmeldt hold');
    await step(provider, 'Markér forløbet som startet', 'Startet');
    await provider.getByLabel('Ny besked').fill('Borgeren er startet på holdet mandag.');
    await provider.getByRole('button', { name: 'Send besked' }).click();
    await provider.getByText('Borgeren er startet på holdet mandag.').waitFor();
    await app.axe(provider);

    // 4. The course page: the public holidays are skipped; attendance for every session.
    await provider.goto(`${app.baseUrl}/hold/${stage1.id}`);
    await h1(provider, 'Trin 1 – forår 2026').waitFor();
    const holidays = provider.getByTestId('skipped-holidays');
    await holidays.getByText(/Kristi Himmelfartsdag/).waitFor();
    await holidays.getByText(/Anden Pinsedag/).waitFor();
    await app.axe(provider);
    await registerAllSessions(
      provider,
      stage1.id,
      stage1.sessions.map((s) => s.id),
    );

    // 5. Outcome: not fit, follow-on course (stage 2).
    await provider.goto(`${app.baseUrl}/hold/${stage1.id}`);
    await provider.getByRole('link', { name: `Registrér resultat for ${name}` }).click();
    await h1(provider, 'Resultat efter forløbet').waitFor();
    await provider.getByLabel('Nej, ikke raskmeldt').check();
    await provider.getByLabel('Fortsætter på opfølgningsforløb (trin 2)').check();
    await provider.getByLabel('Borgerens tilfredshed (1–5)').selectOption('4');
    await provider
      .getByLabel('Borgerens kommentar')
      .fill('Godt hold, men jeg har brug for mere tid.');
    await app.axe(provider);
    await provider.getByRole('button', { name: 'Registrér resultat' }).click();
    await provider.getByText('Der er oprettet en henvisning til opfølgningsforløbet').waitFor();
    await provider.goto(`${app.baseUrl}/hold/${stage1.id}`);
    await provider.getByRole('heading', { name: 'Overblik' }).waitFor();
    await provider.getByRole('cell', { name: '100 % (10/10)' }).waitFor();
    await provider.getByText('Ikke raskmeldt: Fortsætter på opfølgningsforløb (trin 2)').waitFor();
    await app.axe(provider);

    // 6. The caseworker sends the follow-on referral to the municipal health department.
    await caseworker.goto(`${app.baseUrl}/henvisninger`);
    await caseworker.getByLabel('Vis tilstand').selectOption('draft');
    await caseworker.getByRole('link', { name }).first().click();
    await h1(caseworker, `Henvisning: ${STAGE_2_TITLE}`).waitFor();
    const referral2 = new URL(caseworker.url()).pathname.split('/').pop()!;
    await step(caseworker, 'Send henvisning', 'Sendt');

    // 7. The health department runs stage 2 and records the citizen fit.
    await health.goto(`${app.baseUrl}/henvisninger/${referral2}`);
    await h1(health, `Henvisning: ${STAGE_2_TITLE}`).waitFor();
    // The health centre holds the citizen now: the referral links to their health profile;
    // the provider, who may not read it, was not offered that link.
    await health.getByRole('link', { name: 'Borgerens sundhedsprofil' }).waitFor();
    await step(health, 'Markér som modtaget', 'Modtaget');
    await step(health, 'Acceptér', 'Accepteret');
    await health.getByLabel('Vælg hold').selectOption(stage2.id);
    await step(health, 'Tilmeld hold', 'Tilmeldt hold');
    await step(health, 'Markér forløbet som startet', 'Startet');
    await registerAllSessions(
      health,
      stage2.id,
      stage2.sessions.map((s) => s.id),
    );
    await health.goto(`${app.baseUrl}/hold/${stage2.id}`);
    await health.getByRole('link', { name: `Registrér resultat for ${name}` }).click();
    await health.getByLabel('Ja, raskmeldt').check();
    await health.getByLabel('Borgerens tilfredshed (1–5)').selectOption('5');
    await health.getByRole('button', { name: 'Registrér resultat' }).click();
    await health.getByText('Resultatet er registreret.').waitFor();

    // 8. The caseworker sees the whole history of both referrals.
    await caseworker.goto(`${app.baseUrl}/henvisninger/${referral1}`);
    const history1 = caseworker.getByRole('region', { name: 'Historik' });
    await history1.getByText('Gennemført').waitFor();
    const items1 = await history1.getByRole('listitem').allTextContents();
    expect(items1.map((t) => t.split(' – ')[0])).toEqual([
      'Kladde',
      'Sendt',
      'Modtaget',
      'Accepteret',
      'Tilmeldt hold',
      'Startet',
      'Gennemført',
    ]);
    expect(items1[2]).toContain('Ulla Udbyder');
    await caseworker.getByText('Borgeren er startet på holdet mandag.').waitFor();
    await app.axe(caseworker);

    await caseworker.goto(`${app.baseUrl}/henvisninger/${referral2}`);
    const history2 = caseworker.getByRole('region', { name: 'Historik' });
    await history2.getByText('Gennemført').waitFor();
    const items2 = await history2.getByRole('listitem').allTextContents();
    expect(items2.map((t) => t.split(' – ')[0])).toEqual([
      'Kladde',
      'Sendt',
      'Modtaget',
      'Accepteret',
      'Tilmeldt hold',
      'Startet',
      'Gennemført',
    ]);
    expect(items2[2]).toContain('Finn Fysioterapeut');
    await caseworker.getByRole('link', { name: 'Fortsættelse af tidligere henvisning' }).waitFor();
    await app.axe(caseworker);

    // The health department's course overview shows the citizen fit.
    await health.goto(`${app.baseUrl}/hold/${stage2.id}`);
    await health.getByText('Raskmeldt', { exact: true }).first().waitFor();
    await app.axe(health);

    // The stage-1 provider's shared view (issue 15): its own course's attendance, under the
    // consent, never the health centre's stage 2.
    await provider.goto(`${app.baseUrl}/henvisninger/${referral1}`);
    const shared = provider.getByRole('region', { name: 'Delte oplysninger' });
    await shared.getByRole('cell', { name: 'Trin 1 – forår 2026' }).waitFor();
    await shared.getByText(/^Borgerens samtykke dækker: Fremmøde, Resultat af forløb\./).waitFor();
    expect(await shared.getByText('Trin 2 – sommer 2026').count()).toBe(0);
    await app.axe(provider);
  }, 600_000);
});

describe('planning a course', () => {
  it('a health professional plans a course of their offer in the browser; Maundy Thursday is skipped', async () => {
    const health = await as('rebild.sundhed');
    await health.goto(`${app.baseUrl}/hold`);
    await health.getByRole('link', { name: 'Planlæg et nyt hold' }).click();
    await health.getByRole('heading', { level: 1, name: 'Nyt hold' }).waitFor();
    await app.axe(health);

    const offer = health.getByLabel('Tilbud', { exact: true });
    const offerLabel = (await offer.locator('option').first().textContent())!;
    await health.getByLabel('Holdets navn').fill('Påskeholdet 2027');
    await health.getByLabel('Første uge starter').fill('2027-03-22');
    await health.getByLabel('Antal uger').fill('3');
    await health.getByLabel('Ugedag, gang 1').selectOption({ label: 'Torsdag' });
    await health.getByLabel('Fra, gang 1').fill('10:00');
    await health.getByLabel('Til, gang 1').fill('11:30');
    await health.getByLabel('Sted').fill('Sal 1');
    await health.getByLabel('Pladser').fill('10');
    // A wrong time first: the server's message is shown and nothing is created.
    await health.getByLabel('Til, gang 1').fill('09:00');
    await health.getByRole('button', { name: 'Opret hold' }).click();
    await health.getByText('En gang skal slutte efter den starter.').waitFor();
    await health.getByLabel('Til, gang 1').fill('11:30');
    await health.getByRole('button', { name: 'Opret hold' }).click();

    await health.getByRole('heading', { level: 1, name: 'Påskeholdet 2027' }).waitFor();
    expect(health.url()).toMatch(/\/hold\/[0-9a-f-]{36}$/);
    await expect
      .poll(() => health.getByTestId('skipped-holidays').textContent())
      .toContain('Skærtorsdag');
    await app.axe(health);
    const courses = await app.call<{ title: string; offerTitle: string; weeks: number }[]>(
      health,
      'GET',
      '/api/courses',
    );
    const made = courses.filter((c) => c.title === 'Påskeholdet 2027');
    expect(made).toHaveLength(1);
    expect(offerLabel).toContain(made[0]!.offerTitle);
    expect(made[0]!.weeks).toBe(3);
  }, 180_000);
});
