import { api } from './client';

export interface AccessLogEntry {
  id: number;
  occurredAt: string;
  action: string;
  resourceType: string;
  purpose: string;
  role: string | null;
  organisationName: string | null;
  organisationType: string | null;
  byProxy: boolean;
  proxyName: string | null;
}

export interface AccessLogPage {
  items: AccessLogEntry[];
  total: number;
  limit: number;
  offset: number;
}

export const myAccessLog = (limit: number, offset: number) =>
  api<AccessLogPage>(`/api/audit/me?limit=${limit}&offset=${offset}`);

/** An administrator's view of one citizen's log: with the employee's name (actorName). */
export interface CitizenAccessLogEntry extends AccessLogEntry {
  actorName?: string | null;
}
export const citizenAccessLog = (citizenId: string, limit: number, offset: number) =>
  api<Omit<AccessLogPage, 'items'> & { items: CitizenAccessLogEntry[] }>(
    `/api/audit/citizens/${citizenId}?limit=${limit}&offset=${offset}`,
  );
