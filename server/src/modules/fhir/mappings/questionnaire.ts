/**
 * Questionnaire: a version of one of Helhed's questionnaire definitions (the health profile with
 * WHO-5 and the wish cards). Every stored version is its own resource (id key-version), so a
 * response always points at the exact wording that was answered.
 */
import type {
  Questionnaire,
  QuestionnaireItem,
  QuestionnaireItemEnableWhen,
} from '@medplum/fhirtypes';
import type {
  Question,
  QuestionnaireDefinition,
} from '../../questionnaires/questionnaires.service.js';
import { fhirId, HELHED_BASE, helhedSystem } from './systems.js';

export const questionnaireId = (key: string, version: number) => `${fhirId(key)}-v${version}`;
export const questionnaireUrl = (key: string) => `${HELHED_BASE}/Questionnaire/${fhirId(key)}`;
export const answerSystem = (key: string, questionId: string) =>
  helhedSystem(`${fhirId(key)}/${fhirId(questionId)}`);

function enableWhen(q: Question): QuestionnaireItemEnableWhen[] | undefined {
  if (!q.showIf) return undefined;
  return q.showIf.in.map((value) => ({
    question: q.showIf!.question,
    operator: '=',
    answerCoding: { code: String(value) },
  }));
}

function item(key: string, q: Question): QuestionnaireItem {
  const when = enableWhen(q);
  const base: Omit<QuestionnaireItem, 'type'> = {
    linkId: q.id,
    text: q.label,
    ...(q.required ? { required: true } : {}),
    ...(when ? { enableWhen: when, enableBehavior: 'any' as const } : {}),
  };
  switch (q.type) {
    case 'single':
    case 'multiple':
      return {
        ...base,
        type: 'choice',
        ...(q.type === 'multiple' ? { repeats: true } : {}),
        answerOption: q.options.map((o) => ({
          valueCoding: { system: answerSystem(key, q.id), code: o.value, display: o.label },
        })),
      };
    case 'scale':
      // A scale with labels (WHO-5: 0–5) is a choice among its points, each with its label.
      return q.labels
        ? {
            ...base,
            type: 'choice',
            answerOption: q.labels.map((o) => ({
              valueCoding: { system: answerSystem(key, q.id), code: o.value, display: o.label },
            })),
          }
        : { ...base, type: 'integer' };
    case 'number':
      return { ...base, type: q.integer ? 'integer' : 'decimal' };
    case 'text':
      return {
        ...base,
        type: q.multiline ? 'text' : 'string',
        ...(q.maxLength ? { maxLength: q.maxLength } : {}),
      };
    case 'date':
      return { ...base, type: 'date' };
  }
}

export function toQuestionnaire(def: QuestionnaireDefinition): Questionnaire {
  return {
    resourceType: 'Questionnaire',
    id: questionnaireId(def.key, def.version),
    url: questionnaireUrl(def.key),
    version: String(def.version),
    name: fhirId(def.key).replaceAll('-', '_'),
    title: def.title,
    status: 'active',
    subjectType: ['Patient'],
    ...(def.intro ? { description: def.intro } : {}),
    item: def.sections.map((s) => ({
      linkId: s.id,
      type: 'group' as const,
      text: s.title,
      item: s.questions.map((q) => item(def.key, q)),
    })),
  };
}
