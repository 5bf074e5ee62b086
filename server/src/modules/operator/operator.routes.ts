import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Nullable, Uuid } from '@helhed/shared/common';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { authed, responses } from '../../platform/http.js';
import { builtInOrganisationTypes } from '../../platform/onboarding.js';
import './operator.policy.js';
import * as service from './operator.service.js';

const Code = Type.String({ pattern: '^[0-9]{3}$', description: 'Kommunekode' });
const CodeParams = Type.Object({ code: Code });

const Municipality = Type.Object({
  code: Type.String(),
  name: Type.String(),
  region: Nullable(Type.String()),
  status: Type.Union([
    Type.Literal('onboarded'),
    Type.Literal('offboarded'),
    Type.Literal('not_onboarded'),
  ]),
  onboardedAt: Nullable(Type.String({ format: 'date-time' })),
  offboardedAt: Nullable(Type.String({ format: 'date-time' })),
});

/**
 * The one-time link: mailed to the administrator when they have an address and SMTP is set up
 * (then token and url are null: only the administrator gets the link), otherwise shown once.
 */
const Invitation = Type.Object({
  token: Nullable(Type.String()),
  url: Nullable(Type.String()),
  expiresAt: Type.String({ format: 'date-time' }),
  emailedTo: Nullable(Type.String()),
  /** The mail was tried and the SMTP server refused it: the link is shown instead. */
  emailFailed: Type.Boolean(),
});

const OnboardBody = Type.Object(
  {
    code: Code,
    name: Type.String({ minLength: 2, maxLength: 100 }),
    organisations: Type.Array(
      Type.Object(
        {
          name: Type.String({ minLength: 2, maxLength: 200 }),
          type: Type.Union(builtInOrganisationTypes.map((t) => Type.Literal(t))),
          address: Type.Optional(Nullable(Type.String({ maxLength: 300 }))),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 30 },
    ),
    administrator: Type.Object(
      {
        username: Type.String({ minLength: 3, maxLength: 100, pattern: '^[A-Za-z0-9._-]+$' }),
        displayName: Type.String({ minLength: 2, maxLength: 200 }),
        email: Type.Optional(Nullable(Type.String({ maxLength: 200, format: 'email' }))),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

export default async function operatorRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['operator'];

  app.get(
    '/municipalities',
    {
      config: { access: 'operator.municipalities.read' },
      schema: {
        tags,
        summary: 'Kommunerne og om de er i Helhed',
        response: responses({ 200: Type.Array(Municipality) }),
      },
    },
    async (request) => service.listMunicipalities(authed(request)),
  );

  app.post(
    '/municipalities',
    {
      config: { access: 'operator.municipalities.onboard' },
      schema: {
        tags,
        summary: 'Opret en kommune med organisationer og første administrator',
        body: OnboardBody,
        response: responses({
          201: Type.Object({
            code: Type.String(),
            name: Type.String(),
            administratorId: Uuid,
            organisations: Type.Array(
              Type.Object({ id: Uuid, name: Type.String(), type: Type.String() }),
            ),
            invitation: Invitation,
          }),
        }),
      },
    },
    async (request, reply) => {
      reply.code(201);
      return service.onboard(authed(request), request.body);
    },
  );

  app.post(
    '/municipalities/:code/invitation',
    {
      config: { access: 'operator.municipalities.onboard' },
      schema: {
        tags,
        summary: 'Nyt invitationslink til kommunens første administrator',
        params: CodeParams,
        response: responses({
          201: Type.Composite([Type.Object({ username: Type.String() }), Invitation]),
        }),
      },
    },
    async (request, reply) => {
      reply.code(201);
      return service.reinvite(authed(request), request.params.code);
    },
  );

  app.post(
    '/municipalities/:code/offboard',
    {
      config: { access: 'operator.municipalities.offboard' },
      schema: {
        tags,
        summary: 'Slet kommunens data (revisionsloggen bevares)',
        params: CodeParams,
        body: Type.Object(
          { confirmName: Type.String({ minLength: 1, maxLength: 100 }) },
          { additionalProperties: false },
        ),
        response: responses({
          200: Type.Object({
            code: Type.String(),
            name: Type.String(),
            deletedRows: Type.Integer(),
            kept: Type.Array(Type.String()),
          }),
        }),
      },
    },
    async (request) =>
      service.offboard(authed(request), request.params.code, request.body.confirmName),
  );
}
