import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { IdParams, IsoDate, Nullable, Uuid } from '@helhed/shared/common';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { authed, responses } from '../../platform/http.js';
import { BenefitTypeSchema } from '../benefits/benefits.schema.js';
import './screening.policy.js';
import * as service from './screening.service.js';

const RuleList = Type.Object({
  items: Type.Array(
    Type.Object({
      benefitType: Type.String(),
      benefitTypeName: Type.String(),
      weekNumber: Type.Integer(),
      active: Type.Boolean(),
      updatedAt: Type.String(),
    }),
  ),
});

const QueueItem = Type.Object({
  periodId: Uuid,
  citizenId: Uuid,
  citizenName: Type.String(),
  benefitType: Type.String(),
  benefitTypeName: Type.String(),
  startDate: IsoDate,
  weekNumber: Type.Integer(),
  weekStart: IsoDate,
  dueDate: IsoDate,
  /** Week N has begun or passed ("due now"); false: it begins within 14 days ("coming up"). */
  dueNow: Type.Boolean(),
  overdue: Type.Boolean(),
  screeningId: Nullable(Uuid),
  status: Type.String(),
  assignedTo: Nullable(Uuid),
  assignedToName: Nullable(Type.String()),
  bookedAt: Nullable(Type.String()),
});

const Discipline = Type.Union([
  Type.Literal('social'),
  Type.Literal('psychological'),
  Type.Literal('physical'),
]);
const Recommendation = Type.Union([
  Type.Literal('course'),
  Type.Literal('further_clarification'),
  Type.Literal('no_action'),
]);

const ScreeningSchema = Type.Object(
  {
    screeningId: Nullable(Uuid),
    periodId: Uuid,
    citizenId: Uuid,
    citizenName: Type.String(),
    benefitType: Type.String(),
    benefitTypeName: Type.String(),
    startDate: IsoDate,
    weekNumber: Nullable(Type.Integer()),
    weekStart: Nullable(IsoDate),
    dueDate: Nullable(IsoDate),
    status: Type.String(),
    statusReason: Nullable(Type.String()),
    assignedTo: Nullable(Uuid),
    assignedToName: Nullable(Type.String()),
    bookedAt: Nullable(Type.String()),
    overallRecommendation: Nullable(Type.String()),
    recommendationNote: Nullable(Type.String()),
    completedAt: Nullable(Type.String()),
    completedByName: Nullable(Type.String()),
    findings: Type.Array(
      Type.Object({
        discipline: Type.String(),
        findings: Type.String(),
        recommendation: Type.String(),
        filledByName: Type.String(),
        recordedAt: Type.String(),
      }),
    ),
  },
  { $id: 'Screening' },
);

export default async function screeningRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.addSchema(ScreeningSchema);
  const screening = Type.Ref(ScreeningSchema);

  app.get(
    '/rules',
    {
      config: { access: 'screening.rules.read' },
      schema: {
        tags: ['screening'],
        summary: 'Kommunens regler: screen i uge N pr. ydelse',
        response: responses({ 200: RuleList }),
      },
    },
    async (request) => service.listRules(authed(request)),
  );

  app.put(
    '/rules/:benefitType',
    {
      config: { access: 'screening.rules.write' },
      schema: {
        tags: ['screening'],
        summary: 'Sæt ugen for screening af en ydelse',
        params: Type.Object({ benefitType: BenefitTypeSchema }),
        body: Type.Object(
          {
            weekNumber: Type.Integer({ minimum: 1, maximum: 104 }),
            active: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false },
        ),
        response: responses({ 200: RuleList }),
      },
    },
    async (request) => service.setRule(authed(request), request.params.benefitType, request.body),
  );

  app.get(
    '/queue',
    {
      config: { access: 'screening.queue' },
      schema: {
        tags: ['screening'],
        summary: 'Screeningskø: borgere der når uge N inden for 14 dage eller er overskredet',
        querystring: Type.Object({
          benefitType: Type.Optional(BenefitTypeSchema),
          status: Type.Optional(Type.Union([Type.Literal('to_do'), Type.Literal('booked')])),
          assignedTo: Type.Optional(Uuid),
          due: Type.Optional(
            Type.Union([Type.Literal('now'), Type.Literal('coming')], {
              description: 'now: week N has begun or passed; coming: it begins within 14 days',
            }),
          ),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
          offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
        }),
        response: responses({
          200: Type.Object({
            today: IsoDate,
            items: Type.Array(QueueItem),
            total: Type.Integer(),
            limit: Type.Integer(),
            offset: Type.Integer(),
          }),
        }),
      },
    },
    async (request) => service.getQueue(authed(request), request.query),
  );

  app.get(
    '/caseworkers',
    {
      config: { access: 'screening.queue' },
      schema: {
        tags: ['screening'],
        summary: 'Sagsbehandlere der kan tildeles en screening',
        response: responses({
          200: Type.Object({
            items: Type.Array(Type.Object({ id: Uuid, name: Type.String() })),
          }),
        }),
      },
    },
    async (request) => service.listCaseworkers(authed(request)),
  );

  app.get(
    '/periods/:id',
    {
      config: { access: 'screening.read' },
      schema: {
        tags: ['screening'],
        summary: 'Screeningen af et ydelsesforløb (skema og status)',
        params: IdParams,
        response: responses({ 200: screening }),
      },
    },
    async (request) => service.getScreening(authed(request), request.params.id),
  );

  app.patch(
    '/periods/:id',
    {
      config: { access: 'screening.update' },
      schema: {
        tags: ['screening'],
        summary: 'Tildel sagsbehandler, book, eller marker som ikke relevant (med begrundelse)',
        params: IdParams,
        body: Type.Object(
          {
            status: Type.Optional(
              Type.Union([
                Type.Literal('to_do'),
                Type.Literal('booked'),
                Type.Literal('not_relevant'),
              ]),
            ),
            reason: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
            assignedTo: Type.Optional(Nullable(Uuid)),
          },
          { additionalProperties: false },
        ),
        response: responses({ 200: screening }),
      },
    },
    async (request) => service.updateScreening(authed(request), request.params.id, request.body),
  );

  app.post(
    '/periods/:id/complete',
    {
      config: { access: 'screening.update' },
      schema: {
        tags: ['screening'],
        summary: 'Gennemfør screeningen: fund og anbefaling pr. faglighed og en samlet anbefaling',
        params: IdParams,
        body: Type.Object(
          {
            findings: Type.Array(
              Type.Object(
                {
                  discipline: Discipline,
                  findings: Type.String({ minLength: 1, maxLength: 4000 }),
                  recommendation: Type.String({ minLength: 1, maxLength: 2000 }),
                  filledByName: Type.String({ minLength: 1, maxLength: 200 }),
                },
                { additionalProperties: false },
              ),
              { minItems: 1, maxItems: 3 },
            ),
            overallRecommendation: Recommendation,
            note: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
          },
          { additionalProperties: false },
        ),
        response: responses({ 200: screening }),
      },
    },
    async (request) => service.completeScreening(authed(request), request.params.id, request.body),
  );
}
