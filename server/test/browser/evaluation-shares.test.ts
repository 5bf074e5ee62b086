/**
 * Issue 16, the manager's dashboard: each outcome shows as "n af total (p %)" next to the counts,
 * and the catalogue-gap list names only themes without a published offer (Rødovre's offer covers
 * motion, kost and psykisk helbred, so those are not gaps; rygning is).
 */
import { describe, expect, it } from 'vitest';
import { withBrowserApp } from './harness';

const app = withBrowserApp({ readyTimeoutMs: 170_000 });

describe('the manager’s dashboard', () => {
  it('shows outcome shares with their counts and only real catalogue gaps', async () => {
    const page = await app.loginAs('roedovre.leder');
    await page.getByRole('link', { name: 'Evaluering: Virker det?' }).first().click();
    const shares = page.getByTestId('outcome-shares');
    await shares.waitFor();
    const cells = await shares.locator('tbody td').allInnerTexts();
    const parsed = cells
      .map((c) => /^(\d+) af (\d+) \((\d+) %\)$/.exec(c))
      .filter((m): m is RegExpExecArray => m !== null);
    expect(parsed.length).toBeGreaterThan(0);
    for (const [, n, total, pct] of parsed) {
      expect(Number(pct)).toBe(Math.round((100 * Number(n)) / Number(total)));
    }

    const gapsHeading = page.getByRole('heading', { name: /^Huller i kataloget/ });
    const gaps = await gapsHeading.locator('xpath=following-sibling::ul[1]').innerText();
    expect(gaps).toContain('Rygning');
    expect(gaps).not.toMatch(/Motion|Kost|Psykisk helbred/);
    await app.axe(page);
  });
});
