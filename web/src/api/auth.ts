import { useQuery } from '@tanstack/react-query';
import { ApiError, api, setCsrfToken } from './client';

export type Role =
  | 'caseworker'
  | 'coordinating_caseworker'
  | 'health_professional'
  | 'provider_staff'
  | 'team_member'
  | 'manager'
  | 'administrator'
  | 'citizen'
  | 'operator';

export interface RoleAssignment {
  role: Role;
  organisationId: string | null;
  organisationName: string | null;
  organisationType: string | null;
  /** Policy actions this role assignment allows at all (from /api/auth/me). */
  allowedActions: string[];
}

export interface Me {
  id: string;
  /** 'operator': the platform operator, outside every municipality (decision 1050). */
  kind: 'staff' | 'citizen' | 'operator';
  displayName: string;
  municipalityCode: string;
  municipalityName: string;
  roles: RoleAssignment[];
  /** Policy actions some role of the user allows at all; pages offer a way in from these. */
  allowedActions: string[];
}

interface SessionResponse {
  user: Me;
  csrfToken: string;
}

export const meQueryKey = ['auth', 'me'] as const;

/** The logged-in user, or null when nobody is logged in (401 is an answer, not an error). */
export async function fetchMe(): Promise<Me | null> {
  try {
    const session = await api<SessionResponse>('/api/auth/me');
    setCsrfToken(session.csrfToken);
    return session.user;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(undefined);
      return null;
    }
    throw error;
  }
}

export async function login(username: string, password: string): Promise<Me> {
  const session = await api<SessionResponse>('/api/auth/login', {
    method: 'POST',
    body: { username, password },
  });
  setCsrfToken(session.csrfToken);
  return session.user;
}

/** First login with a one-time invitation: sets the password and starts a session. */
export async function setPasswordWithInvitation(token: string, password: string): Promise<Me> {
  const session = await api<SessionResponse>('/api/auth/set-password', {
    method: 'POST',
    body: { token, password },
  });
  setCsrfToken(session.csrfToken);
  return session.user;
}

export async function logout(): Promise<void> {
  try {
    await api<void>('/api/auth/logout', { method: 'POST' });
  } finally {
    setCsrfToken(undefined);
  }
}

/**
 * Whether some role of the user allows the policy action at all: for a way into something no
 * row yet answers for (a start-page task, a "plan a meeting" link). A page about one row uses
 * that row's `allowedActions`; the server still decides every request.
 */
export function mayAttempt(me: Me | null | undefined, action: string): boolean {
  return !!me?.allowedActions.includes(action);
}

export function useMe() {
  return useQuery({ queryKey: meQueryKey, queryFn: fetchMe, staleTime: 5 * 60_000 });
}

/** Where MitID (OIDC) login starts; a full page navigation, not a fetch. */
export const oidcStartUrl = '/api/auth/oidc/start';

export interface LoginMethods {
  password: boolean;
  oidc: boolean;
}

/** Which ways to log in this installation offers (MitID only where it is switched on). */
export function useLoginMethods() {
  return useQuery({
    queryKey: ['auth', 'methods'] as const,
    queryFn: () => api<LoginMethods>('/api/auth/methods'),
    staleTime: Number.POSITIVE_INFINITY,
  });
}
