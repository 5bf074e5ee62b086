/** The matrix runner's derivation of expected statuses from the policy table (see types.ts). */
import type { Role } from '../../src/platform/context.js';
import { ruleFor, type Scope } from '../../src/platform/policy.js';
import type { AuthzCase, Owner } from './types.js';

export const usernameOf: Record<Role, string> = {
  caseworker: 'rebild.sagsbehandler',
  coordinating_caseworker: 'rebild.koordinator',
  health_professional: 'rebild.sundhed',
  provider_staff: 'rebild.udbyder',
  team_member: 'rebild.team',
  manager: 'rebild.leder',
  administrator: 'rebild.admin',
  citizen: 'rebild.borger',
  operator: 'platform.operatoer',
};

export const owners: Owner[] = ['own', 'other_org', 'other_municipality'];

function scopes(access: string, role: Role): Scope[] {
  const s = ruleFor(access)?.allow[role];
  if (!s) return [];
  return Array.isArray(s) ? s : [s];
}

/** The expected status of one cell, by the rules in types.ts. */
export function expectedStatus(c: AuthzCase, access: string, role: Role, owner: Owner): number {
  const overridden = c.override?.[role]?.[owner];
  if (overridden !== undefined) return overridden;
  const ok = c.ok ?? 200;
  if (access === 'public' || access === 'session') return ok;
  const s = scopes(access, role);
  // The platform operator is outside every municipality: what is not its own work is 404.
  if (s.length === 0) return role === 'operator' ? 404 : 403;
  if (!c.row || owner === 'own') return ok;
  if (owner === 'other_municipality') return 404;
  return s.some((x) => x === 'any' || x === 'municipality') ? ok : 404;
}
