import { IdParams, Uuid } from '@helhed/shared/common';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { authed, responses } from '../../platform/http.js';
import './consents.policy.js';
import { ConsentInputSchema, ConsentSchema, RecipientSchema } from './consents.schema.js';
import * as service from './consents.service.js';

export default async function consentRoutes(app: FastifyInstance) {
  app.addSchema(ConsentSchema);
  const consent = Type.Ref(ConsentSchema);

  app.get(
    '',
    {
      config: { access: 'consent.read' },
      schema: {
        tags: ['consents'],
        summary: 'Borgerens samtykker',
        querystring: Type.Object({ citizenId: Uuid }),
        response: responses({ 200: Type.Array(consent) }),
      },
    },
    async (request) =>
      service.listConsents(authed(request), (request.query as { citizenId: string }).citizenId),
  );

  app.get(
    '/recipients',
    {
      config: { access: 'consent.recipients' },
      schema: {
        tags: ['consents'],
        summary: 'Organisationer der kan modtage samtykke',
        response: responses({ 200: Type.Array(RecipientSchema) }),
      },
    },
    async (request) => service.listRecipients(authed(request)),
  );

  app.post(
    '',
    {
      config: { access: 'consent.record' },
      schema: {
        tags: ['consents'],
        summary: 'Registrér samtykke (givet eller afslået)',
        body: ConsentInputSchema,
        response: responses({ 201: consent }),
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.recordConsent(authed(request), request.body as never)),
  );

  app.post(
    '/:id/withdraw',
    {
      config: { access: 'consent.withdraw' },
      schema: {
        tags: ['consents'],
        summary: 'Tilbagekald samtykke (virker med det samme)',
        params: IdParams,
        response: responses({ 200: consent }),
      },
    },
    async (request) =>
      service.withdrawConsent(authed(request), (request.params as { id: string }).id),
  );
}
