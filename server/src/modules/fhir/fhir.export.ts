/**
 * FHIR Bulk Data export of the caller's municipality ($export, asynchronous, NDJSON; decision
 * 1040). For the manager (an integration user is a user with the manager role): evaluation and
 * statistics, so it carries what the dashboards may, at citizen level under a pseudonym:
 * - Patient without name, CPR, address, contact or birth date; the id is a pseudonym made with a
 *   key that lives only while the job runs, so two exports cannot be linked to each other or to
 *   Helhed's ids;
 * - no health content (no QuestionnaireResponse, no Observation) and no free text;
 * - attendance (Encounter) only where the job centre has a basis: a mandatory activation offer it
 *   referred to, or the citizen's consent to 'attendance' (decision 0801);
 * - small cells left out: an offer, a course or a benefit type with 1–4 citizens (as the
 *   dashboards hide counts of 1–4).
 * The job runs in the server in pages of citizens, stores each type's NDJSON in parts and reports
 * done/total as its progress. The kick-off and each file download are audited as exports.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { Resource } from '@medplum/fhirtypes';
import type { Config } from '../../config.js';
import type { Database } from '../../db/database.js';
import { audit } from '../../platform/audit.js';
import { type AuthedContext, type Tx, tenantTx } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { authorize } from '../../platform/policy.js';
import * as repo from './fhir.repo.js';
import { baseUrlOf } from './fhir.service.js';
import { toEncounter } from './mappings/encounter.js';
import { toEpisodeOfCare } from './mappings/episode-of-care.js';
import { toOrganization } from './mappings/organization.js';
import { toPseudonymousPatient } from './mappings/patient.js';
import { toServiceRequest } from './mappings/service-request.js';
import { toTask } from './mappings/task.js';

export const exportTypes = [
  'Patient',
  'Organization',
  'EpisodeOfCare',
  'ServiceRequest',
  'Task',
  'Encounter',
] as const;
type ExportType = (typeof exportTypes)[number];

/** Citizens per page of work; lines per stored NDJSON part. */
const PAGE = 500;
const PART_LINES = 20_000;

const exportRow = (ctx: AuthedContext) => ({ municipalityCode: ctx.actor.municipalityCode });

function typesOf(param: string | undefined): ExportType[] {
  if (!param) return [...exportTypes];
  const asked = param
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
  const unknown = asked.filter((t) => !(exportTypes as readonly string[]).includes(t));
  if (unknown.length) {
    throw new AppError('validation', {
      da: `Udtrækket kan ikke indeholde ${unknown.join(', ')}. Mulige typer: ${exportTypes.join(', ')}.`,
      en: `The export cannot contain ${unknown.join(', ')}. Supported types: ${exportTypes.join(', ')}.`,
    });
  }
  return asked as ExportType[];
}

/** Kick-off: records the job, starts it in the background and returns its status URL. */
export async function kickOff(
  ctx: AuthedContext,
  q: { _type?: string; _outputFormat?: string },
  requestUrl: string,
): Promise<{ jobId: string; statusUrl: string }> {
  const grant = authorize(ctx.actor, 'fhir.export', exportRow(ctx));
  const format = q._outputFormat;
  if (format && !['application/fhir+ndjson', 'application/ndjson', 'ndjson'].includes(format)) {
    throw new AppError('validation', {
      da: 'Udtrækket leveres kun som NDJSON.',
      en: 'The export is available as NDJSON only.',
    });
  }
  const types = typesOf(q._type);
  // The GET form of the kick-off writes too: never re-run it as a read (decision 0820).
  const writing = { ...ctx, readOnly: false };
  const jobId = await tenantTx(writing, ctx.actor.municipalityCode, async (tx) => {
    const id = await repo.insertExportJob(tx, {
      municipalityCode: ctx.actor.municipalityCode,
      requestedBy: ctx.actor.userId,
      types,
      requestUrl,
    });
    await audit(tx, ctx, {
      action: 'export',
      policyAction: 'fhir.export',
      resourceType: 'fhir_export',
      resourceId: id,
      grant,
      details: { types },
    });
    return id;
  });
  const run = runExport(
    { database: ctx.database, config: ctx.config },
    ctx.actor.municipalityCode,
    jobId,
  );
  running.add(run);
  void run.finally(() => running.delete(run));
  return { jobId, statusUrl: `${baseUrlOf(ctx)}/$export/${jobId}` };
}

/** Jobs running in this process (tests and a graceful stop wait for them). */
const running = new Set<Promise<void>>();
export async function exportsSettled(): Promise<void> {
  await Promise.allSettled([...running]);
}

/** The job's work; never throws (a failure is recorded on the job). */
export async function runExport(
  ctx: { database: Database; config: Config },
  municipalityCode: string,
  jobId: string,
): Promise<void> {
  const key = randomBytes(32);
  const pseudonym = (citizenId: string) =>
    createHmac('sha256', key).update(citizenId).digest('hex').slice(0, 32);
  const tx = <T>(fn: (t: Tx) => Promise<T>) => tenantTx<T>(ctx, municipalityCode, fn);
  try {
    const job = await tx((t) => repo.exportJob(t, jobId));
    if (!job) return;
    const types = new Set(job.types);
    const total = await tx((t) => repo.citizenCount(t, municipalityCode));
    await tx((t) => repo.updateExportJob(t, jobId, { status: 'running', total }));
    const small = await tx((t) => repo.smallCells(t, municipalityCode));
    const orgs = await tx((t) => repo.organisations(t));
    const jobCentres = orgs.filter((o) => o.type === 'jobcenter').map((o) => o.id);

    const buffers = new Map<string, string[]>();
    const parts = new Map<string, number>();
    const flush = async (type: string, force: boolean) => {
      const lines = buffers.get(type) ?? [];
      if (!lines.length || (!force && lines.length < PART_LINES)) return;
      const part = (parts.get(type) ?? 0) + 1;
      parts.set(type, part);
      buffers.set(type, []);
      await tx((t) => repo.insertExportFile(t, { municipalityCode, jobId, type, part, lines }));
    };
    const emit = async (resource: Resource) => {
      if (!types.has(resource.resourceType)) return;
      const lines = buffers.get(resource.resourceType) ?? [];
      lines.push(JSON.stringify(resource));
      buffers.set(resource.resourceType, lines);
      await flush(resource.resourceType, false);
    };

    for (const o of orgs) {
      await emit(
        toOrganization({
          id: o.id,
          name: o.name,
          type: o.type,
          address: o.address,
          active: o.active,
          municipalityCode: o.municipality_code,
        }),
      );
    }

    let after: string | null = null;
    let done = 0;
    for (;;) {
      const page = await tx((t) => repo.citizenPage(t, municipalityCode, after, PAGE));
      if (!page.length) break;
      after = page[page.length - 1]!.id;
      const ids = page.map((c) => c.id);
      const [referrals, sessions, periods, attendanceBasis] = await tx(
        async (t) =>
          [
            await repo.referralsOf(t, ids),
            await repo.sessionsOf(t, ids),
            await repo.benefitPeriodsOf(t, ids),
            await repo.attendanceWithBasis(t, ids, jobCentres),
          ] as const,
      );
      for (const c of page) await emit(toPseudonymousPatient(pseudonym(c.id), c.gender));
      for (const b of periods) {
        if (small.benefits.has(b.benefit_type)) continue;
        await emit(
          toEpisodeOfCare({
            id: b.id,
            citizenId: pseudonym(b.citizen_id),
            benefitType: b.benefit_type,
            benefitTypeName: b.name_da,
            startDate: b.start_date,
            endDate: b.end_date,
            endReason: b.end_reason,
            managingOrganisationId: jobCentres[0] ?? null,
            careManagerRoleId: null,
            careManagerName: null,
          }),
        );
      }
      for (const r of referrals) {
        if (small.offers.has(r.offer_id)) continue;
        const input = {
          id: r.id,
          citizenId: pseudonym(r.citizen_id),
          offerId: r.offer_id,
          offerTitle: r.offer_title,
          fromOrganisationId: r.from_organisation_id,
          fromOrganisationName: r.from_name,
          toOrganisationId: r.to_organisation_id,
          toOrganisationName: r.to_name,
          // No free text leaves in an export: the reason and a rejection's note stay in Helhed.
          reason: null,
          participation: r.participation,
          state: r.state,
          stateReason: null,
          consentId: null,
          createdAt: r.created_at,
          updatedAt: r.updated_at,
        };
        await emit(toServiceRequest(input));
        await emit(toTask(input));
      }
      for (const s of sessions) {
        if (!s.attendance || small.courses.has(s.course_id)) continue;
        if (!attendanceBasis.has(s.enrolment_id)) continue;
        const encounter = toEncounter({
          sessionId: s.session_id,
          enrolmentId: s.enrolment_id,
          citizenId: pseudonym(s.citizen_id),
          courseOrganisationId: s.course_organisation_id,
          referralId: s.referral_id,
          status: s.attendance,
          startsAt: s.starts_at,
          endsAt: s.ends_at,
        });
        // The Appointment is not exported; the Encounter keeps its period.
        delete encounter.appointment;
        await emit(encounter);
      }
      done += page.length;
      const progress = done;
      await tx((t) => repo.updateExportJob(t, jobId, { done: progress }));
    }
    for (const type of buffers.keys()) await flush(type, true);
    await tx((t) => repo.updateExportJob(t, jobId, { status: 'completed', completed: true }));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await tx((t) =>
      repo.updateExportJob(t, jobId, {
        status: 'failed',
        error: message.slice(0, 500),
        completed: true,
      }),
    ).catch(() => undefined);
  }
}

async function loadJob(ctx: AuthedContext, jobId: string) {
  authorize(ctx.actor, 'fhir.export', exportRow(ctx));
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const job = await repo.exportJob(tx, jobId);
    if (!job) {
      throw new AppError('not_found', { da: 'Udtrækket findes ikke.', en: 'Export not found.' });
    }
    return { job, files: await repo.exportFiles(tx, jobId) };
  });
}

export type ExportStatus =
  | { state: 'running'; progress: number; done: number; total: number }
  | { state: 'failed'; message: string }
  | {
      state: 'completed';
      manifest: {
        transactionTime: string;
        request: string;
        requiresAccessToken: boolean;
        output: { type: string; url: string; count: number }[];
        error: { type: string; url: string }[];
      };
    };

/** The status URL: running with a progress figure, failed, or the complete-status manifest. */
export async function status(ctx: AuthedContext, jobId: string): Promise<ExportStatus> {
  const { job, files } = await loadJob(ctx, jobId);
  if (job.status === 'failed') return { state: 'failed', message: job.error ?? 'failed' };
  if (job.status !== 'completed') {
    const progress = job.total ? Math.floor((100 * job.done) / job.total) : 0;
    return { state: 'running', progress, done: job.done, total: job.total };
  }
  const base = baseUrlOf(ctx);
  return {
    state: 'completed',
    manifest: {
      transactionTime: new Date(job.created_at).toISOString(),
      request: job.request_url,
      // The files are read with the same signed-in session as the kick-off.
      requiresAccessToken: true,
      output: files.map((f) => ({
        type: f.resource_type,
        url: `${base}/$export/${jobId}/${f.resource_type}-${f.part}.ndjson`,
        count: f.line_count,
      })),
      error: [],
    },
  };
}

/** One NDJSON file of a completed job; audited as an export. */
export async function file(ctx: AuthedContext, jobId: string, name: string): Promise<string> {
  const grant = authorize(ctx.actor, 'fhir.export', exportRow(ctx));
  const m = name.match(/^([A-Za-z]+)-(\d+)\.ndjson$/);
  const missing = () =>
    new AppError('not_found', { da: 'Filen findes ikke.', en: 'File not found.' });
  if (!m) throw missing();
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const ndjson = await repo.exportFile(tx, jobId, m[1]!, Number(m[2]));
    if (ndjson === undefined) throw missing();
    await audit(tx, ctx, {
      action: 'export',
      policyAction: 'fhir.export',
      resourceType: 'fhir_export_file',
      resourceId: jobId,
      grant,
      details: { file: name },
    });
    return ndjson;
  });
}
