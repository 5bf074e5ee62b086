/**
 * No page decides what to show from a role name (issue 16): it decides from the server's
 * `allowedActions` (a row's own list, or the user's from /api/auth/me), so a policy change in
 * server/src/modules/<m>/<m>.policy.ts moves the web with it. This scans the pages and
 * components for the shapes such a decision takes. A role name that is only shown (the
 * `role.<name>` texts) or is the value of a form field (a meeting participant's role, the role an
 * administrator grants) is not a decision: those lines are listed below with the reason, and a
 * listed line that no longer exists fails too, so the list stays true.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const userRoles = [
  'caseworker',
  'coordinating_caseworker',
  'health_professional',
  'provider_staff',
  'team_member',
  'manager',
  'administrator',
  'citizen',
];
const roleLiteral = `['"\`](?:${userRoles.join('|')})['"\`]`;

/** The shapes of a visibility decision from a role name. */
const decisions: { name: string; pattern: RegExp }[] = [
  { name: 'hasRole(...)', pattern: /\bhasRole\s*\(/ },
  {
    name: "role compared with a role name (r.role === 'caseworker')",
    pattern: new RegExp(
      `\\brole\\s*[!=]==?\\s*${roleLiteral}|${roleLiteral}\\s*[!=]==?\\s*[\\w.?]*\\brole\\b`,
    ),
  },
  {
    name: 'a list of role names searched for the user role (roles.includes(r.role))',
    pattern: /\.includes\(\s*[\w.?]*\brole\s*\)/,
  },
  {
    name: "the user's roles searched for a role name (me.roles.some(... 'manager' ...))",
    pattern: new RegExp(`\\broles\\??\\.(?:some|every|find|filter|includes)\\(.*${roleLiteral}`),
  },
  {
    name: 'a table keyed by role (Record<Role, ...>, tasksByRole)',
    pattern: /Record<Role\b|ByRole\b/,
  },
  { name: 'a list of role names (Role[] = [...])', pattern: /:\s*Role\[\]\s*=/ },
];

/** Lines that match a shape above but decide nothing about the user's role, and why. */
const notDecisions: { file: string; line: string; reason: string }[] = [
  {
    file: 'web/src/routes/admin/AdminPage.tsx',
    line: 'const staffRoles: Role[] = [',
    reason: 'the roles an administrator may grant: the options of a form field',
  },
  {
    file: 'web/src/routes/meetings/NewMeetingPage.tsx',
    line: "organisationId: r.role === 'citizen' ? null : r.organisationId || null,",
    reason: "a meeting participant's role (a form row), not the user's",
  },
  {
    file: 'web/src/routes/meetings/NewMeetingPage.tsx',
    line: "{row.role !== 'citizen' && (",
    reason: "a meeting participant's role (a form row): the citizen has no organisation",
  },
];

function files(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...files(full));
    else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name)) out.push(full);
  }
  return out;
}

const scanned = ['web/src/routes', 'web/src/components'].flatMap((d) => files(join(root, d)));

function hits(): { file: string; lineNo: number; line: string; shape: string }[] {
  const found: { file: string; lineNo: number; line: string; shape: string }[] = [];
  for (const full of scanned) {
    const file = relative(root, full);
    readFileSync(full, 'utf8')
      .split('\n')
      .forEach((text, i) => {
        const line = text.trim();
        if (line.startsWith('//') || line.startsWith('*')) return; // a comment decides nothing
        for (const d of decisions) {
          if (d.pattern.test(line)) found.push({ file, lineNo: i + 1, line, shape: d.name });
        }
      });
  }
  return found;
}

const allowed = (h: { file: string; line: string }) =>
  notDecisions.some((n) => n.file === h.file && n.line === h.line);

describe('no page decides visibility from a role name', () => {
  it('scans the pages and components', () => {
    expect(scanned.length).toBeGreaterThan(30);
    expect(scanned.some((f) => f.endsWith('StartPage.tsx'))).toBe(true);
  });

  it('finds each shape of a role check (the scan can fail)', () => {
    const samples = [
      'const ok = hasRole(me, "manager");',
      "me.roles.some((r) => r.role === 'caseworker')",
      "if ('administrator' === grant.role) show();",
      'const may = plannerRoles.includes(r.role);',
      "user.roles.find(x => x.organisationId && ['manager'].length)",
      'export const tasksByRole: Record<Role, Task[]> = {',
      "const planners: Role[] = ['caseworker'];",
    ];
    for (const s of samples)
      expect(
        decisions.some((d) => d.pattern.test(s)),
        s,
      ).toBe(true);
    // Showing a role's name is not a decision.
    const shown = ['{t(`role.', '$', '{r.role}`)}'].join('');
    expect(decisions.some((d) => d.pattern.test(shown))).toBe(false);
  });

  it('has no role-name decision in web/src/routes or web/src/components', () => {
    const decided = hits().filter((h) => !allowed(h));
    expect(
      decided.map((h) => `${h.file}:${h.lineNo}  ${h.line}  (${h.shape})`),
      "decide from the server's allowedActions (the row's, or /api/auth/me's for a way in), " +
        'not from role names',
    ).toEqual([]);
  });

  it('lists only exceptions that still exist', () => {
    const found = hits();
    const stale = notDecisions.filter(
      (n) => !found.some((h) => h.file === n.file && h.line === n.line),
    );
    expect(stale).toEqual([]);
  });
});
