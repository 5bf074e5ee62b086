import { definePolicy } from '../../platform/policy.js';

export const riskPolicy = definePolicy({
  'risk.read': {
    allow: { caseworker: 'municipality', coordinating_caseworker: 'municipality' },
    purpose: {
      da: 'Forslag til risikogruppe (tidlig indsats); en sagsbehandler beslutter',
      en: 'Suggested risk group (early effort); a caseworker decides',
    },
  },
  'risk.decide': {
    allow: { caseworker: 'municipality', coordinating_caseworker: 'municipality' },
    purpose: {
      da: 'Sagsbehandlers beslutning om risikogruppe',
      en: 'Caseworker’s risk-group decision',
    },
  },
  'risk.attention': {
    allow: { caseworker: 'any', coordinating_caseworker: 'any' },
    purpose: {
      da: 'Tidlig opsporing: borgere i orange/rød gruppe uden indsats',
      en: 'Early detection: orange/red citizens with no action',
    },
  },
  'risk.suggestions': {
    // Within the tenant transaction: 'any' is the caller's own municipality.
    allow: { caseworker: 'any', coordinating_caseworker: 'any' },
    purpose: {
      da: 'Gennemgang af kommunens forslag til orange og rød risikogruppe',
      en: 'Reviewing the municipality’s orange and red risk-group suggestions',
    },
  },
  'risk.rules.read': {
    allow: {
      caseworker: 'any',
      coordinating_caseworker: 'any',
      manager: 'any',
      administrator: 'any',
    },
    purpose: { da: 'Kommunens regler for risikogrupper', en: 'The municipality’s risk rules' },
  },
  'risk.rules.write': {
    allow: { administrator: 'any' },
    purpose: { da: 'Ændring af regler for risikogrupper', en: 'Changing risk rules' },
  },
});
