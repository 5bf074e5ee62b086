import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { IsoDate, IsoDateTime, Nullable, Uuid } from '@helhed/shared/common';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { consentCategories } from '../../platform/consent.js';
import { authed, responses } from '../../platform/http.js';
import { PlanSchema } from '../plans/plans.schema.js';
import './portal.policy.js';
import * as service from './portal.service.js';

/** A proxy names the citizen they act for in this header; without it the user acts for self. */
const actFor = (request: FastifyRequest) => {
  const v = request.headers['x-act-for'];
  return typeof v === 'string' && v ? v : undefined;
};

const ActForHeaders = Type.Object({
  'x-act-for': Type.Optional(
    Type.String({ format: 'uuid', description: 'Fuldmagt: borgeren der handles på vegne af' }),
  ),
});

const Items = <T extends ReturnType<typeof Type.Object>>(item: T) =>
  Type.Object({ items: Type.Array(item) });

const Session = Type.Object({
  id: Uuid,
  startsAt: IsoDateTime,
  endsAt: IsoDateTime,
  cancelled: Type.Boolean(),
  title: Type.String(),
  offerTitle: Type.String(),
  place: Nullable(Type.String()),
  providerName: Type.String(),
});

const Referral = Type.Object({
  id: Uuid,
  offerTitle: Type.String(),
  toOrganisationName: Type.String(),
  state: Type.String(),
  participation: Type.String(),
  updatedAt: IsoDateTime,
});

const Consent = Type.Object({
  id: Uuid,
  recipientOrganisationId: Uuid,
  recipientName: Type.String(),
  categories: Type.Array(Type.String()),
  purpose: Type.String(),
  validFrom: Type.String(),
  validTo: Nullable(Type.String()),
  givenHow: Type.String(),
  status: Type.String(),
  withdrawnAt: Nullable(IsoDateTime),
  createdAt: IsoDateTime,
});

const Offer = Type.Object({
  id: Uuid,
  title: Type.String(),
  description: Type.String(),
  kind: Type.String(),
  place: Nullable(Type.String()),
  providerName: Type.String(),
  courseId: Nullable(Uuid),
  startDate: Nullable(Type.String()),
  freeSeats: Nullable(Type.Integer()),
  myStatus: Nullable(Type.String()),
});

const Messages = Items(
  Type.Object({
    id: Uuid,
    body: Type.String(),
    fromCitizen: Type.Boolean(),
    byProxy: Type.Boolean(),
    senderName: Nullable(Type.String()),
    createdAt: IsoDateTime,
  }),
);
const MessageInput = Type.Object(
  { body: Type.String({ minLength: 1, maxLength: 4000 }) },
  { additionalProperties: false },
);

export default async function portalRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['portal'];

  app.get(
    '/me',
    {
      config: { access: 'portal.read' },
      schema: {
        tags,
        summary: 'Min side: hvem er jeg, og hvem har jeg fuldmagt for',
        response: responses({
          200: Type.Object({
            citizenId: Nullable(Uuid),
            actingFor: Type.Array(
              Type.Object({
                citizenId: Uuid,
                name: Type.String(),
                scopes: Type.Array(Type.String()),
              }),
            ),
            grantedTo: Type.Array(
              Type.Object({
                id: Uuid,
                name: Type.String(),
                scopes: Type.Array(Type.String()),
                validTo: Nullable(Type.String()),
              }),
            ),
          }),
        }),
      },
    },
    async (request) => service.me(authed(request)),
  );

  app.get(
    '/plan',
    {
      config: { access: 'portal.read' },
      schema: {
        tags,
        summary: 'Min plan',
        headers: ActForHeaders,
        response: responses({ 200: PlanSchema }),
      },
    },
    async (request) => service.myPlan(authed(request), actFor(request)),
  );

  app.post(
    '/plan/accept',
    {
      config: { access: 'portal.act' },
      schema: {
        tags,
        summary: 'Acceptér planens nuværende version (tidspunktet gemmes)',
        headers: ActForHeaders,
        body: Type.Object(
          { version: Type.Integer({ minimum: 1 }) },
          { additionalProperties: false },
        ),
        response: responses({ 200: PlanSchema }),
      },
    },
    async (request) => service.acceptPlan(authed(request), request.body.version, actFor(request)),
  );

  app.get(
    '/sessions',
    {
      config: { access: 'portal.read' },
      schema: {
        tags,
        summary: 'Mine kommende aftaler (holdgange)',
        headers: ActForHeaders,
        response: responses({ 200: Items(Session) }),
      },
    },
    async (request) => service.mySessions(authed(request), actFor(request)),
  );

  app.get(
    '/sessions.ics',
    {
      config: { access: 'portal.read' },
      schema: {
        tags,
        summary: 'Mine kommende aftaler som kalenderfil (RFC 5545)',
        headers: ActForHeaders,
        produces: ['text/calendar'],
        response: responses({ 200: Type.String({ description: 'text/calendar' }) }),
      },
    },
    async (request, reply) => {
      const body = await service.mySessionsIcs(authed(request), actFor(request));
      return reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', 'attachment; filename="mine-aftaler.ics"')
        .header('cache-control', 'no-store')
        .send(body);
    },
  );

  app.get(
    '/referrals',
    {
      config: { access: 'portal.read' },
      schema: {
        tags,
        summary: 'Mine henvisninger og deres status',
        headers: ActForHeaders,
        response: responses({ 200: Items(Referral) }),
      },
    },
    async (request) => service.myReferrals(authed(request), actFor(request)),
  );

  app.get(
    '/consents',
    {
      config: { access: 'portal.read' },
      schema: {
        tags,
        summary: 'Mine samtykker',
        headers: ActForHeaders,
        response: responses({
          200: Type.Object({
            items: Type.Array(Consent),
            organisations: Type.Array(
              Type.Object({ id: Uuid, name: Type.String(), type: Type.String() }),
            ),
          }),
        }),
      },
    },
    async (request) => service.myConsents(authed(request), actFor(request)),
  );

  app.post(
    '/consents',
    {
      config: { access: 'portal.act' },
      schema: {
        tags,
        summary: 'Giv samtykke',
        headers: ActForHeaders,
        body: Type.Object(
          {
            recipientOrganisationId: Uuid,
            categories: Type.Array(Type.Union(consentCategories.map((c) => Type.Literal(c))), {
              minItems: 1,
              uniqueItems: true,
            }),
            purpose: Type.String({ minLength: 3, maxLength: 500 }),
            validTo: Type.Optional(Nullable(IsoDate)),
          },
          { additionalProperties: false },
        ),
        response: responses({ 201: Type.Object({ id: Uuid }) }),
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await service.giveMyConsent(authed(request), request.body, actFor(request))),
  );

  app.post(
    '/consents/:id/withdraw',
    {
      config: { access: 'portal.act' },
      schema: {
        tags,
        summary: 'Træk samtykke tilbage (virker med det samme)',
        headers: ActForHeaders,
        params: Type.Object({ id: Uuid }),
        response: responses({ 200: Type.Object({ id: Uuid, status: Type.String() }) }),
      },
    },
    async (request) =>
      service.withdrawMyConsent(authed(request), request.params.id, actFor(request)),
  );

  app.get(
    '/offers',
    {
      config: { access: 'portal.read' },
      schema: {
        tags,
        summary: 'Åbne tilbud jeg selv kan tilmelde mig',
        headers: ActForHeaders,
        response: responses({ 200: Items(Offer) }),
      },
    },
    async (request) => service.myOffers(authed(request), actFor(request)),
  );

  app.post(
    '/offers/:id/signup',
    {
      config: { access: 'portal.act' },
      schema: {
        tags,
        summary: 'Tilmeld mig et åbent tilbud (eller venteliste, hvis holdet er fuldt)',
        headers: ActForHeaders,
        params: Type.Object({ id: Uuid }),
        response: responses({
          201: Type.Object({
            status: Type.Union([Type.Literal('enrolled'), Type.Literal('waitlisted')]),
            waitlistPosition: Nullable(Type.Integer()),
          }),
        }),
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await service.signUpForOffer(authed(request), request.params.id, actFor(request))),
  );

  app.get(
    '/messages',
    {
      config: { access: 'portal.read' },
      schema: {
        tags,
        summary: 'Beskeder med min sagsbehandler',
        headers: ActForHeaders,
        response: responses({ 200: Messages }),
      },
    },
    async (request) => service.myMessages(authed(request), actFor(request)),
  );

  app.post(
    '/messages',
    {
      config: { access: 'portal.act' },
      schema: {
        tags,
        summary: 'Skriv til min sagsbehandler',
        headers: ActForHeaders,
        body: MessageInput,
        response: responses({ 201: Messages }),
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await service.sendMyMessage(authed(request), request.body.body, actFor(request))),
  );

  app.get(
    '/citizens/:citizenId/messages',
    {
      config: { access: 'portal.staff_messages' },
      schema: {
        tags,
        summary: 'Sagsbehandler: beskeder med borgeren',
        params: Type.Object({ citizenId: Uuid }),
        response: responses({ 200: Messages }),
      },
    },
    async (request) => service.staffMessages(authed(request), request.params.citizenId),
  );

  app.post(
    '/citizens/:citizenId/messages',
    {
      config: { access: 'portal.staff_messages' },
      schema: {
        tags,
        summary: 'Sagsbehandler: svar borgeren',
        params: Type.Object({ citizenId: Uuid }),
        body: MessageInput,
        response: responses({ 201: Messages }),
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await service.staffMessages(authed(request), request.params.citizenId, request.body.body),
        ),
  );

  const Scopes = Type.Array(
    Type.Union(
      ['plan', 'sessions', 'referrals', 'consents', 'offers', 'messages'].map((x) =>
        Type.Literal(x),
      ),
    ),
    { minItems: 1, uniqueItems: true },
  );

  app.post(
    '/proxies',
    {
      config: { access: 'portal.act' },
      schema: {
        tags,
        summary: 'Giv fuldmagt til en anden bruger (vælg hvad fuldmægtigen må)',
        body: Type.Object(
          {
            username: Type.String({ minLength: 1, maxLength: 200 }),
            scopes: Scopes,
            validTo: Type.Optional(Nullable(IsoDate)),
          },
          { additionalProperties: false },
        ),
        response: responses({
          201: Type.Object({
            id: Uuid,
            name: Type.String(),
            scopes: Type.Array(Type.String()),
            validTo: Nullable(Type.String()),
          }),
        }),
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await service.grantProxy(
            authed(request),
            request.body as Parameters<typeof service.grantProxy>[1],
          ),
        ),
  );

  app.post(
    '/proxies/:id/revoke',
    {
      config: { access: 'portal.act' },
      schema: {
        tags,
        summary: 'Tilbagekald fuldmagt',
        params: Type.Object({ id: Uuid }),
        response: responses({ 200: Type.Object({ id: Uuid, revoked: Type.Boolean() }) }),
      },
    },
    async (request) => service.revokeProxy(authed(request), request.params.id),
  );
}
