/**
 * Risk groups (Hjørring, Gladsaxe): a suggestion from the municipality's readable rules, shown
 * with every rule that fired; a caseworker confirms it or chooses another group with a reason.
 * The suggestion is computed on read and never stored as a decision; a risk_decision row exists
 * only when a person has decided (GDPR art. 22).
 */
import { audit, auditMany } from '../../platform/audit.js';
import { type AuthedContext, type Grant, type Tx, tenantTx } from '../../platform/context.js';
import { danishToday } from '../../platform/dates.js';
import { AppError } from '../../platform/errors.js';
import { authorize } from '../../platform/policy.js';
import { loadCitizenFor } from '../citizens/citizens.service.js';
import * as sharing from '../sharing/sharing.service.js';
import * as repo from './risk.repo.js';
import { evaluate, type Fact, factLabels, type RiskGroup, type RiskRule } from './risk.rules.js';

export async function listRules(ctx: AuthedContext) {
  authorize(ctx.actor, 'risk.rules.read');
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => ({
    items: await repo.listRules(tx),
    facts: Object.entries(factLabels).map(([fact, label]) => ({ fact, label })),
  }));
}

export async function replaceRules(ctx: AuthedContext, rules: RiskRule[]) {
  authorize(ctx.actor, 'risk.rules.write');
  await tenantTx(ctx, ctx.actor.municipalityCode, (tx) =>
    repo.replaceRules(tx, ctx.actor.municipalityCode, rules, ctx.actor.userId),
  );
  return listRules(ctx);
}

/**
 * The suggestion from the facts the caseworker may see. WHO-5 and self-rated health come from a
 * health profile: a value whose profile another organisation recorded, without the citizen's
 * consent to share it with the job centre, is left out before the rules run (the cross-
 * organisation view builder decides), so neither the value nor a group derived from it shows.
 */
async function suggestion(tx: Tx, ctx: AuthedContext, grant: Grant, citizenId: string) {
  const all = await repo.factsFor(tx, ctx.actor.municipalityCode, citizenId, danishToday());
  const { visible, withheld } = await sharing.visibleFacts(
    tx,
    ctx,
    grant,
    ctx.actor.municipalityCode,
    citizenId,
    'risk',
    'risk.read',
  );
  const values = { ...all };
  for (const f of healthFacts) if (!visible.has(f)) values[f] = null;
  const rules = await repo.listRules(tx);
  const result = evaluate(rules, values);
  const withheldFacts = new Set(withheld.map((w) => w.fact));
  const notes = result.notes.map((note) => {
    const w = withheld.find((x) => note.startsWith(`${factLabels[x.fact as Fact]}:`));
    if (!w) return note;
    return `${factLabels[w.fact as Fact]}: ${w.originOrganisationName ?? 'Borgeren'} har registreret sundhedsprofilen; borgeren har ikke givet samtykke til at dele den med jobcentret, så reglen er ikke vurderet`;
  });
  return { values, ...result, notes, withheldFacts };
}

const healthFacts = ['who5', 'self_rated_health'] as const;

/** A past decision's fired rules, without those on a fact the reader may not see. */
function presentDecision(d: repo.DecisionRow, withheld: ReadonlySet<string> = new Set()) {
  return {
    id: d.id,
    suggestedGroup: d.suggested_group,
    decidedGroup: d.decided_group,
    overridden: d.overridden,
    reason: d.reason,
    decidedByName: d.decided_by_name,
    decidedAt: d.decided_at.toISOString(),
    firedRules: d.fired_rules.filter((r) => !withheld.has(r.fact)).map((r) => r.explanation),
  };
}

export async function getRisk(ctx: AuthedContext, citizenId: string) {
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const { grant } = await loadCitizenFor(tx, ctx, citizenId, 'risk.read');
    const s = await suggestion(tx, ctx, grant, citizenId);
    const decisions = await repo.decisions(tx, citizenId);
    await audit(tx, ctx, {
      action: 'read',
      policyAction: 'risk.read',
      resourceType: 'risk_group',
      resourceId: citizenId,
      citizenId,
      grant,
    });
    return {
      citizenId,
      suggestion: {
        group: s.suggestedGroup,
        firedRules: s.fired.map((f) => ({
          description: f.description,
          explanation: f.explanation,
          group: f.group,
          fact: f.fact,
          actual: f.actual,
        })),
        notes: s.notes,
        facts: Object.entries(s.values).map(([fact, value]) => ({
          fact,
          label: factLabels[fact as keyof typeof factLabels],
          value,
        })),
        isDecision: false as const,
      },
      currentDecision: decisions[0] ? presentDecision(decisions[0], s.withheldFacts) : null,
      decisions: decisions.map((d) => presentDecision(d, s.withheldFacts)),
    };
  });
}

export async function decide(
  ctx: AuthedContext,
  citizenId: string,
  input: { group: RiskGroup; reason?: string | null },
) {
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const { grant } = await loadCitizenFor(tx, ctx, citizenId, 'risk.decide');
    const s = await suggestion(tx, ctx, grant, citizenId);
    const reason = input.reason?.trim() || null;
    if (input.group !== s.suggestedGroup && !reason) {
      throw new AppError(
        'validation',
        {
          da: 'Skriv en begrundelse, når du vælger en anden gruppe end forslaget.',
          en: 'Give a reason when choosing a group other than the suggestion.',
        },
        { errors: [{ in: 'body', pointer: '/reason', message: 'Begrundelse mangler' }] },
      );
    }
    const id = await repo.insertDecision(tx, {
      municipalityCode: ctx.actor.municipalityCode,
      citizenId,
      suggestedGroup: s.suggestedGroup,
      fired: s.fired,
      decidedGroup: input.group,
      reason,
      userId: ctx.actor.userId,
    });
    await audit(tx, ctx, {
      action: 'create',
      policyAction: 'risk.decide',
      resourceType: 'risk_decision',
      resourceId: id,
      citizenId,
      grant,
      details: { group: input.group, overridden: input.group !== s.suggestedGroup },
    });
    return presentDecision((await repo.decisions(tx, citizenId))[0]!, s.withheldFacts);
  });
}

export async function attentionList(
  ctx: AuthedContext,
  q: { days?: number; limit?: number; offset?: number },
) {
  const grant = authorize(ctx.actor, 'risk.attention');
  const days = q.days ?? 30;
  const limit = q.limit ?? 50;
  const offset = q.offset ?? 0;
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const rows = await repo.attention(tx, days, limit, offset);
    await auditMany(
      tx,
      ctx,
      rows.map((r) => ({
        action: 'search' as const,
        policyAction: 'risk.attention',
        resourceType: 'risk_group',
        resourceId: r.citizen_id,
        citizenId: r.citizen_id,
        grant,
      })),
    );
    return {
      days,
      items: rows.map((r) => ({
        citizenId: r.citizen_id,
        citizenName: `${r.first_name} ${r.last_name}`,
        group: r.decided_group,
        decidedAt: r.decided_at.toISOString(),
        lastActionAt: r.last_action_at?.toISOString() ?? null,
      })),
      total: rows[0]?.total ?? 0,
      limit,
      offset,
    };
  });
}

const groupOrder: Record<RiskGroup, number> = { red: 0, orange: 1, green: 2 };

/**
 * All orange and red suggestions of the municipality in one list, so a caseworker reviews them
 * without opening citizens one by one. Each item carries the descriptions of the rules that
 * fired and nothing of the values behind them: WHO-5 and self-rated health are health data, and
 * the list must not show them (the citizen's own risk view decides that under consent).
 * "Pending" means no decision yet, or the last decision was on a different suggestion.
 */
export async function suggestionList(
  ctx: AuthedContext,
  q: { sort?: 'group' | 'date'; pending?: boolean; limit?: number; offset?: number },
) {
  const grant = authorize(ctx.actor, 'risk.suggestions');
  const sort = q.sort ?? 'group';
  const limit = q.limit ?? 25;
  const offset = q.offset ?? 0;
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const rules = await repo.listRules(tx);
    const all = (await repo.factsForAll(tx, ctx.actor.municipalityCode, danishToday()))
      .map((c) => ({ c, s: evaluate(rules, c.values) }))
      .filter(({ s }) => s.suggestedGroup !== 'green')
      .map(({ c, s }) => ({
        citizenId: c.citizen_id,
        citizenName: `${c.first_name} ${c.last_name}`,
        suggestedGroup: s.suggestedGroup,
        reasons: s.fired.map((f) => f.description),
        since: c.since,
        decision: c.decided_group
          ? { group: c.decided_group, decidedAt: c.decided_at!.toISOString() }
          : null,
        pending: !c.decided_group || c.suggested_group_then !== s.suggestedGroup,
      }))
      .filter((i) => !q.pending || i.pending);
    const byDate = (a: (typeof all)[number], b: (typeof all)[number]) =>
      (a.since ?? '9999').localeCompare(b.since ?? '9999');
    all.sort((a, b) =>
      sort === 'date'
        ? byDate(a, b) || a.citizenName.localeCompare(b.citizenName, 'da')
        : groupOrder[a.suggestedGroup] - groupOrder[b.suggestedGroup] ||
          byDate(a, b) ||
          a.citizenName.localeCompare(b.citizenName, 'da'),
    );
    const items = all.slice(offset, offset + limit);
    await auditMany(
      tx,
      ctx,
      items.map((i) => ({
        action: 'search' as const,
        policyAction: 'risk.suggestions',
        resourceType: 'risk_group',
        resourceId: i.citizenId,
        citizenId: i.citizenId,
        grant,
      })),
    );
    return { items, total: all.length, limit, offset };
  });
}
