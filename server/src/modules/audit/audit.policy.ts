import { definePolicy } from '../../platform/policy.js';

export const auditPolicy = definePolicy({
  'audit.read_own': {
    allow: { citizen: 'self' },
    purpose: { da: 'Borgerens indsigt i egen adgangslog', en: 'Citizen’s own access log' },
  },
  'audit.read_citizen': {
    allow: { administrator: 'municipality' },
    purpose: { da: 'Kontrol af adgang til borgerens data', en: 'Checking access to citizen data' },
  },
});
