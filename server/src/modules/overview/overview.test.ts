import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, login, type TestApp } from '../../../test/helper.js';
import { AuditSealer, verifyAuditChain } from '../../platform/audit-chain.js';
import { type Actor, roles as allRoles, type Grant } from '../../platform/context.js';
import { allActions, allowedActions, permits, ruleFor } from '../../platform/policy.js';
import {
  addCitizen,
  addConsent,
  addCourse,
  addReferral,
  citizensOf,
  orgOf,
} from './overview.fixtures.js';
import { overviewRules, PAGE_ACTIONS } from './overview.service.js';

let t: TestApp;
let rebild: string[];
let odense: string[];

beforeAll(async () => {
  t = await buildTestApp();
  rebild = await citizensOf(t.database, '840');
  odense = await citizensOf(t.database, '461');
});
afterAll(async () => t?.close());

const url = (id: string) => `/api/citizens/${id}/overview`;

async function auditRows(citizenId: string) {
  const { rows } = await sql<{
    actor_role: string;
    actor_organisation_id: string | null;
    details: unknown;
  }>`
    select actor_role, actor_organisation_id, details from audit_event
    where citizen_id = ${citizenId} and resource_type = 'citizen' and action = 'read'
    order by id`.execute(t.database.db);
  return rows;
}

describe('the citizen page (hot path)', () => {
  it('shows the caseworker the citizen, benefit periods, risk decision, open referrals, next sessions and what the page may offer, and audits the read once', async () => {
    const s = await login(t.app, 'rebild.sagsbehandler');
    // A citizen of the test's own: the demo parts give the demo citizens benefit periods,
    // referrals and courses of their own, and the page shows exactly what is made here.
    const id = await addCitizen(t.database, t.config, '840');
    await sql`insert into benefit_period (municipality_code, citizen_id, benefit_type, start_date)
      values ('840', ${id}, 'sygedagpenge', current_date - 30)`.execute(t.database.db);
    await sql`insert into benefit_period (municipality_code, citizen_id, benefit_type, start_date,
        end_date, end_reason)
      values ('840', ${id}, 'kontanthjaelp_jobparat', current_date - 400, current_date - 100, 'job')`.execute(
      t.database.db,
    );
    // The risk group is a caseworker's decision in the risk module; the page shows the latest.
    for (const [group, reason] of [
      ['red', 'Lang sygemelding og dårligt selvvurderet helbred'],
      ['orange', 'Ny vurdering efter samtale'],
    ]) {
      const decided = await s.inject({
        method: 'POST',
        url: `/api/risk/citizens/${id}/decisions`,
        payload: { group, reason },
      });
      expect(decided.statusCode).toBe(201);
    }
    const referralId = await addReferral(t.database, '840', id);
    await addCourse(t.database, '840', id);

    const res = await s.inject({ method: 'GET', url: url(id) });
    expect(res.statusCode).toBe(200);
    const page = res.json();
    expect(page.citizen.id).toBe(id);
    expect(page.citizen.cprMasked).toMatch(/^\d{6}-xxxx$/);
    expect(page.riskGroup).toBe('orange');
    expect(page.benefitPeriod).toMatchObject({ benefitType: 'sygedagpenge', weeks: 4 });
    // The whole list of periods, newest first, with the end reason: the page's table.
    expect(
      page.benefitPeriods.map((p: { benefitType: string; endReason: string | null }) => [
        p.benefitType,
        p.endReason,
      ]),
    ).toEqual([
      ['sygedagpenge', null],
      ['kontanthjaelp_jobparat', 'job'],
    ]);
    expect(page.benefitPeriods[0]).toMatchObject({ nameDa: 'Sygedagpenge', endDate: null });
    // The latest decision, with who decided and why.
    expect(page.riskDecision).toMatchObject({
      decidedGroup: 'orange',
      reason: 'Ny vurdering efter samtale',
      decidedByName: s.user.displayName,
    });
    // What the page offers the caseworker comes with it (no second request for the citizen).
    expect(page.allowedActions).toEqual(
      expect.arrayContaining(['benefit.create', 'benefit.end', 'citizen.update', 'risk.decide']),
    );
    expect(page.allowedActions).not.toContain('audit.read_citizen');
    expect(page.openReferrals.map((r: { id: string }) => r.id)).toEqual([referralId]);
    expect(page.nextSessions).toHaveLength(2);
    expect(Date.parse(page.nextSessions[0].startsAt)).toBeGreaterThan(Date.now());
    const audit = await auditRows(id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actor_role: 'caseworker',
      actor_organisation_id: await orgOf(t.database, '840', 'jobcenter'),
      // The row says which sections the read included.
      details: { view: 'overview', health: false, benefitPeriods: true, riskDecision: true },
    });
  });

  it('hides health fields from a caseworker without consent, shows them with it, hides them again after withdrawal', async () => {
    const s = await login(t.app, 'rebild.sagsbehandler');
    // A fresh citizen: a demo citizen may already hold a consent to the jobcenter.
    const id = await addCitizen(t.database, t.config, '840');
    await addCourse(t.database, '840', id);
    const before = (await s.inject({ method: 'GET', url: url(id) })).json();
    expect(before.health).toBeNull();

    const consentId = await addConsent(t.database, '840', id, 'jobcenter', ['attendance']);
    const withConsent = (await s.inject({ method: 'GET', url: url(id) })).json();
    expect(withConsent.health).toMatchObject({ attendancePresent: 1, attendanceAbsent: 1 });

    await sql`update consent set status = 'withdrawn', withdrawn_at = now() where id = ${consentId}`.execute(
      t.database.db,
    );
    const after = (await s.inject({ method: 'GET', url: url(id) })).json();
    expect(after.health).toBeNull();
    // A consent to another organisation does not open it for the jobcenter either.
    await addConsent(t.database, '840', id, 'provider', ['attendance']);
    expect((await s.inject({ method: 'GET', url: url(id) })).json().health).toBeNull();
  });

  it('answers 404 to a caseworker of another municipality and writes no audit row', async () => {
    const s = await login(t.app, 'odense.sagsbehandler');
    const id = rebild[3]!;
    const res = await s.inject({ method: 'GET', url: url(id) });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect(await auditRows(id)).toHaveLength(0);
    expect((await s.inject({ method: 'GET', url: url(randomUUID()) })).statusCode).toBe(404);
  });

  it('refuses a revoked session at once, and an idle one', async () => {
    const s = await login(t.app, 'rebild.sagsbehandler');
    const id = rebild[4]!;
    expect((await s.inject({ method: 'GET', url: url(id) })).statusCode).toBe(200);
    const out = await s.inject({ method: 'POST', url: '/api/auth/logout' });
    expect(out.statusCode).toBe(204);
    const res = await s.inject({ method: 'GET', url: url(id) });
    expect(res.statusCode).toBe(401);
    expect(await auditRows(id)).toHaveLength(1);

    const idle = await login(t.app, 'rebild.sagsbehandler');
    await sql`update user_session set last_seen_at = now() - interval '31 minutes'
      where revoked_at is null and user_id = ${idle.user.id}`.execute(t.database.db);
    expect((await idle.inject({ method: 'GET', url: url(id) })).statusCode).toBe(401);
    // The idle session is ended, not just refused once.
    expect(
      (await idle.inject({ method: 'GET', url: '/api/auth/me' })).json().user ?? null,
    ).toBeNull();
    expect((await t.app.inject({ method: 'GET', url: url(id) })).statusCode).toBe(401);
  });

  it('refuses a role without the action (403) and lets health staff in only through their organisation', async () => {
    const manager = await login(t.app, 'rebild.leder');
    expect((await manager.inject({ method: 'GET', url: url(rebild[5]!) })).statusCode).toBe(403);

    const health = await login(t.app, 'rebild.sundhed');
    // A fresh citizen: a demo citizen may already be referred to the health centre.
    const id = await addCitizen(t.database, t.config, '840');
    expect((await health.inject({ method: 'GET', url: url(id) })).statusCode).toBe(404);
    await addReferral(t.database, '840', id, 'sundhedscenter', 'accepted');
    await addCourse(t.database, '840', id);
    const page = await health.inject({ method: 'GET', url: url(id) });
    expect(page.statusCode).toBe(200);
    // Their organisation holds the citizen's course: the health fields are theirs to see.
    expect(page.json().health).toMatchObject({ attendancePresent: 1, attendanceAbsent: 1 });
    // A course at another organisation (the private provider, under another referral) stays
    // out of their counts: purpose limitation (decision 0801).
    await addCourse(t.database, '840', id, 'provider');
    const after = (await health.inject({ method: 'GET', url: url(id) })).json();
    expect(after.health).toMatchObject({ attendancePresent: 1, attendanceAbsent: 1 });
    // Benefit periods and risk decisions are the job centre's (benefit.read, risk.read): the
    // health centre's page has neither, and offers none of the caseworker's actions.
    expect(after.benefitPeriods).toBeNull();
    expect(after.riskDecision).toBeNull();
    expect(after.allowedActions).toEqual([]);
    expect((await auditRows(id)).map((r) => r.actor_role)).toEqual([
      'health_professional',
      'health_professional',
    ]);

    const citizen = await login(t.app, 'rebild.borger');
    expect(
      (await citizen.inject({ method: 'GET', url: url(citizen.user.citizenId!) })).statusCode,
    ).toBe(200);
    expect((await citizen.inject({ method: 'GET', url: url(id) })).statusCode).toBe(404);
  });
});

/**
 * The roles a user_role row can hold. The platform operator (decision 1050) has none: its one
 * grant comes from its kind, it never reaches these SQL checks, and the citizen page is 404 for it
 * (tested in modules/operator).
 */
const roles = allRoles.filter((r) => r !== 'operator');

describe('the SQL policy check equals policy.ts', () => {
  it('helhed_policy_grant picks the same grant as permits() for every action, role and kind of row', async () => {
    const orgA = randomUUID();
    const orgB = randomUUID();
    const me = randomUUID();
    const other = randomUUID();
    const grantSets: Grant[][] = [
      ...roles.flatMap((role) => [
        [{ role, organisationId: orgA, organisationName: null, organisationType: null }],
        [{ role, organisationId: null, organisationName: null, organisationType: null }],
      ]),
      [
        {
          role: 'caseworker',
          organisationId: orgB,
          organisationName: null,
          organisationType: null,
        },
        {
          role: 'health_professional',
          organisationId: orgA,
          organisationName: null,
          organisationType: null,
        },
      ],
      [
        { role: 'manager', organisationId: orgA, organisationName: null, organisationType: null },
        {
          role: 'provider_staff',
          organisationId: orgB,
          organisationName: null,
          organisationType: null,
        },
      ],
    ];
    const rows = [];
    for (const citizenId of [me, other])
      for (const linked of [[], [orgA], [orgB], [orgA, orgB]])
        for (const consent of [[], [orgA], [orgB]]) rows.push({ citizenId, linked, consent });
    let compared = 0;
    for (const action of allActions()) {
      const rule = ruleFor(action)!;
      for (const grants of grantSets) {
        const actor: Actor = {
          userId: randomUUID(),
          kind: 'staff',
          displayName: 'x',
          municipalityCode: '840',
          municipalityName: 'Rebild',
          citizenId: me,
          grants,
        } as Actor;
        const ruleJson = JSON.stringify({ allow: rule.allow });
        const grantsJson = JSON.stringify(
          grants.map((g) => ({ role: g.role, organisationId: g.organisationId })),
        );
        // One query per action and grant set: every kind of row at once.
        const { rows: r } = await sql<{
          g: { role: string; organisationId: string | null } | null;
          needs_org: boolean;
          needs_consent: boolean;
        }>`
          select helhed_policy_grant(${ruleJson}::jsonb, ${grantsJson}::jsonb, ${me}::uuid,
              (x.v ->> 'citizenId')::uuid,
              array(select jsonb_array_elements_text(x.v -> 'linked'))::uuid[],
              array(select jsonb_array_elements_text(x.v -> 'consent'))::uuid[]) as g,
            helhed_rule_needs(${ruleJson}::jsonb, ${grantsJson}::jsonb, 'organisation') as needs_org,
            helhed_rule_needs(${ruleJson}::jsonb, ${grantsJson}::jsonb, 'consent') as needs_consent
          from jsonb_array_elements(${JSON.stringify(rows)}::jsonb) with ordinality as x(v, i)
          order by x.i`.execute(t.database.db);
        // The function skips looking up what no grant's scope needs: that must never hide a match.
        const scopes = grants.flatMap((g) => [rule.allow[g.role] ?? []].flat());
        expect(r[0]!.needs_org).toBe(scopes.includes('organisation'));
        expect(r[0]!.needs_consent).toBe(scopes.includes('consent'));
        rows.forEach((row, k) => {
          const expected = permits(actor, action, {
            municipalityCode: '840',
            citizenId: row.citizenId,
            organisationIds: row.linked,
            consentOrganisationIds: row.consent,
          });
          const got = r[k]!.g;
          expect(
            got && { role: got.role, organisationId: got.organisationId },
            `${action} ${JSON.stringify(grants.map((g) => g.role))} ${JSON.stringify(row)}`,
          ).toEqual(expected && { role: expected.role, organisationId: expected.organisationId });
          compared++;
        });
      }
    }
    expect(compared).toBeGreaterThan(1000);
    // The rules the route sends are the registry's own.
    expect(JSON.parse(overviewRules().read).allow).toEqual(ruleFor('citizen.read')!.allow);
    // One query per action and grant set (over a hundred actions): past the default timeout on
    // a busy shared machine.
  }, 240_000);
});

describe('the whole page function decides as policy.ts', () => {
  it('status, grant and health fields of helhed_citizen_overview equal permits() for every role, grant mix and kind of citizen', async () => {
    const db = t.database.db;
    const health = await orgOf(t.database, '840', 'sundhedscenter');
    const jobcenter = await orgOf(t.database, '840', 'jobcenter');
    const { rows: names } = await sql<{ id: string; name: string }>`
      select id, name from organisation where municipality_code = '840'`.execute(db);
    const orgName = new Map(names.map((n) => [n.id, n.name]));
    // Citizens of every kind: linked to either organisation or none, consent to either or none.
    const kinds: { id: string; linked: string[]; consent: string[] }[] = [];
    for (const linked of [[], [health], [jobcenter]])
      for (const consent of [[], [health], [jobcenter]]) {
        const id = await addCitizen(t.database, t.config, '840');
        for (const org of linked) await addReferral(t.database, '840', id, org, 'accepted');
        for (const org of consent)
          await addConsent(t.database, '840', id, org === health ? 'sundhedscenter' : 'jobcenter', [
            'attendance',
            'outcome',
          ]);
        kinds.push({ id, linked, consent });
      }
    const self = await addCitizen(t.database, t.config, '840');
    kinds.push({ id: self, linked: [], consent: [] });

    const grantSets: { role: (typeof roles)[number]; organisationId: string | null }[][] = [
      ...roles.flatMap((role) => [
        [{ role, organisationId: health }],
        [{ role, organisationId: jobcenter }],
        [{ role, organisationId: null }],
      ]),
      [
        { role: 'caseworker', organisationId: jobcenter },
        { role: 'health_professional', organisationId: health },
      ],
      [
        { role: 'manager', organisationId: health },
        { role: 'provider_staff', organisationId: jobcenter },
      ],
      [
        { role: 'health_professional', organisationId: jobcenter },
        { role: 'health_professional', organisationId: health },
      ],
    ];
    const r = overviewRules();
    let compared = 0;
    for (const set of grantSets) {
      const userId = randomUUID();
      await sql`insert into app_user (id, municipality_code, kind, display_name, citizen_id)
        values (${userId}, '840', 'staff', 'Test', ${self})`.execute(db);
      for (const g of set)
        await sql`insert into user_role (municipality_code, user_id, role, organisation_id)
          values ('840', ${userId}, ${g.role}, ${g.organisationId})`.execute(db);
      const token = randomUUID();
      await sql`insert into user_session (token_hash, user_id, municipality_code, csrf_token, expires_at)
        values (${token}, ${userId}, '840', 'x', now() + interval '1 hour')`.execute(db);
      // lookupSession's order: role, then organisation name.
      const grants: Grant[] = [...set]
        .map((g) => ({
          ...g,
          organisationName: g.organisationId ? orgName.get(g.organisationId)! : null,
          organisationType: null,
        }))
        .sort(
          (a, b) =>
            a.role.localeCompare(b.role) ||
            (a.organisationName ?? '\uffff').localeCompare(b.organisationName ?? '\uffff'),
        );
      const actor = {
        userId,
        kind: 'staff',
        displayName: 'Test',
        municipalityCode: '840',
        municipalityName: 'Rebild',
        citizenId: self,
        grants,
      } as Actor;
      for (const kind of kinds) {
        const { rows } = await sql<{
          page: {
            status: string;
            grant?: Grant;
            health?: boolean;
            allowed?: string[];
            benefitPeriods?: unknown[] | null;
            riskDecision?: unknown;
          };
        }>`
          select helhed_citizen_overview(${token}, ${kind.id}::uuid, 60, ${r.read}::jsonb,
            ${r.health}::jsonb, ${r.page}::jsonb, ${r.purpose}, 'test', null) as page`.execute(db);
        const page = rows[0]!.page;
        const row = {
          municipalityCode: '840',
          citizenId: kind.id,
          organisationIds: kind.linked,
          consentOrganisationIds: kind.consent,
        };
        const read = permits(actor, 'citizen.read', row);
        const mayAttempt = grants.some(
          (g) => [ruleFor('citizen.read')!.allow[g.role] ?? []].flat().length > 0,
        );
        const label = `${JSON.stringify(set.map((g) => [g.role, g.organisationId === health ? 'health' : g.organisationId ? 'jobcenter' : null]))} ${JSON.stringify({ linked: kind.linked.length, consent: kind.consent, self: kind.id === self })}`;
        if (!mayAttempt) expect(page.status, label).toBe('forbidden');
        else if (!read) expect(page.status, label).toBe('not_found');
        else {
          expect(page.status, label).toBe('ok');
          expect(
            { role: page.grant!.role, organisationId: page.grant!.organisationId },
            label,
          ).toEqual({ role: read.role, organisationId: read.organisationId });
          expect(page.health, label).toBe(permits(actor, 'citizen.health_summary', row) !== null);
          // The page's actions and sections, as allowedActions() decides them in Node.
          const allowed = allowedActions(actor, PAGE_ACTIONS, row);
          expect(page.allowed, label).toEqual(allowed);
          expect(page.benefitPeriods === null, label).toBe(!allowed.includes('benefit.read'));
          if (!allowed.includes('risk.read')) expect(page.riskDecision, label).toBeNull();
        }
        compared++;
      }
    }
    expect(compared).toBe(grantSets.length * kinds.length);
  });
});

describe('the audit sealer under concurrent reads', () => {
  it('N concurrent reads across and within municipalities give N rows, all sealed within the reported lag; the chain verifies; a tampered row is named', async () => {
    const sessions = [
      await login(t.app, 'rebild.sagsbehandler'),
      await login(t.app, 'rebild.koordinator'),
      await login(t.app, 'odense.sagsbehandler'),
      await login(t.app, 'odense.koordinator'),
    ];
    const sealer = new AuditSealer(t.database);
    await sealer.sealAll();
    const { rows: before } = await sql<{
      max: number | null;
    }>`select max(id) as max from audit_event`.execute(t.database.db);
    const from = Number(before[0]!.max ?? 0);
    const N = 48;
    const results = await Promise.all(
      Array.from({ length: N }, (_, i) => {
        const s = sessions[i % sessions.length]!;
        const list = s.user.municipalityCode === '840' ? rebild : odense;
        return s.inject({ method: 'GET', url: url(list[i % list.length]!) });
      }),
    );
    expect(results.map((r) => r.statusCode)).toEqual(Array(N).fill(200));
    const sealed = await sealer.sealAll();
    const { rows } = await sql<{ id: number; municipality_code: string; lag_ms: number | null }>`
      select e.id, e.municipality_code,
        (extract(epoch from s.sealed_at - e.occurred_at) * 1000)::float8 as lag_ms
      from audit_event e
      left join audit_seal s on s.municipality_code = e.municipality_code and s.event_id = e.id
      where e.id > ${from} and e.details ->> 'view' = 'overview'`.execute(t.database.db);
    expect(rows).toHaveLength(N);
    expect(new Set(rows.map((r) => r.municipality_code))).toEqual(new Set(['840', '461']));
    expect(sealed.sealed).toBeGreaterThanOrEqual(N);
    for (const r of rows) {
      expect(r.lag_ms, `event ${r.id} is sealed`).not.toBeNull();
      expect(r.lag_ms!).toBeLessThanOrEqual(sealed.maxLagMs + 1);
    }
    const ok = await verifyAuditChain(t.database);
    expect(ok).toMatchObject({ ok: true, unsealed: 0, firstBroken: null });

    const victim = rows[Math.floor(N / 2)]!;
    await t.database.withConnection(async (c) => {
      await c.exec('alter table audit_event disable trigger audit_event_append_only');
      await c.query(`update audit_event set purpose = 'manipuleret' where id = $1`, [victim.id]);
      await c.exec('alter table audit_event enable trigger audit_event_append_only');
    });
    const broken = await verifyAuditChain(t.database);
    expect(broken.ok).toBe(false);
    expect(broken.firstBroken).toMatchObject({
      municipalityCode: victim.municipality_code,
      eventId: Number(victim.id),
      reason: 'hash_mismatch',
    });
  });
});
