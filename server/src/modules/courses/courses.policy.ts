import { definePolicy } from '../../platform/policy.js';

/** The provider of the course's offer runs it: health center or private provider staff. */
const runsCourse = { health_professional: 'organisation', provider_staff: 'organisation' } as const;

export const coursePolicy = definePolicy({
  'course.list': {
    // Filtered in the service: providers see their own courses, job center staff all, citizens
    // the courses of open offers.
    allow: {
      caseworker: 'any',
      coordinating_caseworker: 'any',
      health_professional: 'any',
      provider_staff: 'any',
      citizen: 'any',
    },
    purpose: { da: 'Oversigt over hold', en: 'List of courses' },
  },
  'course.create': {
    allow: runsCourse,
    purpose: { da: 'Planlægning af hold', en: 'Planning a course' },
  },
  'course.read': {
    allow: runsCourse,
    purpose: {
      da: 'Afvikling af hold og deltagerliste',
      en: 'Running a course and its participants',
    },
  },
  'course.session_update': {
    allow: runsCourse,
    purpose: { da: 'Flytning eller aflysning af en gang', en: 'Moving or cancelling a session' },
  },
  'course.attendance': {
    allow: runsCourse,
    purpose: { da: 'Registrering af fremmøde', en: 'Registering attendance' },
  },
  'course.drop_out': {
    allow: runsCourse,
    purpose: { da: 'Registrering af frafald', en: 'Registering a drop-out' },
  },
  'course.outcome': {
    allow: runsCourse,
    purpose: {
      da: 'Registrering af resultat efter forløbet',
      en: 'Recording the outcome of a course',
    },
  },
  'course.overview': {
    allow: runsCourse,
    purpose: {
      da: 'Overblik over hold: fremmøde og resultater',
      en: 'Course overview: attendance and outcomes',
    },
  },
  'course.signup': {
    allow: { citizen: 'municipality' },
    purpose: { da: 'Tilmelding til åbent tilbud', en: 'Signing up for an open offer' },
  },
});
