/**
 * The one builder of every view in which one organisation sees data another organisation (or the
 * citizen) recorded: the provider's shared view of a referral, the health centre's view of a
 * job-centre citizen, and the job centre's view of health data (health profile, WHO-5 and
 * self-rated health in the risk view, absence flags). Modules call it; none of them decides on
 * its own what crosses. Inputs are read at every request inside the caller's transaction (valid
 * consents, the recipient's chain, the data's origin and participation), so a withdrawal or an
 * expiry is felt by the very next read. Every delivered category is audited as a read of that
 * category, so it shows in the citizen's access log. The rule itself is sharing.rules.ts.
 */
import { audit } from '../../platform/audit.js';
import type { ConsentCategory } from '../../platform/consent.js';
import type { AuthedContext, Grant, Tx } from '../../platform/context.js';
import * as repo from './sharing.repo.js';
import {
  type Basis,
  basisFor,
  type ConsentBasis,
  type Inputs,
  type Piece,
  type Recipient,
} from './sharing.rules.js';

export type { Basis, Recipient } from './sharing.rules.js';

const healthOrganisationTypes = [
  'sundhedscenter',
  'traeningscenter',
  'forebyggelsescenter',
  'rusmiddelcenter',
];

/** Who the reader is, for the rule: the side and the organisation of the grant they act under. */
export function recipientOf(grant: Grant): Recipient {
  switch (grant.role) {
    case 'caseworker':
    case 'coordinating_caseworker':
      return { side: 'job_centre', organisationId: grant.organisationId };
    case 'health_professional':
      return {
        side: healthOrganisationTypes.includes(grant.organisationType ?? '')
          ? 'health'
          : 'provider',
        organisationId: grant.organisationId,
      };
    case 'provider_staff':
      return { side: 'provider', organisationId: grant.organisationId };
    case 'citizen':
      return { side: 'citizen', organisationId: null };
    default:
      return { side: 'none', organisationId: grant.organisationId };
  }
}

/** The recipient's valid consents (by category) and whether it holds the citizen. */
export async function inputsFor(
  tx: Tx,
  municipalityCode: string,
  citizenId: string,
  recipient: Recipient,
): Promise<Inputs> {
  if (!recipient.organisationId || recipient.side === 'citizen') {
    return { consents: {}, holdsCitizen: false };
  }
  const rows = await repo.validConsents(tx, citizenId, recipient.organisationId);
  const consents: Inputs['consents'] = {};
  for (const r of rows) {
    for (const c of r.categories as ConsentCategory[]) {
      consents[c] ??= { kind: 'consent', consentId: r.id, validTo: r.valid_to, purpose: r.purpose };
    }
  }
  return {
    consents,
    holdsCitizen: await repo.holdsCitizen(
      tx,
      municipalityCode,
      citizenId,
      recipient.organisationId,
    ),
  };
}

/** The basis as the API shows it. */
export function presentBasis(b: Basis) {
  switch (b.kind) {
    case 'consent':
      return {
        kind: b.kind,
        consentId: b.consentId,
        validTo: b.validTo,
        purpose: b.purpose,
        law: null,
      };
    case 'legal':
      return { kind: b.kind, consentId: null, validTo: null, purpose: null, law: b.law };
    default:
      return { kind: b.kind, consentId: null, validTo: null, purpose: null, law: null };
  }
}
export type PresentedBasis = ReturnType<typeof presentBasis>;

/** One audit row per category read, with the basis: what the citizen's access log shows. */
async function auditCategory(
  tx: Tx,
  ctx: AuthedContext,
  grant: Grant,
  e: {
    citizenId: string;
    category: ConsentCategory;
    basis: Basis;
    view: string;
    policyAction: string;
    resourceId?: string | null;
  },
) {
  await audit(tx, ctx, {
    action: 'read',
    policyAction: e.policyAction,
    resourceType: e.category,
    resourceId: e.resourceId ?? null,
    citizenId: e.citizenId,
    grant,
    details: { view: e.view, basis: presentBasis(e.basis) },
  });
}

function coursePiece(
  category: 'attendance' | 'outcome',
  c: Pick<
    repo.CourseRow,
    'course_organisation_id' | 'referral_from_organisation_id' | 'participation'
  >,
): Piece {
  return {
    category,
    originOrganisationId: c.course_organisation_id,
    courseOrganisationId: c.course_organisation_id,
    referralFromOrganisationId: c.referral_from_organisation_id,
    participation: c.participation,
  };
}

/** Why a category the referral names is not in the view: for the page to say so. */
export type WithheldReason = 'no_consent' | 'no_data';

/**
 * The shared view of a referral, for whoever reads it: the categories the referral names, each
 * only where the rule gives the reader a basis, each course datum only from the reader's own
 * courses (or, for the job centre, a mandatory activation it referred to, or under consent).
 */
export async function referralView(
  tx: Tx,
  ctx: AuthedContext,
  grant: Grant,
  ref: { id: string; municipality_code: string; citizen_id: string; shared_categories: string[] },
) {
  const recipient = recipientOf(grant);
  const inputs = await inputsFor(tx, ref.municipality_code, ref.citizen_id, recipient);
  const named = ref.shared_categories as ConsentCategory[];
  const delivered: { category: ConsentCategory; basis: PresentedBasis }[] = [];
  const withheld: { category: ConsentCategory; reason: WithheldReason }[] = [];
  const view = 'referral_shared';
  const policyAction = 'referral.shared';

  let screeningNotes: ReturnType<typeof presentNotes> | undefined;
  if (named.includes('screening_notes')) {
    const basis = basisFor(
      recipient,
      { category: 'screening_notes', originOrganisationId: null, jobCentreRecord: true },
      inputs,
    );
    const notes = basis ? await repo.latestScreeningNotes(tx, ref.citizen_id) : undefined;
    if (basis && notes) {
      screeningNotes = presentNotes(notes);
      delivered.push({ category: 'screening_notes', basis: presentBasis(basis) });
      await auditCategory(tx, ctx, grant, {
        citizenId: ref.citizen_id,
        category: 'screening_notes',
        basis,
        view,
        policyAction,
        resourceId: notes.screening_id,
      });
    } else withheld.push({ category: 'screening_notes', reason: basis ? 'no_data' : 'no_consent' });
  }

  const courses =
    named.includes('attendance') || named.includes('outcome')
      ? await repo.coursesOfCitizen(tx, ref.citizen_id)
      : [];

  let attendance:
    | {
        courseTitle: string;
        registered: number;
        present: number;
        absent: number;
        basis: PresentedBasis;
      }[]
    | undefined;
  if (named.includes('attendance')) {
    const shown = courses
      .map((c) => ({ c, basis: basisFor(recipient, coursePiece('attendance', c), inputs) }))
      .filter((x): x is { c: repo.CourseRow; basis: Basis } => x.basis !== null);
    if (shown.length) {
      attendance = shown.map(({ c, basis }) => ({
        courseTitle: c.course_title,
        registered: Number(c.registered),
        present: Number(c.present),
        absent: Number(c.absent),
        basis: presentBasis(basis),
      }));
      delivered.push({ category: 'attendance', basis: attendance[0]!.basis });
      for (const { c, basis } of shown) {
        await auditCategory(tx, ctx, grant, {
          citizenId: ref.citizen_id,
          category: 'attendance',
          basis,
          view,
          policyAction,
          resourceId: c.enrolment_id,
        });
      }
    } else {
      const anyBasis = inputs.consents.attendance || recipient.side === 'citizen';
      withheld.push({ category: 'attendance', reason: anyBasis ? 'no_data' : 'no_consent' });
    }
  }

  let outcomes:
    | {
        courseTitle: string;
        declaredFit: boolean;
        nextStep: string | null;
        recordedAt: string;
        basis: PresentedBasis;
      }[]
    | undefined;
  if (named.includes('outcome')) {
    const byCourse = new Map(courses.map((c) => [c.course_id, c]));
    const shown = (await repo.outcomesOfCitizen(tx, ref.citizen_id))
      .map((o) => {
        const c = byCourse.get(o.course_id);
        const basis = c ? basisFor(recipient, coursePiece('outcome', c), inputs) : null;
        return { o, basis };
      })
      .filter((x): x is { o: repo.OutcomeRow; basis: Basis } => x.basis !== null);
    if (shown.length) {
      outcomes = shown.map(({ o, basis }) => ({
        courseTitle: o.course_title,
        declaredFit: o.declared_fit,
        nextStep: o.next_step,
        recordedAt: new Date(o.recorded_at).toISOString(),
        basis: presentBasis(basis),
      }));
      delivered.push({ category: 'outcome', basis: outcomes[0]!.basis });
      for (const { o, basis } of shown) {
        await auditCategory(tx, ctx, grant, {
          citizenId: ref.citizen_id,
          category: 'outcome',
          basis,
          view,
          policyAction,
          resourceId: o.course_id,
        });
      }
    } else {
      const anyBasis = inputs.consents.outcome || recipient.side === 'citizen';
      withheld.push({ category: 'outcome', reason: anyBasis ? 'no_data' : 'no_consent' });
    }
  }

  return {
    delivered,
    withheld,
    ...(screeningNotes ? { screeningNotes } : {}),
    ...(attendance ? { attendance } : {}),
    ...(outcomes ? { outcomes } : {}),
  };
}

function presentNotes(n: repo.ScreeningNotesRow) {
  return {
    completedAt: n.completed_at ? new Date(n.completed_at).toISOString() : null,
    overallRecommendation: n.overall_recommendation,
    recommendationNote: n.recommendation_note,
    findings: n.findings.map((f) => ({
      discipline: f.discipline,
      findings: f.findings,
      recommendation: f.recommendation,
      filledByName: f.filled_by_name,
    })),
  };
}

/**
 * Whether the reader may see a health profile (answers, WHO-5, self-rated health): the
 * organisation that recorded it sees it; another organisation only under the citizen's consent
 * to 'health_profile' (a health organisation also only while it holds the citizen).
 */
export async function profileAccess(
  tx: Tx,
  grant: Grant,
  municipalityCode: string,
  citizenId: string,
  originOrganisationId: string | null,
): Promise<{
  basis: Basis | null;
  originOrganisationId: string | null;
  originOrganisationName: string | null;
}> {
  const recipient = recipientOf(grant);
  const inputs = await inputsFor(tx, municipalityCode, citizenId, recipient);
  return {
    basis: basisFor(recipient, { category: 'health_profile', originOrganisationId }, inputs),
    originOrganisationId,
    originOrganisationName: await repo.organisationName(tx, originOrganisationId),
  };
}

/** Audits a delivered health-profile read as a read of the category. */
export async function auditProfileRead(
  tx: Tx,
  ctx: AuthedContext,
  grant: Grant,
  e: { citizenId: string; basis: Basis; view: string; policyAction: string; resourceId: string },
) {
  await auditCategory(tx, ctx, grant, { ...e, category: 'health_profile' });
}

/**
 * The health facts (WHO-5, self-rated health) the reader may see, each by the origin of the
 * profile it came from. A fact the reader may not see must not reach the risk rules either: a
 * suggested group would give it away.
 */
export async function visibleFacts(
  tx: Tx,
  ctx: AuthedContext,
  grant: Grant,
  municipalityCode: string,
  citizenId: string,
  view: string,
  policyAction: string,
): Promise<{
  visible: Set<string>;
  withheld: { fact: string; originOrganisationName: string | null }[];
}> {
  const recipient = recipientOf(grant);
  const inputs = await inputsFor(tx, municipalityCode, citizenId, recipient);
  const visible = new Set<string>();
  const withheld: { fact: string; originOrganisationName: string | null }[] = [];
  let audited: Basis | null = null;
  for (const f of await repo.factOrigins(tx, citizenId)) {
    const basis = basisFor(
      recipient,
      { category: 'health_profile', originOrganisationId: f.origin_organisation_id },
      inputs,
    );
    if (basis) {
      visible.add(f.fact);
      audited ??= basis;
    } else {
      withheld.push({
        fact: f.fact,
        originOrganisationName: await repo.organisationName(tx, f.origin_organisation_id),
      });
    }
  }
  if (audited) {
    await auditCategory(tx, ctx, grant, {
      citizenId,
      category: 'health_profile',
      basis: audited,
      view,
      policyAction,
    });
  }
  return { visible, withheld };
}

/** Of the citizen's health tests, those the reader may see (by the organisation that recorded each). */
export async function visibleTests<T extends { recorded_by_organisation_id: string }>(
  tx: Tx,
  ctx: AuthedContext,
  grant: Grant,
  municipalityCode: string,
  citizenId: string,
  tests: T[],
): Promise<T[]> {
  const recipient = recipientOf(grant);
  const inputs = await inputsFor(tx, municipalityCode, citizenId, recipient);
  const shown: T[] = [];
  let audited: Basis | null = null;
  for (const t of tests) {
    const basis = basisFor(
      recipient,
      { category: 'health_tests', originOrganisationId: t.recorded_by_organisation_id },
      inputs,
    );
    if (basis) {
      shown.push(t);
      audited ??= basis;
    }
  }
  if (audited) {
    await auditCategory(tx, ctx, grant, {
      citizenId,
      category: 'health_tests',
      basis: audited,
      view: 'health_tests',
      policyAction: 'health.tests.read',
    });
  }
  return shown;
}

/**
 * Of the given absence flags, those the reader may see: absence at a mandatory activation offer
 * reaches the job centre that referred by law; at a voluntary offer only under the citizen's
 * consent to 'attendance'.
 */
export async function visibleFlagIds(
  tx: Tx,
  grant: Grant,
  municipalityCode: string,
  flagIds: readonly string[],
): Promise<Map<string, Basis>> {
  const recipient = recipientOf(grant);
  const rows = await repo.flagOrigins(tx, flagIds);
  const inputsByCitizen = new Map<string, Inputs>();
  const shown = new Map<string, Basis>();
  for (const f of rows) {
    let inputs = inputsByCitizen.get(f.citizen_id);
    if (!inputs) {
      inputs = await inputsFor(tx, municipalityCode, f.citizen_id, recipient);
      inputsByCitizen.set(f.citizen_id, inputs);
    }
    const basis = basisFor(recipient, coursePiece('attendance', f), inputs);
    if (basis) shown.set(f.id, basis);
  }
  return shown;
}

/**
 * Of the given enrolments, those whose absence the reader may see (the task list's absence
 * tasks): the same rule as absence flags; an enrolment the reader's organisation owns (a
 * continued activity) is its own.
 */
export async function visibleAbsenceEnrolmentIds(
  tx: Tx,
  grant: Grant,
  municipalityCode: string,
  enrolmentIds: readonly string[],
): Promise<Set<string>> {
  const recipient = recipientOf(grant);
  const shown = new Set<string>();
  const inputsByCitizen = new Map<string, Inputs>();
  for (const e of await repo.enrolmentOrigins(tx, enrolmentIds)) {
    if (recipient.organisationId && e.owner_organisation_id === recipient.organisationId) {
      shown.add(e.id);
      continue;
    }
    let inputs = inputsByCitizen.get(e.citizen_id);
    if (!inputs) {
      inputs = await inputsFor(tx, municipalityCode, e.citizen_id, recipient);
      inputsByCitizen.set(e.citizen_id, inputs);
    }
    if (basisFor(recipient, coursePiece('attendance', e), inputs)) shown.add(e.id);
  }
  return shown;
}

export type { ConsentBasis };
