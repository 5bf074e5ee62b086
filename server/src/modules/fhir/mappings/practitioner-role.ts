/**
 * PractitionerRole: a member of staff in one role at one organisation (a user_role row). Helhed has
 * no Practitioner resource of its own: the person is named by display, which is all a receiving
 * system needs to know who manages the course of work.
 */
import type { PractitionerRole } from '@medplum/fhirtypes';
import { helhedSystem, ref } from './systems.js';

export interface PractitionerRoleInput {
  id: string;
  role: string;
  displayName: string;
  organisationId: string | null;
  organisationName: string | null;
  active: boolean;
}

const roleLabel: Record<string, string> = {
  caseworker: 'Sagsbehandler',
  coordinating_caseworker: 'Koordinerende sagsbehandler',
  health_professional: 'Sundhedsprofessionel',
  provider_staff: 'Medarbejder hos anden aktør',
  team_member: 'Medlem af rehabiliteringsteam',
  manager: 'Leder',
  administrator: 'Systemadministrator',
};

export function toPractitionerRole(r: PractitionerRoleInput): PractitionerRole {
  return {
    resourceType: 'PractitionerRole',
    id: r.id,
    active: r.active,
    practitioner: { display: r.displayName },
    ...(r.organisationId
      ? { organization: ref('Organization', r.organisationId, r.organisationName) }
      : {}),
    code: [
      {
        coding: [
          {
            system: helhedSystem('staff-role'),
            code: r.role,
            display: roleLabel[r.role] ?? r.role,
          },
        ],
      },
    ],
  };
}
