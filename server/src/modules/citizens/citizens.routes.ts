import {
  CitizenInputSchema,
  CitizenListItemSchema,
  CitizenSchema,
  CitizenSearchSchema,
  CitizenUpdateSchema,
} from '@helhed/shared/citizens';
import { IdParams, Paged } from '@helhed/shared/common';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { authed, responses } from '../../platform/http.js';
import './citizens.policy.js';
import * as service from './citizens.service.js';

export default async function citizenRoutes(app: FastifyInstance) {
  app.addSchema(CitizenSchema);
  const citizen = Type.Ref(CitizenSchema);

  app.post(
    '/search',
    {
      config: { access: 'citizen.search' },
      schema: {
        tags: ['citizens'],
        summary: 'Søg borgere (CPR, navn, sagsbehandler)',
        body: CitizenSearchSchema,
        response: responses({
          200: Type.Composite([
            Paged(CitizenListItemSchema),
            // What the list page offers next to the results (today: creating a citizen).
            Type.Object({ allowedActions: Type.Array(Type.String()) }),
          ]),
        }),
      },
    },
    async (request) => service.searchCitizens(authed(request), request.body as never),
  );

  app.post(
    '',
    {
      config: { access: 'citizen.create' },
      schema: {
        tags: ['citizens'],
        summary: 'Opret borger',
        body: CitizenInputSchema,
        response: responses({ 201: citizen }),
      },
    },
    async (request, reply) => {
      const created = await service.createCitizen(authed(request), request.body as never);
      return reply.code(201).send(created);
    },
  );

  app.get(
    '/:id',
    {
      config: { access: 'citizen.read' },
      schema: {
        tags: ['citizens'],
        summary: 'Læs borger',
        params: IdParams,
        response: responses({ 200: citizen }),
      },
    },
    async (request) => service.getCitizen(authed(request), (request.params as { id: string }).id),
  );

  app.patch(
    '/:id',
    {
      config: { access: 'citizen.update' },
      schema: {
        tags: ['citizens'],
        summary: 'Ret borgerens stamdata',
        params: IdParams,
        body: CitizenUpdateSchema,
        response: responses({ 200: citizen }),
      },
    },
    async (request) =>
      service.updateCitizen(
        authed(request),
        (request.params as { id: string }).id,
        request.body as never,
      ),
  );

  app.post(
    '/:id/cpr',
    {
      config: { access: 'citizen.reveal_cpr' },
      schema: {
        tags: ['citizens'],
        summary: 'Vis fuldt CPR-nummer (logges)',
        params: IdParams,
        response: responses({ 200: Type.Object({ cpr: Type.String() }) }),
      },
    },
    async (request) => service.revealCpr(authed(request), (request.params as { id: string }).id),
  );
}
