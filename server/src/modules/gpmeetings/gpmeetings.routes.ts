import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { IsoDate, Nullable, Uuid } from '@helhed/shared/common';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { authed, responses } from '../../platform/http.js';
import './gpmeetings.policy.js';
import * as service from './gpmeetings.service.js';

const summaryFields = {
  id: Uuid,
  heldOn: IsoDate,
  title: Type.String(),
  organiserName: Type.String(),
  nextMeetingOn: Nullable(IsoDate),
  openQuestions: Type.Integer(),
};
const Detail = Type.Object({
  ...summaryFields,
  participants: Type.String(),
  minutes: Type.String(),
  questions: Type.Array(
    Type.Object({
      id: Uuid,
      question: Type.String(),
      answer: Nullable(Type.String()),
      status: Type.String(),
    }),
  ),
  allowedActions: Type.Array(Type.String()),
});
const Id = Type.Object({ id: Uuid });

export default async function gpMeetingRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['gp-meetings'];

  app.get(
    '',
    {
      config: { access: 'gp_meeting.read' },
      schema: {
        tags,
        summary: 'Dialogmøder med de praktiserende læger og praksiskonsulenten (Randers)',
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

  app.post(
    '',
    {
      config: { access: 'gp_meeting.write' },
      schema: {
        tags,
        summary: 'Registrér et dialogmøde med lægerne (ingen borgeroplysninger)',
        body: Type.Object(
          {
            heldOn: IsoDate,
            title: Type.String({ minLength: 3, maxLength: 200 }),
            participants: Type.Optional(Type.String({ maxLength: 2000 })),
            minutes: Type.Optional(Type.String({ maxLength: 20000 })),
            nextMeetingOn: Type.Optional(Nullable(IsoDate)),
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
      config: { access: 'gp_meeting.read' },
      schema: {
        tags,
        summary: 'Dialogmøde: referat og lægernes spørgsmål',
        params: Id,
        response: responses({ 200: Detail }),
      },
    },
    async (request) => service.get(authed(request), request.params.id),
  );

  app.patch(
    '/:id',
    {
      config: { access: 'gp_meeting.write' },
      schema: {
        tags,
        summary: 'Ret referat, deltagere eller næste møde',
        params: Id,
        body: Type.Object(
          {
            participants: Type.Optional(Type.String({ maxLength: 2000 })),
            minutes: Type.Optional(Type.String({ maxLength: 20000 })),
            nextMeetingOn: Type.Optional(Nullable(IsoDate)),
          },
          { additionalProperties: false },
        ),
        response: responses({ 200: Detail }),
      },
    },
    async (request) => service.update(authed(request), request.params.id, request.body),
  );

  app.post(
    '/:id/questions',
    {
      config: { access: 'gp_meeting.write' },
      schema: {
        tags,
        summary: 'Tilføj et spørgsmål, lægerne stillede',
        params: Id,
        body: Type.Object(
          { question: Type.String({ minLength: 3, maxLength: 2000 }) },
          { additionalProperties: false },
        ),
        response: responses({ 201: Detail }),
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await service.addQuestion(authed(request), request.params.id, request.body.question)),
  );

  app.post(
    '/:id/questions/:questionId/answer',
    {
      config: { access: 'gp_meeting.write' },
      schema: {
        tags,
        summary: 'Besvar et af lægernes spørgsmål',
        params: Type.Object({ id: Uuid, questionId: Uuid }),
        body: Type.Object(
          { answer: Type.String({ minLength: 1, maxLength: 4000 }) },
          { additionalProperties: false },
        ),
        response: responses({ 200: Detail }),
      },
    },
    async (request) =>
      service.answer(
        authed(request),
        request.params.id,
        request.params.questionId,
        request.body.answer,
      ),
  );
}
