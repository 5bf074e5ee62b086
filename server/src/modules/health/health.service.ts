/**
 * Health conversation and health profile (Odense's sundhedssamtale), health tests, and matching
 * the profile with the catalogue. The profile is a questionnaire response (questionnaires
 * module); completing it stores WHO-5 and self-rated health as facts the screening module reads.
 */
import { audit } from '../../platform/audit.js';
import {
  type AuthedContext,
  type Grant,
  hasRole,
  orgIds,
  type Tx,
  tenantTx,
} from '../../platform/context.js';
import { danishToday } from '../../platform/dates.js';
import { AppError, notFound } from '../../platform/errors.js';
import { allowedActions, authorize, permits, type RowScope } from '../../platform/policy.js';
import * as catalogue from '../catalogue/catalogue.service.js';
// The citizen row is read without citizen.read's decision because access here is decided by
// the health actions (consent included); every caller below authorizes before it returns.
import { type CitizenRow, citizenRowForScope, citizenScope } from '../citizens/citizens.service.js';
import * as q from '../questionnaires/questionnaires.service.js';
import * as sharing from '../sharing/sharing.service.js';
import * as repo from './health.repo.js';
import { catalogueGaps, matchOffers } from './matching.js';
import {
  HEALTH_PROFILE_KEY,
  healthProfileDefinition,
  selfRatedHealthValue,
  themeCodes,
  themeLabel,
  themes,
  wishCards,
} from './profile-definition.js';
import { scoreWho5, type Who5Result } from './who5.js';

export const who5Explanation: Record<Who5Result['flag'], string> = {
  none: 'WHO-5 over 50: ingen tegn på nedsat trivsel.',
  poor_wellbeing:
    'WHO-5 på 50 eller derunder: tegn på nedsat trivsel. Tal med borgeren om, hvad der kan hjælpe.',
  likely_depression:
    'WHO-5 på 28 eller derunder: tegn på mulig depression. Borgeren bør tilbydes en vurdering hos en sundhedsprofessionel (fx egen læge eller psykolog).',
};

/** The citizen's scope for health data: linked organisations plus consents for the category. */
async function healthScope(
  tx: Tx,
  ctx: AuthedContext,
  citizenId: string,
  action: string,
  category: string,
) {
  const row = await citizenRowForScope(tx, citizenId);
  const scope: RowScope = {
    ...citizenScope(row),
    consentOrganisationIds: await repo.consentOrganisations(tx, citizenId, category),
  };
  const grant = authorize(ctx.actor, action, scope);
  return { row, scope, grant };
}

/**
 * Whether the actor may open the citizen's health profile, for other pages' links (a referral
 * received by the health centre links to the profile). The profile read itself authorizes again.
 */
export async function mayReadProfile(tx: Tx, ctx: AuthedContext, citizenId: string) {
  const row = await citizenRowForScope(tx, citizenId);
  const scope: RowScope = {
    ...citizenScope(row),
    consentOrganisationIds: await repo.consentOrganisations(tx, citizenId, 'health_profile'),
  };
  return allowedActions(ctx.actor, ['health.profile.read'], scope).length > 0;
}

/**
 * The row scope of a citizen's health tests. Only health organisations count (the recording
 * organisation, linked organisations, consents), so a job center is never in scope, however it is
 * linked to the citizen (referral, enrolment owner, meeting participant...; see health.policy.ts).
 */
async function testsScope(tx: Tx, row: CitizenRow): Promise<RowScope> {
  return {
    municipalityCode: row.municipality_code,
    citizenId: row.id,
    organisationIds: await repo.healthOrganisationsAmong(tx, [
      ...(await repo.testOrganisations(tx, row.id)),
      ...(row.linked_organisation_ids ?? []),
    ]),
    consentOrganisationIds: await repo.healthOrganisationsAmong(
      tx,
      await repo.consentOrganisations(tx, row.id, 'health_tests'),
    ),
  };
}

/**
 * Refuses a profile the actor has no basis to see (another organisation recorded it and the
 * citizen has not consented to share it), naming who recorded it.
 */
async function requireProfileBasis(
  tx: Tx,
  ctx: AuthedContext,
  grant: Grant,
  citizenId: string,
  response: q.ResponseRow,
) {
  const access = await sharing.profileAccess(
    tx,
    grant,
    ctx.actor.municipalityCode,
    citizenId,
    response.organisation_id,
  );
  if (access.basis) return access.basis;
  const by = access.originOrganisationName ?? 'Borgeren';
  throw new AppError('consent_required', {
    da: `${by} har registreret sundhedsprofilen; borgeren har ikke givet samtykke til at dele den med jer.`,
    en: `${by} recorded the health profile; the citizen has not consented to share it with you.`,
  });
}

function wantedThemes(answers: q.Answers): string[] {
  return themeCodes.filter((t) => answers[`${t}_wants_help`] === 'yes');
}

function presentResponse(r: q.ResponseRow) {
  const who5 = scoreWho5(r.answers);
  return {
    id: r.id,
    citizenId: r.subject_citizen_id as string,
    status: r.status,
    definitionKey: r.definition_key,
    definitionVersion: r.definition_version,
    filledInBy: r.filled_in_by,
    answers: r.answers,
    updatedAt: new Date(r.updated_at).toISOString(),
    completedAt: r.completed_at ? new Date(r.completed_at).toISOString() : null,
    who5: who5 ? { ...who5, explanation: who5Explanation[who5.flag] } : null,
    wantedThemes: wantedThemes(r.answers),
  };
}

export async function getProfile(ctx: AuthedContext, citizenId: string) {
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const { row, scope, grant } = await healthScope(
      tx,
      ctx,
      citizenId,
      'health.profile.read',
      'health_profile',
    );
    await q.ensureDefinition(tx, healthProfileDefinition);
    const response = await q.latestResponse(tx, HEALTH_PROFILE_KEY, citizenId);
    const definition = response
      ? await q.getDefinition(tx, response.definition_key, response.definition_version)
      : healthProfileDefinition;
    // Who may open the page is the policy's; whether the answers (WHO-5 included) are in it is
    // decided by where the profile came from (the cross-organisation view builder).
    const access = response
      ? await sharing.profileAccess(
          tx,
          grant,
          ctx.actor.municipalityCode,
          citizenId,
          response.organisation_id,
        )
      : null;
    const shown = response && access?.basis ? response : null;
    await audit(tx, ctx, {
      action: 'read',
      policyAction: 'health.profile.read',
      resourceType: 'health_profile',
      resourceId: response?.id ?? null,
      citizenId,
      grant,
      details: access?.basis
        ? { basis: sharing.presentBasis(access.basis) }
        : response
          ? { withheld: true }
          : undefined,
    });
    return {
      citizenId,
      definition,
      response: shown ? presentResponse(shown) : null,
      basis: access?.basis ? sharing.presentBasis(access.basis) : null,
      withheld:
        response && !access?.basis
          ? {
              reason: 'no_consent' as const,
              originOrganisationName: access?.originOrganisationName ?? null,
            }
          : null,
      // Each action with its own scope: the profile's scope holds every linked organisation (a
      // job center too), the tests' scope only health organisations.
      allowedActions: [
        ...allowedActions(ctx.actor, ['health.profile.write'], scope),
        ...allowedActions(ctx.actor, ['health.tests.read'], await testsScope(tx, row)),
      ],
    };
  });
}

/** Starts a new draft, or returns the open draft (one conversation at a time). */
export async function startProfile(ctx: AuthedContext, citizenId: string) {
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const { grant } = await healthScope(
      tx,
      ctx,
      citizenId,
      'health.profile.write',
      'health_profile',
    );
    await q.ensureDefinition(tx, healthProfileDefinition);
    let response = await q.latestResponse(tx, HEALTH_PROFILE_KEY, citizenId, 'draft');
    if (response) await requireProfileBasis(tx, ctx, grant, citizenId, response);
    let created = false;
    if (!response) {
      response = await q.createResponse(tx, {
        municipalityCode: ctx.actor.municipalityCode,
        definition: healthProfileDefinition,
        subjectCitizenId: citizenId,
        filledInBy: ctx.actor.citizenId === citizenId ? 'citizen' : 'staff_with_citizen',
        userId: ctx.actor.userId,
        organisationId: grant.organisationId,
      });
      created = true;
      await audit(tx, ctx, {
        action: 'create',
        policyAction: 'health.profile.write',
        resourceType: 'health_profile',
        resourceId: response.id,
        citizenId,
        grant,
      });
    }
    return { created, response: presentResponse(response) };
  });
}

async function loadResponseFor(tx: Tx, ctx: AuthedContext, id: string) {
  const response = await q.findResponse(tx, id);
  if (!response || response.definition_key !== HEALTH_PROFILE_KEY || !response.subject_citizen_id) {
    throw notFound({ da: 'Sundhedsprofilen findes ikke.', en: 'Health profile not found.' });
  }
  const { grant } = await healthScope(
    tx,
    ctx,
    response.subject_citizen_id,
    'health.profile.write',
    'health_profile',
  );
  const access = await sharing.profileAccess(
    tx,
    grant,
    ctx.actor.municipalityCode,
    response.subject_citizen_id,
    response.organisation_id,
  );
  if (!access.basis) {
    throw notFound({ da: 'Sundhedsprofilen findes ikke.', en: 'Health profile not found.' });
  }
  return { response, grant, citizenId: response.subject_citizen_id };
}

export async function saveAnswers(ctx: AuthedContext, id: string, answers: q.Answers) {
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const { response, grant, citizenId } = await loadResponseFor(tx, ctx, id);
    const saved = await q.saveDraftAnswers(tx, response, answers, ctx.actor.userId);
    await audit(tx, ctx, {
      action: 'update',
      policyAction: 'health.profile.write',
      resourceType: 'health_profile',
      resourceId: id,
      citizenId,
      grant,
      details: { questions: Object.keys(answers) },
    });
    return presentResponse(saved);
  });
}

export async function completeProfile(ctx: AuthedContext, id: string) {
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const { response, grant, citizenId } = await loadResponseFor(tx, ctx, id);
    const done = await q.completeResponse(tx, response, ctx.actor.userId, (_def, answers) => ({
      who5: scoreWho5(answers),
      selfRatedHealth: selfRatedHealthValue(answers.self_rated_health),
      wantedThemes: wantedThemes(answers),
    }));
    const who5 = scoreWho5(done.answers);
    // The facts carry the profile's origin, so the risk view withholds them where the profile is.
    const origin = { responseId: done.id, organisationId: done.organisation_id };
    await repo.upsertFact(
      tx,
      ctx.actor.municipalityCode,
      citizenId,
      'who5',
      who5?.score ?? null,
      origin,
    );
    await repo.upsertFact(
      tx,
      ctx.actor.municipalityCode,
      citizenId,
      'self_rated_health',
      selfRatedHealthValue(done.answers.self_rated_health),
      origin,
    );
    await audit(tx, ctx, {
      action: 'update',
      policyAction: 'health.profile.write',
      resourceType: 'health_profile',
      resourceId: id,
      citizenId,
      grant,
      details: { completed: true },
    });
    return presentResponse(done);
  });
}

export async function matches(ctx: AuthedContext, citizenId: string, today = danishToday()) {
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const { row, grant } = await healthScope(
      tx,
      ctx,
      citizenId,
      'health.profile.read',
      'health_profile',
    );
    const profile = await q.latestResponse(tx, HEALTH_PROFILE_KEY, citizenId, 'completed');
    if (!profile) {
      throw new AppError('conflict', {
        da: 'Sundhedsprofilen er ikke afsluttet endnu. Afslut den for at se forslag til tilbud.',
        en: 'The health profile is not completed yet. Complete it to see suggested offers.',
      });
    }
    await requireProfileBasis(tx, ctx, grant, citizenId, profile);
    const wanted = wantedThemes(profile.answers);
    const offers = (await catalogue.publishedOffers(tx)).map((o) => catalogue.presentOffer(o));
    const benefit = await repo.currentBenefit(tx, citizenId);
    const readiness = Object.fromEntries(
      themeCodes.map((t) => [t, profile.answers[`${t}_readiness`] as string | undefined]),
    );
    const suggestions = matchOffers(
      { wantedThemes: wanted, readiness },
      {
        postalCode: row.postal_code,
        benefitType: benefit?.code ?? null,
        benefitTypeName: benefit?.name ?? null,
      },
      offers,
      today,
    );
    await audit(tx, ctx, {
      action: 'read',
      policyAction: 'health.profile.read',
      resourceType: 'health_profile_matches',
      resourceId: profile.id,
      citizenId,
      grant,
    });
    return {
      profileCompletedAt: new Date(profile.completed_at as string).toISOString(),
      wantedThemes: wanted,
      suggestions: suggestions.slice(0, 20),
      gaps: catalogueGaps(wanted, offers).map((t) => ({ theme: t, label: themeLabel(t) })),
    };
  });
}

const n = (v: string | null) => (v === null ? null : Number(v));

export function bmiOf(weightKg?: number | null, heightCm?: number | null): number | null {
  if (!weightKg || !heightCm) return null;
  return Math.round((weightKg / (heightCm / 100) ** 2) * 10) / 10;
}

export async function listTests(ctx: AuthedContext, citizenId: string) {
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const row = await citizenRowForScope(tx, citizenId);
    const grant = authorize(ctx.actor, 'health.tests.read', await testsScope(tx, row));
    // Each test by the organisation that recorded it: another organisation's test only under the
    // citizen's consent to 'health_tests' (the builder audits the category read).
    const rows = await sharing.visibleTests(
      tx,
      ctx,
      grant,
      ctx.actor.municipalityCode,
      citizenId,
      await repo.listTests(tx, citizenId),
    );
    await audit(tx, ctx, {
      action: 'read',
      policyAction: 'health.tests.read',
      resourceType: 'health_test',
      citizenId,
      grant,
    });
    // Recording needs a grant of an organisation as well as the rule (see recordTest), so the
    // page is told exactly what a save would be allowed, not what the role table alone says.
    const writer = permits(ctx.actor, 'health.tests.write', citizenScope(row));
    const items = rows.map((t) => ({
      id: t.id,
      measuredOn: t.measured_on,
      recordedBy: t.organisation_name,
      weightKg: n(t.weight_kg),
      heightCm: n(t.height_cm),
      bmi: n(t.bmi),
      fatPercent: n(t.fat_percent),
      coPpm: t.co_ppm,
      systolic: t.systolic,
      diastolic: t.diastolic,
      note: t.note,
    }));
    return { items, allowedActions: writer?.organisationId ? ['health.tests.write'] : [] };
  });
}

export interface TestInput {
  measuredOn?: string;
  weightKg?: number | null;
  heightCm?: number | null;
  fatPercent?: number | null;
  coPpm?: number | null;
  systolic?: number | null;
  diastolic?: number | null;
  note?: string | null;
}

/** A test with no measurement, or dated in the future, is a mistake: refused before any write. */
function checkTest(input: TestInput, today: string) {
  const measured = [
    input.weightKg,
    input.heightCm,
    input.fatPercent,
    input.coPpm,
    input.systolic,
    input.diastolic,
  ].some((v) => v !== undefined && v !== null);
  if (!measured) {
    const da = 'Angiv mindst én måling.';
    throw new AppError(
      'validation',
      { da, en: 'Give at least one measurement.' },
      { errors: [{ in: 'body', pointer: '/weightKg', message: da }] },
    );
  }
  if (input.measuredOn && input.measuredOn > today) {
    const da = 'Datoen for målingen kan ikke ligge i fremtiden.';
    throw new AppError(
      'validation',
      { da, en: 'The date of the measurement cannot be in the future.' },
      { errors: [{ in: 'body', pointer: '/measuredOn', message: da }] },
    );
  }
}

export async function recordTest(ctx: AuthedContext, citizenId: string, input: TestInput) {
  checkTest(input, danishToday());
  await tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const row = await citizenRowForScope(tx, citizenId);
    const grant = authorize(ctx.actor, 'health.tests.write', citizenScope(row));
    if (!grant.organisationId) {
      throw new AppError('forbidden', {
        da: 'Sundhedstest registreres af en sundhedsfaglig organisation.',
        en: 'Health tests are recorded by a health organisation.',
      });
    }
    const id = await repo.insertTest(tx, {
      ...input,
      municipalityCode: ctx.actor.municipalityCode,
      citizenId,
      organisationId: grant.organisationId,
      userId: ctx.actor.userId,
      bmi: bmiOf(input.weightKg, input.heightCm),
    });
    await audit(tx, ctx, {
      action: 'create',
      policyAction: 'health.tests.write',
      resourceType: 'health_test',
      resourceId: id,
      citizenId,
      grant,
    });
  });
  return listTests(ctx, citizenId);
}

/** Managers: how many citizens want help with each theme, and which themes no offer covers. */
export async function gaps(ctx: AuthedContext) {
  authorize(ctx.actor, 'health.gaps.read');
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const profiles = await repo.latestCompletedAnswers(tx);
    const offers = await catalogue.publishedOffers(tx);
    return {
      citizensWithProfile: profiles.length,
      themes: themes.map((t) => {
        const wanting = profiles.filter((a) => a[`${t.code}_wants_help`] === 'yes').length;
        const covering = offers.filter((o) => o.themes.includes(t.code)).length;
        return {
          theme: t.code,
          label: t.label,
          citizensWantingHelp: wanting,
          publishedOffers: covering,
          gap: wanting > 0 && covering === 0,
        };
      }),
    };
  });
}

export interface GroupSessionInput {
  title: string;
  heldOn: string;
  participants: { citizenId: string; wishCards: string[] }[];
}

/**
 * København's group health conversation: the health consultant records the session and, for each
 * participant, the wish cards they picked. The cards become the participant's wishes on their own
 * health profile: the open draft gets them (or a new draft is started), exactly as if they had
 * been chosen in a one-to-one conversation. Every participant must be one the recorder may write
 * the profile of (404 for anyone else, and then nothing is saved); one audit row per citizen.
 */
export async function recordGroupSession(ctx: AuthedContext, input: GroupSessionInput) {
  const known = new Set(wishCards.map((w) => w.value));
  for (const [i, p] of input.participants.entries()) {
    const bad = p.wishCards.find((c) => !known.has(c));
    if (bad) {
      throw new AppError(
        'validation',
        { da: `Ukendt ønskekort: ${bad}.`, en: `Unknown wish card: ${bad}.` },
        {
          errors: [
            { in: 'body', pointer: `/participants/${i}/wishCards`, message: 'Ukendt ønskekort' },
          ],
        },
      );
    }
  }
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const sessionGrant = authorize(ctx.actor, 'health.group_session.write', {
      municipalityCode: ctx.actor.municipalityCode,
    });
    await q.ensureDefinition(tx, healthProfileDefinition);
    const sessionId = await repo.insertGroupSession(tx, {
      municipalityCode: ctx.actor.municipalityCode,
      organisationId: sessionGrant.organisationId,
      title: input.title,
      heldOn: input.heldOn,
      userId: ctx.actor.userId,
    });
    for (const p of input.participants) {
      const { grant } = await healthScope(
        tx,
        ctx,
        p.citizenId,
        'health.profile.write',
        'health_profile',
      );
      let response = await q.latestResponse(tx, HEALTH_PROFILE_KEY, p.citizenId, 'draft');
      if (response) await requireProfileBasis(tx, ctx, grant, p.citizenId, response);
      else {
        response = await q.createResponse(tx, {
          municipalityCode: ctx.actor.municipalityCode,
          definition: healthProfileDefinition,
          subjectCitizenId: p.citizenId,
          filledInBy: 'staff_with_citizen',
          userId: ctx.actor.userId,
          organisationId: grant.organisationId,
        });
      }
      await q.saveDraftAnswers(tx, response, { wish_cards: p.wishCards }, ctx.actor.userId);
      await repo.insertGroupParticipant(tx, {
        municipalityCode: ctx.actor.municipalityCode,
        sessionId,
        citizenId: p.citizenId,
        wishCards: p.wishCards,
        responseId: response.id,
      });
      await audit(tx, ctx, {
        action: 'update',
        policyAction: 'health.profile.write',
        resourceType: 'health_profile',
        resourceId: response.id,
        citizenId: p.citizenId,
        grant,
        details: { groupSessionId: sessionId, questions: ['wish_cards'] },
      });
    }
    return { id: sessionId, participants: input.participants.length };
  });
}

export async function listGroupSessions(ctx: AuthedContext) {
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    authorize(ctx.actor, 'health.group_session.write', {
      municipalityCode: ctx.actor.municipalityCode,
    });
    const rows = await repo.groupSessions(
      tx,
      hasRole(ctx.actor, 'caseworker', 'coordinating_caseworker') ? null : orgIds(ctx.actor),
    );
    return {
      items: rows.map((r) => ({
        id: r.id,
        title: r.title,
        heldOn: r.held_on,
        participants: Number(r.participants),
      })),
      wishCards,
    };
  });
}
