import type { AuthzCase } from '../../../test/authz/types.js';
import { fiveRows, multipart, toCsv } from '../../../test/fixtures/imports.js';
import { freshImportJob } from '../../../test/fixtures/workflow-authz.js';

export const authzCases: AuthzCase[] = [
  {
    route: 'POST /api/imports',
    row: false,
    ok: 201,
    request: async () => {
      const body = multipart('authz.csv', toCsv(fiveRows('2026-03-02')));
      return { url: '/api/imports', payload: body.payload, headers: body.headers };
    },
  },
  { route: 'GET /api/imports', row: false, request: async () => ({ url: '/api/imports' }) },
  {
    route: 'GET /api/imports/:id',
    row: true,
    request: async (ctx, _caller, owner) => ({
      url: `/api/imports/${await freshImportJob(ctx, owner)}`,
    }),
  },
  {
    route: 'POST /api/imports/:id/commit',
    row: true,
    ok: 202,
    request: async (ctx, _caller, owner) => ({
      url: `/api/imports/${await freshImportJob(ctx, owner)}/commit`,
    }),
  },
];
