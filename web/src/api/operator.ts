/** The platform operator's work (decision 1050): onboarding and offboarding municipalities. */
import { api } from './client';

export interface OperatorMunicipality {
  code: string;
  name: string;
  region: string | null;
  status: 'onboarded' | 'offboarded' | 'not_onboarded';
  onboardedAt: string | null;
  offboardedAt: string | null;
}

/** The one-time link: mailed to the administrator (no link here), or shown once. */
export interface Invitation {
  token: string | null;
  url: string | null;
  expiresAt: string;
  emailedTo: string | null;
  emailFailed: boolean;
}

export interface OnboardInput {
  code: string;
  name: string;
  organisations: { name: string; type: string; address: string | null }[];
  administrator: { username: string; displayName: string; email: string | null };
}

export const listMunicipalities = () => api<OperatorMunicipality[]>('/api/operator/municipalities');

export const onboardMunicipality = (body: OnboardInput) =>
  api<{ code: string; name: string; invitation: Invitation }>('/api/operator/municipalities', {
    method: 'POST',
    body,
  });

export const reinvite = (code: string) =>
  api<Invitation & { username: string }>(`/api/operator/municipalities/${code}/invitation`, {
    method: 'POST',
  });

export const offboardMunicipality = (code: string, confirmName: string) =>
  api<{ code: string; name: string; deletedRows: number; kept: string[] }>(
    `/api/operator/municipalities/${code}/offboard`,
    { method: 'POST', body: { confirmName } },
  );
