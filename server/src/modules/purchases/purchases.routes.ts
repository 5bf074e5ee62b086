import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { IsoDate, IsoDateTime, Nullable, Uuid } from '@helhed/shared/common';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { authed, responses } from '../../platform/http.js';
import { OutcomeInputSchema } from '../courses/courses.schema.js';
import './purchases.policy.js';
import * as service from './purchases.service.js';

const summaryFields = {
  id: Uuid,
  side: Type.Union([Type.Literal('buyer'), Type.Literal('seller')]),
  buyerOrganisationName: Type.String(),
  sellerOrganisationName: Type.String(),
  courseId: Uuid,
  courseTitle: Type.String(),
  courseStart: IsoDate,
  offerTitle: Type.String(),
  places: Type.Integer(),
  used: Type.Integer(),
  note: Type.String(),
  status: Type.String(),
  decisionReason: Nullable(Type.String()),
  decidedAt: Nullable(IsoDateTime),
  createdAt: IsoDateTime,
};
const Detail = Type.Object({
  ...summaryFields,
  placements: Type.Array(
    Type.Object({
      enrolmentId: Uuid,
      citizenName: Type.String(),
      referralId: Nullable(Uuid),
      status: Type.String(),
      outcome: Nullable(
        Type.Object({
          declaredFit: Type.Boolean(),
          nextStep: Nullable(Type.String()),
          recordedByOrganisationName: Nullable(Type.String()),
        }),
      ),
    }),
  ),
  placeable: Type.Array(
    Type.Object({
      referralId: Uuid,
      citizenName: Type.String(),
      offerTitle: Type.String(),
      state: Type.String(),
    }),
  ),
  allowedActions: Type.Array(Type.String()),
});
const Id = Type.Object({ id: Uuid });

export default async function purchaseRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['place-purchases'];

  app.get(
    '',
    {
      config: { access: 'purchase.list' },
      schema: {
        tags,
        summary: 'Køb af pladser hos sundhedsafdelingen: købers og sælgers liste',
        response: responses({
          200: Type.Object({
            items: Type.Array(Type.Object(summaryFields)),
            allowedActions: Type.Array(Type.String()),
          }),
        }),
      },
    },
    async (request) => service.list(authed(request)),
  );

  app.get(
    '/courses',
    {
      config: { access: 'purchase.create' },
      schema: {
        tags,
        summary: 'Sundhedsafdelingens hold, der kan købes pladser på',
        response: responses({
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                courseId: Uuid,
                courseTitle: Type.String(),
                courseStart: IsoDate,
                offerTitle: Type.String(),
                sellerOrganisationName: Type.String(),
                capacity: Type.Integer(),
              }),
            ),
          }),
        }),
      },
    },
    async (request) => service.coursesForSale(authed(request)),
  );

  app.post(
    '',
    {
      config: { access: 'purchase.create' },
      schema: {
        tags,
        summary: 'Køb pladser på et af sundhedsafdelingens hold',
        body: Type.Object(
          {
            courseId: Uuid,
            places: Type.Integer({ minimum: 1, maximum: 200 }),
            note: Type.Optional(Type.String({ maxLength: 2000 })),
          },
          { additionalProperties: false },
        ),
        response: responses({ 201: Detail }),
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.create(authed(request), request.body)),
  );

  app.get(
    '/:id',
    {
      config: { access: 'purchase.read' },
      schema: {
        tags,
        summary: 'Et køb af pladser og de borgere, der har pladserne',
        params: Id,
        response: responses({ 200: Detail }),
      },
    },
    async (request) => service.get(authed(request), request.params.id),
  );

  app.post(
    '/:id/decision',
    {
      config: { access: 'purchase.decide' },
      schema: {
        tags,
        summary: 'Sundhedsafdelingen accepterer eller afviser købet',
        params: Id,
        body: Type.Object(
          {
            decision: Type.Union([Type.Literal('accepted'), Type.Literal('declined')]),
            reason: Type.Optional(Type.String({ maxLength: 2000 })),
          },
          { additionalProperties: false },
        ),
        response: responses({ 200: Detail }),
      },
    },
    async (request) => service.decide(authed(request), request.params.id, request.body),
  );

  app.post(
    '/:id/placements',
    {
      config: { access: 'purchase.place' },
      schema: {
        tags,
        summary: 'Sæt en borger, der er henvist til udbyderen, på en købt plads',
        params: Id,
        body: Type.Object({ referralId: Uuid }, { additionalProperties: false }),
        response: responses({ 200: Detail }),
      },
    },
    async (request) => service.place(authed(request), request.params.id, request.body),
  );

  app.post(
    '/:id/placements/:enrolmentId/outcome',
    {
      config: { access: 'purchase.outcome' },
      schema: {
        tags,
        summary: 'Køber registrerer resultatet efter forløbet på en købt plads',
        params: Type.Object({ id: Uuid, enrolmentId: Uuid }),
        body: OutcomeInputSchema,
        response: responses({ 200: Detail }),
      },
    },
    async (request) =>
      service.recordOutcome(
        authed(request),
        request.params.id,
        request.params.enrolmentId,
        request.body,
      ),
  );
}
