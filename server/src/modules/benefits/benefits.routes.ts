import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { IdParams } from '@helhed/shared/common';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { authed, responses } from '../../platform/http.js';
import './benefits.policy.js';
import {
  BenefitPeriodEndSchema,
  BenefitPeriodInputSchema,
  BenefitPeriodSchema,
} from './benefits.schema.js';
import * as service from './benefits.service.js';

export default async function benefitRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.addSchema(BenefitPeriodSchema);
  const period = Type.Ref(BenefitPeriodSchema);

  app.get(
    '/citizen/:id',
    {
      config: { access: 'benefit.read' },
      schema: {
        tags: ['benefits'],
        summary: 'Borgerens ydelsesforløb (nyeste først)',
        params: IdParams,
        response: responses({ 200: Type.Object({ items: Type.Array(period) }) }),
      },
    },
    async (request) => service.listPeriods(authed(request), request.params.id),
  );

  app.post(
    '',
    {
      config: { access: 'benefit.create' },
      schema: {
        tags: ['benefits'],
        summary: 'Opret ydelsesforløb (afvises hvis det overlapper et forløb af samme type)',
        body: BenefitPeriodInputSchema,
        response: responses({ 201: period }),
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.createPeriod(authed(request), request.body)),
  );

  app.post(
    '/:id/end',
    {
      config: { access: 'benefit.end' },
      schema: {
        tags: ['benefits'],
        summary: 'Afslut ydelsesforløb med slutdato og ophørsårsag',
        params: IdParams,
        body: BenefitPeriodEndSchema,
        response: responses({ 200: period }),
      },
    },
    async (request) => service.endPeriod(authed(request), request.params.id, request.body),
  );
}
