/**
 * SQL for the anonymous needs surveys. The questions are a questionnaire definition and the
 * answer sheets anonymous questionnaire responses (the questionnaire engine, #6, migration
 * 0701); needs_survey holds the public token, status and creator.
 */

import { randomUUID } from 'node:crypto';
import type { SurveyInput } from '@helhed/shared/evaluation';
import { sql } from 'kysely';
import type { Tx } from '../../platform/context.js';
import {
  type Answers,
  ensureDefinition,
  getDefinition,
  type Question,
  type QuestionnaireDefinition,
  questionsOf,
} from '../questionnaires/questionnaires.service.js';

export interface SurveyRow {
  municipality_code: string;
  id: string;
  public_token: string;
  title: string;
  intro: string;
  status: string;
  created_at: Date;
  responses: number;
  definition_key: string;
  definition_version: number;
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
  s.definition_key, s.definition_version,
  (select count(*)::int from questionnaire_response r where r.municipality_code = s.municipality_code
    and r.definition_key = s.definition_key and r.status = 'completed') as responses
  from needs_survey s`;

/** The survey as a questionnaire definition: one section, question ids are the positions. */
export function surveyDefinition(id: string, input: SurveyInput): QuestionnaireDefinition {
  return {
    key: `needs_survey:${id}`,
    version: 1,
    title: input.title,
    intro: input.intro ?? '',
    sections: [
      {
        id: 'survey',
        title: input.title,
        questions: input.questions.map((q, i): Question => {
          const base = { id: String(i + 1), label: q.text, required: q.required ?? false };
          const options = (q.options ?? []).map((o) => ({ value: o, label: o }));
          if (q.kind === 'single') return { ...base, type: 'single', options };
          if (q.kind === 'multiple') return { ...base, type: 'multiple', options };
          if (q.kind === 'scale')
            return { ...base, type: 'scale', min: q.scaleMin ?? 1, max: q.scaleMax ?? 5 };
          return { ...base, type: 'text' };
        }),
      },
    ],
  };
}

export async function createSurvey(
  tx: Tx,
  m: string,
  token: string,
  input: SurveyInput,
  userId: string,
): Promise<string> {
  const id = randomUUID();
  const def = surveyDefinition(id, input);
  await ensureDefinition(tx, def);
  await sql`insert into needs_survey (municipality_code, id, public_token, title, intro, created_by,
      definition_key, definition_version)
    values (${m}, ${id}, ${token}, ${input.title}, ${input.intro ?? ''}, ${userId}, ${def.key},
      ${def.version})`.execute(tx);
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

export async function definition(tx: Tx, survey: SurveyRow): Promise<QuestionnaireDefinition> {
  return getDefinition(tx, survey.definition_key, survey.definition_version);
}

/** The definition's questions in the survey's terms (kind, text, options, scale). */
export function questions(def: QuestionnaireDefinition): QuestionRow[] {
  return questionsOf(def).map((q) => ({
    position: Number(q.id),
    kind: q.type as QuestionRow['kind'],
    text: q.label,
    options: q.type === 'single' || q.type === 'multiple' ? q.options.map((o) => o.value) : [],
    scale_min: q.type === 'scale' ? q.min : null,
    scale_max: q.type === 'scale' ? q.max : null,
    required: q.required ?? false,
  }));
}

/**
 * One anonymous answer sheet: no citizen, no user, no organisation, and every timestamp the
 * day only, so a response cannot be tied back to a person or a visit.
 */
export async function insertResponse(tx: Tx, survey: SurveyRow, answers: Answers): Promise<void> {
  await sql`insert into questionnaire_response (municipality_code, definition_key, definition_version,
      subject_citizen_id, status, answers, filled_in_by, created_by, updated_by, organisation_id,
      created_at, updated_at, completed_at)
    values (${survey.municipality_code}, ${survey.definition_key}, ${survey.definition_version},
      null, 'completed', ${JSON.stringify(answers)}::jsonb, 'anonymous', null, null, null,
      current_date, current_date, current_date)`.execute(tx);
}

export async function responses(tx: Tx, survey: SurveyRow): Promise<Answers[]> {
  const { rows } = await sql<{ answers: Answers }>`select answers from questionnaire_response
    where municipality_code = ${survey.municipality_code} and definition_key = ${survey.definition_key}
      and status = 'completed'`.execute(tx);
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
