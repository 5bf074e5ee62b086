import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Nullable, Uuid } from '@helhed/shared/common';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { authed, responses } from '../../platform/http.js';
import './tasks.policy.js';
import * as service from './tasks.service.js';

export default async function taskRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '',
    {
      config: { access: 'tasks.read' },
      schema: {
        tags: ['tasks'],
        summary: 'Mine opgaver: screeninger, fraværsflag, henvisninger, opfølgninger, planrevision',
        response: responses({
          200: Type.Object({
            counts: Type.Object({
              screeningsDue: Type.Integer(),
              attendanceFlags: Type.Integer(),
              referralsWaiting: Type.Integer(),
              followUpsDue: Type.Integer(),
              planReviews: Type.Integer(),
              sicknessFollowUps: Type.Integer(),
              total: Type.Integer(),
            }),
            items: Type.Array(
              Type.Object({
                kind: Type.String(),
                refId: Uuid,
                citizenId: Uuid,
                citizenName: Type.String(),
                due: Nullable(Type.String()),
                detail: Type.String(),
              }),
            ),
          }),
        }),
      },
    },
    async (request) => service.myTasks(authed(request)),
  );
}
