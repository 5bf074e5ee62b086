import { definePolicy } from '../../platform/policy.js';

export const referralPolicy = definePolicy({
  'referral.list': {
    // The service filters: job center staff see the municipality's referrals, health and provider
    // staff only referrals to their own organisations (the inbox), citizens their own.
    allow: {
      caseworker: 'any',
      coordinating_caseworker: 'any',
      health_professional: 'any',
      provider_staff: 'any',
      citizen: 'any',
    },
    purpose: { da: 'Oversigt over henvisninger', en: 'List of referrals' },
  },
  'referral.create': {
    allow: { caseworker: 'municipality', coordinating_caseworker: 'municipality' },
    purpose: { da: 'Henvisning til sundhedstilbud', en: 'Referral to a health offer' },
  },
  'referral.offers': {
    allow: { caseworker: 'any', coordinating_caseworker: 'any' },
    purpose: { da: 'Valg af tilbud til henvisning', en: 'Choosing an offer to refer to' },
  },
  'referral.read': {
    allow: {
      caseworker: 'municipality',
      coordinating_caseworker: 'municipality',
      health_professional: 'organisation',
      provider_staff: 'organisation',
      citizen: 'self',
    },
    purpose: { da: 'Opfølgning på henvisning', en: 'Following up on a referral' },
  },
  'referral.transition': {
    // Which side may take which step is decided per transition in referrals.machine.ts.
    allow: {
      caseworker: 'municipality',
      coordinating_caseworker: 'municipality',
      health_professional: 'organisation',
      provider_staff: 'organisation',
    },
    purpose: { da: 'Behandling af henvisning', en: 'Handling a referral' },
  },
  'referral.shared': {
    // The data the job center shares with the recipient: only while the citizen's consent to the
    // recipient covers every shared category (checked at read time).
    allow: {
      caseworker: 'municipality',
      coordinating_caseworker: 'municipality',
      health_professional: 'consent',
      provider_staff: 'consent',
      citizen: 'self',
    },
    purpose: {
      da: 'Oplysninger delt med modtageren efter borgerens samtykke',
      en: 'Data shared with the recipient under the citizen’s consent',
    },
  },
  'referral.intro_meeting': {
    // Randers: the recipient who holds the intro meeting records that the citizen came.
    allow: { health_professional: 'organisation', provider_staff: 'organisation' },
    purpose: {
      da: 'Registrering af deltagelse i intromøde før tilmelding',
      en: 'Recording attendance at the intro meeting before sign-up',
    },
  },
  'referral.message': {
    allow: {
      caseworker: 'municipality',
      coordinating_caseworker: 'municipality',
      health_professional: 'organisation',
      provider_staff: 'organisation',
    },
    purpose: {
      da: 'Beskeder mellem jobcenter og udbyder om en henvisning',
      en: 'Messages between job center and provider about a referral',
    },
  },
  'referral.flags.list': {
    allow: { caseworker: 'any', coordinating_caseworker: 'any' },
    purpose: {
      da: 'Opfølgning på udeblivelse fra forløb',
      en: 'Following up on absence from a course',
    },
  },
  'referral.flags.resolve': {
    allow: { caseworker: 'municipality', coordinating_caseworker: 'municipality' },
    purpose: {
      da: 'Opfølgning på udeblivelse fra forløb',
      en: 'Following up on absence from a course',
    },
  },
});
