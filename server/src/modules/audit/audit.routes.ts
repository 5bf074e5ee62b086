import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Nullable, Uuid } from '@helhed/shared/common';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { authed, responses } from '../../platform/http.js';
import './audit.policy.js';
import * as service from './audit.service.js';

const AccessLogEntry = Type.Object({
  id: Type.Integer(),
  occurredAt: Type.String({ format: 'date-time' }),
  action: Type.String(),
  resourceType: Type.String(),
  purpose: Type.String(),
  role: Nullable(Type.String()),
  organisationName: Nullable(Type.String()),
  organisationType: Nullable(Type.String()),
  actorName: Type.Optional(Nullable(Type.String())),
  /** Taken by a proxy (fuldmagt) for the citizen; the proxy's name, whom the citizen chose. */
  byProxy: Type.Boolean(),
  proxyName: Nullable(Type.String()),
});

const AccessLogPage = Type.Object({
  items: Type.Array(AccessLogEntry),
  total: Type.Integer(),
  limit: Type.Integer(),
  offset: Type.Integer(),
});

const Page = Type.Object({
  limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
  offset: Type.Integer({ minimum: 0, default: 0 }),
});

export default async function auditRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/me',
    {
      config: { access: 'audit.read_own' },
      schema: {
        tags: ['audit'],
        summary: 'Hvem har set eller ændret mine data (borgerens indsigt)',
        querystring: Page,
        response: responses({ 200: AccessLogPage }),
      },
    },
    async (request) =>
      service.myAccessLog(authed(request), request.query.limit, request.query.offset),
  );

  app.get(
    '/citizens/:id',
    {
      config: { access: 'audit.read_citizen' },
      schema: {
        tags: ['audit'],
        summary: 'Adgangslog for en borger (administrator)',
        params: Type.Object({ id: Uuid }),
        querystring: Page,
        response: responses({ 200: AccessLogPage }),
      },
    },
    async (request) =>
      service.citizenAccessLog(
        authed(request),
        request.params.id,
        request.query.limit,
        request.query.offset,
      ),
  );
}
