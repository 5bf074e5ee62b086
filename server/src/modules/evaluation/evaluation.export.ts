/**
 * Exports: every dashboard and course evaluation to XLSX (numbers stay numbers; hidden cells
 * are the text "<5" or "x"), and a printable PDF report of a course's evaluation. The exports
 * carry exactly the suppressed figures the pages show, never more.
 */
import type { CourseEvaluation, Dashboard, Shown, StatTable } from '@helhed/shared/evaluation';
import type ExcelJS from 'exceljs';
import { metricLabels, operatorLabels } from './evaluation.labels.js';

type Value = string | number | null;

function addSheet(
  wb: ExcelJS.Workbook,
  name: string,
  header: string[],
  rows: Value[][],
  note?: string,
) {
  const ws = wb.addWorksheet(name.slice(0, 31));
  if (note) ws.addRow([note]);
  const h = ws.addRow(header);
  h.font = { bold: true };
  for (const r of rows) ws.addRow(r);
  ws.columns.forEach((c) => {
    c.width = 22;
  });
  return ws;
}

function tableRows(t: StatTable): { header: string[]; rows: Value[][] } {
  const header = ['', ...t.columns, ...(t.rowTotals ? ['I alt'] : [])];
  const labels = [...t.rows, ...(t.columnTotals ? ['I alt'] : [])];
  return { header, rows: t.grid.map((row, i) => [labels[i] ?? '', ...row.map((v: Shown) => v)]) };
}

const SUPPRESSION_NOTE =
  'Tal fra 1 til 4 vises som "<5"; "x" er skjult, så et lille tal ikke kan regnes ud.';

// exceljs and pdfkit are loaded on first export: together they are ~55 MB and ~0.9 s at start.
const loadExcel = async () => (await import('exceljs')).default;
const loadPdf = async () => (await import('pdfkit')).default;

export async function evaluationXlsx(e: CourseEvaluation): Promise<Buffer> {
  const wb = new (await loadExcel()).Workbook();
  wb.creator = 'Helhed';
  addSheet(
    wb,
    'Hold',
    ['Felt', 'Værdi'],
    [
      ['Hold', e.course.title],
      ['Tilbud', e.course.offerTitle],
      ['Udbyder', e.course.providerName],
      ['Startdato', e.course.startDate],
      ['Uger', e.course.weeks],
      ['Status', e.course.status],
      ['Deltagere', e.participants],
      ['Opfølgning (13 uger) afsluttet', e.followUpComplete ? 'ja' : 'nej'],
    ],
  );
  addSheet(
    wb,
    'Succeskriterier',
    ['Mål', 'Operator', 'Kriterium', 'Faktisk', 'Tæller', 'Nævner', 'Opfyldt'],
    e.results.map((r) => [
      metricLabels[r.metric as keyof typeof metricLabels] ?? r.metric,
      operatorLabels[r.operator as keyof typeof operatorLabels] ?? r.operator,
      r.threshold,
      r.actual,
      r.numerator,
      r.denominator,
      r.met === null ? 'kan ikke vises' : r.met ? 'ja' : 'nej',
    ]),
    SUPPRESSION_NOTE,
  );
  addSheet(
    wb,
    'Tilfredshed',
    ['Vurdering', 'Antal'],
    [
      ...e.satisfaction.distribution.map((d) => [d.rating, d.count] as Value[]),
      ['Gennemsnit', e.satisfaction.mean],
    ],
    SUPPRESSION_NOTE,
  );
  const effect = e.effect;
  const curveRows: Value[][] = [];
  for (const g of effect.groups)
    for (const p of g.curve)
      curveRows.push([
        g.group === 'participants' ? 'Deltagere' : 'Sammenligning',
        p.week,
        p.survival,
        p.lower,
        p.upper,
        p.atRisk,
      ]);
  addSheet(
    wb,
    'Overlevelseskurve',
    ['Gruppe', 'Uge', 'Andel stadig på ydelse', 'Nedre 95%', 'Øvre 95%', 'I risiko'],
    curveRows,
    effect.label,
  );
  const summaryRows: Value[][] = effect.groups.map((g) => [
    g.group === 'participants' ? 'Deltagere' : 'Sammenligning',
    g.n,
    g.events,
    g.medianWeeks,
    ...g.shares.flatMap((s) => [s.share, s.lower, s.upper]),
  ]);
  summaryRows.push([]);
  summaryRows.push(['Log-rank χ²', effect.logRank?.chiSquare ?? null]);
  summaryRows.push(['p-værdi', effect.logRank?.pValue ?? null]);
  addSheet(
    wb,
    'Effekt',
    [
      'Gruppe',
      'Antal',
      'Selvforsørgende',
      'Median (uger)',
      ...[13, 26, 52].flatMap((w) => [`Andel uge ${w}`, `Nedre uge ${w}`, `Øvre uge ${w}`]),
    ],
    summaryRows,
    effect.label,
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Sheet names (at most 31 characters in XLSX). */
export const tableTitles: Record<string, string> = {
  referrals: 'Henvisninger',
  attendance: 'Fremmøde',
  enrolments: 'Deltagelse og frafald',
  outcomes: 'Resultater',
  riskGroups: 'Risikogrupper',
};

export async function dashboardXlsx(d: Dashboard): Promise<Buffer> {
  const wb = new (await loadExcel()).Workbook();
  wb.creator = 'Helhed';
  const f = d.filters;
  addSheet(
    wb,
    'Filtre',
    ['Filter', 'Værdi'],
    [
      ['Fra', f.from ?? ''],
      ['Til', f.to ?? ''],
      ['Ydelse', f.benefitType ?? 'alle'],
      ['Aldersgruppe', f.ageBand ?? 'alle'],
      [
        'Tilbud',
        f.offerId ? (d.options.offers.find((o) => o.id === f.offerId)?.title ?? f.offerId) : 'alle',
      ],
      [
        'Udbyder',
        f.providerId
          ? (d.options.providers.find((o) => o.id === f.providerId)?.name ?? f.providerId)
          : 'alle',
      ],
      ['Screenede borgere', d.screened ?? 'ikke tilgængelig'],
    ],
  );
  for (const t of d.tables) {
    const { header, rows } = tableRows(t);
    addSheet(wb, tableTitles[t.key] ?? t.key, header, rows, SUPPRESSION_NOTE);
  }
  addSheet(
    wb,
    'Ventetid',
    ['Tilbud', 'Antal', 'Median (dage)', 'Gennemsnit (dage)'],
    d.waiting.map((w) => [w.offer, w.n, w.medianDays, w.meanDays]),
    SUPPRESSION_NOTE,
  );
  addSheet(
    wb,
    'Rettidighed',
    ['Måned', 'Team', 'Samtale', 'Holdt', 'Rettidigt', 'For sent', 'Rettidigt (%)'],
    d.timeliness.map((r) => [
      r.month,
      r.team ?? 'uden team',
      r.kind === 'first_conversation' ? 'første samtale' : 'opfølgning',
      r.held,
      r.onTime,
      r.late,
      r.percent,
    ]),
    SUPPRESSION_NOTE,
  );
  addSheet(
    wb,
    'Huller i kataloget',
    ['Tema uden offentliggjort tilbud'],
    d.catalogueGaps.map((g) => [g]),
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const pct = (v: number | null) =>
  v === null ? 'skjult' : `${(v * 100).toLocaleString('da-DK', { maximumFractionDigits: 1 })} %`;
const shownText = (v: Shown) => (typeof v === 'number' ? v.toLocaleString('da-DK') : v);

export async function evaluationPdf(e: CourseEvaluation): Promise<Buffer> {
  const PDFDocument = await loadPdf();
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'A4',
      margin: 50,
      info: { Title: `Evaluering: ${e.course.title}`, Author: 'Helhed' },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.fontSize(18).text(`Evaluering af hold: ${e.course.title}`);
    doc.moveDown(0.5).fontSize(11);
    doc.text(`Tilbud: ${e.course.offerTitle} · Udbyder: ${e.course.providerName}`);
    doc.text(
      `Start: ${new Date(e.course.startDate).toLocaleDateString('da-DK')} · ${e.course.weeks} uger · Deltagere: ${shownText(e.participants)}`,
    );
    if (!e.followUpComplete)
      doc.text(
        'Opfølgningen 13 uger efter holdets afslutning er ikke afsluttet endnu: tallene er foreløbige.',
      );
    doc.moveDown().fontSize(14).text('Succeskriterier (fastsat før start)');
    doc.fontSize(11);
    if (e.results.length === 0) doc.text('Der blev ikke fastsat succeskriterier.');
    for (const r of e.results) {
      const label = metricLabels[r.metric as keyof typeof metricLabels] ?? r.metric;
      const unit = r.metric === 'satisfaction_mean' ? '' : ' %';
      const actual =
        r.actual === null ? 'skjult (små tal)' : `${r.actual.toLocaleString('da-DK')}${unit}`;
      doc.text(
        `• ${label} ${operatorLabels[r.operator as keyof typeof operatorLabels] ?? r.operator} ${r.threshold}${unit}: faktisk ${actual} (${shownText(r.numerator)} / ${shownText(r.denominator)}) – ${r.met === null ? 'kan ikke vurderes' : r.met ? 'opfyldt' : 'ikke opfyldt'}`,
      );
    }
    doc.moveDown().fontSize(14).text('Tilfredshed og feedback');
    doc
      .fontSize(11)
      .text(
        `Besvarelser: ${shownText(e.satisfaction.respondents)} · Gennemsnit: ${e.satisfaction.mean ?? 'skjult'} (skala 1–5)`,
      );
    for (const c of e.satisfaction.comments.slice(0, 20)) doc.text(`“${c}”`);
    doc.moveDown().fontSize(14).text('Effekt: tid fra holdstart til selvforsørgelse');
    doc.fontSize(11).fillColor('#a00').text(`Bemærk: ${e.effect.label}.`).fillColor('#000');
    doc.text(`Matchet på: ${e.effect.matchedOn.join(', ')}.`);
    for (const g of e.effect.groups) {
      doc.text(
        `${g.group === 'participants' ? 'Deltagere' : 'Sammenligningsgruppe'}: n = ${shownText(g.n)}, selvforsørgende = ${shownText(g.events)}, median ${g.medianWeeks === null ? 'ikke nået' : `${g.medianWeeks.toLocaleString('da-DK', { maximumFractionDigits: 1 })} uger`}; ` +
          g.shares.map((s) => `uge ${s.week}: ${pct(s.share)}`).join(', '),
      );
    }
    if (e.effect.logRank)
      doc.text(
        `Log-rank-test: χ² = ${e.effect.logRank.chiSquare.toFixed(2)} (1 frihedsgrad), p = ${e.effect.logRank.pValue.toPrecision(3)}`,
      );
    doc.moveDown().fontSize(9).text(SUPPRESSION_NOTE);
    doc.end();
  });
}
