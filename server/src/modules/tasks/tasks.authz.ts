import type { AuthzCase } from '../../../test/authz/types.js';

export const authzCases: AuthzCase[] = [
  { route: 'GET /api/tasks', row: false, request: async () => ({ url: '/api/tasks' }) },
];
