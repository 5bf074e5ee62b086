import { definePolicy } from '../../platform/policy.js';

const jobCentre = { caseworker: 'municipality', coordinating_caseworker: 'municipality' } as const;

export const followupPolicy = definePolicy({
  'followup.read': {
    allow: { ...jobCentre, citizen: 'self' },
    purpose: { da: 'Opfølgning i sygedagpengesag', en: 'Sickness benefit follow-up' },
  },
  'followup.update': {
    allow: jobCentre,
    purpose: {
      da: 'Opfølgning i sygedagpengesag (samtaler, kategori, fast track, standby, revurdering)',
      en: 'Sickness benefit follow-up (conversations, category, fast track, standby, reassessment)',
    },
  },
  // The GP certificate and the mulighedserklæring are held by law, not by consent.
  'followup.gp_certificate': {
    allow: jobCentre,
    purpose: {
      da: 'Lægeattest i sygedagpengesag',
      en: 'GP certificate in a sickness benefit case',
    },
    legalBasis: {
      da: 'Sygedagpengeloven § 11 a og bekendtgørelse om opfølgning i sygedagpengesager § 11',
      en: 'Sickness Benefit Act § 11 a and the executive order on follow-up in sickness benefit cases § 11',
    },
  },
  'followup.fitness_statement': {
    allow: jobCentre,
    purpose: { da: 'Mulighedserklæring i sygedagpengesag', en: 'Fitness-for-work statement' },
    legalBasis: {
      da: 'Sygedagpengeloven, kapitel 6 (kommunens visitation og opfølgning); mulighedserklæringen indgår i opfølgningen',
      en: 'Sickness Benefit Act, chapter 6 (the municipality’s screening and follow-up); the fitness-for-work statement is part of the follow-up',
    },
  },
  'followup.answer_form': {
    allow: { citizen: 'self' },
    purpose: { da: 'Dit oplysningsskema om sygefravær', en: 'Your sickness information form' },
  },
  'followup.deadlines': {
    allow: { caseworker: 'any', coordinating_caseworker: 'any' },
    purpose: { da: 'Frister i sygedagpengesager', en: 'Sickness benefit follow-up deadlines' },
  },
  'followup.outbox.read': {
    allow: { coordinating_caseworker: 'municipality', administrator: 'municipality' },
    purpose: { da: 'Udbakke med påmindelser', en: 'Reminder outbox' },
  },
  'followup.rules.read': {
    allow: { ...jobCentre, administrator: 'municipality' },
    purpose: { da: 'Regler for opfølgningsfrister', en: 'Follow-up deadline rules' },
  },
  'followup.rules.change': {
    allow: { administrator: 'municipality' },
    purpose: { da: 'Ændring af regler for opfølgningsfrister', en: 'Changing follow-up rules' },
  },
});
