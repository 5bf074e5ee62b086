import { sql } from 'kysely';
import type { Tx } from '../../platform/context.js';

/** Organisations holding a valid consent from the citizen that covers the category. */
export async function consentOrganisations(
  tx: Tx,
  citizenId: string,
  category: string,
): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`
    select distinct recipient_organisation_id as id from consent
    where citizen_id = ${citizenId} and status = 'given' and ${category} = any(categories)
      and valid_from <= current_date and (valid_to is null or valid_to >= current_date)`.execute(
    tx,
  );
  return rows.map((r) => r.id);
}

/** Health organisations that recorded a test for the citizen. */
export async function testOrganisations(tx: Tx, citizenId: string): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`
    select distinct recorded_by_organisation_id as id from health_test where citizen_id = ${citizenId}`.execute(
    tx,
  );
  return rows.map((r) => r.id);
}

export async function upsertFact(
  tx: Tx,
  municipalityCode: string,
  citizenId: string,
  fact: string,
  value: number | null,
  origin: { responseId: string; organisationId: string | null },
): Promise<void> {
  // The risk rules read these facts (table from migration 0100); an unanswered fact is absent,
  // so the rule reports it as not assessed rather than reading a stale value.
  if (value === null) {
    await sql`delete from health_profile_fact
      where municipality_code = ${municipalityCode} and citizen_id = ${citizenId} and fact = ${fact}`.execute(
      tx,
    );
    return;
  }
  await sql`insert into health_profile_fact (municipality_code, citizen_id, fact, value, recorded_at,
      source_response_id, origin_organisation_id)
    values (${municipalityCode}, ${citizenId}, ${fact}, ${value}, now(), ${origin.responseId},
      ${origin.organisationId})
    on conflict (municipality_code, citizen_id, fact)
    do update set value = excluded.value, recorded_at = excluded.recorded_at,
      source_response_id = excluded.source_response_id,
      origin_organisation_id = excluded.origin_organisation_id`.execute(tx);
}

export async function currentBenefit(tx: Tx, citizenId: string) {
  const { rows } = await sql<{ code: string; name: string }>`
    select b.benefit_type as code, t.name_da as name from benefit_period b
    join benefit_type t on t.code = b.benefit_type
    where b.citizen_id = ${citizenId} and b.end_date is null
    order by b.start_date desc limit 1`.execute(tx);
  return rows[0] ?? null;
}

export interface HealthTestRow {
  id: string;
  citizen_id: string;
  recorded_by_organisation_id: string;
  organisation_name: string;
  measured_on: string;
  weight_kg: string | null;
  height_cm: string | null;
  bmi: string | null;
  fat_percent: string | null;
  co_ppm: number | null;
  systolic: number | null;
  diastolic: number | null;
  note: string | null;
}

export async function listTests(tx: Tx, citizenId: string): Promise<HealthTestRow[]> {
  const { rows } = await sql<HealthTestRow>`
    select t.id, t.citizen_id, t.recorded_by_organisation_id, o.name as organisation_name,
      to_char(t.measured_on, 'YYYY-MM-DD') as measured_on, t.weight_kg, t.height_cm, t.bmi,
      t.fat_percent, t.co_ppm, t.systolic, t.diastolic, t.note
    from health_test t
    join organisation o on o.municipality_code = t.municipality_code and o.id = t.recorded_by_organisation_id
    where t.citizen_id = ${citizenId} order by t.measured_on desc, t.created_at desc`.execute(tx);
  return rows;
}

export interface NewTest {
  municipalityCode: string;
  citizenId: string;
  organisationId: string;
  userId: string;
  measuredOn?: string;
  weightKg?: number | null;
  heightCm?: number | null;
  bmi: number | null;
  fatPercent?: number | null;
  coPpm?: number | null;
  systolic?: number | null;
  diastolic?: number | null;
  note?: string | null;
}

export async function insertTest(tx: Tx, t: NewTest): Promise<string> {
  const { rows } = await sql<{ id: string }>`
    insert into health_test (municipality_code, citizen_id, recorded_by_organisation_id, recorded_by,
      measured_on, weight_kg, height_cm, bmi, fat_percent, co_ppm, systolic, diastolic, note)
    values (${t.municipalityCode}, ${t.citizenId}, ${t.organisationId}, ${t.userId},
      ${t.measuredOn ?? sql`current_date`}, ${t.weightKg ?? null}, ${t.heightCm ?? null}, ${t.bmi},
      ${t.fatPercent ?? null}, ${t.coPpm ?? null}, ${t.systolic ?? null}, ${t.diastolic ?? null},
      ${t.note ?? null})
    returning id`.execute(tx);
  return rows[0]!.id;
}

/** Latest completed health profile per citizen of the tenant: the answers (for gap counts). */
export async function latestCompletedAnswers(tx: Tx): Promise<Record<string, unknown>[]> {
  const { rows } = await sql<{ answers: Record<string, unknown> }>`
    select distinct on (subject_citizen_id) answers from questionnaire_response
    where definition_key = 'health_profile' and status = 'completed' and subject_citizen_id is not null
    order by subject_citizen_id, completed_at desc`.execute(tx);
  return rows.map((r) => r.answers);
}

/**
 * Of the given organisations, the health organisations: health tests never reach a job center
 * (or a private provider), whatever referral or consent links it to the citizen.
 */
export async function healthOrganisationsAmong(tx: Tx, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const { rows } = await sql<{ id: string }>`
    select id from organisation where id = any(${ids}::uuid[])
      and type in ('sundhedscenter', 'traeningscenter', 'forebyggelsescenter', 'rusmiddelcenter')`.execute(
    tx,
  );
  return rows.map((r) => r.id);
}

/** København's group health conversation and who took part with which wish cards. */
export async function insertGroupSession(
  tx: Tx,
  v: {
    municipalityCode: string;
    organisationId: string | null;
    title: string;
    heldOn: string;
    userId: string;
  },
) {
  const { rows } = await sql<{ id: string }>`insert into group_health_session (municipality_code,
      organisation_id, title, held_on, created_by)
    values (${v.municipalityCode}, ${v.organisationId}, ${v.title}, ${v.heldOn}, ${v.userId})
    returning id`.execute(tx);
  return rows[0]!.id;
}

export async function insertGroupParticipant(
  tx: Tx,
  v: {
    municipalityCode: string;
    sessionId: string;
    citizenId: string;
    wishCards: string[];
    responseId: string;
  },
) {
  await sql`insert into group_health_participant (municipality_code, session_id, citizen_id,
      wish_cards, profile_response_id)
    values (${v.municipalityCode}, ${v.sessionId}, ${v.citizenId}, ${v.wishCards}::text[], ${v.responseId})`.execute(
    tx,
  );
}

/** The sessions the organisations held (or all of the municipality's for null), newest first. */
export async function groupSessions(tx: Tx, organisationIds: string[] | null) {
  const only =
    organisationIds === null
      ? sql`true`
      : organisationIds.length
        ? sql`s.organisation_id in (${sql.join(organisationIds)})`
        : sql`false`;
  const { rows } = await sql<{
    id: string;
    title: string;
    held_on: string;
    participants: number;
  }>`select s.id, s.title, to_char(s.held_on, 'YYYY-MM-DD') as held_on,
      (select count(*)::int from group_health_participant p where p.municipality_code = s.municipality_code
        and p.session_id = s.id) as participants
    from group_health_session s where ${only} order by s.held_on desc, s.created_at desc limit 100`.execute(
    tx,
  );
  return rows;
}
