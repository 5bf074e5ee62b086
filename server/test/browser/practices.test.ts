/**
 * The practice of the seed municipalities in the browser (issue 18): Middelfart's weekly
 * minimum on the provider's course page, Skive's bridge to the local boxing club recorded by the
 * provider, the citizen's feedback in the portal on a 390 px phone and the provider's suppressed
 * view of it, and Randers' intro meeting recorded on the referral before enrolment, or asked for
 * by a citizen who came by themself and recorded on the course page. Axe on every
 * screen, at 390 px for the citizen.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { withBrowserApp } from './harness';

const app = withBrowserApp();
const phone = { width: 390, height: 844 };

const h1 = (page: Page, name: string) => page.getByRole('heading', { level: 1, name });

interface CourseJson {
  id: string;
  sessions: { id: string }[];
  enrolments: { id: string; citizenId: string }[];
}

describe('municipal practices', () => {
  it('weekly minimum, bridge to a club and the citizen’s feedback on a finished mandatory course', async () => {
    const provider = await app.loginAs('rebild.udbyder');
    const citizenSession = await app.apiLogin('rebild.borger');
    const citizenId = citizenSession.user.citizenId!;

    // Setup through the API: an open, mandatory offer with Middelfart's rule, and a course over
    // Easter 2026 (Maundy Thursday, Good Friday, Easter Monday closed).
    const offer = await app.call<{ id: string }>(provider, 'POST', '/api/catalogue/offers', {
      title: 'Motion i aktivering – 5 timer om ugen',
      themes: ['motion'],
      referralType: 'open',
      format: 'group',
      status: 'published',
      mandatoryActivation: true,
      minHoursPerWeek: 5,
      minDaysPerWeek: 2,
    });
    const course = await app.call<CourseJson>(provider, 'POST', '/api/courses', {
      offerId: offer.id,
      title: 'Motion påske 2026',
      startDate: '2026-03-30',
      weeks: 3,
      weeklyPattern: [
        { weekday: 1, start: '09:00', end: '11:30' },
        { weekday: 4, start: '09:00', end: '11:30' },
      ],
      capacity: 10,
    });
    expect(course.sessions).toHaveLength(4);

    // The citizen signs up on the phone page's API (the portal's own sign-up is another page).
    const citizen = await app.newPage(phone);
    await app.login(citizen, 'rebild.borger');
    await app.call(citizen, 'POST', `/api/courses/${course.id}/signup`);
    const detail = await app.call<CourseJson>(provider, 'GET', `/api/courses/${course.id}`);
    const enrolmentId = detail.enrolments.find((e) => e.citizenId === citizenId)!.id;
    // Present on 30 March and 13 April only.
    for (const [i, s] of course.sessions.entries()) {
      await app.call(provider, 'PUT', `/api/courses/${course.id}/sessions/${s.id}/attendance`, {
        records: [{ enrolmentId, status: i === 0 || i === 2 ? 'present' : 'absent_notice' }],
      });
    }

    // 1. The provider reads the weekly minimum on the course page.
    await provider.goto(`${app.baseUrl}/hold/${course.id}`);
    await h1(provider, 'Motion påske 2026').waitFor();
    const weekly = provider.getByRole('region', { name: 'Ugentligt minimum' });
    await weekly.getByText('Mindst 5 timer om ugen fordelt på mindst 2 dage').waitFor();
    const row = weekly.locator('tbody tr').first();
    const cells = await row.locator('th, td').allTextContents();
    expect(cells[1]).toBe('1 opfyldt, 2 ikke opfyldt');
    expect(cells.slice(2).map((c) => c.replace(/\d.*$/, '').trim())).toEqual([
      'Opfyldt',
      'Ikke opfyldt',
      'Ikke opfyldt',
    ]);
    await expect
      .poll(() => weekly.locator('thead').textContent())
      .toContain('Skærtorsdag, Langfredag, Påskedag');
    await app.axe(provider);

    // 2. The provider records the bridge to the local boxing club.
    const bridges = provider.getByRole('region', { name: 'Brobygning til lokale foreninger' });
    await bridges.getByText('Ingen brobygning registreret.').waitFor();
    await bridges.getByLabel('Borger').selectOption({ index: 1 });
    await bridges.getByLabel('Klub eller forening').fill('Skive Bokseklub');
    await bridges.getByLabel('Aftalt rabat').fill('Halvt kontingent i 3 måneder');
    await bridges.getByLabel('Første besøg').fill('2026-04-20');
    await bridges.getByRole('button', { name: 'Gem brobygning' }).click();
    await bridges.getByRole('cell', { name: 'Skive Bokseklub' }).waitFor();
    await bridges.getByRole('cell', { name: 'Ikke fulgt op endnu' }).waitFor();
    await app.axe(provider);

    // 3. The citizen answers the feedback form on the phone.
    await citizen.goto(`${app.baseUrl}/`);
    await citizen.getByRole('link', { name: 'Giv feedback på dine forløb' }).click();
    await h1(citizen, 'Feedback på dine forløb').waitFor();
    const form = citizen.getByRole('region', { name: 'Motion påske 2026' });
    await app.axe(citizen);
    await form.getByLabel('4 – Tilfreds').check();
    await form.getByLabel('Delvist').check();
    await form.getByRole('group', { name: 'Vil du fortsætte' }).getByLabel('Ja').check();
    await form.getByLabel('Hvad kan vi gøre bedre? (frivilligt)').fill('Flere hold om aftenen');
    await form.getByRole('button', { name: 'Send feedback' }).click();
    await form.getByRole('status').getByText('Tak for din feedback.').waitFor();
    expect(
      Number(await citizen.evaluate('document.documentElement.scrollWidth')),
    ).toBeLessThanOrEqual(390);
    await app.axe(citizen);

    // 4. The provider sees it per course: one answer, so every figure is hidden.
    await provider.getByRole('link', { name: 'Borgernes feedback på holdet' }).click();
    await h1(provider, 'Feedback: Motion påske 2026').waitFor();
    await provider
      .getByTestId('feedback-respondents')
      .getByText('<5 svar fra <5 deltagere')
      .waitFor();
    await provider.getByText('Der er færre end 5 svar.').waitFor();
    await provider.getByText('Kommentarerne vises, når mindst 5 har svaret.').waitFor();
    expect(await provider.getByText('Flere hold om aftenen').count()).toBe(0);
    await app.axe(provider);
  });

  it('Randers: the recipient records the intro meeting before the referral can be enrolled', async () => {
    const provider = await app.loginAs('rebild.udbyder');
    const caseworker = await app.loginAs('rebild.sagsbehandler');
    const offer = await app.call<{ id: string; providerOrganisationId: string }>(
      provider,
      'POST',
      '/api/catalogue/offers',
      {
        title: 'Alkoholforløb med intromøde',
        themes: ['alkohol'],
        referralType: 'referred',
        format: 'group',
        status: 'published',
        introRequired: true,
        introMeeting: 'Uformelt og uforpligtende møde om forløbet',
      },
    );
    const search = await app.call<{ items: { id: string }[] }>(
      caseworker,
      'POST',
      '/api/citizens/search',
      { limit: 50 },
    );
    const citizenId = search.items[7]!.id;
    const referral = await app.call<{ id: string }>(caseworker, 'POST', '/api/referrals', {
      citizenId,
      offerId: offer.id,
      reason: 'Ønsker hjælp til at drikke mindre',
      participation: 'voluntary',
      sharedCategories: [],
      send: true,
    });

    await provider.goto(`${app.baseUrl}/henvisninger/${referral.id}`);
    const intro = provider.getByRole('region', { name: 'Intromøde før tilmelding' });
    await intro
      .getByText('Borgeren har ikke deltaget i intromødet endnu.', { exact: false })
      .waitFor();
    await app.axe(provider);
    await intro.getByLabel('Dato for intromødet').fill('2026-04-20');
    await intro.getByRole('button', { name: 'Registrér deltagelse i intromødet' }).click();
    await intro.getByText('Borgeren deltog i intromødet 20.4.2026.').waitFor();
    expect(await intro.getByRole('button').count()).toBe(0);
    await app.axe(provider);
  });

  it('Randers: a citizen who came by themself asks for the intro meeting on the phone; the provider records it and the sign-up opens', async () => {
    const provider = await app.loginAs('rebild.udbyder');
    const offer = await app.call<{ id: string }>(provider, 'POST', '/api/catalogue/offers', {
      title: 'Alkohol – åbent tilbud med intromøde',
      themes: ['alkohol'],
      referralType: 'open',
      format: 'group',
      status: 'published',
      introRequired: true,
      introMeeting: 'Uformelt og uforpligtende møde om forløbet',
    });
    const course = await app.call<CourseJson>(provider, 'POST', '/api/courses', {
      offerId: offer.id,
      title: 'Alkoholhold med intromøde',
      startDate: '2031-03-03',
      weeks: 2,
      weeklyPattern: [{ weekday: 1, start: '09:00', end: '11:00' }],
      capacity: 8,
    });

    const citizen = await app.loginAs('rebild.borger', phone);
    await citizen.goto(`${app.baseUrl}/mit/hold`);
    const card = citizen.getByRole('listitem').filter({ hasText: 'Alkoholhold med intromøde' });
    await card
      .getByText('Tilbuddet begynder med et uforpligtende intromøde.', { exact: false })
      .waitFor();
    expect(
      await card.getByRole('button', { name: 'Meld mig til Alkoholhold med intromøde' }).count(),
    ).toBe(0);
    await app.axe(citizen);
    await card
      .getByRole('button', { name: 'Jeg vil gerne til intromødet om Alkoholhold med intromøde' })
      .click();
    await card.getByText('Du har bedt om at komme til intromødet.', { exact: false }).waitFor();
    await app.axe(citizen);

    await provider.goto(`${app.baseUrl}/hold/${course.id}`);
    const requests = provider.getByRole('region', { name: 'Borgere, der vil til intromødet' });
    await requests.getByRole('button', { name: /^Registrér, at .+ deltog$/ }).waitFor();
    await app.axe(provider);
    await requests.getByLabel(/^Dato for intromødet for /).fill('2031-02-20');
    await requests.getByRole('button', { name: /^Registrér, at .+ deltog$/ }).click();
    await requests.getByText('20.2.2031').waitFor();
    expect(await requests.getByRole('button').count()).toBe(0);
    await app.axe(provider);

    await citizen.reload();
    await card.getByText('Du har deltaget i intromødet og kan nu tilmelde dig holdet.').waitFor();
    await card.getByRole('button', { name: 'Meld mig til Alkoholhold med intromøde' }).click();
    await card.getByRole('button', { name: 'Ja, meld mig til' }).click();
    await card.getByText('Du er tilmeldt').waitFor();
    await app.axe(citizen);
  });

  it('Randers: the health centre records a dialogue meeting with the GPs and a question they asked', async () => {
    const health = await app.loginAs('rebild.sundhed');
    await health.getByRole('link', { name: 'Dialogmøder med lægerne' }).click();
    await h1(health, 'Dialogmøder med de praktiserende læger').waitFor();
    await app.axe(health);
    await health.getByLabel('Dato').fill('2026-03-10');
    await health.getByLabel('Møde', { exact: true }).fill('Dialogmøde forår 2026');
    await health
      .getByLabel('Deltagere')
      .fill('Praksiskonsulent, 12 praktiserende læger, jobcenterchef');
    await health.getByLabel('Referat').fill('Borger 010145-5234 blev drøftet');
    await health.getByRole('button', { name: 'Gem mødet' }).click();
    await health.getByText('Må ikke indeholde CPR-numre').first().waitFor();
    await health.getByLabel('Referat').fill('Jobcentrets sundhedstilbud blev præsenteret.');
    await health.getByRole('button', { name: 'Gem mødet' }).click();
    await health.getByRole('link', { name: 'Dialogmøde forår 2026' }).click();
    await h1(health, 'Dialogmøde forår 2026').waitFor();
    await health
      .getByLabel('Spørgsmål fra lægerne')
      .fill('Hvordan udfylder vi mulighedserklæringen?');
    await health.getByRole('button', { name: 'Tilføj spørgsmål' }).click();
    await health
      .getByLabel('Svar på: Hvordan udfylder vi mulighedserklæringen?')
      .fill('Jobcentret holder sparring i april.');
    await health.getByRole('button', { name: 'Gem svar' }).click();
    await health.getByText('Svar: Jobcentret holder sparring i april.').waitFor();
    await app.axe(health);
  });

  it('København: a group conversation puts each participant’s wish cards on their health profile', async () => {
    const caseworker = await app.loginAs('rebild.sagsbehandler');
    await caseworker.getByRole('link', { name: 'Gruppesamtaler med ønskekort' }).click();
    await h1(caseworker, 'Gruppesamtaler om sundhed').waitFor();
    await app.axe(caseworker);
    await caseworker.getByLabel('Gruppesamtale', { exact: true }).fill('Gruppesamtale hold 12');
    await caseworker.getByLabel('Dato').fill('2026-03-02');
    const first = caseworker.getByRole('group', { name: /^Ønskekort valgt af / }).first();
    await first.getByLabel('Mere energi i hverdagen').check();
    await first.getByLabel('Være en del af et fællesskab').check();
    await caseworker.getByRole('button', { name: 'Gem gruppesamtalen' }).click();
    await caseworker
      .getByRole('status')
      .getByText('Gruppesamtalen er gemt. Ønskekortene står nu i 1 deltageres sundhedsprofil.')
      .waitFor();
    await caseworker.getByRole('rowheader', { name: 'Gruppesamtale hold 12' }).waitFor();
    await app.axe(caseworker);
  });
});
