/**
 * Rehabilitation team and health-clarifying team meetings about one citizen, with participants
 * from several organisations. Only participating organisations see a meeting (others: 404).
 * Health data recorded in a meeting needs the citizen's consent for every organisation present
 * (Danish Health Act §15): without it the item is refused with consent_required.
 */
import { audit, auditMany } from '../../platform/audit.js';
import { type AuthedContext, type Tx, tenantTx } from '../../platform/context.js';
import { AppError, notFound } from '../../platform/errors.js';
import { allowedActions, authorize, permits, type RowScope } from '../../platform/policy.js';
import { loadCitizenFor } from '../citizens/citizens.service.js';
import * as repo from './meetings.repo.js';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

const scopeOf = (m: repo.MeetingRow): RowScope => ({
  municipalityCode: m.municipality_code,
  organisationIds: m.participant_org_ids,
  citizenId: m.citizen_id,
});

function summary(m: repo.MeetingRow) {
  return {
    id: m.id,
    citizenId: m.citizen_id,
    citizenName: m.citizen_name,
    citizenLanguage: m.citizen_language,
    needsInterpreter: m.needs_interpreter,
    kind: m.kind,
    scheduledAt: iso(m.scheduled_at)!,
    status: m.status,
  };
}

async function loadMeeting(tx: Tx, ctx: AuthedContext, id: string, action: string) {
  const m = await repo.findMeeting(tx, id);
  if (!m) throw notFound({ da: 'Mødet findes ikke.', en: 'Meeting not found.' });
  const grant = authorize(ctx.actor, action, scopeOf(m));
  return { m, grant };
}

async function detail(tx: Tx, ctx: AuthedContext, m: repo.MeetingRow) {
  return {
    ...summary(m),
    agenda: m.agenda,
    minutes: m.minutes,
    recommendation: m.recommendation,
    participants: (await repo.participants(tx, m.id)).map((p) => ({
      id: p.id,
      organisationId: p.organisation_id,
      organisationName: p.organisation_name,
      role: p.participant_role,
      name: p.name,
    })),
    healthItems: (await repo.healthItems(tx, m.id)).map((h) => ({
      id: h.id,
      category: h.category,
      body: h.body,
      createdAt: iso(h.created_at)!,
    })),
    allowedActions: allowedActions(ctx.actor, ['meeting.update'], scopeOf(m)),
  };
}

export async function listMeetings(ctx: AuthedContext, citizenId?: string) {
  const grant = authorize(ctx.actor, 'meeting.list');
  const orgs = ctx.actor.grants.map((g) => g.organisationId).filter((o): o is string => !!o);
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const rows = await repo.meetingsForOrgs(tx, orgs, citizenId);
    await auditMany(
      tx,
      ctx,
      rows.map((r) => ({
        action: 'search' as const,
        policyAction: 'meeting.list',
        resourceType: 'team_meeting',
        resourceId: r.id,
        citizenId: r.citizen_id,
        grant,
      })),
    );
    // Planning needs the rule for a citizen of the municipality and a grant of an organisation
    // (createMeeting organises under it); the list tells the page so, instead of the page
    // guessing from role names.
    const planner = permits(ctx.actor, 'meeting.create', {
      municipalityCode: ctx.actor.municipalityCode,
    });
    return {
      items: rows.map(summary),
      allowedActions: planner?.organisationId ? ['meeting.create'] : [],
    };
  });
}

export interface MeetingInput {
  citizenId: string;
  kind: 'rehabilitation_team' | 'health_clarifying_team';
  scheduledAt: string;
  agenda: string;
  participants: { organisationId?: string | null; role: string; name: string }[];
}

export async function createMeeting(ctx: AuthedContext, input: MeetingInput) {
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const { grant } = await loadCitizenFor(tx, ctx, input.citizenId, 'meeting.create');
    if (!grant.organisationId) throw new AppError('forbidden');
    const m = ctx.actor.municipalityCode;
    const id = await repo.insertMeeting(tx, m, {
      citizenId: input.citizenId,
      kind: input.kind,
      scheduledAt: input.scheduledAt,
      agenda: input.agenda,
      organiserOrgId: grant.organisationId,
      userId: ctx.actor.userId,
    });
    await repo.insertParticipant(tx, m, id, {
      organisationId: grant.organisationId,
      userId: ctx.actor.userId,
      role: 'caseworker',
      name: ctx.actor.displayName,
    });
    for (const [i, p] of input.participants.entries()) {
      if (p.organisationId && !(await repo.orgExists(tx, p.organisationId))) {
        throw new AppError(
          'validation',
          { da: 'Organisationen findes ikke.', en: 'Unknown organisation.' },
          {
            errors: [
              { in: 'body', pointer: `/participants/${i}/organisationId`, message: 'Findes ikke' },
            ],
          },
        );
      }
      await repo.insertParticipant(tx, m, id, {
        organisationId: p.role === 'citizen' ? null : (p.organisationId ?? null),
        userId: null,
        role: p.role,
        name: p.name,
      });
    }
    await audit(tx, ctx, {
      action: 'create',
      policyAction: 'meeting.create',
      resourceType: 'team_meeting',
      resourceId: id,
      citizenId: input.citizenId,
      grant,
    });
    return detail(tx, ctx, (await repo.findMeeting(tx, id))!);
  });
}

export async function getMeeting(ctx: AuthedContext, id: string) {
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const { m, grant } = await loadMeeting(tx, ctx, id, 'meeting.read');
    await audit(tx, ctx, {
      action: 'read',
      policyAction: 'meeting.read',
      resourceType: 'team_meeting',
      resourceId: id,
      citizenId: m.citizen_id,
      grant,
    });
    return detail(tx, ctx, m);
  });
}

export async function updateMeeting(
  ctx: AuthedContext,
  id: string,
  patch: {
    agenda?: string;
    minutes?: string | null;
    recommendation?: string | null;
    status?: string;
  },
) {
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const { m, grant } = await loadMeeting(tx, ctx, id, 'meeting.update');
    await repo.updateMeeting(tx, id, patch);
    await audit(tx, ctx, {
      action: 'update',
      policyAction: 'meeting.update',
      resourceType: 'team_meeting',
      resourceId: id,
      citizenId: m.citizen_id,
      grant,
      details: { fields: Object.keys(patch) },
    });
    return detail(tx, ctx, (await repo.findMeeting(tx, id))!);
  });
}

export async function addHealthItem(
  ctx: AuthedContext,
  id: string,
  input: { category: string; body: string },
) {
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const { m, grant } = await loadMeeting(tx, ctx, id, 'meeting.update');
    const missing = await repo.orgsWithoutConsent(
      tx,
      m.citizen_id,
      m.participant_org_ids,
      input.category,
    );
    if (missing.length > 0) {
      throw new AppError(
        'consent_required',
        {
          da: `Helbredsoplysninger kan ikke skrives i mødet: borgeren har ikke givet samtykke til ${missing
            .map((o) => o.name)
            .join(', ')} (sundhedslovens § 15).`,
          en: `Health data cannot be recorded: no consent for ${missing.map((o) => o.name).join(', ')}.`,
        },
        { missingOrganisations: missing.map((o) => ({ id: o.id, name: o.name })) },
      );
    }
    const itemId = await repo.insertHealthItem(
      tx,
      ctx.actor.municipalityCode,
      id,
      input.category,
      input.body,
      ctx.actor.userId,
    );
    await audit(tx, ctx, {
      action: 'create',
      policyAction: 'meeting.update',
      resourceType: 'team_meeting_health_item',
      resourceId: itemId,
      citizenId: m.citizen_id,
      grant,
      details: { category: input.category },
    });
    return detail(tx, ctx, m);
  });
}
