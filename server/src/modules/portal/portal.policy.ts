import { definePolicy } from '../../platform/policy.js';

export const portalPolicy = definePolicy({
  'portal.read': {
    // A proxy (fuldmagt) holds the citizen role too and reaches the citizen through proxy_grant.
    allow: { citizen: 'self' },
    purpose: { da: 'Borgerens egen adgang via Min side', en: 'The citizen’s own portal' },
  },
  'portal.act': {
    allow: { citizen: 'self' },
    purpose: { da: 'Borgerens egne handlinger på Min side', en: 'The citizen’s own actions' },
  },
  'portal.staff_messages': {
    allow: { caseworker: 'municipality', coordinating_caseworker: 'municipality' },
    purpose: { da: 'Beskeder med borgeren', en: 'Messages with the citizen' },
  },
});
