import { definePolicy } from '../../platform/policy.js';

export const adminPolicy = definePolicy({
  'admin.organisations.read': {
    allow: {
      administrator: 'municipality',
      manager: 'municipality',
      caseworker: 'municipality',
      coordinating_caseworker: 'municipality',
      health_professional: 'municipality',
      provider_staff: 'municipality',
      team_member: 'municipality',
    },
    purpose: { da: 'Oversigt over organisationer', en: 'Organisation overview' },
  },
  'admin.organisations.manage': {
    allow: { administrator: 'municipality' },
    purpose: { da: 'Administration af organisationer', en: 'Organisation administration' },
  },
  'admin.users.read': {
    allow: { administrator: 'municipality' },
    purpose: { da: 'Administration af brugere', en: 'User administration' },
  },
  'admin.users.manage': {
    allow: { administrator: 'municipality' },
    purpose: { da: 'Administration af brugere', en: 'User administration' },
  },
  'admin.export': {
    allow: { administrator: 'municipality' },
    purpose: {
      da: 'Udtræk af kommunens data (fx ved udtræden af Helhed)',
      en: 'Export of the municipality’s data (e.g. when leaving Helhed)',
    },
  },
  'admin.egress.read': {
    allow: { administrator: 'municipality' },
    purpose: { da: 'Kommunens netværksadresser', en: 'The municipality’s network addresses' },
  },
  'admin.egress.manage': {
    allow: { administrator: 'municipality' },
    purpose: { da: 'Kommunens netværksadresser', en: 'The municipality’s network addresses' },
  },
});
