/**
 * Evaluation is a manager's tool over aggregated figures of the manager's own municipality:
 * no route here returns citizen-level data, and small counts are suppressed.
 */
import { definePolicy } from '../../platform/policy.js';

const managers = { manager: 'municipality' } as const;

export const evaluationPolicy = definePolicy({
  'evaluation.dashboard.read': {
    allow: managers,
    purpose: { da: 'Ledelsesstatistik (aggregeret)', en: 'Management statistics (aggregated)' },
  },
  'evaluation.dashboard.export': {
    allow: managers,
    purpose: { da: 'Udtræk af ledelsesstatistik', en: 'Export of management statistics' },
  },
  'evaluation.course.read': {
    allow: managers,
    purpose: { da: 'Evaluering af hold', en: 'Course evaluation' },
  },
  'evaluation.course.export': {
    allow: managers,
    purpose: { da: 'Udtræk af holdevaluering', en: 'Export of a course evaluation' },
  },
  'evaluation.criteria.write': {
    allow: managers,
    purpose: { da: 'Fastsættelse af succeskriterier', en: 'Setting success criteria' },
  },
  'evaluation.survey.manage': {
    allow: managers,
    purpose: { da: 'Behovsundersøgelser', en: 'Needs surveys' },
  },
  'evaluation.survey.results': {
    allow: managers,
    purpose: {
      da: 'Resultater af behovsundersøgelse (aggregeret)',
      en: 'Needs survey results (aggregated)',
    },
  },
  'evaluation.demo.advance': {
    allow: managers,
    purpose: {
      da: 'Demodata: hold startes og afsluttes',
      en: 'Demo data: course started and completed',
    },
  },
});
