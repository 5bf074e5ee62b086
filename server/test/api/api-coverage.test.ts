/**
 * Every capability in the browser (issue 16): each operation in the OpenAPI document is called
 * from web/src, or is listed in docs/api-coverage.md, either as machine-only (with the reason no
 * person needs a page for it) or as open work (a page people need that does not exist yet).
 * A new operation that is none of these fails, and so does a row that is no longer true (the
 * operation is gone, or the web app now calls it), so the open-work list can only shrink.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helper.js';
import { callMatches, type WebCall, webCalls } from './web-calls.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const docPath = `${root}docs/api-coverage.md`;
const machineHeading = 'Machine-only operations';
const openHeading = 'Operations that still need a page (open work, issue 16)';

interface Row {
  operation: string;
  reason: string;
  line: number;
}

/** The `| METHOD | path | reason |` rows of the table under a `## heading`. */
function tableUnder(markdown: string, heading: string): Row[] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((l) => l.replace(/^#+\s*/, '').trim() === heading);
  if (start < 0) throw new Error(`docs/api-coverage.md has no heading "${heading}"`);
  const rows: Row[] = [];
  for (let i = start + 1; i < lines.length && !/^#/.test(lines[i]!); i++) {
    const cells = lines[i]!.split('|').map((c) => c.trim());
    if (cells.length < 4) continue;
    const [, method, path, reason] = cells as [string, string, string, string];
    if (!/^(GET|POST|PUT|PATCH|DELETE)$/.test(method)) continue; // header, separator
    rows.push({ operation: `${method} ${path.replaceAll('`', '')}`, reason, line: i + 1 });
  }
  return rows;
}

let t: TestApp;
let operations: string[];
let calls: WebCall[];
let machineOnly: Row[];
let openWork: Row[];

beforeAll(async () => {
  t = await buildTestApp({ seed: false });
  const doc = t.app.swagger() as { paths: Record<string, Record<string, unknown>> };
  operations = Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.keys(item)
      .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
      .map((m) => `${m.toUpperCase()} ${path}`),
  );
  calls = webCalls(`${root}web/src`);
  const markdown = readFileSync(docPath, 'utf8');
  machineOnly = tableUnder(markdown, machineHeading);
  openWork = tableUnder(markdown, openHeading);
});

afterAll(async () => {
  await t?.close();
});

const calledFromWeb = (operation: string) => {
  const [method, path] = operation.split(' ') as [string, string];
  return calls.some((c) => callMatches(c, method, path));
};

describe('API-to-page coverage', () => {
  it('reads the OpenAPI document and the web client', () => {
    // A broken scan would make every operation look uncalled (or, worse, called): anchor it on
    // calls every build of the app makes.
    expect(operations.length).toBeGreaterThan(100);
    expect(calledFromWeb('GET /api/auth/me')).toBe(true);
    expect(calledFromWeb('POST /api/auth/login')).toBe(true);
    expect(calledFromWeb('GET /api/citizens/{id}')).toBe(true);
    expect(calledFromWeb('POST /api/imports')).toBe(true);
    expect(calledFromWeb('DELETE /api/auth/me')).toBe(false);
  });

  it('accounts for every operation: called from web/src, machine-only, or open work', () => {
    const listed = new Set([...machineOnly, ...openWork].map((r) => r.operation));
    const uncovered = operations.filter((op) => !calledFromWeb(op) && !listed.has(op));
    expect(
      uncovered,
      `${uncovered.length} operation(s) no page calls and docs/api-coverage.md does not list:\n` +
        `${uncovered.map((op) => `  ${op}`).join('\n')}\n` +
        'Call it from a page in web/src, or add it to docs/api-coverage.md: under ' +
        `"${machineHeading}" with the reason no person needs it, or under "${openHeading}".`,
    ).toEqual([]);
  });

  it('lists no operation that does not exist', () => {
    const known = new Set(operations);
    const stale = [...machineOnly, ...openWork]
      .filter((r) => !known.has(r.operation))
      .map((r) => `docs/api-coverage.md:${r.line} ${r.operation}`);
    expect(stale, `rows for operations the API no longer has:\n${stale.join('\n')}`).toEqual([]);
  });

  it('lists each operation once, with a reason', () => {
    const all = [...machineOnly, ...openWork];
    const twice = all.filter((r, i) => all.findIndex((o) => o.operation === r.operation) !== i);
    const noReason = all.filter((r) => r.reason.length < 5);
    expect({ twice, noReason }).toEqual({ twice: [], noReason: [] });
  });

  it('lists as machine-only no operation that a page calls', () => {
    const called = machineOnly.filter((r) => calledFromWeb(r.operation));
    expect(
      called.map((r) => `docs/api-coverage.md:${r.line} ${r.operation}`),
      'a page calls these, so they are not machine-only: remove their rows',
    ).toEqual([]);
  });

  it('keeps as open work only operations that still have no page', () => {
    const done = openWork.filter((r) => calledFromWeb(r.operation));
    expect(
      done.map((r) => `docs/api-coverage.md:${r.line} ${r.operation}`),
      'a page now calls these: remove them from the open-work table',
    ).toEqual([]);
  });
});
