/**
 * QuestionnaireResponse: a citizen's answers to a questionnaire version (the health profile,
 * WHO-5 included), pointing at the exact version answered (`questionnaire` = url|version). Only
 * answered, visible questions are written. Health content: it reaches a reader only through the
 * sharing builder (the recorder, or a consent to 'health_profile').
 */
import type {
  QuestionnaireResponse,
  QuestionnaireResponseItem,
  QuestionnaireResponseItemAnswer,
} from '@medplum/fhirtypes';
import type {
  Answers,
  AnswerValue,
  Question,
  QuestionnaireDefinition,
} from '../../questionnaires/questionnaires.service.js';
import { answerSystem, questionnaireUrl } from './questionnaire.js';
import { instant, ref } from './systems.js';

export interface ResponseInput {
  id: string;
  citizenId: string;
  status: 'draft' | 'completed';
  answers: Answers;
  filledInBy: string;
  organisationId: string | null;
  organisationName: string | null;
  updatedAt: string | Date;
  completedAt: string | Date | null;
}

function answersOf(
  key: string,
  q: Question,
  value: AnswerValue,
): QuestionnaireResponseItemAnswer[] {
  if (value === null || value === undefined || value === '') return [];
  const coding = (code: string) => {
    const options =
      q.type === 'single' || q.type === 'multiple'
        ? q.options
        : q.type === 'scale'
          ? q.labels
          : undefined;
    const display = options?.find((o) => o.value === code)?.label;
    return {
      valueCoding: { system: answerSystem(key, q.id), code, ...(display ? { display } : {}) },
    };
  };
  switch (q.type) {
    case 'single':
      return [coding(String(value))];
    case 'multiple':
      return (Array.isArray(value) ? value : [String(value)]).map((v) => coding(String(v)));
    case 'scale':
      return q.labels ? [coding(String(value))] : [{ valueInteger: Number(value) }];
    case 'number':
      return [q.integer ? { valueInteger: Number(value) } : { valueDecimal: Number(value) }];
    case 'text':
      return [{ valueString: String(value) }];
    case 'date':
      return [{ valueDate: String(value).slice(0, 10) }];
  }
}

export function toQuestionnaireResponse(
  def: QuestionnaireDefinition,
  r: ResponseInput,
): QuestionnaireResponse {
  const items: QuestionnaireResponseItem[] = [];
  for (const section of def.sections) {
    const answered = section.questions
      .map((q) => ({ q, answer: answersOf(def.key, q, r.answers[q.id] ?? null) }))
      .filter((x) => x.answer.length > 0)
      .map(({ q, answer }) => ({ linkId: q.id, text: q.label, answer }));
    if (answered.length) items.push({ linkId: section.id, text: section.title, item: answered });
  }
  const author =
    r.filledInBy === 'citizen' || !r.organisationId
      ? ref('Patient', r.citizenId)
      : ref('Organization', r.organisationId, r.organisationName);
  return {
    resourceType: 'QuestionnaireResponse',
    id: r.id,
    questionnaire: `${questionnaireUrl(def.key)}|${def.version}`,
    status: r.status === 'completed' ? 'completed' : 'in-progress',
    subject: ref('Patient', r.citizenId),
    authored: instant(r.completedAt ?? r.updatedAt),
    author,
    source: ref('Patient', r.citizenId),
    item: items,
  };
}
