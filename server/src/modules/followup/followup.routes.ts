import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { IdParams, Nullable } from '@helhed/shared/common';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { authed, responses } from '../../platform/http.js';
import './followup.policy.js';
import {
  AnswerFormSchema,
  CaseInputSchema,
  ConversationInputSchema,
  DeadlinesSchema,
  FitnessInputSchema,
  FollowUpDetailsSchema,
  FollowUpSchema,
  GpReceivedSchema,
  GpRequestSchema,
  OwnFormSchema,
  ReassessmentInputSchema,
  RuleSetInputSchema,
  RuleSetSchema,
  SendFormSchema,
} from './followup.schema.js';
import * as service from './followup.service.js';

/** GET /api/citizens/:id/follow-up: the summary the issue names, beside the citizen routes. */
export async function followUpCitizenRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.addSchema(FollowUpSchema);
  app.get(
    '/:id/follow-up',
    {
      config: { access: 'followup.read' },
      schema: {
        tags: ['followup'],
        summary: 'Borgerens sygedagpengeopfølgning: frister og status',
        params: IdParams,
        response: responses({ 200: Type.Ref(FollowUpSchema) }),
      },
    },
    async (request) => service.getFollowUp(authed(request), request.params.id),
  );
}

export default async function followUpRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.addSchema(FollowUpSchema);
  app.addSchema(FollowUpDetailsSchema);
  const details = Type.Ref(FollowUpDetailsSchema);
  const tags = ['followup'];

  app.get(
    '/citizen/:id',
    {
      config: { access: 'followup.read' },
      schema: {
        tags,
        summary: 'Sygedagpengesagen: skema, lægeattest, samtaler, mulighedserklæring, revurdering',
        params: IdParams,
        response: responses({ 200: details }),
      },
    },
    async (request) => service.getDetails(authed(request), request.params.id),
  );

  app.put(
    '/citizen/:id/case',
    {
      config: { access: 'followup.update' },
      schema: {
        tags,
        summary: 'Første fraværsdag, forventet varighed, fast track, standby',
        params: IdParams,
        body: CaseInputSchema,
        response: responses({ 200: details }),
      },
    },
    async (request) => service.updateCase(authed(request), request.params.id, request.body),
  );

  app.post(
    '/citizen/:id/information-form',
    {
      config: { access: 'followup.update' },
      schema: {
        tags,
        summary: 'Send oplysningsskemaet til borgeren',
        params: IdParams,
        body: SendFormSchema,
        response: responses({ 200: details }),
      },
    },
    async (request) =>
      service.sendInformationForm(authed(request), request.params.id, request.body),
  );

  app.post(
    '/citizen/:id/gp-certificate',
    {
      config: { access: 'followup.gp_certificate' },
      schema: {
        tags,
        summary: 'Anmod om lægeattest med frist (normalt 14 dage, mindst 8)',
        params: IdParams,
        body: GpRequestSchema,
        response: responses({ 200: details }),
      },
    },
    async (request) =>
      service.requestGpCertificate(authed(request), request.params.id, request.body),
  );

  app.post(
    '/citizen/:id/gp-certificate/received',
    {
      config: { access: 'followup.gp_certificate' },
      schema: {
        tags,
        summary: 'Registrér at lægeattesten er modtaget',
        params: IdParams,
        body: GpReceivedSchema,
        response: responses({ 200: details }),
      },
    },
    async (request) =>
      service.receiveGpCertificate(authed(request), request.params.id, request.body),
  );

  app.post(
    '/citizen/:id/conversations',
    {
      config: { access: 'followup.update' },
      schema: {
        tags,
        summary: 'Registrér en opfølgningssamtale med form, kategori og næste dato',
        params: IdParams,
        body: ConversationInputSchema,
        response: responses({ 200: details }),
      },
    },
    async (request) => service.recordConversation(authed(request), request.params.id, request.body),
  );

  app.put(
    '/citizen/:id/fitness-statement',
    {
      config: { access: 'followup.fitness_statement' },
      schema: {
        tags,
        summary: 'Mulighedserklæringens datoer (del 1 og del 2)',
        params: IdParams,
        body: FitnessInputSchema,
        response: responses({ 200: details }),
      },
    },
    async (request) =>
      service.saveFitnessStatement(authed(request), request.params.id, request.body),
  );

  app.post(
    '/citizen/:id/reassessment',
    {
      config: { access: 'followup.update' },
      schema: {
        tags,
        summary: 'Revurdering i uge 22: forlængelse eller jobafklaringsforløb',
        params: IdParams,
        body: ReassessmentInputSchema,
        response: responses({ 200: details }),
      },
    },
    async (request) => service.decideReassessment(authed(request), request.params.id, request.body),
  );

  app.get(
    '/my/information-form',
    {
      config: { access: 'followup.answer_form' },
      schema: {
        tags,
        summary: 'Mit oplysningsskema',
        response: responses({ 200: OwnFormSchema }),
      },
    },
    async (request) => service.myInformationForm(authed(request)),
  );

  app.put(
    '/my/information-form',
    {
      config: { access: 'followup.answer_form' },
      schema: {
        tags,
        summary: 'Besvar mit oplysningsskema',
        body: AnswerFormSchema,
        response: responses({ 200: OwnFormSchema }),
      },
    },
    async (request) => service.answerMyInformationForm(authed(request), request.body),
  );

  app.get(
    '/deadlines',
    {
      config: { access: 'followup.deadlines' },
      schema: {
        tags,
        summary: 'Mine frister i sygedagpengesager: overskredet, denne uge, næste uge',
        response: responses({ 200: DeadlinesSchema }),
      },
    },
    async (request) => service.myDeadlines(authed(request)),
  );

  app.get(
    '/outbox',
    {
      config: { access: 'followup.outbox.read' },
      schema: {
        tags,
        summary: 'Udbakken: påmindelser, der venter, er sendt eller fejlede',
        response: responses({
          200: Type.Object({
            sending: Type.Boolean(),
            sendingSms: Type.Boolean(),
            items: Type.Array(
              Type.Object({
                id: Type.String(),
                channel: Type.String(),
                recipient: Type.String(),
                subject: Type.String(),
                body: Type.String(),
                kind: Type.String(),
                status: Type.String(),
                attempts: Type.Integer(),
                nextAttemptAt: Type.String(),
                lastError: Nullable(Type.String()),
                sentAt: Nullable(Type.String()),
              }),
            ),
          }),
        }),
      },
    },
    async (request) => service.listOutbox(authed(request)),
  );

  app.get(
    '/rules',
    {
      config: { access: 'followup.rules.read' },
      schema: {
        tags,
        summary: 'Regelsæt for opfølgningsfrister (versioner)',
        response: responses({
          200: Type.Object({ inForce: Type.Integer(), items: Type.Array(RuleSetSchema) }),
        }),
      },
    },
    async (request) => service.listRules(authed(request)),
  );

  app.post(
    '/rules',
    {
      config: { access: 'followup.rules.change' },
      schema: {
        tags,
        summary: 'Ny version af reglerne; flytter kun frister, der ikke er overholdt',
        body: RuleSetInputSchema,
        response: responses({ 201: RuleSetSchema }),
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.changeRules(authed(request), request.body)),
  );
}
