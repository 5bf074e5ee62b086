/**
 * København's group health conversation with wish cards: each participant's chosen cards are
 * recorded as their wishes on their own health profile; a participant the recorder may not
 * write for stops the whole session (404) and nothing is saved.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, login, type Session, type TestApp } from '../../../test/helper.js';

let t: TestApp;
let caseworker: Session;
let health: Session;
let citizens: string[];

beforeAll(async () => {
  t = await buildTestApp();
  caseworker = await login(t.app, 'rebild.sagsbehandler');
  health = await login(t.app, 'rebild.sundhed');
  const { rows } = await sql<{ id: string }>`select c.id from citizen c
    where c.municipality_code = '840' and not exists (select 1 from questionnaire_response r
      where r.subject_citizen_id = c.id) order by c.id limit 3`.execute(t.database.db);
  citizens = rows.map((r) => r.id);
  // One the health centre does not hold: no referral, course or consent links it there.
  const { rows: far } = await sql<{ id: string }>`select c.id from citizen c
    where c.municipality_code = '840'
      and not ((select id from organisation where municipality_code = '840' and type = 'sundhedscenter')
        = any(helhed_citizen_organisations('840', c.id)))
      and not exists (select 1 from consent k where k.citizen_id = c.id)
    order by c.id desc limit 1`.execute(t.database.db);
  citizens[2] = far[0]!.id;
});
afterAll(() => t?.close());

describe('group health conversation with wish cards', () => {
  it('records each participant’s wish cards on their own health profile', async () => {
    const res = await caseworker.inject({
      method: 'POST',
      url: '/api/health/group-sessions',
      payload: {
        title: 'Gruppesamtale om sundhed, hold 12',
        heldOn: '2026-03-02',
        participants: [
          { citizenId: citizens[0], wishCards: ['energi', 'faellesskab'] },
          { citizenId: citizens[1], wishCards: ['soevn'] },
        ],
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().participants).toBe(2);

    const profile = await caseworker.inject({
      method: 'GET',
      url: `/api/health/citizens/${citizens[0]}/profile`,
    });
    expect(profile.statusCode, profile.body).toBe(200);
    expect(profile.json().response.answers.wish_cards).toEqual(['energi', 'faellesskab']);
    const second = (
      await caseworker.inject({ method: 'GET', url: `/api/health/citizens/${citizens[1]}/profile` })
    ).json();
    expect(second.response.answers.wish_cards).toEqual(['soevn']);

    const list = (
      await caseworker.inject({ method: 'GET', url: '/api/health/group-sessions' })
    ).json();
    expect(list.items[0]).toMatchObject({
      title: 'Gruppesamtale om sundhed, hold 12',
      participants: 2,
    });
    expect(list.wishCards.map((w: { value: string }) => w.value)).toContain('energi');

    const { rows } =
      await sql`select 1 from audit_event where citizen_id in (${citizens[0]}, ${citizens[1]})
      and resource_type = 'health_profile' and action = 'update'`.execute(t.database.db);
    expect(rows).toHaveLength(2);
  });

  it('refuses an unknown card, and a participant the recorder cannot reach (nothing saved)', async () => {
    const unknown = await caseworker.inject({
      method: 'POST',
      url: '/api/health/group-sessions',
      payload: {
        title: 'Gruppesamtale',
        heldOn: '2026-03-02',
        participants: [{ citizenId: citizens[2], wishCards: ['tabe_sig'] }],
      },
    });
    expect(unknown.statusCode, unknown.body).toBe(400);

    // The health centre holds none of these citizens: 404, and no session is left behind.
    const before = await sql<{
      n: number;
    }>`select count(*)::int as n from group_health_session`.execute(t.database.db);
    const res = await health.inject({
      method: 'POST',
      url: '/api/health/group-sessions',
      payload: {
        title: 'Gruppesamtale',
        heldOn: '2026-03-02',
        participants: [{ citizenId: citizens[2], wishCards: ['job'] }],
      },
    });
    expect(res.statusCode, res.body).toBe(404);
    const after = await sql<{
      n: number;
    }>`select count(*)::int as n from group_health_session`.execute(t.database.db);
    expect(after.rows[0]!.n).toBe(before.rows[0]!.n);
  });
});
