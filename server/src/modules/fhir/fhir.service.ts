/**
 * The FHIR R4 read API's use cases (decision 1040). Every citizen resource is built by one
 * function, `citizenResources`, which applies the same checks as the JSON API: the caller must be
 * allowed to open the citizen (fhir.read = citizen.read's scopes, else 404), then each piece passes
 * its owning module's policy action (consent.read, referral.read, plan.read, benefit.read,
 * citizen.reveal_cpr) and, for data another organisation recorded, the sharing builder (health
 * profile, WHO-5, health tests, attendance). A read of one resource builds the citizen's view and
 * picks it, so a resource the view leaves out is 404, whatever its id. Each read writes audit rows
 * (one per resource type read, with the ids) in the same transaction.
 */
import type { Bundle, BundleEntry, CapabilityStatement, Resource } from '@medplum/fhirtypes';
import { type AuditEntry, auditMany } from '../../platform/audit.js';
import { type AuthedContext, type Grant, type Tx, tenantTx } from '../../platform/context.js';
import { decryptCpr } from '../../platform/cpr.js';
import { AppError } from '../../platform/errors.js';
import { authorize, mayAttempt, permits, type RowScope } from '../../platform/policy.js';
import { type CitizenRow, citizenRowForScope, citizenScope } from '../citizens/citizens.service.js';
import { getDefinition } from '../questionnaires/questionnaires.service.js';
import {
  auditProfileRead,
  profileAccess,
  recipientOf,
  visibleAbsenceEnrolmentIds,
  visibleTests,
} from '../sharing/sharing.service.js';
import * as repo from './fhir.repo.js';
import { toAppointment } from './mappings/appointment.js';
import {
  type ClinicalType,
  clinicalTypes,
  supportedTypes,
  toCapabilityStatement,
} from './mappings/capability.js';
import { toCarePlan } from './mappings/care-plan.js';
import { toConsent } from './mappings/consent.js';
import { toEncounter } from './mappings/encounter.js';
import { toEpisodeOfCare } from './mappings/episode-of-care.js';
import { toGoal } from './mappings/goal.js';
import { toFactObservation, toHealthTestObservations } from './mappings/observation.js';
import { toOrganization } from './mappings/organization.js';
import { toPatient } from './mappings/patient.js';
import { toPractitionerRole } from './mappings/practitioner-role.js';
import { toQuestionnaire } from './mappings/questionnaire.js';
import { toQuestionnaireResponse } from './mappings/questionnaire-response.js';
import { toServiceRequest } from './mappings/service-request.js';
import { splitPairId } from './mappings/systems.js';
import { toTask } from './mappings/task.js';

export const FHIR_PREFIX = '/fhir/R4';
export const baseUrlOf = (ctx: { config: { publicUrl: string } }) =>
  `${ctx.config.publicUrl.replace(/\/$/, '')}${FHIR_PREFIX}`;

const notFound = () =>
  new AppError('not_found', {
    da: 'Ressourcen findes ikke, eller du har ikke adgang til den.',
    en: 'The resource does not exist or is not visible to you.',
  });

export function capability(ctx: { config: { publicUrl: string } }): CapabilityStatement {
  return toCapabilityStatement(baseUrlOf(ctx), '2026-12-06');
}

export function isSupportedType(type: string): boolean {
  return supportedTypes.includes(type);
}

const referencedOrganisations = (resources: Resource[]) => {
  const ids = new Set<string>();
  const text = JSON.stringify(resources);
  for (const m of text.matchAll(/"Organization\/([0-9a-f-]{36})"/g)) ids.add(m[1]!);
  return [...ids];
};

interface CitizenView {
  resources: Resource[];
  audits: AuditEntry[];
}

/**
 * The citizen's resources of the given types that the reader may see, with the audit rows the
 * read writes. The caller has already authorized fhir.read on the citizen (grant).
 */
async function citizenResources(
  tx: Tx,
  ctx: AuthedContext,
  grant: Grant,
  row: CitizenRow,
  types: ReadonlySet<string>,
): Promise<CitizenView> {
  const actor = ctx.actor;
  const scope = citizenScope(row);
  const m = row.municipality_code;
  const citizenId = row.id;
  const out: Resource[] = [];
  const audits: AuditEntry[] = [];
  const want = (t: string) => types.has(t);

  if (want('Patient')) {
    const mayCpr = permits(actor, 'citizen.reveal_cpr', scope) !== null;
    const cpr = mayCpr
      ? decryptCpr(
          { encryptionKey: ctx.config.cprEncryptionKey, hashKey: ctx.config.cprHashKey },
          row.cpr_encrypted,
        )
      : null;
    out.push(
      toPatient({
        id: row.id,
        firstName: row.first_name,
        lastName: row.last_name,
        birthDate: row.birth_date,
        gender: row.gender,
        address: row.address,
        postalCode: row.postal_code,
        city: row.city,
        phone: row.phone,
        email: row.email,
        preferredLanguage: row.preferred_language,
        cpr,
      }),
    );
    if (cpr) {
      audits.push({
        action: 'reveal_cpr',
        policyAction: 'citizen.reveal_cpr',
        resourceType: 'citizen',
        resourceId: citizenId,
        citizenId,
        grant,
        details: { interface: 'fhir' },
      });
    }
  }

  if (want('Consent')) {
    const all = permits(actor, 'consent.read', scope) !== null;
    const own = new Set(actor.grants.map((g) => g.organisationId).filter(Boolean));
    for (const c of await repo.consentsOf(tx, [citizenId])) {
      // Staff who may not read the citizen's consents see those given to their own organisation:
      // the basis they work on.
      if (!all && !own.has(c.recipient_organisation_id)) continue;
      out.push(
        toConsent({
          id: c.id,
          citizenId,
          recipientOrganisationId: c.recipient_organisation_id,
          recipientOrganisationName: c.recipient_name,
          categories: c.categories,
          purpose: c.purpose,
          validFrom: c.valid_from,
          validTo: c.valid_to,
          status: c.status,
          createdAt: c.created_at,
        }),
      );
    }
  }

  if (want('ServiceRequest') || want('Task')) {
    for (const r of await repo.referralsOf(tx, [citizenId])) {
      const rowScope: RowScope = {
        municipalityCode: m,
        citizenId,
        organisationIds: [r.from_organisation_id, r.to_organisation_id],
      };
      if (!permits(actor, 'referral.read', rowScope)) continue;
      const input = referralInput(r);
      if (want('ServiceRequest')) out.push(toServiceRequest(input));
      if (want('Task')) out.push(toTask(input));
    }
  }

  const healthProfile = mayAttempt(actor, 'health.profile.read');
  let profileBasis: Awaited<ReturnType<typeof profileAccess>>['basis'] = null;
  let profileResourceId: string | null = null;
  if (healthProfile && (want('QuestionnaireResponse') || want('Questionnaire'))) {
    const shownDefinitions = new Set<string>();
    for (const r of await repo.responsesOf(tx, citizenId)) {
      const access = await profileAccess(tx, grant, m, citizenId, r.organisation_id);
      if (!access.basis) continue;
      profileBasis ??= access.basis;
      profileResourceId ??= r.id;
      const def = await getDefinition(tx, r.definition_key, r.definition_version);
      if (want('QuestionnaireResponse')) {
        out.push(
          toQuestionnaireResponse(def, {
            id: r.id,
            citizenId,
            status: r.status,
            answers: r.answers,
            filledInBy: r.filled_in_by,
            organisationId: r.organisation_id,
            organisationName: r.organisation_name,
            updatedAt: r.updated_at,
            completedAt: r.completed_at,
          }),
        );
      }
      const key = `${def.key}|${def.version}`;
      if (want('Questionnaire') && !shownDefinitions.has(key)) {
        shownDefinitions.add(key);
        out.push(toQuestionnaire(def));
      }
    }
  }

  if (want('Observation')) {
    if (healthProfile) {
      for (const f of await repo.factsOf(tx, citizenId)) {
        const access = await profileAccess(tx, grant, m, citizenId, f.origin_organisation_id);
        if (!access.basis) continue;
        profileBasis ??= access.basis;
        out.push(
          toFactObservation({
            citizenId,
            fact: f.fact,
            value: Number(f.value),
            recordedAt: f.recorded_at,
            sourceResponseId: f.source_response_id,
            originOrganisationId: f.origin_organisation_id,
          }),
        );
      }
    }
    if (mayAttempt(actor, 'health.tests.read')) {
      const tests = await repo.testsOf(tx, citizenId);
      // The builder audits the category read itself.
      const shown = tests.length ? await visibleTests(tx, ctx, grant, m, citizenId, tests) : [];
      for (const t of shown) {
        out.push(
          ...toHealthTestObservations({
            id: t.id,
            citizenId,
            organisationId: t.recorded_by_organisation_id,
            measuredOn: t.measured_on,
            weightKg: t.weight_kg,
            heightCm: t.height_cm,
            bmi: t.bmi,
            fatPercent: t.fat_percent,
            coPpm: t.co_ppm,
            systolic: t.systolic,
            diastolic: t.diastolic,
          }),
        );
      }
    }
  }
  if (profileBasis) {
    await auditProfileRead(tx, ctx, grant, {
      citizenId,
      basis: profileBasis,
      view: 'fhir',
      policyAction: 'fhir.read',
      resourceId: profileResourceId ?? citizenId,
    });
  }

  if ((want('CarePlan') || want('Goal')) && permits(actor, 'plan.read', scope)) {
    const found = await repo.planOf(tx, citizenId);
    if (found) {
      const { plan, goals, activities } = found;
      if (want('CarePlan')) {
        out.push(
          toCarePlan({
            id: plan.id,
            citizenId,
            goalKind: plan.goal_kind,
            jobGoal: plan.job_goal,
            status: plan.status,
            ownerOrganisationId: plan.owner_organisation_id,
            createdAt: plan.created_at,
            goalIds: goals.map((g) => g.id),
            activities: activities.map((a) => ({
              id: a.id,
              title: a.title,
              requirement: a.requirement,
              referralId: a.referral_id,
              status: a.status,
            })),
          }),
        );
      }
      if (want('Goal')) {
        for (const g of goals) {
          out.push(
            toGoal({
              id: g.id,
              citizenId,
              parentGoalId: g.parent_goal_id,
              specific: g.specific,
              measurable: g.measurable,
              agreedWithCitizen: g.agreed_with_citizen,
              relevance: g.relevance,
              dueDate: g.due_date,
              category: g.category,
              requirement: g.requirement,
              status: g.status,
              createdAt: g.created_at,
            }),
          );
        }
      }
    }
  }

  if (want('Appointment') || want('Encounter')) {
    const sessions = await repo.sessionsOf(tx, [citizenId]);
    const enrolments = [...new Set(sessions.map((s) => s.enrolment_id))];
    // Sessions and attendance follow the attendance rule of the sharing builder: the course's
    // own organisation, the referring job centre by law (mandatory offers), or under consent.
    // The organisation running the course recorded it: its own (the courses module's rule).
    const ownOrganisations = new Set(actor.grants.map((g) => g.organisationId).filter(Boolean));
    const ownCourse = new Set(
      sessions
        .filter((s) => ownOrganisations.has(s.course_organisation_id))
        .map((s) => s.enrolment_id),
    );
    const others = enrolments.filter((e) => !ownCourse.has(e));
    const visible = new Set([
      ...ownCourse,
      ...(others.length ? await visibleAbsenceEnrolmentIds(tx, grant, m, others) : []),
    ]);
    for (const s of sessions) {
      if (!visible.has(s.enrolment_id)) continue;
      if (want('Appointment')) {
        out.push(
          toAppointment({
            sessionId: s.session_id,
            enrolmentId: s.enrolment_id,
            citizenId,
            courseTitle: s.course_title,
            referralId: s.referral_id,
            startsAt: s.starts_at,
            endsAt: s.ends_at,
            status: s.session_status,
            attended: s.attendance === null ? null : s.attendance === 'present',
            place: s.place,
          }),
        );
      }
      if (want('Encounter') && s.attendance) {
        out.push(
          toEncounter({
            sessionId: s.session_id,
            enrolmentId: s.enrolment_id,
            citizenId,
            courseOrganisationId: s.course_organisation_id,
            referralId: s.referral_id,
            status: s.attendance,
            startsAt: s.starts_at,
            endsAt: s.ends_at,
          }),
        );
      }
    }
  }

  if (want('EpisodeOfCare') && permits(actor, 'benefit.read', scope)) {
    const jobCentre = row.organisation_id ?? (await repo.jobCentreId(tx));
    // The care manager's name is for staff; the citizen's own log never names employees.
    const manager =
      actor.kind === 'staff' && row.responsible_caseworker_id
        ? await repo.caseworkerRole(tx, row.responsible_caseworker_id)
        : undefined;
    for (const b of await repo.benefitPeriodsOf(tx, [citizenId])) {
      out.push(
        toEpisodeOfCare({
          id: b.id,
          citizenId,
          benefitType: b.benefit_type,
          benefitTypeName: b.name_da,
          startDate: b.start_date,
          endDate: b.end_date,
          endReason: b.end_reason,
          managingOrganisationId: jobCentre,
          careManagerRoleId: manager?.id ?? null,
          careManagerName: manager?.display_name ?? null,
        }),
      );
    }
  }

  const byType = new Map<string, string[]>();
  for (const r of out) {
    if (r.resourceType === 'Questionnaire') continue; // no citizen data
    const ids = byType.get(r.resourceType) ?? [];
    ids.push(r.id!);
    byType.set(r.resourceType, ids);
  }
  for (const [type, ids] of byType) {
    audits.push({
      action: 'read',
      policyAction: 'fhir.read',
      resourceType: `fhir:${type}`,
      resourceId: ids.length === 1 ? ids[0]! : null,
      citizenId,
      grant,
      details: { interface: 'fhir', ids, basis: recipientOf(grant).side },
    });
  }
  return { resources: out, audits };
}

export function referralInput(r: repo.ReferralRow) {
  return {
    id: r.id,
    citizenId: r.citizen_id,
    offerId: r.offer_id,
    offerTitle: r.offer_title,
    fromOrganisationId: r.from_organisation_id,
    fromOrganisationName: r.from_name,
    toOrganisationId: r.to_organisation_id,
    toOrganisationName: r.to_name,
    reason: r.reason,
    participation: r.participation,
    state: r.state,
    stateReason: r.state_reason,
    consentId: r.consent_id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** The citizen if the actor may open it through FHIR; not_found otherwise. */
async function openCitizen(tx: Tx, ctx: AuthedContext, citizenId: string) {
  const row = await citizenRowForScope(tx, citizenId).catch(() => {
    throw notFound();
  });
  const grant = authorize(ctx.actor, 'fhir.read', citizenScope(row));
  return { row, grant };
}

const orgResource = (o: repo.OrganisationRow) =>
  toOrganization({
    id: o.id,
    name: o.name,
    type: o.type,
    address: o.address,
    active: o.active,
    municipalityCode: o.municipality_code,
  });

/** GET /fhir/R4/{type}/{id}. */
export async function read(ctx: AuthedContext, type: string, id: string): Promise<Resource> {
  if (!isSupportedType(type)) throw unsupportedType(type);
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    if (type === 'Organization' || type === 'PractitionerRole' || type === 'Questionnaire') {
      return directoryRead(tx, ctx, type, id);
    }
    const citizenId = await repo.citizenOfResource(tx, type, id, splitPairId(id));
    if (!citizenId) throw notFound();
    const { row, grant } = await openCitizen(tx, ctx, citizenId);
    const view = await citizenResources(tx, ctx, grant, row, new Set([type]));
    const found = view.resources.find((r) => r.resourceType === type && r.id === id);
    if (!found) throw notFound();
    await auditMany(
      tx,
      ctx,
      // The view was built for the type; the read delivered one resource of it.
      view.audits.map((a) =>
        a.resourceType === `fhir:${type}`
          ? { ...a, resourceId: id, details: { ...a.details, ids: [id] } }
          : a,
      ),
    );
    return found;
  });
}

async function directoryRead(tx: Tx, ctx: AuthedContext, type: string, id: string) {
  if (ctx.actor.kind === 'citizen' && type !== 'Organization' && type !== 'Questionnaire') {
    throw notFound();
  }
  if (type === 'Organization') {
    if (!/^[0-9a-f-]{36}$/.test(id)) throw notFound();
    const [o] = await repo.organisations(tx, [id]);
    if (!o) throw notFound();
    return orgResource(o);
  }
  if (type === 'PractitionerRole') {
    authorize(ctx.actor, 'fhir.directory');
    if (!/^[0-9a-f-]{36}$/.test(id)) throw notFound();
    const r = await repo.staffRole(tx, id);
    if (!r) throw notFound();
    return toPractitionerRole({
      id: r.id,
      role: r.role,
      displayName: r.display_name,
      organisationId: r.organisation_id,
      organisationName: r.organisation_name,
      active: r.active,
    });
  }
  const def = await repo.definitionByFhirId(tx, id);
  if (!def) throw notFound();
  return toQuestionnaire(def.definition);
}

function bundle(ctx: AuthedContext, resources: Resource[], selfUrl: string): Bundle {
  const base = baseUrlOf(ctx);
  const entry: BundleEntry[] = resources.map((resource) => ({
    fullUrl: `${base}/${resource.resourceType}/${resource.id}`,
    resource,
    search: { mode: 'match' },
  }));
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total: entry.length,
    link: [{ relation: 'self', url: `${base}${selfUrl}` }],
    entry,
  };
}

/** The patient id of a `patient`/`subject` search value: `Patient/{id}` or `{id}`. */
export function patientIdOf(value: string): string | null {
  const id = value.startsWith('Patient/') ? value.slice('Patient/'.length) : value;
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id) ? id : null;
}

/** GET /fhir/R4/{type}?patient=… (or subject=…): a searchset; empty for a citizen out of reach. */
export async function search(
  ctx: AuthedContext,
  type: string,
  patient: string,
  selfUrl: string,
): Promise<Bundle> {
  if (!(type in clinicalTypes)) {
    throw new AppError('validation', {
      da: `Søgning understøttes ikke for ${type}.`,
      en: `Search is not supported for ${type}.`,
    });
  }
  const citizenId = patientIdOf(patient);
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    if (!citizenId) return bundle(ctx, [], selfUrl);
    let opened: Awaited<ReturnType<typeof openCitizen>>;
    try {
      opened = await openCitizen(tx, ctx, citizenId);
    } catch (error) {
      if (error instanceof AppError && error.code === 'not_found') return bundle(ctx, [], selfUrl);
      throw error;
    }
    const view = await citizenResources(
      tx,
      ctx,
      opened.grant,
      opened.row,
      new Set([type as ClinicalType]),
    );
    await auditMany(tx, ctx, view.audits);
    return bundle(ctx, view.resources, selfUrl);
  });
}

/** GET /fhir/R4/Patient/{id}/$everything: every resource of the citizen the reader may see. */
export async function everything(ctx: AuthedContext, citizenId: string): Promise<Bundle> {
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    if (!patientIdOf(citizenId)) throw notFound();
    const { row, grant } = await openCitizen(tx, ctx, citizenId);
    const view = await citizenResources(tx, ctx, grant, row, new Set(supportedTypes));
    const orgs = (await repo.organisations(tx, referencedOrganisations(view.resources))).map(
      orgResource,
    );
    await auditMany(tx, ctx, view.audits);
    return bundle(ctx, [...view.resources, ...orgs], `/Patient/${citizenId}/$everything`);
  });
}

export function unsupportedType(type: string) {
  return new AppError(
    'not_found',
    {
      da: `Ressourcetypen ${type} understøttes ikke (se /fhir/R4/metadata).`,
      en: `Resource type ${type} is not supported (see /fhir/R4/metadata).`,
    },
    { fhirCode: 'not-supported' },
  );
}
