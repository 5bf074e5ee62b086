/**
 * Issue #4 in the browser: a caseworker reads a citizen, the citizen logs in and sees those reads
 * on "Hvem har set mine data" (organisation and role, not the employee's name; a proxy's
 * action by the proxy's name); the
 * administrator's page lists organisations and users, creates an organisation and deactivates
 * a user. Both pages without axe violations.
 */
import { describe, expect, it } from 'vitest';
import { withBrowserApp } from './harness';

const app = withBrowserApp({ readyTimeoutMs: 170_000 });

describe('the citizen sees who has read their data', () => {
  it('lists the caseworker’s reads with organisation and role in Danish, without violations', async () => {
    const borger = await app.apiLogin('rebild.borger');
    const citizenId = borger.user.citizenId!;
    const caseworker = await app.apiLogin('rebild.sagsbehandler');
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`${app.baseUrl}/api/citizens/${citizenId}`, {
        headers: { cookie: caseworker.cookie },
      });
      expect(res.status).toBe(200);
    }
    // Their proxy (fuldmagt) writes a message for them: shown by the proxy's name.
    const proxy = await app.apiLogin('rebild.fuldmagt');
    const sent = await fetch(`${app.baseUrl}/api/portal/messages`, {
      method: 'POST',
      headers: {
        cookie: proxy.cookie,
        'x-csrf-token': proxy.csrf,
        'x-act-for': citizenId,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ body: 'Min mor kan ikke komme torsdag.' }),
    });
    expect(sent.status).toBe(201);

    const page = await app.loginAs('rebild.borger');
    await page.getByRole('link', { name: 'Hvem har set mine data' }).click();
    await page.getByRole('heading', { level: 1, name: 'Hvem har set mine data' }).waitFor();
    expect(await page.title()).toBe('Hvem har set mine data – Helhed');

    const rows = page.locator('table tbody tr');
    await rows.first().waitFor();
    const reads = rows.filter({ hasText: 'Jobcenter Rebild' }).filter({ hasText: 'Læst' });
    expect(await reads.count()).toBe(3);
    const first = reads.first();
    await expect.poll(() => first.textContent()).toContain('Sagsbehandler');
    expect(await first.textContent()).toContain('Sagsbehandling og opfølgning');
    // The employee's name is not shown to the citizen.
    expect(await page.locator('table').textContent()).not.toContain('Sara Sagsbehandler');
    // Danish date and time, e.g. "25. november 2026 kl. 18.05".
    const when = (await first.locator('time').textContent()) ?? '';
    expect(when).toMatch(/^\d{1,2}\. [a-zæøå]+ \d{4}( kl\.)? \d{2}[.:]\d{2}$/);
    expect(
      await rows.filter({ hasText: `${proxy.user.displayName} (din fuldmagtshaver)` }).count(),
    ).toBeGreaterThanOrEqual(1);
    await app.axe(page);
  });

  it('a citizen with no reads gets a clear empty state', async () => {
    const page = await app.loginAs('odense.borger');
    await page.goto(`${app.baseUrl}/mit/adgangslog`);
    await page.getByText('Ingen har endnu læst eller ændret dine oplysninger').waitFor();
    await app.axe(page);
  });
});

describe('administration', () => {
  it('lists organisations and users, creates an organisation and deactivates a user', async () => {
    const page = await app.loginAs('rebild.admin');
    await page.getByRole('link', { name: 'Administration' }).click();
    await page.getByRole('heading', { level: 1, name: 'Administration' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Organisationer' }).waitFor();
    await page.getByRole('cell', { name: 'Jobcenter Rebild', exact: true }).waitFor();
    await page.getByRole('cell', { name: 'rebild.team', exact: true }).waitFor();
    await app.axe(page);

    await page.getByLabel('Navn').first().fill('Rebild Motionsforening');
    await page.getByLabel('Type', { exact: true }).selectOption('association');
    await page.getByRole('button', { name: 'Opret organisation', exact: true }).click();
    await page.getByText('Organisationen Rebild Motionsforening er oprettet.').waitFor();
    await page.getByRole('cell', { name: 'Rebild Motionsforening', exact: true }).waitFor();

    const team = await app.apiLogin('rebild.team');
    const row = page.getByRole('row').filter({ hasText: 'rebild.team' });
    await row.getByRole('button', { name: /Deaktiver/ }).click();
    await page.getByText('Peter Psykolog er deaktiveret og logget ud alle steder.').waitFor();
    await row.getByRole('cell', { name: 'Deaktiveret', exact: true }).waitFor();
    const me = await fetch(`${app.baseUrl}/api/auth/me`, { headers: { cookie: team.cookie } });
    expect(me.status).toBe(401);
    await app.axe(page);

    // Search finds any user of the municipality; the role form offers the users found.
    await page.getByLabel('Søg efter navn eller brugernavn').fill('psykolog');
    await page.getByRole('cell', { name: 'rebild.sagsbehandler', exact: true }).waitFor({
      state: 'detached',
    });
    expect(await page.getByLabel('Medarbejder').locator('option').allTextContents()).toEqual([
      'Peter Psykolog (rebild.team)',
    ]);

    // Give the team member a second role, see it listed, and take it away again.
    await page.getByLabel('Medarbejder').selectOption({ label: 'Peter Psykolog (rebild.team)' });
    await page.getByLabel('Rolle', { exact: true }).first().selectOption('health_professional');
    await page
      .getByLabel('Organisation', { exact: true })
      .first()
      .selectOption({ label: 'Sundhedscenter Rebild' });
    await page.getByRole('button', { name: 'Giv en rolle' }).click();
    await page.getByText('Peter Psykolog har fået rollen Sundhedsfaglig.').waitFor();
    await row.getByText('Sundhedsfaglig (Sundhedscenter Rebild)').waitFor();
    await row.getByRole('button', { name: /Fjern Sundhedsfaglig/ }).click();
    await page.getByText(/Rollen Sundhedsfaglig \(Sundhedscenter Rebild\) er fjernet/).waitFor();
    await app.axe(page);

    await row.getByRole('button', { name: /Aktiver/ }).click();
    await row.getByRole('cell', { name: 'Aktiv', exact: true }).waitFor();
    expect(
      (await fetch(`${app.baseUrl}/api/auth/me`, { headers: { cookie: team.cookie } })).status,
    ).toBe(401);
  });

  it("names the municipality's network addresses, which the server keeps as networks", async () => {
    const page = await app.loginAs('rebild.admin');
    await page.goto(`${app.baseUrl}/admin`);
    await page.getByRole('heading', { level: 2, name: 'Kommunens netværksadresser' }).waitFor();
    const list = page.getByLabel('Adresser eller netværk');
    await list.fill('rådhuset');
    await page.getByRole('button', { name: 'Gem adresser' }).click();
    await page
      .getByRole('alert')
      .getByText('Skriv en IP-adresse eller et netværk', { exact: false })
      .waitFor();
    await list.fill('192.0.2.17/24 Rådhuset\n198.51.100.4');
    await page.getByRole('button', { name: 'Gem adresser' }).click();
    await page.getByText('Adresserne er gemt (2).').waitFor();
    expect(await list.inputValue()).toBe('192.0.2.0/24 Rådhuset\n198.51.100.4/32');
    await app.axe(page);
  });
});
