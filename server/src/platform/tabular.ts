/**
 * Reading a table from an uploaded file: CSV or XLSX, as exported from a municipal case system
 * (Momentum, Fasit) or saved from Excel. One place for the rules both imports (citizens, plan
 * goals) rely on; see docs/decisions/0860-tabular-import.md.
 *
 * - XLSX: the first sheet, through exceljs (already used for the statistics export).
 * - CSV: csv-parse, after detecting the encoding (UTF-8 with or without a BOM, UTF-16 with a
 *   BOM, else Windows-1252, which Danish Excel writes) and the delimiter (; , or tab: the one
 *   the header line has most of outside quotes; Danish Excel writes ;).
 * - Quoted fields may hold delimiters, line breaks and doubled quotes.
 *
 * Row numbers are those the user sees: `rowNo` is the row in the spreadsheet (the header is
 * row 1, blank rows count), `line` the line in a text editor where the row starts (they differ
 * only when a quoted field holds a line break). Cells are trimmed; blank rows are left out.
 */
import { parse } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';

export type TabularFormat = 'csv' | 'xlsx';
export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';
export type Delimiter = ';' | ',' | '\t';

export interface TabularRow {
  /** The row in the spreadsheet; the header is row 1. */
  rowNo: number;
  /** The line in the file where the row starts (for XLSX the same as rowNo). */
  line: number;
  /** The row's cells by header name (trimmed); a header without a cell gives ''. */
  values: Record<string, string>;
}

export interface Table {
  format: TabularFormat;
  /** For CSV: how the bytes were read. */
  encoding: TextEncodingName | null;
  delimiter: Delimiter | null;
  /** The header names in file order (trimmed; empty header cells are left out). */
  headers: string[];
  rows: TabularRow[];
}

/** The file cannot be read as a table; the message is Danish and shown to the user. */
export class TabularFormatError extends Error {}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Which kind of file this is, from its name, its content type and its first bytes. */
export function detectFormat(bytes: Uint8Array, fileName = '', contentType = ''): TabularFormat {
  const name = fileName.toLowerCase();
  const type = contentType.toLowerCase().split(';')[0]!.trim();
  // An old binary Excel file (.xls) starts with the OLE2 signature; exceljs cannot read it.
  if (name.endsWith('.xls') || startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) {
    throw new TabularFormatError(
      'Filen er i det gamle Excel-format (.xls). Gem den som Excel-ark (.xlsx) eller CSV.',
    );
  }
  // An XLSX file is a zip archive ("PK\3\4").
  if (name.endsWith('.xlsx') || type === XLSX_TYPE || startsWith(bytes, [0x50, 0x4b, 3, 4])) {
    return 'xlsx';
  }
  // Browsers on Windows send .csv as application/vnd.ms-excel; the name decides then.
  if (
    /\.(csv|txt|tsv)$/.test(name) ||
    (!name && /^(text\/(csv|plain|tab-separated-values)|application\/csv)$/.test(type))
  ) {
    return 'csv';
  }
  throw new TabularFormatError('Filen skal være en CSV-fil (.csv) eller et Excel-ark (.xlsx).');
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

/**
 * Bytes → text. A BOM decides (and is dropped); otherwise text that is valid UTF-8 is UTF-8, and
 * anything else is Windows-1252, the encoding Danish Excel and older case systems write (æøå as
 * single bytes, which are never valid UTF-8 on their own).
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncodingName } {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  }
  if (startsWith(bytes, [0xff, 0xfe])) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  }
  if (startsWith(bytes, [0xfe, 0xff])) {
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: decodeWindows1252(bytes), encoding: 'windows-1252' };
  }
}

// Windows-1252 is Latin-1 except for 0x80-0x9F (€, ‚, „, …, ‘, ’, “, ”, –, —, ™ and others).
// Decoded by hand: Node 20's TextDecoder('windows-1252') (checked on 20.20) decodes that range
// as Latin-1 control characters, which would turn a "–" in an address into an invisible
// character. Undefined bytes (0x81, 0x8D, 0x8F, 0x90, 0x9D) stay as their C1 code points.
const CP1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    const chunk = bytes.subarray(i, i + 8192);
    out += String.fromCharCode(
      ...Array.from(chunk, (b) => (b >= 0x80 && b <= 0x9f ? CP1252_HIGH.charCodeAt(b - 0x80) : b)),
    );
  }
  return out;
}

/**
 * The delimiter the header line uses most outside quotes: ; then tab then , on a tie (a Danish
 * header rarely holds a comma, and ; is what Danish Excel writes). A one-column file gives ,.
 */
export function detectDelimiter(text: string): Delimiter {
  const counts: Record<Delimiter, number> = { ';': 0, '\t': 0, ',': 0 };
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (quoted) continue;
    else if (ch === '\n' || ch === '\r') break;
    else if (ch === ';' || ch === ',' || ch === '\t') counts[ch]++;
  }
  const order: Delimiter[] = [';', '\t', ','];
  let best: Delimiter = ',';
  let most = 0;
  for (const d of order) {
    if (counts[d] > most) {
      best = d;
      most = counts[d];
    }
  }
  return best;
}

/** CSV text (already decoded) → header and rows. */
export function parseCsvText(text: string, encoding: TextEncodingName | null = null): Table {
  const src = text.replace(/^\uFEFF/, '');
  const delimiter = detectDelimiter(src);
  let records: { record: string[]; info: { lines: number }; raw: string }[];
  try {
    records = parse(src, {
      delimiter,
      info: true,
      raw: true,
      relax_column_count: true,
      // A quote inside an unquoted field (Ole "Bo" Hansen) is kept as a character.
      relax_quotes: true,
      skip_empty_lines: false,
    }) as unknown as typeof records;
  } catch (error) {
    const e = error as { code?: string; lines?: number };
    if (e.code === 'CSV_QUOTE_NOT_CLOSED') {
      throw new TabularFormatError(
        'Et felt i anførselstegn (") bliver ikke lukket, så resten af filen kan ikke læses. Ret filen og prøv igen.',
      );
    }
    throw new TabularFormatError(
      `Filen kunne ikke læses som CSV${e.lines ? ` (linje ${e.lines})` : ''}.`,
    );
  }
  const table: { cells: string[]; line: number }[] = records.map(({ record, info, raw }) => {
    // info.lines is the line the record ends on; a quoted line break moves its start back.
    const breaks = raw.replace(/\r?\n$|\r$/, '').match(/\r\n|\r|\n/g)?.length ?? 0;
    return { cells: record, line: info.lines - breaks };
  });
  return { ...toTable(table), format: 'csv', encoding, delimiter };
}

function toTable(
  table: { cells: string[]; line: number }[],
): Omit<Table, 'format' | 'encoding' | 'delimiter'> {
  const first = table.findIndex((r) => r.cells.some((c) => c.trim() !== ''));
  if (first === -1) throw new TabularFormatError('Filen er tom.');
  if (first > 0) {
    throw new TabularFormatError(
      'Første række skal være overskrifterne; filen starter med tomme rækker.',
    );
  }
  const headerCells = table[0]!.cells.map((c) => c.trim());
  const seen = new Set<string>();
  for (const h of headerCells) {
    if (h === '') continue;
    if (seen.has(h)) throw new TabularFormatError(`Kolonnen «${h}» står to gange i første række.`);
    seen.add(h);
  }
  const rows: TabularRow[] = [];
  for (let i = 1; i < table.length; i++) {
    const { cells, line } = table[i]!;
    if (cells.every((c) => c.trim() === '')) continue;
    const values: Record<string, string> = {};
    headerCells.forEach((h, j) => {
      if (h !== '') values[h] = (cells[j] ?? '').trim();
    });
    rows.push({ rowNo: i + 1, line, values });
  }
  return { headers: headerCells.filter((h) => h !== ''), rows };
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('hyperlink' in value) return String(value.hyperlink);
    return '';
  }
  return String(value);
}

/** The first sheet of an XLSX workbook → header and rows (row numbers as in Excel). */
export async function parseXlsx(bytes: Uint8Array): Promise<Table> {
  // Loaded on first use (~30 MB, ~0.6 s): most starts never read a spreadsheet.
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch {
    throw new TabularFormatError('Filen kunne ikke læses som et Excel-ark (.xlsx).');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new TabularFormatError('Excel-filen har intet ark.');
  const table: { cells: string[]; line: number }[] = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let c = 1; c <= sheet.columnCount; c++) cells.push(cellText(row.getCell(c).value));
    table[rowNumber - 1] = { cells, line: rowNumber };
  });
  for (let i = 0; i < table.length; i++) table[i] ??= { cells: [], line: i + 1 };
  return { ...toTable(table), format: 'xlsx', encoding: null, delimiter: null };
}

/** An uploaded file → its table. Throws TabularFormatError with a Danish message. */
export async function readTable(file: {
  bytes: Uint8Array;
  fileName?: string;
  contentType?: string;
}): Promise<Table> {
  const format = detectFormat(file.bytes, file.fileName, file.contentType);
  if (format === 'xlsx') return parseXlsx(file.bytes);
  const { text, encoding } = decodeText(file.bytes);
  return parseCsvText(text, encoding);
}

/**
 * A table as CSV for Danish spreadsheets: UTF-8 with a byte-order mark, ; between fields, CRLF
 * between records; a field holding ; " or a line break is quoted, with " doubled (RFC 4180). A
 * field starting with = + - @ gets a leading ' so a spreadsheet does not run it as a formula
 * (a signed number such as -12.5 is left as it is).
 */
export function writeCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const field = (raw: string) => {
    const formula = /^[=+\-@]/.test(raw) && !/^[+-]?\d[\d.,]*$/.test(raw);
    const value = formula ? `'${raw}` : raw;
    return /[;"\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
  };
  const lines = [header, ...rows].map((r) => r.map(field).join(';'));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
