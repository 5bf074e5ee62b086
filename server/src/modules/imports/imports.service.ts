/**
 * Import of citizens and benefit periods from a Momentum/Fasit-style export. Upload → preview
 * (rows parsed, validated and staged; nothing written to citizens or periods) → commit (the job
 * is queued) → the worker (imports.worker.ts) writes valid rows in chunks. Re-importing the same
 * file writes nothing new: citizens are found by CPR hash and periods by citizen + type + start.
 */
import { audit } from '../../platform/audit.js';
import { type AuthedContext, tenantTx } from '../../platform/context.js';
import { AppError, notFound } from '../../platform/errors.js';
import { authorize } from '../../platform/policy.js';
import { TabularFormatError } from '../../platform/tabular.js';
import { crossRowErrors, readFile, validateRow } from './imports.parse.js';
import * as repo from './imports.repo.js';

export const MAX_IMPORT_ROWS = 200_000;

function presentJob(job: repo.ImportJobRow) {
  return {
    id: job.id,
    fileName: job.file_name,
    format: job.format,
    status: job.status,
    totalRows: job.total_rows,
    validRows: job.valid_rows,
    errorRows: job.error_rows,
    processed: job.processed,
    createdCitizens: job.created_citizens,
    createdPeriods: job.created_periods,
    skippedRows: job.skipped_rows,
    failure: job.failure,
    createdByName: job.created_by_name,
    createdAt: job.created_at.toISOString(),
    committedAt: job.committed_at?.toISOString() ?? null,
    finishedAt: job.finished_at?.toISOString() ?? null,
  };
}

async function detail(tx: Parameters<typeof repo.findJob>[0], id: string) {
  const job = await repo.findJob(tx, id);
  if (!job) throw notFound({ da: 'Indlæsningen findes ikke.', en: 'Import not found.' });
  const errors = await repo.rowErrors(tx, id, 500);
  const sample = await repo.sampleRows(tx, id, 20);
  return {
    job,
    body: {
      ...presentJob(job),
      errors,
      sample: sample.map((s) => ({
        row: s.row_no,
        cprMasked: s.cpr_masked,
        firstName: s.first_name,
        lastName: s.last_name,
        benefitType: s.benefit_type,
        startDate: s.start_date,
        endDate: s.end_date,
        outcome: s.outcome,
      })),
    },
  };
}

export async function previewImport(
  ctx: AuthedContext,
  fileName: string,
  buffer: Buffer,
  contentType?: string,
) {
  const grant = authorize(ctx.actor, 'import.run');
  let parsed: Awaited<ReturnType<typeof readFile>>;
  try {
    parsed = await readFile(fileName, buffer, contentType);
  } catch (error) {
    if (!(error instanceof TabularFormatError)) throw error;
    throw new AppError(
      'validation',
      { da: error.message, en: 'The file could not be read as an import file.' },
      { errors: [{ in: 'body', pointer: '/file', message: error.message }] },
    );
  }
  if (parsed.rows.length === 0) {
    throw new AppError('validation', {
      da: 'Filen har ingen rækker under overskrifterne.',
      en: 'The file has no rows below the header.',
    });
  }
  if (parsed.rows.length > MAX_IMPORT_ROWS) {
    throw new AppError('payload_too_large', {
      da: `Filen har ${parsed.rows.length} rækker; højst ${MAX_IMPORT_ROWS} ad gangen.`,
      en: `The file has ${parsed.rows.length} rows; at most ${MAX_IMPORT_ROWS} at a time.`,
    });
  }
  const keys = { encryptionKey: ctx.config.cprEncryptionKey, hashKey: ctx.config.cprHashKey };
  const validated = parsed.rows.map((r) => validateRow(r, keys));
  crossRowErrors(validated);
  const valid = validated.filter((r) => r.valid).length;
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const id = await repo.insertJob(tx, {
      municipalityCode: ctx.actor.municipalityCode,
      createdBy: ctx.actor.userId,
      actorRole: grant.role,
      actorOrganisationId: grant.organisationId,
      fileName: fileName.slice(0, 200),
      format: parsed.format,
      total: validated.length,
      valid,
      errors: validated.length - valid,
    });
    await repo.insertRows(tx, ctx.actor.municipalityCode, id, validated);
    await audit(tx, ctx, {
      action: 'import',
      policyAction: 'import.run',
      resourceType: 'import_job',
      resourceId: id,
      grant,
      details: { step: 'preview', rows: validated.length, valid },
    });
    return (await detail(tx, id)).body;
  });
}

export async function getImport(ctx: AuthedContext, id: string) {
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const { job, body } = await detail(tx, id);
    authorize(ctx.actor, 'import.read', { municipalityCode: job.municipality_code });
    return body;
  });
}

export async function listImports(ctx: AuthedContext) {
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    authorize(ctx.actor, 'import.read', { municipalityCode: ctx.actor.municipalityCode });
    return { items: (await repo.listJobs(tx, 20)).map(presentJob) };
  });
}

export async function commitImport(ctx: AuthedContext, id: string) {
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const job = await repo.findJob(tx, id);
    if (!job) throw notFound({ da: 'Indlæsningen findes ikke.', en: 'Import not found.' });
    const grant = authorize(ctx.actor, 'import.run', { municipalityCode: job.municipality_code });
    if (job.status === 'cancelled') {
      throw new AppError('conflict', {
        da: 'Forhåndsvisningen er udløbet (over et døgn gammel). Indlæs filen igen.',
        en: 'The preview has expired (over a day old). Upload the file again.',
      });
    }
    if (job.status !== 'previewed') {
      throw new AppError('conflict', {
        da: 'Indlæsningen er allerede sat i gang.',
        en: 'The import has already been committed.',
      });
    }
    if (job.valid_rows === 0) {
      throw new AppError('validation', {
        da: 'Filen har ingen gyldige rækker at indlæse.',
        en: 'The file has no valid rows to import.',
      });
    }
    await repo.markQueued(tx, id, ctx.requestId);
    await audit(tx, ctx, {
      action: 'import',
      policyAction: 'import.run',
      resourceType: 'import_job',
      resourceId: id,
      grant,
      details: { step: 'commit', validRows: job.valid_rows },
    });
    return (await detail(tx, id)).body;
  });
}
