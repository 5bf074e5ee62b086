import { IdParams, IsoDate } from '@helhed/shared/common';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { authed, NoContent, responses } from '../../platform/http.js';
import './referrals.policy.js';
import * as enrolment from '../enrolment/enrolment.service.js';
import {
  FlagSchema,
  MessageSchema,
  OfferOptionSchema,
  ReferralInputSchema,
  ReferralListQuery,
  ReferralListSchema,
  ReferralSchema,
  SharedDataSchema,
  TransitionInputSchema,
} from './referrals.schema.js';
import * as service from './referrals.service.js';

const idOf = (request: { params: unknown }) => (request.params as { id: string }).id;

export default async function referralRoutes(app: FastifyInstance) {
  app.addSchema(ReferralSchema);
  const referral = Type.Ref(ReferralSchema);

  app.get(
    '',
    {
      config: { access: 'referral.list' },
      schema: {
        tags: ['referrals'],
        summary:
          'Henvisninger: jobcentrets oversigt eller modtagerens indbakke, med antal pr. tilstand',
        querystring: ReferralListQuery,
        response: responses({ 200: ReferralListSchema }),
      },
    },
    async (request) => service.listReferrals(authed(request), request.query as never),
  );

  app.post(
    '',
    {
      config: { access: 'referral.create' },
      schema: {
        tags: ['referrals'],
        summary: 'Opret henvisning (kladde, eller send med det samme)',
        body: ReferralInputSchema,
        response: responses({ 201: referral }),
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.createReferral(authed(request), request.body as never)),
  );

  app.get(
    '/offers',
    {
      config: { access: 'referral.offers' },
      schema: {
        tags: ['referrals'],
        summary: 'Tilbud der kan henvises til',
        response: responses({ 200: Type.Array(OfferOptionSchema) }),
      },
    },
    async (request) => service.listOffers(authed(request)),
  );

  app.get(
    '/flags',
    {
      config: { access: 'referral.flags.list' },
      schema: {
        tags: ['referrals'],
        summary: 'Åbne flag: to udeblivelser i træk uden afbud',
        response: responses({ 200: Type.Array(FlagSchema) }),
      },
    },
    async (request) => service.listFlags(authed(request)),
  );

  app.post(
    '/flags/:id/resolve',
    {
      config: { access: 'referral.flags.resolve' },
      schema: {
        tags: ['referrals'],
        summary: 'Markér flag som fulgt op',
        params: IdParams,
        response: responses({ 204: NoContent }),
      },
    },
    async (request, reply) => {
      await service.resolveFlag(authed(request), idOf(request));
      return reply.code(204).send();
    },
  );

  app.get(
    '/:id',
    {
      config: { access: 'referral.read' },
      schema: {
        tags: ['referrals'],
        summary: 'Læs henvisning med historik',
        params: IdParams,
        response: responses({ 200: referral }),
      },
    },
    async (request) => service.getReferral(authed(request), idOf(request)),
  );

  app.post(
    '/:id/transitions',
    {
      config: { access: 'referral.transition' },
      schema: {
        tags: ['referrals'],
        summary: 'Skift tilstand (409 hvis ikke muligt fra den nuværende tilstand)',
        params: IdParams,
        body: TransitionInputSchema,
        response: responses({ 200: referral }),
      },
    },
    async (request) => enrolment.transition(authed(request), idOf(request), request.body as never),
  );

  app.post(
    '/:id/intro-meeting',
    {
      config: { access: 'referral.intro_meeting' },
      schema: {
        tags: ['referrals'],
        summary:
          'Borgeren har deltaget i tilbuddets intromøde (Randers); først derefter kan borgeren tilmeldes et hold',
        params: IdParams,
        body: Type.Object({ attendedOn: IsoDate }, { additionalProperties: false }),
        response: responses({ 200: referral }),
      },
    },
    async (request) =>
      enrolment.recordIntroMeeting(authed(request), idOf(request), request.body as never),
  );

  app.get(
    '/:id/shared',
    {
      config: { access: 'referral.shared' },
      schema: {
        tags: ['referrals'],
        summary: 'Oplysninger delt med modtageren (kræver gyldigt samtykke ved hver læsning)',
        params: IdParams,
        response: responses({ 200: SharedDataSchema }),
      },
    },
    async (request) => service.getSharedData(authed(request), idOf(request)),
  );

  app.get(
    '/:id/messages',
    {
      config: { access: 'referral.message' },
      schema: {
        tags: ['referrals'],
        summary: 'Beskeder om henvisningen',
        params: IdParams,
        response: responses({ 200: Type.Array(MessageSchema) }),
      },
    },
    async (request) => service.listMessages(authed(request), idOf(request)),
  );

  app.post(
    '/:id/messages',
    {
      config: { access: 'referral.message' },
      schema: {
        tags: ['referrals'],
        summary: 'Send besked om henvisningen',
        params: IdParams,
        body: Type.Object(
          { body: Type.String({ minLength: 1, maxLength: 4000 }) },
          { additionalProperties: false },
        ),
        response: responses({ 201: MessageSchema }),
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await service.postMessage(
            authed(request),
            idOf(request),
            (request.body as { body: string }).body,
          ),
        ),
  );
}
