/**
 * Reading a Momentum/Fasit-style export (CSV or XLSX) into rows, and validating each row. Column
 * names are matched without regard to case, spaces or Danish letters' spelling (Ophørsårsag,
 * Ophoersaarsag). Dates are accepted as dd-mm-yyyy, dd.mm.yyyy, dd/mm/yyyy or ISO yyyy-mm-dd.
 * Every problem is reported per row and column in Danish; nothing is written here.
 */
import type ExcelJS from 'exceljs';
import { type CprKeys, encryptCpr, hashCpr, maskCpr, parseCpr } from '../../platform/cpr.js';
import type { BenefitType, EndReason } from '../benefits/benefits.schema.js';

export const COLUMNS = [
  'CPR',
  'Fornavn',
  'Efternavn',
  'Adresse',
  'Postnr',
  'By',
  'Telefon',
  'Email',
  'Ydelse',
  'Startdato',
  'Slutdato',
  'Ophørsårsag',
] as const;
export type Column = (typeof COLUMNS)[number];
const REQUIRED: Column[] = ['CPR', 'Fornavn', 'Efternavn', 'Ydelse', 'Startdato'];

export interface RawRow {
  /** The row number as the user sees it in the spreadsheet (the header is row 1). */
  rowNo: number;
  cells: Partial<Record<Column, string>>;
}

export interface RowError {
  row: number;
  column: Column | null;
  message: string;
}

export class FileFormatError extends Error {}

function normalise(header: string): string {
  return header
    .trim()
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'oe')
    .replace(/å/g, 'aa')
    .replace(/[^a-z0-9]/g, '');
}

const HEADER_ALIASES: Record<string, Column> = {
  cpr: 'CPR',
  cprnr: 'CPR',
  cprnummer: 'CPR',
  fornavn: 'Fornavn',
  efternavn: 'Efternavn',
  adresse: 'Adresse',
  postnr: 'Postnr',
  postnummer: 'Postnr',
  by: 'By',
  bynavn: 'By',
  telefon: 'Telefon',
  tlf: 'Telefon',
  email: 'Email',
  mail: 'Email',
  ydelse: 'Ydelse',
  ydelsestype: 'Ydelse',
  startdato: 'Startdato',
  start: 'Startdato',
  slutdato: 'Slutdato',
  slut: 'Slutdato',
  ophoersaarsag: 'Ophørsårsag',
  ophoersgrund: 'Ophørsårsag',
};

function mapHeader(headers: string[]): (Column | null)[] {
  const mapped = headers.map((h) => HEADER_ALIASES[normalise(h)] ?? null);
  const missing = REQUIRED.filter((c) => !mapped.includes(c));
  if (missing.length > 0) {
    throw new FileFormatError(
      `Filen mangler ${missing.length === 1 ? 'kolonnen' : 'kolonnerne'} ${missing.map((c) => `«${c}»`).join(', ')} i første række.`,
    );
  }
  return mapped;
}

/** RFC 4180-style CSV with ; or , as separator (Danish Excel writes ;), quotes and a BOM. */
export function parseCsv(text: string): string[][] {
  const src = text.replace(/^\uFEFF/, '');
  const firstLine = src.split(/\r?\n/, 1)[0] ?? '';
  const sep =
    (firstLine.match(/;/g)?.length ?? 0) >= (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === sep) {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

function toRaw(table: string[][]): RawRow[] {
  if (table.length === 0) throw new FileFormatError('Filen er tom.');
  const columns = mapHeader(table[0]!);
  const out: RawRow[] = [];
  for (let i = 1; i < table.length; i++) {
    const values = table[i]!;
    if (values.every((v) => v.trim() === '')) continue;
    const cells: Partial<Record<Column, string>> = {};
    columns.forEach((c, j) => {
      if (c) cells[c] = (values[j] ?? '').trim();
    });
    out.push({ rowNo: i + 1, cells });
  }
  return out;
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

export async function parseXlsx(buffer: Buffer): Promise<string[][]> {
  // Loaded on first use (~30 MB, ~0.6 s): most starts never read a spreadsheet.
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw new FileFormatError('Filen kunne ikke læses som et Excel-ark (.xlsx).');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new FileFormatError('Excel-filen har intet ark.');
  const table: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const values: string[] = [];
    for (let c = 1; c <= sheet.columnCount; c++) values.push(cellText(row.getCell(c).value).trim());
    table[rowNumber - 1] = values;
  });
  for (let i = 0; i < table.length; i++) table[i] ??= [];
  return table;
}

export async function readFile(
  fileName: string,
  buffer: Buffer,
): Promise<{ format: 'csv' | 'xlsx'; rows: RawRow[] }> {
  const isXlsx = /\.xlsx$/i.test(fileName) || buffer.subarray(0, 2).toString('latin1') === 'PK';
  if (isXlsx) return { format: 'xlsx', rows: toRaw(await parseXlsx(buffer)) };
  if (!/\.(csv|txt)$/i.test(fileName)) {
    throw new FileFormatError('Filen skal være en CSV-fil (.csv) eller et Excel-ark (.xlsx).');
  }
  return { format: 'csv', rows: toRaw(parseCsv(buffer.toString('utf8'))) };
}

const BENEFITS: Record<string, BenefitType> = {
  sygedagpenge: 'sygedagpenge',
  kontanthjaelpjobparat: 'kontanthjaelp_jobparat',
  kontanthjaelpaktivitetsparat: 'kontanthjaelp_aktivitetsparat',
  uddannelseshjaelp: 'uddannelseshjaelp',
  ressourceforloeb: 'ressourceforloeb',
  ressourceforloebsydelse: 'ressourceforloeb',
  jobafklaringsforloeb: 'jobafklaringsforloeb',
  ledighedsydelse: 'ledighedsydelse',
  dagpenge: 'dagpenge',
  arbejdsloeshedsdagpenge: 'dagpenge',
};

const END_REASONS: Record<string, EndReason> = {
  job: 'job',
  beskaeftigelse: 'job',
  arbejde: 'job',
  uddannelse: 'education',
  raskmeldt: 'declared_fit',
  raskmelding: 'declared_fit',
  foertidspension: 'early_retirement',
  pension: 'early_retirement',
  fraflyttet: 'moved',
  flyttet: 'moved',
  fraflytning: 'moved',
  doed: 'death',
  doedsfald: 'death',
  andet: 'other',
};

/** dd-mm-yyyy, dd.mm.yyyy, dd/mm/yyyy or yyyy-mm-dd → yyyy-mm-dd, or null when not a date. */
export function parseDanishDate(input: string): string | null {
  const s = input.trim();
  let y: number;
  let m: number;
  let d: number;
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (match) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else {
    match = /^(\d{1,2})[-./](\d{1,2})[-./](\d{4})$/.exec(s);
    if (!match) return null;
    [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  }
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    return null;
  }
  if (y < 1900 || y > 2200) return null;
  return date.toISOString().slice(0, 10);
}

export interface ValidRow {
  rowNo: number;
  cprHash: Buffer;
  cprEncrypted: Buffer;
  cprMasked: string;
  birthDate: string;
  gender: string;
  firstName: string;
  lastName: string;
  address: string | null;
  postalCode: string | null;
  city: string | null;
  phone: string | null;
  email: string | null;
  benefitType: BenefitType;
  startDate: string;
  endDate: string | null;
  endReason: EndReason | null;
}

export interface ValidatedRow {
  rowNo: number;
  valid: ValidRow | null;
  /** What can be shown of the row even when it is invalid (never the full CPR). */
  partial: { cprMasked: string | null; firstName: string; lastName: string };
  errors: RowError[];
}

const benefitNames =
  'Sygedagpenge, Kontanthjælp jobparat, Kontanthjælp aktivitetsparat, Uddannelseshjælp, Ressourceforløb, Jobafklaringsforløb, Ledighedsydelse, Dagpenge';
const reasonNames = 'Job, Uddannelse, Raskmeldt, Førtidspension, Fraflyttet, Død, Andet';

export function validateRow(raw: RawRow, keys: CprKeys): ValidatedRow {
  const errors: RowError[] = [];
  const c = raw.cells;
  const err = (column: Column, message: string) => errors.push({ row: raw.rowNo, column, message });
  const text = (col: Column, max: number) => {
    const v = (c[col] ?? '').trim();
    if (v.length > max) err(col, `${col} må højst være ${max} tegn`);
    return v === '' ? null : v;
  };

  const cprText = (c.CPR ?? '').trim();
  const cpr = cprText ? parseCpr(cprText) : null;
  if (!cprText) err('CPR', 'CPR-nummeret mangler');
  else if (!cpr) err('CPR', 'CPR-nummeret er ikke gyldigt (10 cifre og en gyldig fødselsdato)');

  const firstName = text('Fornavn', 100);
  if (!firstName) err('Fornavn', 'Fornavn mangler');
  const lastName = text('Efternavn', 100);
  if (!lastName) err('Efternavn', 'Efternavn mangler');
  const address = text('Adresse', 200);
  const postalCode = text('Postnr', 4);
  if (postalCode && !/^\d{4}$/.test(postalCode)) err('Postnr', 'Postnummeret skal være 4 cifre');
  const city = text('By', 100);
  const phone = text('Telefon', 30);
  const email = text('Email', 200);
  if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
    err('Email', 'E-mailadressen er ikke gyldig');

  const benefitText = (c.Ydelse ?? '').trim();
  const benefitType = BENEFITS[normalise(benefitText)] ?? null;
  if (!benefitText) err('Ydelse', 'Ydelse mangler');
  else if (!benefitType)
    err('Ydelse', `Ukendt ydelse «${benefitText}». Brug en af: ${benefitNames}`);

  const dateOf = (col: Column) => {
    const v = (c[col] ?? '').trim();
    if (!v) return null;
    const d = parseDanishDate(v);
    if (!d) err(col, `«${v}» er ikke en gyldig dato (brug dd-mm-åååå eller åååå-mm-dd)`);
    return d;
  };
  const startDate = dateOf('Startdato');
  if (!(c.Startdato ?? '').trim()) err('Startdato', 'Startdato mangler');
  const endDate = dateOf('Slutdato');
  if (startDate && endDate && endDate < startDate)
    err('Slutdato', 'Slutdatoen ligger før startdatoen');

  const reasonText = (c.Ophørsårsag ?? '').trim();
  const endReason = reasonText ? (END_REASONS[normalise(reasonText)] ?? null) : null;
  if (reasonText && !endReason) {
    err('Ophørsårsag', `Ukendt ophørsårsag «${reasonText}». Brug en af: ${reasonNames}`);
  }
  if ((c.Slutdato ?? '').trim() && !reasonText)
    err('Ophørsårsag', 'Ophørsårsag mangler, når der er en slutdato');
  if (reasonText && !(c.Slutdato ?? '').trim())
    err('Slutdato', 'Slutdato mangler, når der er en ophørsårsag');

  const partial = {
    cprMasked: cpr ? maskCpr(cpr.cpr) : null,
    firstName: firstName ?? '',
    lastName: lastName ?? '',
  };
  if (errors.length > 0 || !cpr || !firstName || !lastName || !benefitType || !startDate) {
    return { rowNo: raw.rowNo, valid: null, partial, errors };
  }
  return {
    rowNo: raw.rowNo,
    partial,
    errors,
    valid: {
      rowNo: raw.rowNo,
      cprHash: hashCpr(keys, cpr.cpr),
      cprEncrypted: encryptCpr(keys, cpr.cpr),
      cprMasked: maskCpr(cpr.cpr),
      birthDate: cpr.birthDate,
      gender: cpr.gender,
      firstName,
      lastName,
      address,
      postalCode,
      city,
      phone,
      email,
      benefitType,
      startDate,
      endDate,
      endReason,
    },
  };
}

/**
 * Rows of the same file that would collide: the same citizen, benefit and start twice, or two
 * periods of the same benefit whose days overlap. The later row gets the error.
 */
export function crossRowErrors(rows: ValidatedRow[]): void {
  const seen = new Map<string, ValidRow[]>();
  for (const r of rows) {
    const v = r.valid;
    if (!v) continue;
    const key = `${v.cprHash.toString('hex')}|${v.benefitType}`;
    const earlier = seen.get(key) ?? [];
    const clash = earlier.find(
      (e) =>
        e.startDate <= (v.endDate ?? '9999-12-31') && (e.endDate ?? '9999-12-31') >= v.startDate,
    );
    if (clash) {
      r.errors.push({
        row: r.rowNo,
        column: 'Startdato',
        message:
          clash.startDate === v.startDate
            ? `Dubletrække: samme CPR, ydelse og startdato som række ${clash.rowNo}`
            : `Forløbet overlapper forløbet med samme ydelse i række ${clash.rowNo}`,
      });
      r.valid = null;
      continue;
    }
    earlier.push(v);
    seen.set(key, earlier);
  }
}
