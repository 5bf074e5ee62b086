import { sql } from 'kysely';
import type { Database } from '../../db/database.js';

export interface OverviewCall {
  tokenHash: string;
  citizenId: string;
  idleMinutes: number;
  readRule: string;
  healthRule: string;
  pageRules: string;
  purpose: string;
  requestId: string;
  ip: string | null;
}

export interface OverviewRow {
  status: 'ok' | 'unauthenticated' | 'forbidden' | 'not_found';
  grant?: { role: string; organisationId: string | null };
  health?: boolean;
  /** The page's actions (and sections) the reader's grants allow on this citizen. */
  allowed?: string[];
  citizen?: {
    id: string;
    municipalityCode: string;
    cprEncrypted: string;
    birthDate: string;
    gender: string | null;
    firstName: string;
    lastName: string;
    address: string | null;
    postalCode: string | null;
    city: string | null;
    phone: string | null;
    email: string | null;
    preferredLanguage: string;
    needsInterpreter: boolean;
    riskGroup: 'green' | 'orange' | 'red' | null;
    responsibleCaseworkerName: string | null;
  };
  benefitPeriod?: {
    id: string;
    benefitType: string;
    nameDa: string;
    nameEn: string;
    startDate: string;
    endDate: string | null;
  } | null;
  /** Every benefit period, newest first; null when the reader may not read them. */
  benefitPeriods?:
    | {
        id: string;
        benefitType: string;
        nameDa: string;
        nameEn: string;
        startDate: string;
        endDate: string | null;
        endReason: string | null;
        source: string;
      }[]
    | null;
  /** The latest risk decision; null when there is none or the reader may not read it. */
  riskDecision?: {
    id: string;
    suggestedGroup: 'green' | 'orange' | 'red' | null;
    decidedGroup: 'green' | 'orange' | 'red';
    overridden: boolean;
    reason: string | null;
    decidedByName: string | null;
    decidedAt: string;
  } | null;
  openReferrals?: {
    id: string;
    state: string;
    offerTitle: string;
    toOrganisationName: string;
    createdAt: string;
  }[];
  nextSessions?: {
    id: string;
    courseTitle: string;
    place: string | null;
    startsAt: string;
    endsAt: string;
  }[];
  attendance?: { present: number; absent: number } | null;
  lastOutcome?: { declaredFit: boolean; nextStep: string | null; recordedAt: string } | null;
}

/**
 * One statement in autocommit: session, tenant, policy, audit row and the page
 * (db/functions/helhed_citizen_overview.sql). Runs on the pool, not in a transaction: the function is its own.
 */
export async function citizenOverview(database: Database, c: OverviewCall): Promise<OverviewRow> {
  const { rows } = await sql<{ page: OverviewRow | string }>`
    select helhed_citizen_overview(${c.tokenHash}, ${c.citizenId}::uuid, ${c.idleMinutes}::int,
      ${c.readRule}::jsonb, ${c.healthRule}::jsonb, ${c.pageRules}::jsonb, ${c.purpose}, ${c.requestId}, ${c.ip}) as page`.execute(
    database.db,
  );
  const page = rows[0]!.page;
  return typeof page === 'string' ? JSON.parse(page) : page;
}
