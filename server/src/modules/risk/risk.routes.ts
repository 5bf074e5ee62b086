import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { IdParams, Nullable, Uuid } from '@helhed/shared/common';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { authed, responses } from '../../platform/http.js';
import './risk.policy.js';
import { facts, groups, operators } from './risk.rules.js';
import * as service from './risk.service.js';

const lit = <T extends string>(values: readonly T[]) =>
  Type.Union(values.map((v) => Type.Literal(v)));
const Group = lit(groups);

const RuleSchema = Type.Object(
  {
    id: Type.Optional(Uuid),
    fact: lit(facts),
    operator: lit(operators),
    value: Type.Number(),
    group: Group,
    description: Type.String({ minLength: 1, maxLength: 300 }),
  },
  { additionalProperties: false },
);
const RuleList = Type.Object({
  items: Type.Array(RuleSchema),
  facts: Type.Array(Type.Object({ fact: Type.String(), label: Type.String() })),
});
const Decision = Type.Object({
  id: Uuid,
  suggestedGroup: Nullable(Type.String()),
  decidedGroup: Type.String(),
  overridden: Type.Boolean(),
  reason: Nullable(Type.String()),
  decidedByName: Nullable(Type.String()),
  decidedAt: Type.String(),
  firedRules: Type.Array(Type.String()),
});

export default async function riskRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/rules',
    {
      config: { access: 'risk.rules.read' },
      schema: {
        tags: ['risk'],
        summary: 'Kommunens regler for risikogrupper',
        response: responses({ 200: RuleList }),
      },
    },
    async (request) => service.listRules(authed(request)),
  );

  app.put(
    '/rules',
    {
      config: { access: 'risk.rules.write' },
      schema: {
        tags: ['risk'],
        summary: 'Erstat kommunens regler for risikogrupper',
        body: Type.Object(
          { rules: Type.Array(RuleSchema, { maxItems: 100 }) },
          { additionalProperties: false },
        ),
        response: responses({ 200: RuleList }),
      },
    },
    async (request) => service.replaceRules(authed(request), request.body.rules),
  );

  app.get(
    '/citizens/:id',
    {
      config: { access: 'risk.read' },
      schema: {
        tags: ['risk'],
        summary: 'Forslag til risikogruppe med alle regler der slog til (ikke en afgørelse)',
        params: IdParams,
        response: responses({
          200: Type.Object({
            citizenId: Uuid,
            suggestion: Type.Object({
              group: Group,
              firedRules: Type.Array(
                Type.Object({
                  description: Type.String(),
                  explanation: Type.String(),
                  group: Type.String(),
                  fact: Type.String(),
                  actual: Type.Number(),
                }),
              ),
              notes: Type.Array(Type.String()),
              facts: Type.Array(
                Type.Object({
                  fact: Type.String(),
                  label: Type.String(),
                  value: Nullable(Type.Number()),
                }),
              ),
              isDecision: Type.Literal(false),
            }),
            currentDecision: Nullable(Decision),
            decisions: Type.Array(Decision),
          }),
        }),
      },
    },
    async (request) => service.getRisk(authed(request), request.params.id),
  );

  app.post(
    '/citizens/:id/decisions',
    {
      config: { access: 'risk.decide' },
      schema: {
        tags: ['risk'],
        summary: 'Bekræft forslaget eller vælg en anden gruppe med begrundelse',
        params: IdParams,
        body: Type.Object(
          { group: Group, reason: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))) },
          { additionalProperties: false },
        ),
        response: responses({ 201: Decision }),
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.decide(authed(request), request.params.id, request.body)),
  );

  app.get(
    '/attention',
    {
      config: { access: 'risk.attention' },
      schema: {
        tags: ['risk'],
        summary: 'Borgere i orange eller rød gruppe uden indsats de seneste N dage',
        querystring: Type.Object({
          days: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650, default: 30 })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
          offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
        }),
        response: responses({
          200: Type.Object({
            days: Type.Integer(),
            items: Type.Array(
              Type.Object({
                citizenId: Uuid,
                citizenName: Type.String(),
                group: Type.String(),
                decidedAt: Type.String(),
                lastActionAt: Nullable(Type.String()),
              }),
            ),
            total: Type.Integer(),
            limit: Type.Integer(),
            offset: Type.Integer(),
          }),
        }),
      },
    },
    async (request) => service.attentionList(authed(request), request.query),
  );

  app.get(
    '/suggestions',
    {
      config: { access: 'risk.suggestions' },
      schema: {
        tags: ['risk'],
        summary: 'Kommunens forslag til orange og rød gruppe med begrundelser (ikke afgørelser)',
        querystring: Type.Object({
          sort: Type.Optional(Type.Union([Type.Literal('group'), Type.Literal('date')])),
          pending: Type.Optional(Type.Boolean()),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 25 })),
          offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
        }),
        response: responses({
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                citizenId: Uuid,
                citizenName: Type.String(),
                suggestedGroup: Group,
                reasons: Type.Array(Type.String()),
                since: Nullable(Type.String({ format: 'date' })),
                decision: Nullable(Type.Object({ group: Group, decidedAt: Type.String() })),
                pending: Type.Boolean(),
              }),
            ),
            total: Type.Integer(),
            limit: Type.Integer(),
            offset: Type.Integer(),
          }),
        }),
      },
    },
    async (request) => service.suggestionList(authed(request), request.query),
  );
}
