import { sql } from 'kysely';
import type { Tx } from '../../platform/context.js';

export interface BenefitPeriodRow {
  id: string;
  municipality_code: string;
  citizen_id: string;
  benefit_type: string;
  benefit_type_name: string;
  start_date: string;
  end_date: string | null;
  end_reason: string | null;
  source: string;
}

const selectPeriod = sql`
  select p.id, p.municipality_code, p.citizen_id, p.benefit_type, t.name_da as benefit_type_name,
    p.start_date::text as start_date, p.end_date::text as end_date, p.end_reason, p.source
  from benefit_period p join benefit_type t on t.code = p.benefit_type`;

export async function listForCitizen(tx: Tx, citizenId: string): Promise<BenefitPeriodRow[]> {
  const { rows } = await sql<BenefitPeriodRow>`${selectPeriod}
    where p.citizen_id = ${citizenId} order by p.start_date desc, p.id`.execute(tx);
  return rows;
}

export async function findPeriod(tx: Tx, id: string): Promise<BenefitPeriodRow | undefined> {
  const { rows } = await sql<BenefitPeriodRow>`${selectPeriod} where p.id = ${id}`.execute(tx);
  return rows[0];
}

/** A period of the same type whose days intersect [start, end] (an open period runs on). */
export async function findOverlap(
  tx: Tx,
  p: { citizenId: string; benefitType: string; startDate: string; endDate: string | null },
  excludeId?: string,
): Promise<BenefitPeriodRow | undefined> {
  const { rows } = await sql<BenefitPeriodRow>`${selectPeriod}
    where p.citizen_id = ${p.citizenId} and p.benefit_type = ${p.benefitType}
      and p.start_date <= coalesce(${p.endDate}::date, 'infinity'::date)
      and coalesce(p.end_date, 'infinity'::date) >= ${p.startDate}::date
      ${excludeId ? sql`and p.id <> ${excludeId}` : sql``}
    order by p.start_date limit 1`.execute(tx);
  return rows[0];
}

export async function insertPeriod(
  tx: Tx,
  p: {
    municipalityCode: string;
    citizenId: string;
    benefitType: string;
    startDate: string;
    endDate: string | null;
    endReason: string | null;
    source: 'manual' | 'import';
  },
): Promise<string> {
  const { rows } = await sql<{ id: string }>`
    insert into benefit_period (municipality_code, citizen_id, benefit_type, start_date, end_date,
      end_reason, source)
    values (${p.municipalityCode}, ${p.citizenId}, ${p.benefitType}, ${p.startDate}, ${p.endDate},
      ${p.endReason}, ${p.source})
    returning id`.execute(tx);
  return rows[0]!.id;
}

export async function endPeriod(tx: Tx, id: string, endDate: string, endReason: string) {
  await sql`update benefit_period set end_date = ${endDate}, end_reason = ${endReason}
    where id = ${id}`.execute(tx);
}
