import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { IsoDate, IsoDateTime, Nullable, Uuid } from '@helhed/shared/common';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { authed, responses } from '../../platform/http.js';
import './continuation.policy.js';
import * as service from './continuation.service.js';

const CitizenParams = Type.Object({ citizenId: Uuid });

const Overview = Type.Object({
  citizenName: Type.String(),
  /** 'continuation.job_start', 'continuation.bridge' when this user may do them for the citizen. */
  allowedActions: Type.Array(Type.String()),
  /** Published association offers a bridge can lead to. */
  associations: Type.Array(
    Type.Object({ id: Uuid, title: Type.String(), providerName: Type.String() }),
  ),
  ownerChanges: Type.Array(
    Type.Object({
      id: Uuid,
      enrolmentId: Nullable(Uuid),
      fromName: Nullable(Type.String()),
      toName: Type.String(),
      reason: Type.String(),
      changedAt: IsoDateTime,
    }),
  ),
  bridges: Type.Array(
    Type.Object({
      id: Uuid,
      offerId: Uuid,
      offerTitle: Type.String(),
      note: Type.String(),
      createdAt: IsoDateTime,
    }),
  ),
  followUps: Type.Array(
    Type.Object({
      id: Uuid,
      months: Type.Integer(),
      dueDate: Type.String(),
      ownerName: Type.String(),
      ownerOrganisationId: Uuid,
      doneAt: Nullable(IsoDateTime),
      /** 'continuation.follow_up' when this user may mark it done (its owner's staff). */
      allowedActions: Type.Array(Type.String()),
    }),
  ),
});

export default async function continuationRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['continuation'];

  app.post(
    '/:citizenId/job-start',
    {
      config: { access: 'continuation.job_start' },
      schema: {
        tags,
        summary:
          'Ydelsesperioden slutter med job/uddannelse: sundhedsaktiviteter fortsætter under sundhedscentret, opfølgning efter 3, 6 og 12 måneder',
        params: CitizenParams,
        body: Type.Object(
          {
            reason: Type.Union([Type.Literal('job'), Type.Literal('education')]),
            endDate: Type.Optional(IsoDate),
          },
          { additionalProperties: false },
        ),
        response: responses({
          200: Type.Object({
            endedPeriods: Type.Integer(),
            continued: Type.Array(Uuid),
            followUps: Type.Array(Type.Object({ months: Type.Integer(), dueDate: Type.String() })),
          }),
        }),
      },
    },
    async (request) => service.jobStart(authed(request), request.params.citizenId, request.body),
  );

  app.get(
    '/:citizenId',
    {
      config: { access: 'continuation.read' },
      schema: {
        tags,
        summary: 'Videreførelse: ejerskifte, brobygning og opfølgninger',
        params: CitizenParams,
        response: responses({ 200: Overview }),
      },
    },
    async (request) => service.getContinuation(authed(request), request.params.citizenId),
  );

  app.post(
    '/:citizenId/bridges',
    {
      config: { access: 'continuation.bridge' },
      schema: {
        tags,
        summary: 'Registrér brobygning til en forening',
        params: CitizenParams,
        body: Type.Object(
          { offerId: Uuid, note: Type.Optional(Type.String({ maxLength: 2000 })) },
          { additionalProperties: false },
        ),
        response: responses({ 201: Overview }),
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await service.addBridge(authed(request), request.params.citizenId, request.body)),
  );

  app.post(
    '/follow-ups/:id/done',
    {
      config: { access: 'continuation.follow_up' },
      schema: {
        tags,
        summary: 'Markér opfølgning som udført',
        params: Type.Object({ id: Uuid }),
        response: responses({ 200: Type.Object({ id: Uuid, done: Type.Boolean() }) }),
      },
    },
    async (request) => service.completeFollowUp(authed(request), request.params.id),
  );
}
