import type { Role } from './auth';
import { api } from './client';

export interface Organisation {
  id: string;
  name: string;
  /** The built-in type: the permission profile. */
  type: string;
  /** The municipality's own type, where one was chosen (decision 1051). */
  localType: string | null;
  localTypeName: string | null;
  address: string | null;
  active: boolean;
}

export interface AdminUser {
  id: string;
  username: string | null;
  displayName: string;
  email: string | null;
  active: boolean;
  roles: {
    id: string;
    role: string;
    organisationId: string | null;
    organisationName: string | null;
  }[];
}

export interface UserPage {
  items: AdminUser[];
  total: number;
  limit: number;
  offset: number;
}

export const organisationTypes = [
  'jobcenter',
  'sundhedscenter',
  'traeningscenter',
  'forebyggelsescenter',
  'rusmiddelcenter',
  'provider',
  'association',
  'region',
] as const;

export interface OrganisationTypes {
  builtIn: string[];
  own: { code: string; name: string; profile: string }[];
}

export const listOrganisationTypes = () => api<OrganisationTypes>('/api/admin/organisation-types');

export const createOrganisationType = (body: { name: string; profile: string }) =>
  api<{ code: string; name: string; profile: string }>('/api/admin/organisation-types', {
    method: 'POST',
    body,
  });

export const renameOrganisationType = (code: string, name: string) =>
  api<{ code: string; name: string; profile: string }>(`/api/admin/organisation-types/${code}`, {
    method: 'PATCH',
    body: { name },
  });

export const deleteOrganisationType = (code: string) =>
  api<null>(`/api/admin/organisation-types/${code}`, { method: 'DELETE' });

/** The municipality's data, table by table (decision 1053). */
export const listExportTables = () => api<{ table: string; rows: number }[]>('/api/admin/export');

/** A full-page download of one table as CSV. */
export const exportTableUrl = (table: string) => `/api/admin/export/${encodeURIComponent(table)}`;

export const listOrganisations = () => api<Organisation[]>('/api/admin/organisations');

export const createOrganisation = (body: { name: string; type: string; address: string | null }) =>
  api<Organisation>('/api/admin/organisations', { method: 'POST', body });

export const listUsers = (q: string, limit: number, offset: number) =>
  api<UserPage>(
    `/api/admin/users?limit=${limit}&offset=${offset}${q ? `&q=${encodeURIComponent(q)}` : ''}`,
  );

export const createUser = (body: {
  username: string;
  displayName: string;
  email: string | null;
  password: string;
  roles: { role: Role; organisationId: string | null }[];
}) => api<{ id: string }>('/api/admin/users', { method: 'POST', body });

export const setUserActive = (id: string, active: boolean) =>
  api<void>(`/api/admin/users/${id}/${active ? 'activate' : 'deactivate'}`, { method: 'POST' });

export const addRole = (userId: string, role: Role, organisationId: string | null) =>
  api<void>(`/api/admin/users/${userId}/roles`, { method: 'POST', body: { role, organisationId } });

export const removeRole = (userId: string, roleId: string) =>
  api<void>(`/api/admin/users/${userId}/roles/${roleId}`, { method: 'DELETE' });

/** A municipality's egress address or network (decision 0830). */
export interface EgressAddress {
  cidr: string;
  note: string | null;
}

export const listEgress = () => api<{ addresses: EgressAddress[] }>('/api/admin/egress');

export const saveEgress = (addresses: { cidr: string; note: string | null }[]) =>
  api<{ addresses: EgressAddress[] }>('/api/admin/egress', {
    method: 'PUT',
    body: { addresses },
  });

/** Name, address and whether it is active; the type is fixed once created. */
export const updateOrganisation = (
  id: string,
  body: { name?: string; address?: string | null; active?: boolean },
) => api<Organisation>(`/api/admin/organisations/${id}`, { method: 'PATCH', body });
