/** Organization: a job centre, health centre, private provider or association of a municipality. */
import type { Organization } from '@medplum/fhirtypes';
import { helhedSystem } from './systems.js';

export interface OrganizationInput {
  id: string;
  name: string;
  type: string;
  address: string | null;
  active: boolean;
  municipalityCode: string;
}

const typeLabel: Record<string, string> = {
  jobcenter: 'Jobcenter',
  sundhedscenter: 'Sundhedscenter',
  traeningscenter: 'Træningscenter',
  forebyggelsescenter: 'Forebyggelsescenter',
  rusmiddelcenter: 'Rusmiddelcenter',
  provider: 'Anden aktør',
  association: 'Forening',
  region: 'Region',
};

export function toOrganization(o: OrganizationInput): Organization {
  return {
    resourceType: 'Organization',
    id: o.id,
    identifier: [{ system: helhedSystem('municipality-code'), value: o.municipalityCode }],
    active: o.active,
    type: [
      {
        coding: [
          {
            system: helhedSystem('organisation-type'),
            code: o.type,
            display: typeLabel[o.type] ?? o.type,
          },
        ],
      },
    ],
    name: o.name,
    ...(o.address ? { address: [{ text: o.address }] } : {}),
  };
}
