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
