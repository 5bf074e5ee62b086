import { definePolicy } from '../../platform/policy.js';

/**
 * The health profile is talked through by the job center's caseworker with the citizen (Odense)
 * or filled in by the citizen; health professionals see it when they hold the citizen (a
 * referral or course) or the citizen consented to share it with their organisation.
 *
 * Health tests are for the citizen and the health professionals only: they must never feed the
 * job center's view. A health professional is related to a citizen's tests through the health
 * organisation that recorded a test, a health organisation holding the citizen (referral or
 * course), or a consent for 'health_tests' given to a health organisation; the service keeps
 * only organisations of a health type (sundhedscenter, træningscenter, forebyggelsescenter,
 * rusmiddelcenter) in the row scope. Job-center roles get the 'organisation' scope on purpose,
 * so that a request is answered 404 like any other row out of reach (existence is not leaked):
 * a job center is never among the row's organisations, so the scope can never match.
 */
export const healthPolicy = definePolicy({
  'health.profile.read': {
    allow: {
      caseworker: 'municipality',
      coordinating_caseworker: 'municipality',
      health_professional: ['organisation', 'consent'],
      citizen: 'self',
    },
    consentCategory: 'health_profile',
    purpose: {
      da: 'Sundhedssamtale og matchning med tilbud',
      en: 'Health conversation and matching with offers',
    },
  },
  'health.profile.write': {
    allow: {
      caseworker: 'municipality',
      coordinating_caseworker: 'municipality',
      health_professional: 'organisation',
      citizen: 'self',
    },
    purpose: { da: 'Udfyldelse af sundhedsprofil', en: 'Filling in the health profile' },
  },
  'health.group_session.write': {
    // København: a health consultant (or the job centre) leads a group health conversation; each
    // participant's profile is still written under health.profile.write, citizen by citizen.
    allow: {
      caseworker: 'municipality',
      coordinating_caseworker: 'municipality',
      health_professional: 'municipality',
    },
    purpose: {
      da: 'Gruppesamtale om sundhed med ønskekort',
      en: 'Group health conversation with wish cards',
    },
  },
  'health.tests.read': {
    allow: {
      health_professional: ['organisation', 'consent'],
      citizen: 'self',
      caseworker: 'organisation',
      coordinating_caseworker: 'organisation',
    },
    consentCategory: 'health_tests',
    purpose: { da: 'Sundhedstest som motivation', en: 'Health tests as motivation' },
  },
  'health.tests.write': {
    allow: { health_professional: 'municipality' },
    purpose: { da: 'Registrering af sundhedstest', en: 'Recording health tests' },
  },
  'health.gaps.read': {
    allow: { manager: 'any', administrator: 'any' },
    purpose: { da: 'Huller i tilbudskataloget (antal)', en: 'Catalogue gaps (counts)' },
  },
});
