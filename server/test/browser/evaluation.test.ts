/**
 * Acceptance: a Rødovre manager sets success criteria for the next course of the health
 * course, the course starts (criteria locked, an edit is refused), demo data completes it, and
 * the evaluation page shows actual against criteria and a survival chart with its table; the
 * XLSX export opens with exceljs and carries the same numbers; no axe violations.
 */
import ExcelJS from 'exceljs';
import jsQR from 'jsqr';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { withBrowserApp } from './harness';

// The demo seed (Rødovre course, comparison population) takes a while on a busy machine.
// The tests share one logged-in context: the second opens a page beside the first.
const app = withBrowserApp({ readyTimeoutMs: 170_000, keepPages: true });
let context: BrowserContext;

async function advance(page: Page, courseId: string, to: 'running' | 'completed') {
  const me = await (await page.request.get(`${app.baseUrl}/api/auth/me`)).json();
  const res = await page.request.post(
    `${app.baseUrl}/api/evaluation/demo/courses/${courseId}/advance`,
    {
      data: { to },
      headers: { 'x-csrf-token': me.csrfToken },
    },
  );
  expect(res.status()).toBe(204);
}

const parseDanish = (s: string) =>
  Number(s.replace(/\s|%/g, '').replace(/\./g, '').replace(',', '.'));

describe('evaluation of a Rødovre course against preset success criteria', () => {
  it('sets, locks, completes, shows and exports the evaluation', async () => {
    const page = await app.loginAs('roedovre.leder');
    context = page.context();
    await page.getByRole('link', { name: 'Evaluering: Virker det?' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Evaluering: Virker det?' }).waitFor();
    await page.getByRole('heading', { name: 'Henvisninger efter tilbud og status' }).waitFor();
    await app.axe(page);

    await page.getByRole('link', { name: 'Sundhedskursus for ledige – hold 2' }).click();
    await page
      .getByRole('heading', { level: 1, name: /Evaluering af Sundhedskursus for ledige – hold 2/ })
      .waitFor();
    const courseId = new URL(page.url()).pathname.split('/').pop()!;
    await page.getByLabel('Grænse i procent for Fremmøde').fill('85');
    await page.getByRole('button', { name: 'Gem succeskriterier' }).click();
    await page.getByText('Succeskriterierne er gemt.').waitFor();
    await app.axe(page);

    // The course starts: from now on an edit is refused.
    await advance(page, courseId, 'running');
    await page.getByLabel('Grænse i procent for Fremmøde').fill('90');
    await page.getByRole('button', { name: 'Gem succeskriterier' }).click();
    await page.getByRole('alert').filter({ hasText: 'låst' }).waitFor();
    await page.reload();
    await page.getByText('Holdet er startet, så succeskriterierne er låst.').waitFor();
    expect(await page.getByLabel('Grænse i procent for Fremmøde').inputValue()).toBe('85');
    expect(await page.getByLabel('Grænse i procent for Fremmøde').isDisabled()).toBe(true);

    // Demo data completes the course.
    await advance(page, courseId, 'completed');
    await page.reload();
    const results = page.getByTestId('criteria-results');
    await results.waitFor();
    const rows = await results.locator('tbody tr').all();
    const shown = await Promise.all(
      rows.map(async (row) => ({
        metric: (await row.locator('th').textContent())?.trim(),
        cells: (await row.locator('td').allInnerTexts()).map((s) => s.trim()),
      })),
    );
    expect(shown.map((r) => r.metric)).toEqual([
      'Fremmøde',
      'Frafald',
      'Raskmeldt eller i job/uddannelse inden 13 uger efter holdets afslutning',
      'Tilfredshed (1–5)',
    ]);
    expect(shown[0]!.cells[0]).toBe('mindst 85 %');
    expect(['Ja', 'Nej']).toContain(shown[0]!.cells[4]);
    await page
      .getByRole('heading', { name: 'Effekt: tid fra holdstart til selvforsørgelse' })
      .waitFor();
    await page.getByText('observationel sammenligning – ikke bevis for årsag').waitFor();
    const figure = page.getByRole('figure', { name: /Kaplan–Meier-kurve/ });
    await figure.locator('svg').first().waitFor();
    const survivalTable = figure.getByTestId('survival-table');
    expect(await survivalTable.locator('tbody tr').count()).toBe(13);
    expect(
      (await survivalTable.locator('tbody tr').first().locator('td').first().textContent())?.trim(),
    ).toBe('100,0 %');
    await app.axe(page);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Hent som Excel (XLSX)' }).click(),
    ]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile((await download.path())!);
    const sheet = wb.getWorksheet('Succeskriterier')!;
    for (const [i, row] of shown.entries()) {
      const x = sheet.getRow(3 + i).values as unknown[];
      // [, metric, operator, threshold, actual, numerator, denominator, met]
      expect(x[1]).toBe(row.metric);
      const [, actual, numerator, denominator, met] = row.cells;
      if (actual === 'skjult') expect(x[4] ?? null).toBeNull();
      else expect(x[4]).toBeCloseTo(parseDanish(actual!), 6);
      expect(String(x[5])).toBe(
        /^[0-9.]+$/.test(numerator!) ? String(parseDanish(numerator!)) : numerator,
      );
      expect(String(x[6])).toBe(
        /^[0-9.]+$/.test(denominator!) ? String(parseDanish(denominator!)) : denominator,
      );
      if (/^[0-9.]+$/.test(numerator!)) expect(typeof x[5]).toBe('number');
      expect(x[7]).toBe(met === 'Ja' ? 'ja' : met === 'Nej' ? 'nej' : 'kan ikke vises');
    }
    const survivalSheet = wb.getWorksheet('Overlevelseskurve')!;
    expect(survivalSheet.getRow(3).values).toEqual([
      undefined,
      'Deltagere',
      0,
      1,
      1,
      1,
      expect.any(Number),
    ]);
  });
  it('shares a needs survey by link and by a QR code with an alt text', async () => {
    const page = await context.newPage();
    await page.goto(`${app.baseUrl}/evaluering/undersoegelser`);
    await page.getByRole('heading', { level: 1, name: 'Behovsundersøgelser' }).waitFor();
    await page.getByRole('button', { name: 'Opret undersøgelse' }).click();
    await page.getByText('Undersøgelsen er oprettet. Del linket herover.').waitFor();
    const qr = page.getByRole('img', {
      name: /^QR-kode til undersøgelsen «Hvad ønsker du af et sundhedskursus\?»: http/,
    });
    await qr.first().waitFor();
    // The image really loaded (an SVG the browser could draw), not a broken-image icon.
    expect(
      await qr.first().evaluate((img) => {
        const i = img as unknown as { complete: boolean; naturalWidth: number };
        return i.complete && i.naturalWidth > 0;
      }),
    ).toBe(true);
    const alt = await qr.first().getAttribute('alt');
    const link = await page.locator('a.font-lead').first().textContent();
    expect(alt).toContain(link!.trim());
    // The code as the browser drew it, read by an independent decoder (jsQR), leads to the link.
    const drawn = await qr.first().evaluate((img) => {
      // The server's TypeScript has no DOM types: the little of the canvas API used, by hand.
      interface Canvas {
        width: number;
        height: number;
        getContext(kind: '2d'): {
          fillStyle: string;
          fillRect(x: number, y: number, w: number, h: number): void;
          drawImage(image: unknown, x: number, y: number, w: number, h: number): void;
          getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> };
        };
      }
      const doc = (globalThis as unknown as { document: { createElement(t: 'canvas'): Canvas } })
        .document;
      const size = 400;
      const canvas = doc.createElement('canvas');
      canvas.width = size;
      canvas.height = size;
      const g = canvas.getContext('2d');
      g.fillStyle = '#fff';
      g.fillRect(0, 0, size, size);
      g.drawImage(img, 20, 20, size - 40, size - 40);
      return { size, pixels: Array.from(g.getImageData(0, 0, size, size).data) };
    });
    const decoded = jsQR(Uint8ClampedArray.from(drawn.pixels), drawn.size, drawn.size);
    expect(decoded?.data).toBe(link!.trim());
    await app.axe(page);
    await page.close();
  });
});
