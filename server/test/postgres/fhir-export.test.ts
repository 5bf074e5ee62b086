/**
 * Issue 17's acceptance: `$export` for a municipality of 10,000 demo citizens completes and its
 * NDJSON files validate against the FHIR R4 base definitions. On PostgreSQL only (this folder is
 * in the 'api' project when TEST_DATABASE_URL is set); the PGlite run with 300 citizens is
 * src/modules/fhir/fhir.export.test.ts.
 */
import type { Patient } from '@medplum/fhirtypes';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportsSettled } from '../../src/modules/fhir/fhir.export.js';
import {
  allErrors,
  type GeneratedCitizens,
  generateCitizens,
  runBulkExport,
} from '../../src/modules/fhir/fhir.fixtures.js';
import { organisations } from '../../src/modules/sharing/sharing.fixtures.js';
import { buildTestApp, login, type TestApp } from '../helper.js';

const CITIZENS = 10_000;
let t: TestApp;
let generated: GeneratedCitizens;
let total: number;

beforeAll(async () => {
  t = await buildTestApp();
  const o = await organisations(t);
  generated = await generateCitizens(t.database.db, o, CITIZENS);
  const { rows } = await sql<{ n: string }>`
    select count(*) as n from citizen where municipality_code = '840'`.execute(t.database.db);
  total = Number(rows[0]!.n);
}, 300_000);

afterAll(async () => {
  await exportsSettled();
  await t?.close();
});

describe('$export of a municipality with 10,000 citizens (PostgreSQL)', () => {
  it('completes with progress reported on the way, and every NDJSON line validates', async () => {
    expect(total).toBeGreaterThanOrEqual(CITIZENS);
    const manager = await login(t.app, 'rebild.leder');
    const started = performance.now();
    const result = await runBulkExport(manager);
    const seconds = (performance.now() - started) / 1000;
    expect(result.progress.length).toBeGreaterThan(0);
    expect(result.progress.at(-1)).toMatch(/^\d{1,3}% \(\d+\/\d+\)$/);
    const patients = result.files.Patient as Patient[];
    expect(patients).toHaveLength(total);
    expect(patients.every((p) => !p.name && !p.identifier)).toBe(true);
    const lines = Object.values(result.files).flat();
    expect(allErrors(lines)).toEqual([]);
    expect(result.files.Encounter!.length).toBeGreaterThanOrEqual(
      generated.enrolmentsWithBasis * generated.sessionsPerCourse,
    );
    console.log(
      `fhir $export: ${total} citizens, ${lines.length} resources in ${result.manifest.output.length} files, ${seconds.toFixed(1)} s`,
    );
  }, 600_000);
});
