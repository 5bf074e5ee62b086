import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { IsoDateTime, Nullable, Uuid } from '@helhed/shared/common';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { consentCategories } from '../../platform/consent.js';
import { authed, responses } from '../../platform/http.js';
import './meetings.policy.js';
import * as service from './meetings.service.js';

const Kind = Type.Union([
  Type.Literal('rehabilitation_team'),
  Type.Literal('health_clarifying_team'),
]);

const Summary = Type.Object({
  id: Uuid,
  citizenId: Uuid,
  citizenName: Type.String(),
  /** The citizen's language and interpreter need: book an interpreter with the meeting. */
  citizenLanguage: Type.String(),
  needsInterpreter: Type.Boolean(),
  kind: Type.String(),
  scheduledAt: IsoDateTime,
  status: Type.String(),
});

const Detail = Type.Composite([
  Summary,
  Type.Object({
    agenda: Type.String(),
    minutes: Nullable(Type.String()),
    recommendation: Nullable(Type.String()),
    participants: Type.Array(
      Type.Object({
        id: Uuid,
        organisationId: Nullable(Uuid),
        organisationName: Nullable(Type.String()),
        role: Type.String(),
        name: Type.String(),
      }),
    ),
    healthItems: Type.Array(
      Type.Object({
        id: Uuid,
        category: Type.String(),
        body: Type.String(),
        createdAt: IsoDateTime,
      }),
    ),
    allowedActions: Type.Array(Type.String()),
  }),
]);

const IdParams = Type.Object({ id: Uuid });

export default async function meetingRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['meetings'];

  app.get(
    '',
    {
      config: { access: 'meeting.list' },
      schema: {
        tags,
        summary: 'Teammøder min organisation deltager i, med tilladte handlinger',
        querystring: Type.Object({ citizenId: Type.Optional(Uuid) }),
        response: responses({
          200: Type.Object({
            items: Type.Array(Summary),
            // 'meeting.create' when the user may plan a meeting.
            allowedActions: Type.Array(Type.String()),
          }),
        }),
      },
    },
    async (request) => service.listMeetings(authed(request), request.query.citizenId),
  );

  app.post(
    '',
    {
      config: { access: 'meeting.create' },
      schema: {
        tags,
        summary: 'Planlæg rehabiliteringsteam- eller sundhedsafklaringsmøde',
        body: Type.Object(
          {
            citizenId: Uuid,
            kind: Kind,
            scheduledAt: IsoDateTime,
            agenda: Type.String({ maxLength: 5000 }),
            participants: Type.Array(
              Type.Object(
                {
                  organisationId: Type.Optional(Nullable(Uuid)),
                  role: Type.Union(
                    ['caseworker', 'health_professional', 'gp_consultant', 'citizen', 'other'].map(
                      (r) => Type.Literal(r),
                    ),
                  ),
                  name: Type.String({ minLength: 1, maxLength: 200 }),
                },
                { additionalProperties: false },
              ),
              { maxItems: 30 },
            ),
          },
          { additionalProperties: false },
        ),
        response: responses({ 201: Detail }),
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.createMeeting(authed(request), request.body)),
  );

  app.get(
    '/:id',
    {
      config: { access: 'meeting.read' },
      schema: {
        tags,
        summary: 'Teammøde med referat (kun for deltagende organisationer)',
        params: IdParams,
        response: responses({ 200: Detail }),
      },
    },
    async (request) => service.getMeeting(authed(request), request.params.id),
  );

  app.patch(
    '/:id',
    {
      config: { access: 'meeting.update' },
      schema: {
        tags,
        summary: 'Dagsorden, referat, indstilling og status',
        params: IdParams,
        body: Type.Object(
          {
            agenda: Type.Optional(Type.String({ maxLength: 5000 })),
            minutes: Type.Optional(Nullable(Type.String({ maxLength: 20000 }))),
            recommendation: Type.Optional(Nullable(Type.String({ maxLength: 5000 }))),
            status: Type.Optional(
              Type.Union([
                Type.Literal('planned'),
                Type.Literal('held'),
                Type.Literal('cancelled'),
              ]),
            ),
          },
          { additionalProperties: false },
        ),
        response: responses({ 200: Detail }),
      },
    },
    async (request) => service.updateMeeting(authed(request), request.params.id, request.body),
  );

  app.post(
    '/:id/health-items',
    {
      config: { access: 'meeting.update' },
      schema: {
        tags,
        summary: 'Helbredsoplysning i mødet (kræver samtykke til hver deltagende organisation)',
        params: IdParams,
        body: Type.Object(
          {
            category: Type.Union(consentCategories.map((c) => Type.Literal(c))),
            body: Type.String({ minLength: 1, maxLength: 5000 }),
          },
          { additionalProperties: false },
        ),
        response: responses({ 201: Detail }),
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await service.addHealthItem(authed(request), request.params.id, request.body)),
  );
}
