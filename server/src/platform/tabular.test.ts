import { describe, expect, it } from 'vitest';
import { csvText, type Encoding, encodeText, xlsxOf } from '../../test/fixtures/tabular.js';
import { syntheticCpr } from '../db/seed/national.js';
import {
  decodeText,
  detectDelimiter,
  detectFormat,
  parseCsvText,
  readTable,
  TabularFormatError,
  writeCsv,
} from './tabular.js';

const rows = [
  ['CPR', 'Fornavn', 'Efternavn', 'Adresse'],
  [syntheticCpr(3, 4, 1), 'Søren', 'Æbelø', 'Åvej 1'],
  [syntheticCpr(5, 6, 2), 'Åse', 'Brønd', 'Østergade 2\n2. sal, tv.'],
  [syntheticCpr(7, 8, 3), 'Renée', 'Ørsted "Junior"', 'Ærøvej 3; baghuset'],
];

const expected = [
  {
    rowNo: 2,
    line: 2,
    values: { CPR: rows[1]![0], Fornavn: 'Søren', Efternavn: 'Æbelø', Adresse: 'Åvej 1' },
  },
  {
    rowNo: 3,
    line: 3,
    values: {
      CPR: rows[2]![0],
      Fornavn: 'Åse',
      Efternavn: 'Brønd',
      Adresse: 'Østergade 2\n2. sal, tv.',
    },
  },
  // The line break in row 3's quoted address pushes row 4 to line 5 of the file.
  {
    rowNo: 4,
    line: 5,
    values: {
      CPR: rows[3]![0],
      Fornavn: 'Renée',
      Efternavn: 'Ørsted "Junior"',
      Adresse: 'Ærøvej 3; baghuset',
    },
  },
];

describe('platform/tabular: one reader for CSV and XLSX', () => {
  const cases: [Encoding, ';' | ',' | '\t'][] = [
    ['utf-8', ';'],
    ['utf-8', ','],
    ['utf-8-bom', ';'],
    ['utf-8-bom', ','],
    ['windows-1252', ';'],
    ['windows-1252', ','],
    ['utf-8', '\t'],
  ];
  for (const [encoding, delimiter] of cases) {
    it(`reads a ${encoding} CSV with ${JSON.stringify(delimiter)}: æøå intact, quoted line breaks and quotes kept`, async () => {
      const table = await readTable({
        bytes: encodeText(csvText(rows, delimiter), encoding),
        fileName: 'borgere.csv',
      });
      expect(table).toMatchObject({ format: 'csv', encoding, delimiter });
      expect(table.headers).toEqual(['CPR', 'Fornavn', 'Efternavn', 'Adresse']);
      expect(table.rows).toEqual(expected);
    });
  }

  it('reads the first sheet of an XLSX file, with Excel row numbers', async () => {
    const table = await readTable({ bytes: await xlsxOf(rows), fileName: 'borgere.xlsx' });
    expect(table).toMatchObject({ format: 'xlsx', encoding: null, delimiter: null });
    expect(table.rows).toEqual(expected.map((r) => ({ ...r, line: r.rowNo })));
  });

  it('decodes Windows-1252 (not Latin-1) when the bytes are not UTF-8', () => {
    // 0x80 (€) and 0x96 (–) are letters in Windows-1252 and control characters in Latin-1.
    expect(decodeText(Buffer.from([0x80, 0x20, 0xe6, 0xf8, 0xe5, 0x96]))).toEqual({
      text: '€ æøå–',
      encoding: 'windows-1252',
    });
    expect(decodeText(Buffer.from('€ æøå', 'utf8'))).toEqual({ text: '€ æøå', encoding: 'utf-8' });
  });

  it('picks the delimiter from the header line outside quotes', () => {
    expect(detectDelimiter('"Efternavn, fornavn";CPR;By\n1,2,3,4,5')).toBe(';');
    expect(detectDelimiter('"Adresse; etage",CPR,By')).toBe(',');
    expect(detectDelimiter('CPR\tFornavn\tBy')).toBe('\t');
    expect(detectDelimiter('CPR')).toBe(',');
  });

  it('counts blank rows in the row numbers but leaves them out', () => {
    const table = parseCsvText('a;b\n1;2\n\n;\n3;4\n');
    expect(table.rows).toEqual([
      { rowNo: 2, line: 2, values: { a: '1', b: '2' } },
      { rowNo: 5, line: 5, values: { a: '3', b: '4' } },
    ]);
  });

  it('gives a short row empty cells and ignores columns without a header', () => {
    const table = parseCsvText('a;;b\n1\n2;x;3;y\n');
    expect(table.headers).toEqual(['a', 'b']);
    expect(table.rows.map((r) => r.values)).toEqual([
      { a: '1', b: '' },
      { a: '2', b: '3' },
    ]);
  });

  it('refuses what it cannot read, in Danish', async () => {
    const refuses = (fn: () => unknown, message: RegExp) =>
      expect(fn).toThrow(expect.objectContaining({ message: expect.stringMatching(message) }));
    refuses(() => parseCsvText('a;b\n"1;2\n'), /anførselstegn/);
    refuses(() => parseCsvText('\n\n'), /tom/);
    refuses(() => parseCsvText('CPR;CPR\n1;2'), /«CPR» står to gange/);
    refuses(
      () => detectFormat(Buffer.from('x'), 'borgere.pdf'),
      /CSV-fil \(\.csv\) eller et Excel/,
    );
    refuses(() => detectFormat(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]), 'borgere.xls'), /\.xls/);
    await expect(
      readTable({ bytes: Buffer.from('PK\x03\x04 ikke et ark'), fileName: 'borgere.xlsx' }),
    ).rejects.toBeInstanceOf(TabularFormatError);
  });

  it('knows a file by its name, else by its content type or zip signature', () => {
    expect(detectFormat(Buffer.from('a;b'), 'eksport.CSV', 'application/vnd.ms-excel')).toBe('csv');
    expect(detectFormat(Buffer.from('a;b'), '', 'text/csv; charset=utf-8')).toBe('csv');
    expect(detectFormat(Buffer.from('PK\x03\x04'), 'eksport')).toBe('xlsx');
  });
});

describe('platform/tabular: writing CSV for the municipality export', () => {
  it('reads back as written: quotes, semicolons, line breaks, Danish letters and empty cells', () => {
    const header = ['navn', 'note', 'tom'];
    const rows = [
      ['Åse Ørum', 'siger "hej"; farvel', ''],
      ['Bo', 'linje 1\nlinje 2', 'x'],
    ];
    const csv = writeCsv(header, rows);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv).toContain('\r\n');
    const table = parseCsvText(csv);
    expect(table.delimiter).toBe(';');
    expect(table.headers).toEqual(header);
    expect(table.rows.map((r) => [r.values.navn, r.values.note, r.values.tom])).toEqual(rows);
  });

  it('keeps a spreadsheet from running a cell as a formula, and leaves numbers alone', () => {
    const csv = writeCsv(['a'], [['=HYPERLINK("x")'], ['@SUM(1)'], ['-12.5'], ['+4520101000']]);
    const values = parseCsvText(csv).rows.map((r) => r.values.a);
    expect(values).toEqual(['\'=HYPERLINK("x")', "'@SUM(1)", '-12.5', '+4520101000']);
  });
});
