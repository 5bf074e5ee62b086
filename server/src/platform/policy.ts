/**
 * One place answers "may this user do this action on this row". Each module declares its
 * actions in <module>.policy.ts with definePolicy(); routes name the action they serve in
 * `config.access`; services call authorize() with the row. A row outside the caller's
 * municipality or organisation is not_found (404), never forbidden: existence is not leaked.
 *
 * Scopes, per role:
 * - any:          the action needs no row, or any row the tenant can see (e.g. the catalogue)
 * - municipality: a row of the caller's own municipality
 * - organisation: a row that belongs to one of the caller's organisations (for that role)
 * - consent:      a row about a citizen who has given the caller's organisation a valid consent
 *                 covering the rule's category (checked at read time, see consent module)
 * - self:         the caller's own citizen data (citizen users, and proxies acting for them)
 */

import type { Actor, Grant, Role } from './context.js';
import { AppError, type Text } from './errors.js';

export type Scope = 'any' | 'municipality' | 'organisation' | 'consent' | 'self';

export interface Rule {
  allow: Partial<Record<Role, Scope | Scope[]>>;
  /** Why data is processed, as the citizen will read it in the access log. */
  purpose: Text;
  /** Data category a consent must cover when the scope is 'consent'. */
  consentCategory?: string;
  /**
   * Where a law, not a consent, gives the authority (e.g. the job centre's GP certificate in a
   * sickness-benefit case): the reference the citizen is shown. Absent: consent or the task.
   */
  legalBasis?: Text;
}

export interface RowScope {
  municipalityCode: string;
  /** Organisations the row belongs to (owner, recipient, provider...). */
  organisationIds?: readonly (string | null | undefined)[];
  citizenId?: string | null;
  /** Organisations holding a valid consent for the rule's category, loaded at read time. */
  consentOrganisationIds?: readonly string[];
}

const registry = new Map<string, Rule>();

export function definePolicy<A extends string>(rules: Record<A, Rule>): Record<A, Rule> {
  for (const [action, rule] of Object.entries(rules) as [A, Rule][]) {
    if (registry.has(action)) throw new Error(`policy for ${action} is defined twice`);
    registry.set(action, rule);
  }
  return rules;
}

export function ruleFor(action: string): Rule | undefined {
  return registry.get(action);
}

export function allActions(): string[] {
  return [...registry.keys()].sort();
}

function scopesOf(rule: Rule, role: Role): Scope[] {
  const s = rule.allow[role];
  if (!s) return [];
  return Array.isArray(s) ? s : [s];
}

/** True when some role of the actor allows the action at all (before looking at a row). */
export function mayAttempt(actor: Actor, action: string): boolean {
  const rule = registry.get(action);
  if (!rule) return false;
  return actor.grants.some((g) => scopesOf(rule, g.role).length > 0);
}

function grantMatches(
  actor: Actor,
  grant: Grant,
  scope: Scope,
  row: RowScope | undefined,
): boolean {
  if (row && row.municipalityCode !== actor.municipalityCode) return false;
  switch (scope) {
    case 'any':
      return true;
    case 'municipality':
      return !!row;
    case 'organisation':
      return (
        !!row && !!grant.organisationId && !!row.organisationIds?.includes(grant.organisationId)
      );
    case 'consent':
      return (
        !!row &&
        !!grant.organisationId &&
        !!row.consentOrganisationIds?.includes(grant.organisationId)
      );
    case 'self':
      return !!row && !!actor.citizenId && row.citizenId === actor.citizenId;
  }
}

/** The first grant of the actor that allows the action on the row, or null. */
export function permits(actor: Actor, action: string, row?: RowScope): Grant | null {
  const rule = registry.get(action);
  if (!rule) return null;
  for (const grant of actor.grants) {
    for (const scope of scopesOf(rule, grant.role)) {
      if (grantMatches(actor, grant, scope, row)) return grant;
    }
  }
  return null;
}

/**
 * Throws unless the actor may do the action. With a row: not_found when out of scope. Without a
 * row: forbidden when no role of the actor has the action.
 */
export function authorize(actor: Actor, action: string, row?: RowScope): Grant {
  const grant = permits(actor, action, row);
  if (grant) return grant;
  if (row) throw new AppError('not_found', { da: 'Findes ikke.', en: 'Not found.' });
  throw new AppError('forbidden', {
    da: 'Din rolle giver ikke adgang til dette.',
    en: 'Your role does not allow this.',
  });
}

/** Which of the given actions the actor may take on the row: sent to the client for the UI. */
export function allowedActions(actor: Actor, actions: readonly string[], row?: RowScope): string[] {
  return actions.filter((a) => permits(actor, a, row) !== null);
}
