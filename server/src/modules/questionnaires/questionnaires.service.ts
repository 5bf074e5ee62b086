/**
 * Questionnaire service: stores definitions (immutable per key and version) and responses, each
 * response tied to the one definition version it was started on. It runs inside the caller's
 * transaction and does no policy checks: the module that owns the questionnaire (health
 * profile, needs survey) decides who may read and answer, and writes the audit row.
 */
import { sql } from 'kysely';
import type { Tx } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import {
  type Answers,
  mergeAnswers,
  normalizeAnswers,
  pruneHidden,
  type QuestionnaireDefinition,
  validateAnswers,
} from './engine.js';

export * from './engine.js';

export interface ResponseRow {
  municipality_code: string;
  id: string;
  definition_key: string;
  definition_version: number;
  subject_citizen_id: string | null;
  status: 'draft' | 'completed';
  answers: Answers;
  scores: Record<string, unknown> | null;
  filled_in_by: 'staff_with_citizen' | 'citizen' | 'anonymous';
  organisation_id: string | null;
  created_at: string;
  updated_at: string;
  completed_at: string | null;
}

/** Stores a definition version once. A stored version never changes: a different body fails. */
export async function ensureDefinition(tx: Tx, def: QuestionnaireDefinition): Promise<void> {
  // jsonb equality compares content, not key order.
  const { rows } = await sql<{ same: boolean }>`
    select definition = ${JSON.stringify(def)}::jsonb as same from questionnaire_definition
    where key = ${def.key} and version = ${def.version}`.execute(tx);
  if (rows[0]) {
    if (!rows[0].same) {
      throw new Error(
        `questionnaire ${def.key} v${def.version} is stored with other content: bump the version`,
      );
    }
    return;
  }
  await sql`insert into questionnaire_definition (key, version, title, definition)
    values (${def.key}, ${def.version}, ${def.title}, ${JSON.stringify(def)}::jsonb)
    on conflict do nothing`.execute(tx);
}

export async function getDefinition(
  tx: Tx,
  key: string,
  version: number,
): Promise<QuestionnaireDefinition> {
  const { rows } = await sql<{ definition: QuestionnaireDefinition }>`
    select definition from questionnaire_definition where key = ${key} and version = ${version}`.execute(
    tx,
  );
  if (!rows[0]) throw new Error(`questionnaire ${key} v${version} is not stored`);
  return rows[0].definition;
}

const selectResponse = sql`
  select municipality_code, id, definition_key, definition_version, subject_citizen_id, status,
    answers, scores, filled_in_by, organisation_id, created_at, updated_at, completed_at
  from questionnaire_response`;

export async function findResponse(tx: Tx, id: string): Promise<ResponseRow | undefined> {
  const { rows } = await sql<ResponseRow>`${selectResponse} where id = ${id}`.execute(tx);
  return rows[0];
}

/** The newest response of a citizen to a questionnaire (draft or completed). */
export async function latestResponse(
  tx: Tx,
  key: string,
  citizenId: string,
  status?: 'draft' | 'completed',
): Promise<ResponseRow | undefined> {
  const { rows } = await sql<ResponseRow>`${selectResponse}
    where definition_key = ${key} and subject_citizen_id = ${citizenId}
      ${status ? sql`and status = ${status}` : sql``}
    order by created_at desc, id limit 1`.execute(tx);
  return rows[0];
}

export async function createResponse(
  tx: Tx,
  r: {
    municipalityCode: string;
    definition: QuestionnaireDefinition;
    subjectCitizenId: string | null;
    filledInBy: ResponseRow['filled_in_by'];
    userId: string | null;
    organisationId: string | null;
  },
): Promise<ResponseRow> {
  const { rows } = await sql<{ id: string }>`
    insert into questionnaire_response (municipality_code, definition_key, definition_version,
      subject_citizen_id, filled_in_by, created_by, updated_by, organisation_id)
    values (${r.municipalityCode}, ${r.definition.key}, ${r.definition.version}, ${r.subjectCitizenId},
      ${r.filledInBy}, ${r.userId}, ${r.userId}, ${r.organisationId})
    returning id`.execute(tx);
  return (await findResponse(tx, rows[0]!.id))!;
}

function invalid(errors: { pointer: string; message: string }[]) {
  return new AppError(
    'validation',
    { da: 'Nogle svar er ikke gyldige.', en: 'Some answers are not valid.' },
    { errors: errors.map((e) => ({ in: 'body' as const, ...e })) },
  );
}

function notDraft() {
  return new AppError('conflict', {
    da: 'Skemaet er afsluttet og kan ikke længere ændres.',
    en: 'The questionnaire is completed and can no longer be changed.',
  });
}

/** Autosave: merges the patch into a draft after checking each answer against the definition. */
export async function saveDraftAnswers(
  tx: Tx,
  response: ResponseRow,
  patch: Answers,
  userId: string | null,
): Promise<ResponseRow> {
  if (response.status !== 'draft') throw notDraft();
  const def = await getDefinition(tx, response.definition_key, response.definition_version);
  patch = normalizeAnswers(def, patch);
  const errors = validateAnswers(def, patch, { complete: false });
  if (errors.length) throw invalid(errors);
  const answers = mergeAnswers(response.answers, patch);
  await sql`update questionnaire_response set answers = ${JSON.stringify(answers)}::jsonb,
    updated_by = ${userId}, updated_at = now() where id = ${response.id}`.execute(tx);
  return (await findResponse(tx, response.id))!;
}

/**
 * Completes a draft: every visible required question must be answered; answers to hidden
 * questions are dropped. `score` computes what the owning module stores with the response.
 */
export async function completeResponse(
  tx: Tx,
  response: ResponseRow,
  userId: string | null,
  score?: (def: QuestionnaireDefinition, answers: Answers) => Record<string, unknown>,
): Promise<ResponseRow> {
  if (response.status !== 'draft') throw notDraft();
  const def = await getDefinition(tx, response.definition_key, response.definition_version);
  const errors = validateAnswers(def, response.answers, { complete: true });
  if (errors.length) throw invalid(errors);
  const answers = pruneHidden(def, response.answers);
  const scores = score ? score(def, answers) : null;
  await sql`update questionnaire_response set answers = ${JSON.stringify(answers)}::jsonb,
    scores = ${scores ? JSON.stringify(scores) : null}::jsonb, status = 'completed',
    updated_by = ${userId}, updated_at = now(), completed_at = now()
    where id = ${response.id}`.execute(tx);
  return (await findResponse(tx, response.id))!;
}
