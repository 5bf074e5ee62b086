/**
 * Reading a Momentum/Fasit-style export (CSV or XLSX, read by platform/tabular.ts) into rows,
 * and validating each row. Column names are matched without regard to case, spaces or Danish
 * letters' spelling (Ophørsårsag, Ophoersaarsag). Dates are accepted as dd-mm-yyyy, dd.mm.yyyy, dd/mm/yyyy or ISO yyyy-mm-dd.
 * Every problem is reported per row and column in Danish; nothing is written here.
 */
import { type CprKeys, encryptCpr, hashCpr, maskCpr, parseCpr } from '../../platform/cpr.js';
import {
  readTable,
  type Table,
  type TabularFormat,
  TabularFormatError,
} from '../../platform/tabular.js';
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
    throw new TabularFormatError(
      `Filen mangler ${missing.length === 1 ? 'kolonnen' : 'kolonnerne'} ${missing.map((c) => `«${c}»`).join(', ')} i første række.`,
    );
  }
  return mapped;
}

function toRaw(table: Table): RawRow[] {
  const columns = mapHeader(table.headers);
  return table.rows.map((row) => {
    const cells: Partial<Record<Column, string>> = {};
    table.headers.forEach((header, j) => {
      const column = columns[j];
      if (column) cells[column] = row.values[header] ?? '';
    });
    return { rowNo: row.rowNo, cells };
  });
}

/** An uploaded export → its rows by column; the file's format rules live in platform/tabular. */
export async function readFile(
  fileName: string,
  buffer: Buffer,
  contentType?: string,
): Promise<{ format: TabularFormat; rows: RawRow[] }> {
  const table = await readTable({ bytes: buffer, fileName, contentType });
  return { format: table.format, rows: toRaw(table) };
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
