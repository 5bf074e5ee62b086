import { IdParams, IsoDate, Uuid } from '@helhed/shared/common';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { authed, responses } from '../../platform/http.js';
import {
  GapsSchema,
  HealthTestInputSchema,
  HealthTestListSchema,
  MatchesSchema,
  PatchAnswersSchema,
  ProfileResponseSchema,
  ProfileViewSchema,
} from './health.schema.js';
import './health.policy.js';
import * as service from './health.service.js';

const id = (request: { params: unknown }) => (request.params as { id: string }).id;

export default async function healthRoutes(app: FastifyInstance) {
  app.get(
    '/citizens/:id/profile',
    {
      config: { access: 'health.profile.read' },
      schema: {
        tags: ['health'],
        summary: 'Borgerens sundhedsprofil (seneste) med skema, WHO-5 og ønsker',
        params: IdParams,
        response: responses({ 200: ProfileViewSchema }),
      },
    },
    async (request) => service.getProfile(authed(request), id(request)),
  );

  app.post(
    '/citizens/:id/profile',
    {
      config: { access: 'health.profile.write' },
      schema: {
        tags: ['health'],
        summary: 'Start en sundhedssamtale (ny kladde, eller den åbne kladde)',
        params: IdParams,
        response: responses({
          200: ProfileResponseSchema,
          201: ProfileResponseSchema,
        }),
      },
    },
    async (request, reply) => {
      const { created, response } = await service.startProfile(authed(request), id(request));
      return reply.code(created ? 201 : 200).send(response);
    },
  );

  app.patch(
    '/profiles/:id',
    {
      config: { access: 'health.profile.write' },
      schema: {
        tags: ['health'],
        summary: 'Gem svar i en kladde (autogem); null sletter et svar',
        params: IdParams,
        body: PatchAnswersSchema,
        response: responses({ 200: ProfileResponseSchema }),
      },
    },
    async (request) =>
      service.saveAnswers(
        authed(request),
        id(request),
        (request.body as { answers: Record<string, never> }).answers,
      ),
  );

  app.post(
    '/profiles/:id/complete',
    {
      config: { access: 'health.profile.write' },
      schema: {
        tags: ['health'],
        summary: 'Afslut sundhedsprofilen (alle påkrævede svar valideres)',
        params: IdParams,
        response: responses({ 200: ProfileResponseSchema }),
      },
    },
    async (request) => service.completeProfile(authed(request), id(request)),
  );

  app.get(
    '/citizens/:id/matches',
    {
      config: { access: 'health.profile.read' },
      schema: {
        tags: ['health'],
        summary: 'Tilbud der matcher profilen, med begrundelser, og huller i kataloget',
        params: IdParams,
        response: responses({ 200: MatchesSchema }),
      },
    },
    async (request) => service.matches(authed(request), id(request)),
  );

  app.get(
    '/citizens/:id/tests',
    {
      config: { access: 'health.tests.read' },
      schema: {
        tags: ['health'],
        summary: 'Sundhedstest (kun sundhedsfaglige og borgeren selv), med tilladte handlinger',
        params: IdParams,
        response: responses({ 200: HealthTestListSchema }),
      },
    },
    async (request) => service.listTests(authed(request), id(request)),
  );

  app.post(
    '/citizens/:id/tests',
    {
      config: { access: 'health.tests.write' },
      schema: {
        tags: ['health'],
        summary: 'Registrér en sundhedstest (vægt, højde → BMI, fedt %, CO, blodtryk)',
        params: IdParams,
        body: HealthTestInputSchema,
        response: responses({ 201: HealthTestListSchema }),
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await service.recordTest(authed(request), id(request), request.body as never)),
  );

  app.get(
    '/gaps',
    {
      config: { access: 'health.gaps.read' },
      schema: {
        tags: ['health'],
        summary: 'Huller i kataloget: ønskede temaer uden offentliggjort tilbud (antal borgere)',
        response: responses({ 200: GapsSchema }),
      },
    },
    async (request) => service.gaps(authed(request)),
  );

  app.get(
    '/group-sessions',
    {
      config: { access: 'health.group_session.write' },
      schema: {
        tags: ['health'],
        summary:
          'Gruppesamtaler om sundhed med ønskekort (København), og de ønskekort, der kan vælges',
        response: responses({
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                id: Uuid,
                title: Type.String(),
                heldOn: IsoDate,
                participants: Type.Integer(),
              }),
            ),
            wishCards: Type.Array(Type.Object({ value: Type.String(), label: Type.String() })),
          }),
        }),
      },
    },
    async (request) => service.listGroupSessions(authed(request)),
  );

  app.post(
    '/group-sessions',
    {
      config: { access: 'health.group_session.write' },
      schema: {
        tags: ['health'],
        summary:
          'Registrér en gruppesamtale: hver deltagers valgte ønskekort gemmes som ønsker i deltagerens sundhedsprofil',
        body: Type.Object(
          {
            title: Type.String({ minLength: 3, maxLength: 200 }),
            heldOn: IsoDate,
            participants: Type.Array(
              Type.Object(
                {
                  citizenId: Uuid,
                  wishCards: Type.Array(Type.String({ maxLength: 40 }), {
                    minItems: 1,
                    maxItems: 5,
                    uniqueItems: true,
                  }),
                },
                { additionalProperties: false },
              ),
              { minItems: 1, maxItems: 30 },
            ),
          },
          { additionalProperties: false },
        ),
        response: responses({
          201: Type.Object({ id: Uuid, participants: Type.Integer() }),
        }),
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await service.recordGroupSession(authed(request), request.body as never)),
  );
}
