/**
 * A wide table scrolls sideways in a region (DKFDS `table--responsive-scroll`); a region the
 * keyboard cannot reach fails WCAG 2.1.1 (axe: scrollable-region-focusable, found by issue 16's
 * walk on the citizen's access log and the course list). The one way to write such a region is
 * components/DataTable.tsx (DataTable, or ScrollRegion for a table it cannot draw): a named
 * `<section>` with tabIndex 0. This fails when a page or component writes the class itself, and
 * checks that the shared region keeps its name and its focus.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const webSrc = fileURLToPath(new URL('../../../web/src/', import.meta.url));
const shared = 'components/DataTable.tsx';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('scroll regions of wide tables', () => {
  it('no page or component writes its own scroll region: they use DataTable or ScrollRegion', () => {
    const offenders = files(webSrc)
      .map((path) => relative(webSrc, path))
      .filter((path) => path !== shared)
      .flatMap((path) =>
        readFileSync(join(webSrc, path), 'utf8')
          .split('\n')
          .flatMap((line, i) =>
            line.includes('table--responsive-scroll') ? [`${path}:${i + 1}: ${line.trim()}`] : [],
          ),
      );
    expect(offenders).toEqual([]);
  });

  it('the shared region is a named section the keyboard can reach', () => {
    const source = readFileSync(join(webSrc, shared), 'utf8');
    const region = source.match(/<section className="table--responsive-scroll"[^>]*>/g) ?? [];
    expect(region).toHaveLength(1);
    expect(region[0]).toContain('tabIndex={0}');
    expect(region[0]).toMatch(/aria-label=\{label\}/);
    // DataTable draws its table inside that region.
    expect(source).toMatch(/<ScrollRegion label=\{caption\}>\s*<table/);
  });
});
