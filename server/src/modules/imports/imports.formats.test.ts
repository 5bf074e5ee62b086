/**
 * Real municipal exports arrive in several shapes (issue 19): CSV in UTF-8, UTF-8 with a BOM or
 * Windows-1252, separated by ; or , and XLSX. The same citizens must come out of each, with æøå
 * intact, a quoted address holding a line break, and a bad row reported by the row number the
 * caseworker sees in Excel while the good rows are kept.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipart } from '../../../test/fixtures/imports.js';
import { csvText, type Encoding, encodeText, xlsxOf } from '../../../test/fixtures/tabular.js';
import { buildTestApp, login, type Session, type TestApp } from '../../../test/helper.js';
import { syntheticCpr } from '../../db/seed/national.js';
import { runImportsUntilIdle } from './imports.worker.js';

let t: TestApp;
let caseworker: Session;

beforeAll(async () => {
  t = await buildTestApp();
  caseworker = await login(t.app, 'rebild.sagsbehandler');
});
afterAll(async () => t?.close());

const cprs = [syntheticCpr(4, 2, 11), syntheticCpr(9, 5, 12), syntheticCpr(21, 11, 13)];
const header = ['CPR', 'Fornavn', 'Efternavn', 'Adresse', 'Postnr', 'By', 'Ydelse', 'Startdato'];
const citizens = [
  [cprs[0]!, 'Søren', 'Æbelø', 'Åvej 1', '9530', 'Støvring', 'Sygedagpenge', '05-01-2026'],
  [
    cprs[1]!,
    'Åse',
    'Brønd',
    'Østergade 2\n2. sal, tv.',
    '9520',
    'Skørping',
    'Kontanthjælp jobparat',
    '2026-01-12',
  ],
  [cprs[2]!, 'Bjørn', 'Ærø-Hansen', 'Møllevej 3', '9530', 'Støvring', 'Dagpenge', '02.02.2026'],
];
// After the row with a line break, so its row number (5) differs from its line in the file (6).
const badRow = ['123', 'Ulla', 'Ågård', '', '', '', 'Sygedagpenge', '05-01-2026'];
const table = [header, ...citizens, badRow];

const formats: { name: string; file: () => Promise<Buffer> | Buffer; type: string }[] = [
  ...(['utf-8', 'utf-8-bom', 'windows-1252'] as Encoding[]).flatMap((encoding) =>
    ([';', ','] as const).map((delimiter) => ({
      name: `${encoding}${delimiter === ';' ? '-semikolon' : '-komma'}.csv`,
      file: () => encodeText(csvText(table, delimiter), encoding),
      type: 'text/csv',
    })),
  ),
  {
    name: 'momentum.xlsx',
    file: () => xlsxOf(table),
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  },
];

async function preview(name: string, bytes: Buffer, type: string) {
  const res = await caseworker.inject({
    method: 'POST',
    url: '/api/imports',
    ...multipart(name, bytes, type),
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

describe('issue 19: the same citizens from every export format', () => {
  for (const format of formats) {
    it(`reads ${format.name}: three citizens with æøå; the bad row named by its Excel row`, async () => {
      const job = await preview(format.name, await format.file(), format.type);
      expect(job).toMatchObject({
        format: format.name.endsWith('.xlsx') ? 'xlsx' : 'csv',
        totalRows: 4,
        validRows: 3,
        errorRows: 1,
      });
      expect(
        job.sample.map((s: { firstName: string; lastName: string }) => [s.firstName, s.lastName]),
      ).toEqual([
        ['Søren', 'Æbelø'],
        ['Åse', 'Brønd'],
        ['Bjørn', 'Ærø-Hansen'],
      ]);
      expect(job.sample.map((s: { startDate: string }) => s.startDate)).toEqual([
        '2026-01-05',
        '2026-01-12',
        '2026-02-02',
      ]);
      expect(job.errors).toEqual([
        {
          row: 5,
          column: 'CPR',
          message: 'CPR-nummeret er ikke gyldigt (10 cifre og en gyldig fødselsdato)',
        },
      ]);
    });
  }

  it('writes the Windows-1252 citizens with æøå and the two-line address as they were', async () => {
    const job = await preview(
      'fasit.csv',
      encodeText(csvText(table, ';'), 'windows-1252'),
      'application/vnd.ms-excel',
    );
    const commit = await caseworker.inject({
      method: 'POST',
      url: `/api/imports/${job.id}/commit`,
    });
    expect(commit.statusCode, commit.body).toBe(202);
    await runImportsUntilIdle(t.database);
    const done = (await caseworker.inject({ method: 'GET', url: `/api/imports/${job.id}` })).json();
    expect(done).toMatchObject({ status: 'completed', createdCitizens: 3, createdPeriods: 3 });
    const { rows } = await sql<{ first_name: string; last_name: string; address: string }>`
      select first_name, last_name, address from citizen
      where municipality_code = '840' and last_name in ('Æbelø', 'Brønd', 'Ærø-Hansen')
      order by first_name`.execute(t.database.db);
    expect(rows).toEqual([
      { first_name: 'Bjørn', last_name: 'Ærø-Hansen', address: 'Møllevej 3' },
      { first_name: 'Søren', last_name: 'Æbelø', address: 'Åvej 1' },
      { first_name: 'Åse', last_name: 'Brønd', address: 'Østergade 2\n2. sal, tv.' },
    ]);
  });

  it('refuses an old .xls file and a file that is not a table, saying what to do', async () => {
    const xls = await caseworker.inject({
      method: 'POST',
      url: '/api/imports',
      ...multipart(
        'gammel.xls',
        Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0]),
        'application/vnd.ms-excel',
      ),
    });
    expect(xls.statusCode).toBe(400);
    expect(xls.json().detail).toContain('Gem den som Excel-ark (.xlsx) eller CSV');
    const pdf = await caseworker.inject({
      method: 'POST',
      url: '/api/imports',
      ...multipart('borgere.pdf', Buffer.from('%PDF-1.7'), 'application/pdf'),
    });
    expect(pdf.statusCode).toBe(400);
  });
});
