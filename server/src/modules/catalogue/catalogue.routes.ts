import { IdParams, MunicipalityCode, Uuid } from '@helhed/shared/common';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { authed, responses } from '../../platform/http.js';
import {
  OfferInputSchema,
  OfferPatchSchema,
  OfferSchema,
  OfferSearchResultSchema,
  OfferSearchSchema,
  PublicSearchQuery,
} from './catalogue.schema.js';
import './catalogue.policy.js';
import * as service from './catalogue.service.js';

export default async function catalogueRoutes(app: FastifyInstance) {
  app.post(
    '/offers/search',
    {
      config: { access: 'catalogue.search' },
      schema: {
        tags: ['catalogue'],
        summary: 'Søg i tilbudskataloget (dansk fritekst, filtre, facetter)',
        body: OfferSearchSchema,
        response: responses({ 200: OfferSearchResultSchema }),
      },
    },
    async (request) => service.searchOffers(authed(request), request.body as never),
  );

  app.get(
    '/offers/:id',
    {
      config: { access: 'catalogue.read' },
      schema: {
        tags: ['catalogue'],
        summary: 'Læs et tilbud',
        params: IdParams,
        response: responses({ 200: OfferSchema }),
      },
    },
    async (request) => service.getOffer(authed(request), (request.params as { id: string }).id),
  );

  app.post(
    '/offers',
    {
      config: { access: 'catalogue.edit' },
      schema: {
        tags: ['catalogue'],
        summary: 'Opret tilbud (udbyderens egne medarbejdere, administrator)',
        body: OfferInputSchema,
        response: responses({ 201: OfferSchema }),
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.createOffer(authed(request), request.body as never)),
  );

  app.patch(
    '/offers/:id',
    {
      config: { access: 'catalogue.edit' },
      schema: {
        tags: ['catalogue'],
        summary: 'Ret tilbud, også status (kladde, offentliggjort, sat på pause, lukket)',
        params: IdParams,
        body: OfferPatchSchema,
        response: responses({ 200: OfferSchema }),
      },
    },
    async (request) =>
      service.updateOffer(
        authed(request),
        (request.params as { id: string }).id,
        request.body as never,
      ),
  );
}

/** Without login: a municipality's published open offers, for citizens and every department. */
export async function publicOfferRoutes(app: FastifyInstance) {
  const Params = Type.Object({ municipalityCode: MunicipalityCode });
  app.get(
    '/:municipalityCode',
    {
      config: { access: 'public' },
      schema: {
        tags: ['catalogue'],
        summary: 'Offentlig liste over åbne (uvisiterede) tilbud i en kommune',
        params: Params,
        querystring: PublicSearchQuery,
        response: responses({
          200: Type.Composite([
            Type.Object({ municipalityName: Type.String() }),
            OfferSearchResultSchema,
          ]),
        }),
      },
    },
    async (request) =>
      service.searchPublicOffers(
        request.ctx,
        (request.params as { municipalityCode: string }).municipalityCode,
        request.query as never,
      ),
  );

  app.get(
    '/:municipalityCode/:id',
    {
      config: { access: 'public' },
      schema: {
        tags: ['catalogue'],
        summary: 'Et åbent tilbud på den offentlige side',
        params: Type.Object({ municipalityCode: MunicipalityCode, id: Uuid }),
        response: responses({ 200: OfferSchema }),
      },
    },
    async (request) => {
      const p = request.params as { municipalityCode: string; id: string };
      return service.getPublicOffer(request.ctx, p.municipalityCode, p.id);
    },
  );
}
