/**
 * The municipality's FHIR Bulk Data export on PGlite, with 300 generated citizens on top of the
 * demo data (the 10,000-citizen run is test/postgres/fhir-export.test.ts, on PostgreSQL): the
 * manager kicks it off, follows it on the status URL and downloads NDJSON files that validate;
 * the export is pseudonymised, carries no health content, leaves out small cells and attendance
 * without a basis; another municipality's manager and a caseworker cannot reach it.
 */
import type { Encounter, Patient, Resource, ServiceRequest } from '@medplum/fhirtypes';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, login, type Session, type TestApp } from '../../../test/helper.js';
import { organisations } from '../sharing/sharing.fixtures.js';
import { exportsSettled } from './fhir.export.js';
import {
  allErrors,
  type GeneratedCitizens,
  generateCitizens,
  runBulkExport,
} from './fhir.fixtures.js';

let t: TestApp;
let manager: Session;
let generated: GeneratedCitizens;
let result: Awaited<ReturnType<typeof runBulkExport>>;
let citizensInRebild: number;

beforeAll(async () => {
  t = await buildTestApp();
  const o = await organisations(t);
  generated = await generateCitizens(t.database.db, o, 300);
  const { rows } = await sql<{ n: string }>`
    select count(*) as n from citizen where municipality_code = '840'`.execute(t.database.db);
  citizensInRebild = Number(rows[0]!.n);
  manager = await login(t.app, 'rebild.leder');
  result = await runBulkExport(manager);
}, 300_000);

afterAll(async () => {
  await exportsSettled();
  await t?.close();
});

describe('$export for a municipality', () => {
  it('kick-off 202 with a status URL; the manifest lists NDJSON files whose every line validates', () => {
    expect(result.kickOff.statusCode).toBe(202);
    expect(result.statusUrl).toMatch(/\/fhir\/R4\/\$export\/[0-9a-f-]{36}$/);
    for (const p of result.progress) expect(p).toMatch(/^\d{1,3}% \(\d+\/\d+\)$/);
    const types = Object.keys(result.files).sort();
    expect(types).toEqual([
      'Encounter',
      'EpisodeOfCare',
      'Organization',
      'Patient',
      'ServiceRequest',
      'Task',
    ]);
    expect(allErrors(Object.values(result.files).flat())).toEqual([]);
  });

  it('one pseudonymous Patient per citizen of the municipality: no name, CPR, address or birth date', () => {
    const patients = result.files.Patient as Patient[];
    expect(patients).toHaveLength(citizensInRebild);
    for (const p of patients) {
      expect(p.name).toBeUndefined();
      expect(p.identifier).toBeUndefined();
      expect(p.birthDate).toBeUndefined();
      expect(p.address).toBeUndefined();
      expect(p.id).toMatch(/^[0-9a-f]{32}$/);
    }
    // References point at the pseudonyms, so the files join up without Helhed's ids.
    const ids = new Set(patients.map((p) => p.id));
    for (const s of result.files.ServiceRequest as ServiceRequest[]) {
      expect(ids.has(s.subject.reference!.slice('Patient/'.length))).toBe(true);
    }
  });

  it('no health content and no free text; small cells and attendance without a basis left out', async () => {
    const all = JSON.stringify(Object.values(result.files).flat());
    expect(all).not.toContain('QuestionnaireResponse');
    expect(all).not.toContain('"Observation"');
    expect(all).not.toContain('Sygemeldt'); // the referral's reason
    const requests = result.files.ServiceRequest as ServiceRequest[];
    expect(requests.some((s) => s.code?.coding?.[0]?.code === generated.smallOfferId)).toBe(false);
    expect(requests.filter((s) => s.code?.text === 'Eksport: motion i seks uger')).toHaveLength(
      generated.bigOfferReferrals,
    );
    const encounters = (result.files.Encounter as Encounter[]).filter((e) =>
      requests.some(
        (s) =>
          s.code?.text === 'Eksport: motion i seks uger' &&
          e.basedOn?.[0]?.reference === `ServiceRequest/${s.id}`,
      ),
    );
    expect(encounters).toHaveLength(generated.enrolmentsWithBasis * generated.sessionsPerCourse);
    expect(generated.enrolmentsWithBasis).toBeLessThan(generated.bigOfferReferrals);
  });

  it('the kick-off and every file are audited as exports', async () => {
    const { rows } = await sql<{ resource_type: string; n: string }>`
      select resource_type, count(*) as n from audit_event
      where actor_user_id = ${manager.user.id} and action = 'export' and resource_type like 'fhir_export%'
      group by 1 order by 1`.execute(t.database.db);
    expect(rows.map((r) => [r.resource_type, Number(r.n)])).toEqual([
      ['fhir_export', 1],
      ['fhir_export_file', result.manifest.output.length],
    ]);
  });

  it('a caseworker may not export; another municipality’s manager does not find the job', async () => {
    const caseworker = await login(t.app, 'rebild.sagsbehandler');
    const refused = await caseworker.inject({
      method: 'POST',
      url: '/fhir/R4/$export',
      headers: { prefer: 'respond-async' },
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().resourceType).toBe('OperationOutcome');
    const odense = await login(t.app, 'odense.leder');
    const path = new URL(result.statusUrl).pathname;
    const other = await odense.inject({ method: 'GET', url: path });
    expect(other.statusCode).toBe(404);
    const file = await odense.inject({ method: 'GET', url: `${path}/Patient-1.ndjson` });
    expect(file.statusCode).toBe(404);
  });

  it('asks for respond-async and refuses a type it cannot export', async () => {
    const noPrefer = await manager.inject({ method: 'POST', url: '/fhir/R4/$export' });
    expect(noPrefer.statusCode).toBe(400);
    const health = await manager.inject({
      method: 'POST',
      url: '/fhir/R4/$export?_type=Observation',
      headers: { prefer: 'respond-async' },
    });
    expect(health.statusCode).toBe(400);
    expect(health.json().issue[0].diagnostics).toContain('Observation');
  });

  it('_type limits the files', async () => {
    const only = await runBulkExport(manager, '?_type=Patient,EpisodeOfCare');
    expect(Object.keys(only.files).sort()).toEqual(['EpisodeOfCare', 'Patient']);
    // A new pseudonym key per export: two exports cannot be linked.
    const first = new Set((result.files.Patient as Resource[]).map((p) => p.id));
    expect((only.files.Patient as Resource[]).some((p) => first.has(p.id))).toBe(false);
  });
});

describe('the GET form of the kick-off', () => {
  it('starts an export too (FHIR Bulk Data clients use it)', async () => {
    const res = await manager.inject({
      method: 'GET',
      url: '/fhir/R4/$export?_type=Organization',
      headers: { prefer: 'respond-async' },
    });
    expect(res.statusCode).toBe(202);
    expect(String(res.headers['content-location'])).toMatch(/\/fhir\/R4\/\$export\/[0-9a-f-]{36}$/);
    await exportsSettled();
    const done = await manager.inject({
      method: 'GET',
      url: new URL(String(res.headers['content-location'])).pathname,
    });
    expect(done.statusCode).toBe(200);
    expect(done.json().output.map((o: { type: string }) => o.type)).toEqual(['Organization']);
  });
});
