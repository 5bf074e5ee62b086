/**
 * Offer kinds beyond health and association (issue 18, decision 1052): the job centre's own
 * offers sit in the same catalogue, and every department finds them (Viborg: everyone sees what
 * the other side offers).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, login, type Session, type TestApp } from '../../../test/helper.js';

let t: TestApp;
let caseworker: Session;

beforeAll(async () => {
  t = await buildTestApp();
  caseworker = await login(t.app, 'rebild.sagsbehandler');
});
afterAll(async () => {
  await t?.close();
});

const search = (s: Session, payload: object) =>
  s.inject({ method: 'POST', url: '/api/catalogue/offers/search', payload });

describe("the job centre's own offers in the catalogue", () => {
  const created: Record<string, string> = {};

  it('a caseworker publishes a work trial, a mentor and a company centre offer of the job centre', async () => {
    for (const [kind, title] of [
      ['work_trial', 'Virksomhedspraktik i detailhandlen'],
      ['mentor', 'Mentor til første måned i job'],
      ['company_centre', 'Virksomhedscenter Støvring Tømrer'],
    ] as const) {
      const res = await caseworker.inject({
        method: 'POST',
        url: '/api/catalogue/offers',
        payload: {
          title,
          kind,
          themes: [],
          referralType: 'referred',
          format: 'individual',
          status: 'published',
        },
      });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().kind).toBe(kind);
      expect(res.json().providerOrganisationId).toBe(caseworker.user.roles[0]!.organisationId);
      created[kind] = res.json().id;
    }
  });

  it('the health centre and the provider find them, filtered by kind, with a kind facet', async () => {
    for (const username of ['rebild.sundhed', 'rebild.udbyder']) {
      const s = await login(t.app, username);
      const res = await search(s, { kind: 'work_trial' });
      expect(res.statusCode).toBe(200);
      const ids = res.json().items.map((o: { id: string }) => o.id);
      expect(ids).toEqual([created.work_trial]);
      const all = (await search(s, { limit: 100 })).json();
      const kinds = Object.fromEntries(
        all.facets.kind.map((f: { value: string; label: string; count: number }) => [
          f.value,
          f.label,
        ]),
      );
      expect(kinds).toMatchObject({ mentor: 'Mentor', company_centre: 'Virksomhedscenter' });
      expect(all.facets.kind.find((f: { value: string }) => f.value === 'health').count).toBe(
        all.items.filter((o: { kind: string }) => o.kind === 'health').length,
      );
    }
  });

  it('the caseworker edits only the job centre’s own offers, and another municipality sees none', async () => {
    const health = (await search(caseworker, { kind: 'health', limit: 1 })).json().items[0];
    const refused = await caseworker.inject({
      method: 'PATCH',
      url: `/api/catalogue/offers/${health.id}`,
      payload: { title: 'Ændret af jobcentret' },
    });
    expect(refused.statusCode).toBe(404);
    const odense = await login(t.app, 'odense.sundhed');
    expect((await search(odense, { kind: 'mentor' })).json().items).toEqual([]);
  });

  it('an unknown kind is refused', async () => {
    const res = await search(caseworker, { kind: 'fitness' });
    expect(res.statusCode).toBe(400);
  });
});
