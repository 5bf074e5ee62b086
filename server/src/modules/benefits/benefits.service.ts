/**
 * Benefit periods (ydelsesforløb): one type, a start, and an end with a reason. Two periods of
 * the same type may not overlap for a citizen; the refusal names the period in the way.
 */
import { audit } from '../../platform/audit.js';
import { type AuthedContext, tenantTx } from '../../platform/context.js';
import { AppError, notFound } from '../../platform/errors.js';
import { loadCitizenFor } from '../citizens/citizens.service.js';
import * as repo from './benefits.repo.js';
import type { BenefitPeriodInput } from './benefits.schema.js';

/** 2026-02-01 → 01-02-2026, the way Danish users read dates. */
export function danishDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}-${m}-${y}`;
}

export function present(row: repo.BenefitPeriodRow) {
  return {
    id: row.id,
    citizenId: row.citizen_id,
    benefitType: row.benefit_type,
    benefitTypeName: row.benefit_type_name,
    startDate: row.start_date,
    endDate: row.end_date,
    endReason: row.end_reason,
    source: row.source,
  };
}

export function overlapError(other: repo.BenefitPeriodRow, pointer = '/startDate') {
  const until = other.end_date ? `til ${danishDate(other.end_date)}` : 'og er stadig åbent';
  const untilEn = other.end_date ? `to ${other.end_date}` : 'and is still open';
  return new AppError(
    'conflict',
    {
      da: `Forløbet overlapper borgerens forløb med ${other.benefit_type_name}, der startede ${danishDate(other.start_date)} ${until}. Afslut det forløb, eller vælg andre datoer.`,
      en: `The period overlaps the citizen's ${other.benefit_type} period that started ${other.start_date} ${untilEn}.`,
    },
    {
      overlappingPeriodId: other.id,
      errors: [{ in: 'body', pointer, message: 'Overlapper et andet forløb af samme type' }],
    },
  );
}

function endReasonRequired() {
  return new AppError(
    'validation',
    {
      da: 'Et afsluttet forløb skal have både slutdato og ophørsårsag.',
      en: 'An ended period needs both end date and end reason.',
    },
    { errors: [{ in: 'body', pointer: '/endReason', message: 'Angiv ophørsårsag og slutdato' }] },
  );
}

function endBeforeStart() {
  return new AppError(
    'validation',
    { da: 'Slutdatoen ligger før startdatoen.', en: 'The end date is before the start date.' },
    { errors: [{ in: 'body', pointer: '/endDate', message: 'Slutdatoen ligger før startdatoen' }] },
  );
}

export async function listPeriods(ctx: AuthedContext, citizenId: string) {
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const { grant } = await loadCitizenFor(tx, ctx, citizenId, 'benefit.read');
    const rows = await repo.listForCitizen(tx, citizenId);
    await audit(tx, ctx, {
      action: 'read',
      policyAction: 'benefit.read',
      resourceType: 'benefit_period',
      citizenId,
      grant,
    });
    return { items: rows.map(present) };
  });
}

export async function createPeriod(ctx: AuthedContext, input: BenefitPeriodInput) {
  const endDate = input.endDate ?? null;
  const endReason = input.endReason ?? null;
  if ((endDate === null) !== (endReason === null)) throw endReasonRequired();
  if (endDate && endDate < input.startDate) throw endBeforeStart();
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const { grant } = await loadCitizenFor(tx, ctx, input.citizenId, 'benefit.create');
    const other = await repo.findOverlap(tx, { ...input, endDate });
    if (other) throw overlapError(other);
    const id = await repo.insertPeriod(tx, {
      municipalityCode: ctx.actor.municipalityCode,
      citizenId: input.citizenId,
      benefitType: input.benefitType,
      startDate: input.startDate,
      endDate,
      endReason,
      source: 'manual',
    });
    await audit(tx, ctx, {
      action: 'create',
      policyAction: 'benefit.create',
      resourceType: 'benefit_period',
      resourceId: id,
      citizenId: input.citizenId,
      grant,
      details: { benefitType: input.benefitType, startDate: input.startDate },
    });
    return present((await repo.findPeriod(tx, id))!);
  });
}

export async function endPeriod(
  ctx: AuthedContext,
  id: string,
  input: { endDate: string; endReason: string },
) {
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const row = await repo.findPeriod(tx, id);
    if (!row) throw notFound({ da: 'Forløbet findes ikke.', en: 'Benefit period not found.' });
    const { grant } = await loadCitizenFor(tx, ctx, row.citizen_id, 'benefit.end');
    if (row.end_date) {
      throw new AppError('conflict', {
        da: `Forløbet er allerede afsluttet ${danishDate(row.end_date)}.`,
        en: `The period already ended on ${row.end_date}.`,
      });
    }
    if (input.endDate < row.start_date) throw endBeforeStart();
    await repo.endPeriod(tx, id, input.endDate, input.endReason);
    await audit(tx, ctx, {
      action: 'update',
      policyAction: 'benefit.end',
      resourceType: 'benefit_period',
      resourceId: id,
      citizenId: row.citizen_id,
      grant,
      details: { endDate: input.endDate, endReason: input.endReason },
    });
    return present((await repo.findPeriod(tx, id))!);
  });
}
