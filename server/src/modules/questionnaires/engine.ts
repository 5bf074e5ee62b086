/**
 * The questionnaire engine, pure functions only: a definition is data (sections with questions
 * of six answer types, optionally shown only when another answer has a given value), and
 * answers are validated against it on the server. The health profile (issue 6) and the
 * anonymous needs surveys (issue 9) are both definitions on this engine.
 */

export interface Option {
  value: string;
  label: string;
}

export interface ShowIf {
  /** Id of the question whose answer decides. */
  question: string;
  /** Shown when that answer is one of these values (for multiple choice: contains one). */
  in: (string | number)[];
}

interface QuestionBase {
  id: string;
  label: string;
  help?: string;
  /** Must be answered before the response can be completed (when visible). */
  required?: boolean;
  showIf?: ShowIf;
}

export type Question = QuestionBase &
  (
    | { type: 'single'; options: Option[] }
    | { type: 'multiple'; options: Option[]; max?: number }
    | { type: 'scale'; min: number; max: number; labels?: Option[] }
    | { type: 'number'; unit: string; min?: number; max?: number; integer?: boolean }
    | { type: 'text'; maxLength?: number; multiline?: boolean }
    | { type: 'date' }
  );

export interface Section {
  id: string;
  title: string;
  intro?: string;
  questions: Question[];
}

export interface QuestionnaireDefinition {
  key: string;
  version: number;
  title: string;
  intro?: string;
  sections: Section[];
}

export type AnswerValue = string | number | string[] | null;
export type Answers = Record<string, AnswerValue>;

export interface AnswerError {
  pointer: string;
  message: string;
}

export function questionsOf(def: QuestionnaireDefinition): Question[] {
  return def.sections.flatMap((s) => s.questions);
}

export function isAnswered(value: AnswerValue | undefined): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

/** Whether a question is shown, given the answers so far (conditions may chain). */
export function isVisible(def: QuestionnaireDefinition, q: Question, answers: Answers): boolean {
  if (!q.showIf) return true;
  const parent = questionsOf(def).find((p) => p.id === q.showIf?.question);
  if (!parent || !isVisible(def, parent, answers)) return false;
  const value = answers[q.showIf.question];
  if (Array.isArray(value)) return value.some((v) => q.showIf?.in.includes(v));
  return value !== null && value !== undefined && q.showIf.in.includes(value);
}

function checkValue(q: Question, value: AnswerValue): string | null {
  if (value === null) return null;
  switch (q.type) {
    case 'single':
      return typeof value === 'string' && q.options.some((o) => o.value === value)
        ? null
        : 'Vælg en af svarmulighederne';
    case 'multiple': {
      if (!Array.isArray(value) || !value.every((v) => q.options.some((o) => o.value === v))) {
        return 'Vælg blandt svarmulighederne';
      }
      if (new Set(value).size !== value.length) return 'Samme svar er valgt to gange';
      if (q.max !== undefined && value.length > q.max) return `Vælg højst ${q.max}`;
      return null;
    }
    case 'scale':
      return typeof value === 'number' &&
        Number.isInteger(value) &&
        value >= q.min &&
        value <= q.max
        ? null
        : `Vælg et tal fra ${q.min} til ${q.max}`;
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'Skriv et tal';
      if (q.integer && !Number.isInteger(value)) return 'Skriv et helt tal';
      if (q.min !== undefined && value < q.min) return `Mindst ${q.min} ${q.unit}`;
      if (q.max !== undefined && value > q.max) return `Højst ${q.max} ${q.unit}`;
      return null;
    }
    case 'text':
      if (typeof value !== 'string') return 'Skriv en tekst';
      return value.length > (q.maxLength ?? 4000) ? `Højst ${q.maxLength ?? 4000} tegn` : null;
    case 'date':
      return typeof value === 'string' &&
        /^\d{4}-\d{2}-\d{2}$/.test(value) &&
        !Number.isNaN(Date.parse(value))
        ? null
        : 'Skriv en dato (ÅÅÅÅ-MM-DD)';
  }
}

/**
 * Checks answers against the definition. A draft may be incomplete; `complete` also requires
 * every visible required question. Unknown question ids are always an error.
 */
export function validateAnswers(
  def: QuestionnaireDefinition,
  answers: Answers,
  opts: { complete: boolean },
): AnswerError[] {
  const errors: AnswerError[] = [];
  const byId = new Map(questionsOf(def).map((q) => [q.id, q]));
  for (const [id, value] of Object.entries(answers)) {
    const q = byId.get(id);
    if (!q) {
      errors.push({ pointer: `/answers/${id}`, message: 'Spørgsmålet findes ikke i skemaet' });
      continue;
    }
    const problem = checkValue(q, value);
    if (problem) errors.push({ pointer: `/answers/${id}`, message: problem });
  }
  if (opts.complete) {
    for (const q of byId.values()) {
      if (q.required && isVisible(def, q, answers) && !isAnswered(answers[q.id])) {
        errors.push({ pointer: `/answers/${q.id}`, message: `Besvar: ${q.label}` });
      }
    }
  }
  return errors;
}

/** Answers to questions that are not shown are dropped when a response is completed. */
export function pruneHidden(def: QuestionnaireDefinition, answers: Answers): Answers {
  const out: Answers = {};
  for (const q of questionsOf(def)) {
    if (q.id in answers && isVisible(def, q, answers) && isAnswered(answers[q.id])) {
      out[q.id] = answers[q.id] ?? null;
    }
  }
  return out;
}

/**
 * Brings answers that arrive as JSON into the question's type: "3" for a scale or number
 * becomes 3, a number for a text or choice question becomes its text. HTTP layers coerce
 * loosely; the engine decides by the definition.
 */
export function normalizeAnswers(def: QuestionnaireDefinition, answers: Answers): Answers {
  const byId = new Map(questionsOf(def).map((q) => [q.id, q]));
  const out: Answers = {};
  for (const [id, value] of Object.entries(answers)) {
    const q = byId.get(id);
    let v = value;
    if (
      q &&
      (q.type === 'scale' || q.type === 'number') &&
      typeof v === 'string' &&
      v.trim() !== ''
    ) {
      const parsed = Number(v.replace(',', '.'));
      if (Number.isFinite(parsed)) v = parsed;
    } else if (
      q &&
      (q.type === 'text' || q.type === 'single' || q.type === 'date') &&
      typeof v === 'number'
    ) {
      v = String(v);
    }
    out[id] = v;
  }
  return out;
}

/** Merges a draft patch: a null value clears the answer. */
export function mergeAnswers(current: Answers, patch: Answers): Answers {
  const next: Answers = { ...current };
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete next[k];
    else next[k] = v;
  }
  return next;
}
