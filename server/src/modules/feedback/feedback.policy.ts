/**
 * Citizen feedback after every course (Skive, Vordingborg): the citizen answers for themself;
 * the course's provider and the municipality's managers see it aggregated, small counts hidden.
 */
import { definePolicy } from '../../platform/policy.js';

export const feedbackPolicy = definePolicy({
  'feedback.mine': {
    allow: { citizen: 'self' },
    purpose: { da: 'Mine forløb at give feedback på', en: 'My courses to give feedback on' },
  },
  'feedback.give': {
    allow: { citizen: 'self' },
    purpose: { da: 'Borgerens feedback efter forløbet', en: 'The citizen’s feedback on a course' },
  },
  'feedback.list': {
    // Filtered in the service: providers their own courses, managers the municipality's.
    allow: { health_professional: 'any', provider_staff: 'any', manager: 'any' },
    purpose: { da: 'Feedback pr. hold (aggregeret)', en: 'Feedback per course (aggregated)' },
  },
  'feedback.course': {
    allow: {
      health_professional: 'organisation',
      provider_staff: 'organisation',
      manager: 'municipality',
    },
    purpose: { da: 'Feedback på et hold (aggregeret)', en: 'Feedback on a course (aggregated)' },
  },
});
