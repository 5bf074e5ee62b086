/**
 * Issue 16: the citizen's path through the web app, as people take it, in the UI only (the demo
 * seed aside). First the staff side that the citizen then sees: the coordinating caseworker
 * updates a goal's progress and an activity's status on Min Plan (with undo), the caseworker
 * answers on the citizen's messages page. Then the citizen on a 390 px phone: Min side → plan
 * (progress shown, not editable: the citizen may not change it) → appointments → consents →
 * withdraw one → who read my data → sign up for an open course → give a proxy → the proxy acts
 * for them → the citizen sees it in the log → revokes, and the proxy is refused at once. Every
 * page opened is checked with axe (WCAG 2.1 A/AA), on the phone and on a desktop. Each step
 * waits for its page's heading, so a missing page fails the walk (checked by taking the route of
 * /mit/fuldmagt away: the walk and the desktop pass fail there). The tests are one story in
 * order: the citizen's walk expects the progress and the answer the staff tests recorded.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { withBrowserApp } from './harness';

const phone = { width: 390, height: 844 };
const goal = 'Gå til Sundt liv to gange om ugen';
const activity = 'Gåtur hver morgen';
const reply = 'Hej. Tak for din besked – vi ses på torsdag kl. 10.';
const proxyNote = 'Jeg skriver for dig: du kommer lidt senere på torsdag.';

let citizenId: string;
const app = withBrowserApp({
  readyTimeoutMs: 170_000,
  seed: async (app) => {
    citizenId = (await app.apiLogin('rebild.borger')).user.citizenId!;
  },
});

const heading = (page: Page, name: string | RegExp) =>
  page.getByRole('heading', { level: 1, name }).waitFor();

async function fitsPhone(page: Page) {
  expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
    phone.width,
  );
}

/** The start page's way to Min side, then Min side itself. */
async function openMinSide(page: Page) {
  await page.goto(app.baseUrl);
  await heading(page, /^Velkommen, /);
  await page.getByRole('link', { name: 'Min side / Min plan' }).click();
  await heading(page, 'Min side');
}

const section = (page: Page, name: string) =>
  page.locator('section', { has: page.getByRole('heading', { level: 2, name, exact: true }) });

describe('the citizen’s walk, and the staff side they see', () => {
  it('the coordinating caseworker updates goal progress and activity status, with undo', async () => {
    const page = await app.loginAs('rebild.koordinator');
    await page.goto(`${app.baseUrl}/borgere/${citizenId}`);
    await page.getByRole('link', { name: 'Min Plan' }).click();
    await heading(page, /^Plan for /);

    const goalForm = page.locator('form', {
      has: page.getByRole('heading', { name: 'Nyt SMART-mål' }),
    });
    await goalForm.getByLabel('Specifikt: hvad er målet?').fill(goal);
    await goalForm.getByRole('button', { name: 'Gem mål' }).click();
    const card = page.locator('li.plan-goal', {
      has: page.getByRole('heading', { level: 4, name: goal }),
    });
    await card.getByText('Status: Ikke begyndt').waitFor();

    const progress = card.getByLabel(`Fremskridt – ${goal}`);
    await progress.selectOption({ label: 'I gang' });
    await card.getByRole('button', { name: `Gem status – ${goal}` }).click();
    await card.getByText('Status: I gang').waitFor();
    await card.getByRole('status').getByText('Gemt: I gang.').waitFor();
    await app.axe(page);
    // A wrong pick is undone in one step, back to what it was.
    await card.getByRole('button', { name: 'Fortryd (tilbage til Ikke begyndt)' }).click();
    await card.getByText('Status: Ikke begyndt').waitFor();
    expect(await progress.inputValue()).toBe('open');
    await progress.selectOption({ label: 'I gang' });
    await card.getByRole('button', { name: `Gem status – ${goal}` }).click();
    await card.getByText('Status: I gang').waitFor();

    const activityForm = page.locator('form', {
      has: page.getByRole('heading', { name: 'Ny aktivitet' }),
    });
    await activityForm.getByLabel('Aktivitet', { exact: true }).fill(activity);
    await activityForm.getByRole('button', { name: 'Gem aktivitet' }).click();
    const row = page.locator('ul.plan-activities > li', { hasText: activity });
    await row.getByText('Status: Planlagt').waitFor();
    await row.getByLabel(`Status – ${activity}`).selectOption({ label: 'Gennemført' });
    await row.getByRole('button', { name: `Gem status – ${activity}` }).click();
    await row.getByText('Status: Gennemført').waitFor();

    // Saved on the server, not only on the page.
    await page.reload();
    await heading(page, /^Plan for /);
    await card.getByText('Status: I gang').waitFor();
    await row.getByText('Status: Gennemført').waitFor();
    await app.axe(page);
  });

  it('the caseworker reads and answers the citizen’s messages from the citizen page', async () => {
    const page = await app.loginAs('rebild.sagsbehandler');
    await page.goto(`${app.baseUrl}/borgere/${citizenId}`);
    await page.getByRole('link', { name: 'Beskeder med borgeren' }).click();
    await heading(page, /^Beskeder med /);
    await app.axe(page);
    // An empty reply is not sent.
    const send = page.getByRole('button', { name: 'Send besked' });
    expect(await send.isDisabled()).toBe(true);
    await page.getByLabel('Besked', { exact: true }).fill(reply);
    await send.click();
    await page.getByRole('status').getByText('Beskeden er sendt.').waitFor();
    const thread = section(page, 'Beskeder, nyeste først');
    await thread.getByText(reply).waitFor();
    // Newest first, signed with the caseworker's name.
    expect(await thread.locator('li').first().textContent()).toContain(reply);
    expect(await page.getByLabel('Besked', { exact: true }).inputValue()).toBe('');
    await app.axe(page);
  });

  it('the citizen on a phone: plan, appointments, consents, access log, a course, a proxy who acts, revoked', async () => {
    const page = await app.loginAs('rebild.borger', phone);
    await app.axe(page);
    await openMinSide(page);
    await app.axe(page);
    await fitsPhone(page);

    // Plan: the progress the caseworker recorded; the citizen may not change it.
    const plan = section(page, 'Min plan');
    await plan.getByText(goal).waitFor();
    expect(await plan.textContent()).toContain('Status: I gang');
    expect(await plan.textContent()).toContain(`${activity} – frivilligt (Gennemført)`);
    expect(await page.getByRole('combobox', { name: /^Fremskridt/ }).count()).toBe(0);

    // Appointments from the course the citizen is enrolled on.
    const sessions = section(page, 'Mine aftaler');
    await sessions.getByText('Sundt liv – hold 1').first().waitFor();

    // The caseworker's answer.
    await section(page, 'Beskeder med din sagsbehandler').getByText(reply).waitFor();

    // Withdraw a consent: at once, only that one.
    const consents = section(page, 'Mine samtykker');
    const withdraw = consents.getByRole('button', {
      name: 'Træk samtykke til Sundhedscenter Rebild tilbage',
    });
    await withdraw.click();
    await consents.getByText('Samtykket er trukket tilbage.').waitFor();
    await withdraw.waitFor({ state: 'detached' });
    await app.axe(page);

    // Who read my data: the caseworker's reading of the messages is there.
    await page.getByRole('link', { name: 'Hvem har set mine data' }).click();
    await heading(page, 'Hvem har set mine data');
    await page.getByText('Beskeder med borgeren').first().waitFor();
    await app.axe(page);
    await fitsPhone(page);

    // Sign up for an open course, chosen from all courses of the open offers.
    await openMinSide(page);
    await page.getByRole('link', { name: 'Alle hold du selv kan melde dig til' }).click();
    await heading(page, 'Hold du selv kan melde dig til');
    await app.axe(page);
    await fitsPhone(page);
    const signUp = page.getByRole('button', { name: /^Meld mig til / }).first();
    const title = (await signUp.textContent())!.replace('Meld mig til ', '');
    await signUp.click();
    const confirm = page.getByRole('alertdialog');
    await confirm.getByText(`Vil du melde dig til ${title}`).waitFor();
    await app.axe(page);
    await confirm.getByRole('button', { name: 'Ja, meld mig til' }).click();
    await page.getByRole('status').getByText(`Du er tilmeldt ${title}.`).waitFor();
    const courseCard = page.locator('li.card', {
      has: page.getByRole('heading', { name: title }),
    });
    await courseCard.getByText('Du er tilmeldt').waitFor();
    expect(await courseCard.getByRole('button').count()).toBe(0);

    // Give a proxy: clear errors first, then a proxy for consents.
    await openMinSide(page);
    await page.getByRole('link', { name: 'Fuldmagt: lad en anden hjælpe dig' }).click();
    await heading(page, 'Fuldmagt');
    await app.axe(page);
    await fitsPhone(page);
    await page.getByRole('button', { name: 'Giv fuldmagt' }).click();
    await page.getByText('Skriv personens brugernavn.').waitFor();
    await page.getByText('Vælg mindst én ting, personen må.').waitFor();
    await page.getByLabel('Personens brugernavn').fill('rebild.ingen-saadan');
    await page.getByLabel('se, give og trække mine samtykker tilbage').check();
    await page.getByRole('button', { name: 'Giv fuldmagt' }).click();
    await page.getByText('Der findes ingen borger med det brugernavn.').waitFor();
    await app.axe(page);
    await page.getByLabel('Personens brugernavn').fill('rebild.fuldmagt');
    await page.getByRole('button', { name: 'Giv fuldmagt' }).click();
    await page.getByRole('status').getByText('Du har givet Frida Fuldmægtig fuldmagt.').waitFor();
    const given = section(page, 'Du har givet fuldmagt til');
    const consentGrant = given.locator('li', {
      hasText: 'Må: se, give og trække mine samtykker tilbage',
    });
    await consentGrant.waitFor();

    // The proxy, on their own phone, goes to Min side for the citizen and acts.
    const proxy = await app.loginAs('rebild.fuldmagt', phone);
    await openMinSide(proxy);
    await proxy.getByRole('link', { name: 'Fuldmagt: lad en anden hjælpe dig' }).click();
    await heading(proxy, 'Fuldmagt');
    await app.axe(proxy);
    await proxy.getByRole('link', { name: /^Gå til Min side for / }).click();
    await heading(proxy, 'Min side');
    await proxy.getByText(/^Du bruger din fuldmagt for /).waitFor();
    await section(proxy, 'Mine samtykker').waitFor();
    const messages = section(proxy, 'Beskeder med din sagsbehandler');
    await messages.getByLabel('Skriv en besked').fill(proxyNote);
    await messages.getByRole('button', { name: 'Send', exact: true }).click();
    await messages.getByText(proxyNote).waitFor();
    await app.axe(proxy);
    await fitsPhone(proxy);

    // The citizen sees the proxy's action in the log, by the proxy's name.
    await openMinSide(page);
    await section(page, 'Beskeder med din sagsbehandler').getByText(proxyNote).waitFor();
    await page.getByRole('link', { name: 'Hvem har set mine data' }).click();
    await heading(page, 'Hvem har set mine data');
    await page.getByText('Frida Fuldmægtig (din fuldmagtshaver)').first().waitFor();

    // Revoke, after a confirmation; the proxy loses the consents at once.
    await openMinSide(page);
    await page.getByRole('link', { name: 'Fuldmagt: lad en anden hjælpe dig' }).click();
    await heading(page, 'Fuldmagt');
    await consentGrant
      .getByRole('button', { name: 'Tilbagekald fuldmagten til Frida Fuldmægtig' })
      .click();
    const ask = page.getByRole('alertdialog');
    await ask.getByText('Vil du tilbagekalde fuldmagten til Frida Fuldmægtig?').waitFor();
    await app.axe(page);
    await ask.getByRole('button', { name: 'Ja, tilbagekald' }).click();
    await page
      .getByRole('status')
      .getByText('Fuldmagten til Frida Fuldmægtig er tilbagekaldt.')
      .waitFor();
    await consentGrant.waitFor({ state: 'detached' });
    // The standing proxy (plan, messages …) stays.
    expect(await given.locator('li').count()).toBe(1);

    await proxy.reload();
    await heading(proxy, 'Min side');
    await section(proxy, 'Min plan').waitFor();
    expect(await section(proxy, 'Mine samtykker').count()).toBe(0);
  });

  it('the same pages on a desktop have no axe violations', async () => {
    const page = await app.loginAs('rebild.borger');
    for (const [link, title] of [
      ['Hvem har set mine data', 'Hvem har set mine data'],
      ['Alle hold du selv kan melde dig til', 'Hold du selv kan melde dig til'],
      ['Fuldmagt: lad en anden hjælpe dig', 'Fuldmagt'],
    ] as const) {
      await openMinSide(page);
      await app.axe(page);
      await page.getByRole('link', { name: link }).click();
      await heading(page, title);
      await app.axe(page);
    }
    const proxy = await app.loginAs('rebild.fuldmagt');
    await openMinSide(proxy);
    await proxy.getByRole('link', { name: 'Fuldmagt: lad en anden hjælpe dig' }).click();
    await heading(proxy, 'Fuldmagt');
    await proxy.getByRole('link', { name: /^Gå til Min side for / }).click();
    await proxy.getByText(/^Du bruger din fuldmagt for /).waitFor();
    await app.axe(proxy);
  });
});
