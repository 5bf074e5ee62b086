import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, login, type Session, type TestApp } from '../../../test/helper.js';
import { danishToday, daysBetween } from '../../platform/dates.js';

let t: TestApp;
let caseworker: Session;
let provider: Session;

beforeAll(async () => {
  t = await buildTestApp();
  caseworker = await login(t.app, 'gladsaxe.sagsbehandler');
  provider = await login(t.app, 'rebild.udbyder');
});
afterAll(async () => t?.close());

type Offer = {
  id: string;
  title: string;
  themes: string[];
  referralType: string;
  format: string;
  freePlaces: number | null;
  nextStart: string | null;
  status: string;
  providerOrganisationId: string;
  targetGroups: string[];
};
type Result = {
  items: Offer[];
  total: number;
  facets: Record<string, { value: string; count: number }[]>;
};

/**
 * The municipality's offers straight from the database: the demo catalogue grows as modules add
 * their own offers, so expectations are derived from the data, never hard-coded counts.
 */
async function offersInDb(municipality: string, where: 'published' | 'public') {
  const { rows } = await sql<{ id: string }>`
    select id from offer where municipality_code = ${municipality} and status = 'published'
      and (${where} = 'published' or referral_type = 'open')`.execute(t.database.db);
  return rows.map((r) => r.id).sort();
}

async function search(s: Session, body: Record<string, unknown>): Promise<Result> {
  const res = await s.inject({
    method: 'POST',
    url: '/api/catalogue/offers/search',
    payload: { limit: 100, ...body },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

describe('Danish full-text search', () => {
  it('stems: "motionere" finds the exercise offers', async () => {
    const r = await search(caseworker, { q: 'motionere' });
    expect(r.total).toBeGreaterThan(0);
    for (const o of r.items) expect(o.themes).toContain('motion');
  });

  it('handles æ, ø and å', async () => {
    const r = await search(caseworker, { q: 'forstå' });
    expect(r.items.map((o) => o.title)).toContain('Sundhed der er til at forstå');
    const s = await search(caseworker, { q: 'smertehåndtering' });
    expect(s.items[0]?.title).toBe('Smertehåndtering');
    const v = await search(caseworker, { q: 'varmtvandsbassin' });
    expect(v.items[0]?.title).toBe('Træning i varmtvandsbassin');
  });

  it('matches prefixes while typing', async () => {
    for (const typed of ['ryg', 'rygest', 'rygestop']) {
      const r = await search(caseworker, { q: typed });
      expect(
        r.items.map((o) => o.title),
        typed,
      ).toContain('Rygestop');
    }
    const r = await search(caseworker, { q: 'smer' });
    expect(r.items.map((o) => o.title)).toContain('Smertehåndtering');
  });

  it('filters and facets agree with a plain filter over the same data', async () => {
    const all = (await search(caseworker, {})).items;
    // The caseworker sees every published offer of Gladsaxe, and only those.
    expect(all.map((o) => o.id).sort()).toEqual(await offersInDb('159', 'published'));
    expect(all.length).toBeGreaterThan(3);
    const cases: [Record<string, unknown>, (o: Offer) => boolean][] = [
      [{ themes: ['motion'] }, (o) => o.themes.includes('motion')],
      [{ referralType: 'open' }, (o) => o.referralType === 'open'],
      [{ format: 'individual' }, (o) => o.format === 'individual'],
      [
        { themes: ['psykisk_helbred'], referralType: 'referred' },
        (o) => o.themes.includes('psykisk_helbred') && o.referralType === 'referred',
      ],
      [
        { startsWithinWeeks: 3 },
        (o) => !!o.nextStart && daysBetween(danishToday(), o.nextStart) <= 21,
      ],
      [{ freePlaces: true }, (o) => o.freePlaces === null || o.freePlaces > 0],
      [{ targetGroup: 'ledige' }, (o) => o.targetGroups.includes('ledige')],
    ];
    for (const [filter, pred] of cases) {
      const r = await search(caseworker, filter);
      const expected = all.filter(pred);
      expect(r.items.map((o) => o.id).sort(), JSON.stringify(filter)).toEqual(
        expected.map((o) => o.id).sort(),
      );
      expect(r.total).toBe(expected.length);
      const themeCounts = new Map<string, number>();
      for (const o of expected)
        for (const th of o.themes) themeCounts.set(th, (themeCounts.get(th) ?? 0) + 1);
      expect(Object.fromEntries(r.facets.theme!.map((f) => [f.value, f.count]))).toEqual(
        Object.fromEntries(themeCounts),
      );
      const refCounts = new Map<string, number>();
      for (const o of expected)
        refCounts.set(o.referralType, (refCounts.get(o.referralType) ?? 0) + 1);
      expect(Object.fromEntries(r.facets.referralType!.map((f) => [f.value, f.count]))).toEqual(
        Object.fromEntries(refCounts),
      );
    }
  });

  it('sorts by next start and pages', async () => {
    const published = await offersInDb('159', 'published');
    const r = await search(caseworker, { sort: 'next_start', limit: 3, offset: 0 });
    const r2 = await search(caseworker, { sort: 'next_start', limit: 3, offset: 3 });
    expect(r.items).toHaveLength(3);
    expect(r2.items).toHaveLength(Math.min(3, published.length - 3));
    // Pages do not overlap; offers without a start come last.
    const page = [...r.items, ...r2.items];
    expect(new Set(page.map((o) => o.id)).size).toBe(page.length);
    const starts = page.map((o) => o.nextStart ?? '9999-12-31');
    expect(starts).toEqual([...starts].sort());
    expect(r.total).toBe(published.length);
    expect(r2.total).toBe(published.length);
  });
});

describe('offer editing', () => {
  it('provider staff create drafts for their own organisation; others do not see them until published', async () => {
    const res = await provider.inject({
      method: 'POST',
      url: '/api/catalogue/offers',
      payload: {
        title: 'Bokseklub for ledige',
        themes: ['motion'],
        referralType: 'open',
        format: 'group',
        description: 'Træning i den lokale bokseklub.',
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const offer = res.json();
    expect(offer.status).toBe('draft');
    const rebildCaseworker = await login(t.app, 'rebild.sagsbehandler');
    expect(
      (await rebildCaseworker.inject({ method: 'GET', url: `/api/catalogue/offers/${offer.id}` }))
        .statusCode,
    ).toBe(404);
    const pub = await provider.inject({
      method: 'PATCH',
      url: `/api/catalogue/offers/${offer.id}`,
      payload: { status: 'published' },
    });
    expect(pub.json().status).toBe('published');
    const seen = await rebildCaseworker.inject({
      method: 'GET',
      url: `/api/catalogue/offers/${offer.id}`,
    });
    expect(seen.statusCode).toBe(200);
    expect(seen.json().allowedActions).toEqual([]);
    // The caseworker edits the job centre's own offers only (decision 1052), not the provider's;
    // another provider's offer is out of the provider's reach.
    expect(
      (
        await rebildCaseworker.inject({
          method: 'PATCH',
          url: `/api/catalogue/offers/${offer.id}`,
          payload: { title: 'x y z' },
        })
      ).statusCode,
    ).toBe(404);
    const health = await search(rebildCaseworker, { q: 'Naturtræning' });
    const other = health.items[0]!;
    expect(
      (
        await provider.inject({
          method: 'PATCH',
          url: `/api/catalogue/offers/${other.id}`,
          payload: { title: 'Overtaget' },
        })
      ).statusCode,
    ).toBe(404);
  });
});

describe('public page', () => {
  it('lists only published open offers of the municipality, without login', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/public/offers/159?q=rygestop' });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.municipalityName).toBe('Gladsaxe');
    expect(body.items.map((o: Offer) => o.title)).toEqual(['Rygestop']);
    const all = (
      await t.app.inject({ method: 'GET', url: '/api/public/offers/159?limit=100' })
    ).json();
    expect(
      all.items.every((o: Offer) => o.referralType === 'open' && o.status === 'published'),
    ).toBe(true);
    expect(all.items.map((o: Offer) => o.id).sort()).toEqual(await offersInDb('159', 'public'));
    expect(all.total).toBe(all.items.length);
    const referred = (await search(caseworker, { q: 'Tro på dig selv' })).items[0]!;
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/public/offers/159/${referred.id}` }))
        .statusCode,
    ).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/api/public/offers/999' })).statusCode).toBe(
      404,
    );
  });

  it('filters on several themes at once (any of them), and names a theme it does not know', async () => {
    const themesOf = async (qs: string) =>
      (await t.app.inject({ method: 'GET', url: `/api/public/offers/159?limit=100&${qs}` })).json()
        .items as Offer[];
    const kost = await themesOf('theme=kost');
    const rygning = await themesOf('theme=rygning');
    expect(kost.length).toBeGreaterThan(0);
    expect(rygning.length).toBeGreaterThan(0);
    const both = await themesOf('theme=kost&theme=rygning');
    expect(both.map((o) => o.id).sort()).toEqual(
      [...new Set([...kost, ...rygning].map((o) => o.id))].sort(),
    );
    expect(both.every((o) => o.themes.includes('kost') || o.themes.includes('rygning'))).toBe(true);
    const bad = await t.app.inject({ method: 'GET', url: '/api/public/offers/159?theme=yoga' });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toMatch(/problem\+json/);
  });
});
