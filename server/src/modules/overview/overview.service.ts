/**
 * The caseworker's citizen page: the hot path of the whole system (issue #11). Every platform
 * step of a normal request is here — session (with idle and absolute timeout and revocation),
 * tenant, policy, consent for health data and one audit row — but they reach the database as
 * ONE statement in autocommit (helhed_citizen_overview, db/functions), because round trips
 * and commits, not Fastify, are what a request costs. Why, and what was measured:
 * docs/decisions/0600-hot-path.md.
 *
 * Equivalence with the platform: the rules come from policy.ts (passed to SQL as JSON); the
 * scope semantics in SQL (helhed_policy_grant) are compared with permits() by a test for every
 * role; a denied read returns before the audit insert, so it writes nothing.
 */
import type { RequestContext } from '../../platform/context.js';
import { decryptCpr, maskCpr } from '../../platform/cpr.js';
import { danishToday, wholeWeeksBetween } from '../../platform/dates.js';
import { AppError, notFound } from '../../platform/errors.js';
import { ruleFor, type Scope } from '../../platform/policy.js';
import { tokenHash } from '../../platform/sessions.js';
import '../citizens/citizens.policy.js';
import { ageOn } from '../citizens/citizens.service.js';
import './overview.policy.js';
import * as repo from './overview.repo.js';
import type { CitizenOverview } from './overview.schema.js';

export const READ_ACTION = 'citizen.read';
export const HEALTH_ACTION = 'citizen.health_summary';

/**
 * What the citizen page offers or shows besides the citizen (issue 16: the page's first view is
 * this one request). The function answers which of them the reader's grants allow on the row
 * (`allowedActions`), and includes the benefit periods only with 'benefit.read' and the risk
 * decision only with 'risk.read'. Their scopes must be decidable from the grants alone.
 */
export const PAGE_ACTIONS = [
  'audit.read_citizen',
  'benefit.create',
  'benefit.end',
  'benefit.read',
  'citizen.reveal_cpr',
  'citizen.update',
  'followup.read',
  'meeting.create',
  'risk.decide',
  'risk.read',
  'timeline.read',
] as const;

const GRANTS_ALONE: readonly Scope[] = ['any', 'municipality', 'self'];

let rules: { read: string; health: string; page: string; purpose: string } | null = null;

/** The rules as the SQL function takes them; read from the registry once. */
export function overviewRules() {
  if (rules) return rules;
  const read = ruleFor(READ_ACTION);
  const health = ruleFor(HEALTH_ACTION);
  if (!read || !health) throw new Error('citizen overview: policy rules are not registered');
  const page: Record<string, { allow: unknown }> = {};
  for (const action of PAGE_ACTIONS) {
    const rule = ruleFor(action);
    if (!rule) throw new Error(`citizen overview: policy rule ${action} is not registered`);
    // The function decides these from the grants alone (no linked organisations, no consents).
    const scopes = Object.values(rule.allow).flat();
    if (scopes.some((scope) => !GRANTS_ALONE.includes(scope))) {
      throw new Error(`citizen overview: ${action} has a scope the page cannot decide in SQL`);
    }
    page[action] = { allow: rule.allow };
  }
  rules = {
    read: JSON.stringify({ allow: read.allow, consentCategory: read.consentCategory }),
    health: JSON.stringify({ allow: health.allow, consentCategory: health.consentCategory }),
    page: JSON.stringify(page),
    purpose: read.purpose.da,
  };
  return rules;
}

const unauthenticated = () =>
  new AppError('unauthenticated', {
    da: 'Din session er udløbet eller du er ikke logget ind.',
    en: 'Your session has expired or you are not logged in.',
  });

const weeksSince = (date: string) => wholeWeeksBetween(date, danishToday());

const iso = (t: string) => new Date(t).toISOString();

export async function getCitizenOverview(
  ctx: RequestContext,
  sessionToken: string | undefined,
  citizenId: string,
): Promise<CitizenOverview> {
  if (!sessionToken) throw unauthenticated();
  const r = overviewRules();
  const page = await repo.citizenOverview(ctx.database, {
    tokenHash: tokenHash(sessionToken),
    citizenId,
    idleMinutes: ctx.config.sessionIdleMinutes,
    readRule: r.read,
    healthRule: r.health,
    pageRules: r.page,
    purpose: r.purpose,
    requestId: ctx.requestId,
    ip: ctx.ip,
  });
  switch (page.status) {
    case 'unauthenticated':
      throw unauthenticated();
    case 'forbidden':
      throw new AppError('forbidden', {
        da: 'Din rolle giver ikke adgang til dette.',
        en: 'Your role does not allow this.',
      });
    case 'not_found':
      throw notFound({ da: 'Borgeren findes ikke.', en: 'Citizen not found.' });
  }
  const c = page.citizen!;
  const keys = { encryptionKey: ctx.config.cprEncryptionKey, hashKey: ctx.config.cprHashKey };
  const b = page.benefitPeriod ?? null;
  return {
    allowedActions: page.allowed ?? [],
    citizen: {
      id: c.id,
      municipalityCode: c.municipalityCode,
      cprMasked: maskCpr(decryptCpr(keys, Buffer.from(c.cprEncrypted, 'base64'))),
      birthDate: c.birthDate,
      age: ageOn(c.birthDate),
      gender: c.gender,
      firstName: c.firstName,
      lastName: c.lastName,
      address: c.address,
      postalCode: c.postalCode,
      city: c.city,
      phone: c.phone,
      email: c.email,
      preferredLanguage: c.preferredLanguage,
      needsInterpreter: c.needsInterpreter,
      responsibleCaseworkerName: c.responsibleCaseworkerName,
    },
    riskGroup: c.riskGroup,
    benefitPeriod: b && { ...b, weeks: weeksSince(b.startDate) },
    benefitPeriods: page.benefitPeriods ?? null,
    riskDecision: page.riskDecision
      ? { ...page.riskDecision, decidedAt: iso(page.riskDecision.decidedAt) }
      : null,
    openReferrals: (page.openReferrals ?? []).map((x) => ({ ...x, createdAt: iso(x.createdAt) })),
    nextSessions: (page.nextSessions ?? []).map((x) => ({
      ...x,
      startsAt: iso(x.startsAt),
      endsAt: iso(x.endsAt),
    })),
    health: page.health
      ? {
          attendancePresent: Number(page.attendance?.present ?? 0),
          attendanceAbsent: Number(page.attendance?.absent ?? 0),
          lastOutcome: page.lastOutcome
            ? { ...page.lastOutcome, recordedAt: iso(page.lastOutcome.recordedAt) }
            : null,
        }
      : null,
  };
}
