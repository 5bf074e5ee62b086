import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { IsoDate, IsoDateTime, Nullable, Uuid } from '@helhed/shared/common';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { authed, responses } from '../../platform/http.js';
import './continuation.policy.js';
import * as service from './continuation.service.js';

const CitizenParams = Type.Object({ citizenId: Uuid });

const bridgeFields = {
  id: Uuid,
  offerId: Nullable(Uuid),
  /** The association's title, or the club's name when it is not in the catalogue. */
  offerTitle: Type.String(),
  enrolmentId: Nullable(Uuid),
  courseTitle: Nullable(Type.String()),
  clubName: Nullable(Type.String()),
  discount: Nullable(Type.String()),
  firstVisit: Nullable(IsoDate),
  /** Whether the citizen continued in the club, as seen at the follow-up (null: not yet known). */
  continued: Nullable(Type.Boolean()),
  note: Type.String(),
  createdAt: IsoDateTime,
};
const Bridge = Type.Object(bridgeFields);
const CourseBridge = Type.Object({ ...bridgeFields, citizenName: Type.String() });

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
  bridges: Type.Array(Bridge),
  /** Middelfart: places the citizen keeps for a while after returning to work. */
  continuing: Type.Array(
    Type.Object({ enrolmentId: Uuid, courseTitle: Type.String(), until: IsoDate }),
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
            continuedUntil: Type.Array(Type.Object({ enrolmentId: Uuid, until: IsoDate })),
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

  app.post(
    '/:citizenId/bridges/:id/continued',
    {
      config: { access: 'continuation.bridge' },
      schema: {
        tags,
        summary: 'Ved opfølgningen: er borgeren fortsat i klubben?',
        params: Type.Object({ citizenId: Uuid, id: Uuid }),
        body: Type.Object({ continued: Type.Boolean() }, { additionalProperties: false }),
        response: responses({ 200: Overview }),
      },
    },
    async (request) =>
      service.recordContinued(
        authed(request),
        request.params.citizenId,
        request.params.id,
        request.body.continued,
      ),
  );

  app.get(
    '/courses/:courseId/bridges',
    {
      config: { access: 'continuation.course_bridge' },
      schema: {
        tags,
        summary: 'Holdets brobygninger til lokale foreninger, og om borgeren fortsatte',
        params: Type.Object({ courseId: Uuid }),
        response: responses({ 200: Type.Array(CourseBridge) }),
      },
    },
    async (request) => service.courseBridges(authed(request), request.params.courseId),
  );

  app.post(
    '/courses/:courseId/enrolments/:enrolmentId/bridge',
    {
      config: { access: 'continuation.course_bridge' },
      schema: {
        tags,
        summary:
          'Udbyderen registrerer brobygning ved forløbets afslutning: klub, aftalt rabat, første besøg (Skive, København)',
        params: Type.Object({ courseId: Uuid, enrolmentId: Uuid }),
        body: Type.Object(
          {
            offerId: Type.Optional(Uuid),
            clubName: Type.Optional(Type.String({ maxLength: 200 })),
            discount: Type.Optional(Type.String({ maxLength: 500 })),
            firstVisit: Type.Optional(IsoDate),
            note: Type.Optional(Type.String({ maxLength: 2000 })),
          },
          { additionalProperties: false },
        ),
        response: responses({ 201: Bridge }),
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await service.addCourseBridge(
            authed(request),
            request.params.courseId,
            request.params.enrolmentId,
            request.body,
          ),
        ),
  );
}
