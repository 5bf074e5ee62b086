import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { IdParams, Nullable } from '@helhed/shared/common';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { langOf } from '../../platform/errors.js';
import { authed, responses } from '../../platform/http.js';
import './timeline.policy.js';
import * as service from './timeline.service.js';

const TimelineEntry = Type.Object({
  occurredAt: Type.String(),
  kind: Type.String(),
  title: Type.String(),
  detail: Nullable(Type.String()),
  refId: Nullable(Type.String()),
});

export default async function timelineRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/citizens/:id',
    {
      config: { access: 'timeline.read' },
      schema: {
        tags: ['timeline'],
        summary: 'Borgerens tidslinje (nyeste først)',
        params: IdParams,
        response: responses({ 200: Type.Object({ items: Type.Array(TimelineEntry) }) }),
      },
    },
    async (request) =>
      service.citizenTimeline(
        authed(request),
        request.params.id,
        langOf(request.headers['accept-language']),
      ),
  );
}
