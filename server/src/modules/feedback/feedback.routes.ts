import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { IsoDate, Uuid } from '@helhed/shared/common';
import { ShownSchema } from '@helhed/shared/evaluation';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { authed, responses } from '../../platform/http.js';
import './feedback.policy.js';
import * as service from './feedback.service.js';

const Distribution = Type.Object({
  columns: Type.Array(Type.String()),
  counts: Type.Array(ShownSchema),
  total: ShownSchema,
});

const summaryFields = {
  courseId: Uuid,
  title: Type.String(),
  offerTitle: Type.String(),
  providerName: Type.String(),
  startDate: IsoDate,
  participants: ShownSchema,
  respondents: ShownSchema,
};

export default async function feedbackRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['feedback'];

  app.get(
    '/mine',
    {
      config: { access: 'feedback.mine' },
      schema: {
        tags,
        summary: 'Borgerens afsluttede forløb, og om der er givet feedback',
        response: responses({
          200: Type.Array(
            Type.Object({
              enrolmentId: Uuid,
              courseId: Uuid,
              courseTitle: Type.String(),
              offerTitle: Type.String(),
              providerName: Type.String(),
              endDate: IsoDate,
              answered: Type.Boolean(),
            }),
          ),
        }),
      },
    },
    async (request) => service.mine(authed(request)),
  );

  app.post(
    '/enrolments/:id',
    {
      config: { access: 'feedback.give' },
      schema: {
        tags,
        summary: 'Borgerens korte feedback efter forløbet (én gang pr. forløb)',
        params: Type.Object({ id: Uuid }),
        body: Type.Object(
          {
            satisfaction: Type.Integer({ minimum: 1, maximum: 5 }),
            madeDifference: Type.Union(service.madeDifferenceAnswers.map((a) => Type.Literal(a))),
            wouldContinue: Type.Boolean(),
            comment: Type.Optional(Type.String({ maxLength: 2000 })),
          },
          { additionalProperties: false },
        ),
        response: responses({
          201: Type.Object({ enrolmentId: Uuid, answered: Type.Boolean() }),
        }),
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.give(authed(request), request.params.id, request.body)),
  );

  app.get(
    '/courses',
    {
      config: { access: 'feedback.list' },
      schema: {
        tags,
        summary: 'Hold med borgerfeedback: udbyderens egne, lederens alle (antal under 5 skjult)',
        response: responses({
          200: Type.Array(
            Type.Object({ ...summaryFields, allowedActions: Type.Array(Type.String()) }),
          ),
        }),
      },
    },
    async (request) => service.listCourses(authed(request)),
  );

  app.get(
    '/courses/:id',
    {
      config: { access: 'feedback.course' },
      schema: {
        tags,
        summary:
          'Borgernes feedback på et hold, samlet; antal 1–4 skjules, gennemsnit og kommentarer først fra 5 svar',
        params: Type.Object({ id: Uuid }),
        response: responses({
          200: Type.Object({
            ...summaryFields,
            satisfaction: Distribution,
            madeDifference: Distribution,
            wouldContinue: Distribution,
            averageSatisfaction: Type.Union([Type.Number(), Type.Null()]),
            comments: Type.Array(Type.String()),
            commentsHidden: Type.Boolean(),
            suppressed: Type.Boolean(),
          }),
        }),
      },
    },
    async (request) => service.courseFeedback(authed(request), request.params.id),
  );
}
