/** SQL for the anonymous needs surveys. */

import type { SurveyInput } from '@helhed/shared/evaluation';
import { sql } from 'kysely';
import type { Tx } from '../../platform/context.js';

export interface SurveyRow {
  municipality_code: string;
  id: string;
  public_token: string;
  title: string;
  intro: string;
  status: string;
  created_at: Date;
  responses: number;
}

export interface QuestionRow {
  position: number;
  kind: 'single' | 'multiple' | 'scale' | 'text';
  text: string;
  options: string[];
  scale_min: number | null;
  scale_max: number | null;
  required: boolean;
}

const surveySelect = sql`select s.municipality_code, s.id, s.public_token, s.title, s.intro, s.status, s.created_at,
  (select count(*)::int from needs_survey_response r where r.municipality_code = s.municipality_code and r.survey_id = s.id) as responses
  from needs_survey s`;

export async function createSurvey(
  tx: Tx,
  m: string,
  token: string,
  input: SurveyInput,
  userId: string,
): Promise<string> {
  const { rows } = await sql<{
    id: string;
  }>`insert into needs_survey (municipality_code, public_token, title, intro, created_by)
    values (${m}, ${token}, ${input.title}, ${input.intro ?? ''}, ${userId}) returning id`.execute(
    tx,
  );
  const id = rows[0]!.id;
  for (const [i, q] of input.questions.entries()) {
    await sql`insert into needs_survey_question (municipality_code, survey_id, position, kind, text, options, scale_min, scale_max, required)
      values (${m}, ${id}, ${i + 1}, ${q.kind}, ${q.text}, ${q.options ?? []}::text[],
        ${q.kind === 'scale' ? (q.scaleMin ?? 1) : null}, ${q.kind === 'scale' ? (q.scaleMax ?? 5) : null}, ${q.required ?? false})`.execute(
      tx,
    );
  }
  return id;
}

export async function listSurveys(tx: Tx, m: string): Promise<SurveyRow[]> {
  const { rows } =
    await sql<SurveyRow>`${surveySelect} where s.municipality_code = ${m} order by s.created_at desc`.execute(
      tx,
    );
  return rows;
}

export async function getSurvey(tx: Tx, m: string, id: string): Promise<SurveyRow | undefined> {
  const { rows } =
    await sql<SurveyRow>`${surveySelect} where s.municipality_code = ${m} and s.id = ${id}`.execute(
      tx,
    );
  return rows[0];
}

export async function getSurveyByToken(
  tx: Tx,
  m: string,
  token: string,
): Promise<SurveyRow | undefined> {
  const { rows } =
    await sql<SurveyRow>`${surveySelect} where s.municipality_code = ${m} and s.public_token = ${token}`.execute(
      tx,
    );
  return rows[0];
}

export async function questions(tx: Tx, m: string, surveyId: string): Promise<QuestionRow[]> {
  const { rows } =
    await sql<QuestionRow>`select position, kind, text, options, scale_min, scale_max, required
    from needs_survey_question where municipality_code = ${m} and survey_id = ${surveyId} order by position`.execute(
      tx,
    );
  return rows;
}

export async function insertResponse(
  tx: Tx,
  m: string,
  surveyId: string,
  answers: Record<string, unknown>,
): Promise<void> {
  await sql`insert into needs_survey_response (municipality_code, survey_id, answers)
    values (${m}, ${surveyId}, ${JSON.stringify(answers)}::jsonb)`.execute(tx);
}

export async function responses(
  tx: Tx,
  m: string,
  surveyId: string,
): Promise<Record<string, unknown>[]> {
  const { rows } = await sql<{
    answers: Record<string, unknown>;
  }>`select answers from needs_survey_response
    where municipality_code = ${m} and survey_id = ${surveyId}`.execute(tx);
  return rows.map((r) => r.answers);
}

export async function setStatus(tx: Tx, m: string, id: string, status: string): Promise<void> {
  await sql`update needs_survey set status = ${status} where municipality_code = ${m} and id = ${id}`.execute(
    tx,
  );
}

export async function municipalityName(tx: Tx, m: string): Promise<string | undefined> {
  const { rows } = await sql<{
    name: string;
  }>`select name from municipality where code = ${m}`.execute(tx);
  return rows[0]?.name;
}
