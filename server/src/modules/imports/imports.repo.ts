import { sql } from 'kysely';
import type { Tx } from '../../platform/context.js';
import type { RowError, ValidatedRow } from './imports.parse.js';

export interface ImportJobRow {
  municipality_code: string;
  id: string;
  created_by: string;
  created_by_name: string | null;
  actor_role: string | null;
  actor_organisation_id: string | null;
  request_id: string | null;
  file_name: string;
  format: string;
  status: string;
  total_rows: number;
  valid_rows: number;
  error_rows: number;
  processed: number;
  created_citizens: number;
  created_periods: number;
  skipped_rows: number;
  failure: string | null;
  created_at: Date;
  committed_at: Date | null;
  finished_at: Date | null;
}

const selectJob = sql`select j.*, u.display_name as created_by_name
  from import_job j left join app_user u on u.id = j.created_by`;

export async function insertJob(
  tx: Tx,
  j: {
    municipalityCode: string;
    createdBy: string;
    actorRole: string | null;
    actorOrganisationId: string | null;
    fileName: string;
    format: string;
    total: number;
    valid: number;
    errors: number;
  },
): Promise<string> {
  const { rows } = await sql<{ id: string }>`
    insert into import_job (municipality_code, created_by, actor_role, actor_organisation_id,
      file_name, format, total_rows, valid_rows, error_rows)
    values (${j.municipalityCode}, ${j.createdBy}, ${j.actorRole}, ${j.actorOrganisationId},
      ${j.fileName}, ${j.format}, ${j.total}, ${j.valid}, ${j.errors})
    returning id`.execute(tx);
  return rows[0]!.id;
}

/** Stages every row of the file (valid or not) in batches of 500. */
export async function insertRows(
  tx: Tx,
  municipalityCode: string,
  jobId: string,
  rows: ValidatedRow[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    const values = rows.slice(i, i + 500).map((r) => {
      const v = r.valid;
      return sql`(${municipalityCode}, ${jobId}, ${r.rowNo}, ${v?.cprHash ?? null}, ${v?.cprEncrypted ?? null},
        ${r.partial.cprMasked}, ${v?.birthDate ?? null}, ${v?.gender ?? null}, ${v?.firstName ?? r.partial.firstName},
        ${v?.lastName ?? r.partial.lastName}, ${v?.address ?? null}, ${v?.postalCode ?? null}, ${v?.city ?? null},
        ${v?.phone ?? null}, ${v?.email ?? null}, ${v?.benefitType ?? null}, ${v?.startDate ?? null},
        ${v?.endDate ?? null}, ${v?.endReason ?? null}, ${JSON.stringify(r.errors)}::jsonb, ${v !== null})`;
    });
    await sql`insert into import_row (municipality_code, job_id, row_no, cpr_hash, cpr_encrypted,
        cpr_masked, birth_date, gender, first_name, last_name, address, postal_code, city, phone, email,
        benefit_type, start_date, end_date, end_reason, errors, valid)
      values ${sql.join(values)}`.execute(tx);
  }
}

export async function findJob(tx: Tx, id: string): Promise<ImportJobRow | undefined> {
  const { rows } = await sql<ImportJobRow>`${selectJob} where j.id = ${id}`.execute(tx);
  return rows[0];
}

export async function listJobs(tx: Tx, limit: number): Promise<ImportJobRow[]> {
  const { rows } = await sql<ImportJobRow>`${selectJob}
    order by j.created_at desc limit ${limit}`.execute(tx);
  return rows;
}

export async function rowErrors(tx: Tx, jobId: string, limit: number): Promise<RowError[]> {
  const { rows } = await sql<{ errors: RowError[] }>`
    select errors from import_row where job_id = ${jobId} and jsonb_array_length(errors) > 0
    order by row_no limit ${limit}`.execute(tx);
  return rows.flatMap((r) => r.errors);
}

export async function sampleRows(tx: Tx, jobId: string, limit: number) {
  const { rows } = await sql<{
    row_no: number;
    cpr_masked: string;
    first_name: string;
    last_name: string;
    benefit_type: string;
    start_date: string;
    end_date: string | null;
    outcome: string | null;
  }>`select row_no, cpr_masked, first_name, last_name, benefit_type, start_date::text as start_date,
      end_date::text as end_date, outcome
    from import_row where job_id = ${jobId} and valid order by row_no limit ${limit}`.execute(tx);
  return rows;
}

export async function markQueued(tx: Tx, id: string, requestId: string) {
  await sql`update import_job set status = 'queued', committed_at = now(), request_id = ${requestId}
    where id = ${id}`.execute(tx);
}

/** Jobs waiting for the worker, across municipalities (run as the owner role). */
export async function pendingJobs(tx: Tx): Promise<{ municipality_code: string; id: string }[]> {
  const { rows } = await sql<{ municipality_code: string; id: string }>`
    select municipality_code, id from import_job where status in ('queued', 'running')
    order by committed_at, id`.execute(tx);
  return rows;
}

/** Locks the job for this worker, or undefined when another worker holds it. */
export async function lockJob(tx: Tx, id: string): Promise<ImportJobRow | undefined> {
  const { rows } = await sql<ImportJobRow>`select * from import_job where id = ${id}
    and status in ('queued', 'running') for update skip locked`.execute(tx);
  return rows[0];
}

export async function nextRowNumbers(tx: Tx, jobId: string, limit: number): Promise<number[]> {
  const { rows } = await sql<{ row_no: number }>`select row_no from import_row
    where job_id = ${jobId} and valid and not processed order by row_no limit ${limit}`.execute(tx);
  return rows.map((r) => r.row_no);
}

/**
 * Writes one chunk: new citizens (known CPR hashes are left as they are), then the benefit
 * periods that neither exist (same citizen, type and start) nor overlap one of the same type,
 * and marks the rows processed with their outcome. Returns the ids of citizens written to.
 */
export async function writeChunk(tx: Tx, job: ImportJobRow, rowNos: number[]) {
  const m = job.municipality_code;
  // The chunk is the first unprocessed valid rows up to the last row number: a range the
  // partial index answers (an = any(array) over thousands of numbers made the planner scan).
  const last = Math.max(...rowNos);
  const { rows: newCitizens } = await sql<{ id: string }>`
    with src as (
      select distinct on (r.cpr_hash) r.* from import_row r
      where r.municipality_code = ${m} and r.job_id = ${job.id} and r.row_no <= ${last}
        and r.valid and not r.processed
      order by r.cpr_hash, r.row_no)
    insert into citizen (municipality_code, cpr_hash, cpr_encrypted, birth_date, gender, first_name,
      last_name, address, postal_code, city, phone, email, organisation_id)
    select municipality_code, cpr_hash, cpr_encrypted, birth_date, gender, first_name, last_name,
      address, postal_code, city, phone, email, ${job.actor_organisation_id}::uuid
    from src
    on conflict (municipality_code, cpr_hash) do nothing
    returning id`.execute(tx);
  const { rows: classified } = await sql<{ row_no: number; citizen_id: string; outcome: string }>`
    with src as (
      select r.row_no, c.id as citizen_id, r.benefit_type, r.start_date, r.end_date, r.end_reason
      from import_row r
      join citizen c on c.municipality_code = r.municipality_code and c.cpr_hash = r.cpr_hash
      where r.municipality_code = ${m} and r.job_id = ${job.id} and r.row_no <= ${last}
        and r.valid and not r.processed),
    classified as (
      select s.*,
        case
          when exists (select 1 from benefit_period p where p.municipality_code = ${m}
              and p.citizen_id = s.citizen_id and p.benefit_type = s.benefit_type
              and p.start_date = s.start_date) then 'existing'
          when exists (select 1 from benefit_period p where p.municipality_code = ${m}
              and p.citizen_id = s.citizen_id and p.benefit_type = s.benefit_type
              and p.start_date <= coalesce(s.end_date, 'infinity'::date)
              and coalesce(p.end_date, 'infinity'::date) >= s.start_date) then 'overlap'
          else 'created'
        end as outcome
      from src s),
    ins as (
      insert into benefit_period (municipality_code, citizen_id, benefit_type, start_date, end_date,
        end_reason, source)
      select ${m}, citizen_id, benefit_type, start_date, end_date, end_reason, 'import'
      from classified where outcome = 'created'
      on conflict (municipality_code, citizen_id, benefit_type, start_date) do nothing
      returning 1)
    select row_no, citizen_id, outcome from classified`.execute(tx);
  // Marked from arrays rather than by joining the CTE: the planner cannot estimate a CTE of
  // freshly staged rows and chose a nested loop over all pairs (seconds per chunk).
  await sql`update import_row r set processed = true, outcome = u.outcome
    from unnest(${classified.map((c) => c.row_no)}::int[], ${classified.map((c) => c.outcome)}::text[])
      as u(row_no, outcome)
    where r.municipality_code = ${m} and r.job_id = ${job.id} and r.row_no = u.row_no`.execute(tx);
  const citizenIds = new Set(newCitizens.map((c) => c.id));
  let createdPeriods = 0;
  let skipped = 0;
  for (const p of classified) {
    if (p.outcome === 'created') {
      createdPeriods++;
      citizenIds.add(p.citizen_id);
    } else skipped++;
  }
  return {
    createdCitizens: newCitizens.length,
    createdPeriods,
    skipped,
    citizenIds: [...citizenIds],
  };
}

/** One audit row per citizen written, under the user who committed the import. */
export async function auditWritten(
  tx: Tx,
  job: ImportJobRow,
  citizenIds: string[],
  purpose: string,
) {
  if (citizenIds.length === 0) return;
  await sql`insert into audit_event (municipality_code, actor_user_id, actor_role,
      actor_organisation_id, citizen_id, action, resource_type, resource_id, purpose, request_id, details)
    select ${job.municipality_code}, ${job.created_by}::uuid, ${job.actor_role}, ${job.actor_organisation_id}::uuid,
      cid, 'import', 'citizen', cid::text, ${purpose}, ${job.request_id},
      jsonb_build_object('importJobId', ${job.id}::text)
    from unnest(${citizenIds}::uuid[]) as cid`.execute(tx);
}

export async function recordProgress(
  tx: Tx,
  id: string,
  p: { processed: number; createdCitizens: number; createdPeriods: number; skipped: number },
) {
  await sql`update import_job set status = 'running', processed = processed + ${p.processed},
      created_citizens = created_citizens + ${p.createdCitizens},
      created_periods = created_periods + ${p.createdPeriods},
      skipped_rows = skipped_rows + ${p.skipped}, heartbeat_at = now()
    where id = ${id}`.execute(tx);
}

export async function markCompleted(tx: Tx, id: string) {
  await sql`update import_job set status = 'completed', finished_at = now(), heartbeat_at = now()
    where id = ${id}`.execute(tx);
  // Once every row is written the staging copy of the CPR numbers has no use: the citizen rows
  // hold them. The masked number, names and per-row errors stay for the job's report.
  await sql`update import_row set cpr_hash = null, cpr_encrypted = null
    where job_id = ${id} and (cpr_hash is not null or cpr_encrypted is not null)`.execute(tx);
}

export async function markFailed(tx: Tx, id: string, failure: string) {
  await sql`update import_job set status = 'failed', failure = ${failure}, finished_at = now()
    where id = ${id}`.execute(tx);
}
