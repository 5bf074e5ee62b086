/**
 * Randers and Rebild in the browser (issue 18, decision 1100): the private provider buys places
 * on the health department's course, the health department accepts on a 390 px phone, the
 * provider places a citizen the job centre referred to it and records the outcome, and the
 * health department sees the citizen on its bought place with the outcome, not the referral.
 * Axe on every screen, at desktop and at 390 px.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { withBrowserApp } from './harness';

const app = withBrowserApp();
const phone = { width: 390, height: 844 };
const h1 = (page: Page, name: string) => page.getByRole('heading', { level: 1, name });

describe('places bought from the health department', () => {
  it('buying, accepting, placing and the outcome, each side seeing its own part', async () => {
    const buyer = await app.loginAs('rebild.udbyder');
    const health = await app.loginAs('rebild.sundhed', phone);
    const caseworker = await app.loginAs('rebild.sagsbehandler');

    // Setup through the API: the health department's course, the provider's activation project
    // and a citizen the job centre referred to the provider, accepted by it.
    const healthOffer = await app.call<{ id: string }>(health, 'POST', '/api/catalogue/offers', {
      title: 'Sund krop i job – sundhedsdelen',
      themes: ['motion'],
      referralType: 'referred',
      format: 'group',
      status: 'published',
    });
    await app.call(health, 'POST', '/api/courses', {
      offerId: healthOffer.id,
      title: 'Sund krop – hold marts',
      startDate: '2026-03-02',
      weeks: 6,
      weeklyPattern: [{ weekday: 2, start: '09:00', end: '11:00' }],
      capacity: 10,
    });
    const activation = await app.call<{ id: string }>(buyer, 'POST', '/api/catalogue/offers', {
      title: 'Aktiveringsprojekt Sund i job',
      themes: ['motion'],
      referralType: 'referred',
      format: 'group',
      status: 'published',
    });
    const search = await app.call<{
      items: { id: string; firstName: string; lastName: string }[];
    }>(caseworker, 'POST', '/api/citizens/search', { limit: 50 });
    let citizen = search.items[0]!;
    for (const c of search.items) {
      const held = await app.call<{ total: number }>(
        caseworker,
        'GET',
        `/api/referrals?citizenId=${c.id}`,
      );
      if (held.total === 0) {
        citizen = c;
        break;
      }
    }
    const name = `${citizen.firstName} ${citizen.lastName}`;
    const referral = await app.call<{ id: string }>(caseworker, 'POST', '/api/referrals', {
      citizenId: citizen.id,
      offerId: activation.id,
      reason: 'Sygemeldt; aktiveringsprojekt med motion',
      participation: 'voluntary',
      sharedCategories: [],
      send: true,
    });
    for (const action of ['receive', 'accept']) {
      await app.call(buyer, 'POST', `/api/referrals/${referral.id}/transitions`, { action });
    }

    // 1. The provider buys two places (desktop).
    await buyer.goto(`${app.baseUrl}/`);
    await buyer.getByRole('link', { name: 'Køb af pladser' }).click();
    await h1(buyer, 'Køb af pladser hos sundhedsafdelingen').waitFor();
    await app.axe(buyer);
    const course = buyer.getByLabel('Hold', { exact: true });
    const option = course.locator('option', { hasText: 'Sund krop – hold marts' });
    await course.selectOption((await option.getAttribute('value'))!);
    await buyer.getByLabel('Antal pladser').fill('2');
    await buyer.getByLabel('Bemærkning til sundhedsafdelingen').fill('Sundhedsdelen af Sund i job');
    await buyer.getByRole('button', { name: 'Send købet' }).click();
    const row = buyer.getByRole('row').filter({ hasText: 'Sund krop – hold marts' });
    await row.getByText('Afventer sundhedsafdelingen').waitFor();
    await app.axe(buyer);

    // 2. The health department accepts on the phone.
    await health.goto(`${app.baseUrl}/koebte-pladser`);
    await h1(health, 'Køb af pladser hos sundhedsafdelingen').waitFor();
    await app.axe(health);
    await health.getByRole('link', { name: /Sund krop – hold marts/ }).click();
    await health.getByRole('button', { name: 'Acceptér købet' }).click();
    await health.getByText('Accepteret').waitFor();
    expect(
      Number(await health.evaluate('document.documentElement.scrollWidth')),
    ).toBeLessThanOrEqual(390);
    await app.axe(health);

    // 3. The provider places the citizen it holds the referral for, and records the outcome.
    await row.getByRole('link').click();
    await buyer.getByRole('heading', { level: 2, name: 'Sæt på en købt plads' }).waitFor();
    await buyer.getByLabel('Borger henvist til jer').selectOption({ index: 1 });
    await buyer.getByRole('button', { name: 'Sæt borgeren på pladsen' }).click();
    await buyer.getByRole('link', { name }).waitFor();
    await app.axe(buyer);
    await buyer.getByRole('button', { name: `Registrér resultat for ${name}` }).click();
    await buyer.getByLabel('Resultat').selectOption('yes');
    await buyer.getByRole('button', { name: 'Gem resultatet' }).click();
    await buyer.getByText(/Raskmeldt \(registreret af Aktiv Rebild Træning ApS\)/).waitFor();
    await app.axe(buyer);

    // The referral stays the provider's: completed on the health department's course.
    await buyer.getByRole('link', { name }).click();
    await buyer.getByText('Sund krop – hold marts').first().waitFor();

    // 4. The health department sees the citizen on the bought place with the outcome, without a
    // way into the provider's referral; the same page at 390 px.
    await health.reload();
    await health.getByRole('rowheader', { name, exact: true }).waitFor();
    expect(await health.getByRole('link', { name }).count()).toBe(0);
    await health.getByText(/Raskmeldt \(registreret af Aktiv Rebild Træning ApS\)/).waitFor();
    await app.axe(health);
    const buyerPhone = await app.loginAs('rebild.udbyder', phone);
    await buyerPhone.goto(health.url());
    await buyerPhone.getByRole('link', { name }).waitFor();
    await app.axe(buyerPhone);
  });
});
