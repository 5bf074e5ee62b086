/**
 * Migration 0701 moves needs surveys onto the questionnaire engine. Surveys made before it (own
 * question and response tables) must come through whole: the questions as an engine definition
 * that accepts the answers given, the answer sheets as anonymous responses dated by the day.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmptyTestDatabase, type TestDatabase } from '../../../test/helper.js';
import type { Database } from '../../db/database.js';
import { migrate, readMigrations } from '../../db/migrate.js';
import {
  type Answers,
  type QuestionnaireDefinition,
  questionsOf,
  validateAnswers,
} from '../questionnaires/questionnaires.service.js';

// On the engine the suite runs on: PGlite, or a fresh PostgreSQL database in CI's second pass.
let empty: TestDatabase;
let database: Database;
const id = '00000000-0000-4000-8000-00000000a701';
const answers: Answers[] = [
  { '1': 'Motion', '2': ['Holdtræning', 'Madlavning'], '3': 4, '4': 'Om aftenen' },
  { '1': 'Kost', '3': 2 },
];

beforeAll(async () => {
  empty = await createEmptyTestDatabase();
  database = empty.database;
  const all = readMigrations();
  await migrate(
    database,
    all.filter((m) => m.version < '0701'),
  );
  const db = database.db;
  await sql`insert into needs_survey (municipality_code, id, public_token, title, intro)
    values ('175', ${id}, 'gammeltoken123', 'Gammel undersøgelse', 'Hjælp os')`.execute(db);
  await sql`insert into needs_survey_question (municipality_code, survey_id, position, kind, text, options, scale_min, scale_max, required)
    values ('175', ${id}, 1, 'single', 'Hvad betyder mest?', '{Motion,Kost}', null, null, true),
      ('175', ${id}, 2, 'multiple', 'Hvad vil du prøve?', '{Holdtræning,Madlavning}', null, null, false),
      ('175', ${id}, 3, 'scale', 'Hvor motiveret?', '{}', 1, 5, false),
      ('175', ${id}, 4, 'text', 'Andet?', '{}', null, null, false)`.execute(db);
  for (const a of answers)
    await sql`insert into needs_survey_response (municipality_code, survey_id, answered_on, answers)
      values ('175', ${id}, '2026-01-05', ${JSON.stringify(a)}::jsonb)`.execute(db);
  await migrate(database, all);
}, 120_000);

afterAll(async () => {
  await empty?.close();
});

describe('needs surveys moved onto the questionnaire engine (0701)', () => {
  it('keeps the questions as a definition that accepts the answers given, and the answers anonymous', async () => {
    const db = database.db;
    const { rows: surveys } = await sql<{ definition_key: string; definition_version: number }>`
      select definition_key, definition_version from needs_survey where id = ${id}`.execute(db);
    expect(surveys[0]).toEqual({ definition_key: `needs_survey:${id}`, definition_version: 1 });
    const { rows: defs } = await sql<{ definition: QuestionnaireDefinition }>`
      select definition from questionnaire_definition where key = ${`needs_survey:${id}`}`.execute(
      db,
    );
    const def = defs[0]!.definition;
    expect(def.title).toBe('Gammel undersøgelse');
    expect(questionsOf(def)).toEqual([
      {
        id: '1',
        label: 'Hvad betyder mest?',
        required: true,
        type: 'single',
        options: [
          { value: 'Motion', label: 'Motion' },
          { value: 'Kost', label: 'Kost' },
        ],
      },
      {
        id: '2',
        label: 'Hvad vil du prøve?',
        required: false,
        type: 'multiple',
        options: [
          { value: 'Holdtræning', label: 'Holdtræning' },
          { value: 'Madlavning', label: 'Madlavning' },
        ],
      },
      { id: '3', label: 'Hvor motiveret?', required: false, type: 'scale', min: 1, max: 5 },
      { id: '4', label: 'Andet?', required: false, type: 'text' },
    ]);
    for (const a of answers) expect(validateAnswers(def, a, { complete: true })).toEqual([]);
    expect(validateAnswers(def, { '1': 'Fodbold' }, { complete: true })).not.toEqual([]);

    const { rows } = await sql<{
      answers: unknown;
      filled_in_by: string;
      subject_citizen_id: string | null;
      created_by: string | null;
      day: string;
      midnight: boolean;
    }>`select answers, filled_in_by, subject_citizen_id, created_by, created_at::date::text as day,
        created_at = created_at::date::timestamptz and completed_at = created_at as midnight
      from questionnaire_response where definition_key = ${`needs_survey:${id}`}
      order by answers->>'1' desc`.execute(db);
    expect(rows).toEqual(
      answers.map((a) => ({
        answers: a,
        filled_in_by: 'anonymous',
        subject_citizen_id: null,
        created_by: null,
        day: '2026-01-05',
        midnight: true,
      })),
    );
    const { rows: old } = await sql<{ q: string | null; r: string | null }>`
      select to_regclass('needs_survey_question')::text as q,
        to_regclass('needs_survey_response')::text as r`.execute(db);
    expect(old[0]).toEqual({ q: null, r: null });
  });
});
