import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { RoleSchema } from '@helhed/shared/auth';
import { Nullable, Uuid } from '@helhed/shared/common';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Role } from '../../platform/context.js';
import { authed, NoContent, responses } from '../../platform/http.js';
import { builtInOrganisationTypes } from '../../platform/onboarding.js';
import './admin.policy.js';
import * as service from './admin.service.js';

const Profile = Type.Union(builtInOrganisationTypes.map((t) => Type.Literal(t)));

const Organisation = Type.Object({
  id: Uuid,
  name: Type.String(),
  /** The built-in type: the organisation's permission profile. */
  type: Type.String(),
  /** The municipality's own type, where one was chosen (decision 1051). */
  localType: Nullable(Type.String()),
  localTypeName: Nullable(Type.String()),
  address: Nullable(Type.String()),
  active: Type.Boolean(),
});

const User = Type.Object({
  id: Uuid,
  username: Nullable(Type.String()),
  displayName: Type.String(),
  email: Nullable(Type.String()),
  active: Type.Boolean(),
  roles: Type.Array(
    Type.Object({
      id: Uuid,
      role: Type.String(),
      organisationId: Nullable(Uuid),
      organisationName: Nullable(Type.String()),
    }),
  ),
});

const OrganisationTypeSchema = Type.Object({
  code: Type.String(),
  name: Type.String(),
  profile: Type.String(),
});

const RoleInput = Type.Object(
  { role: Type.Ref(RoleSchema), organisationId: Nullable(Uuid) },
  { additionalProperties: false },
);

export default async function adminRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/organisations',
    {
      config: { access: 'admin.organisations.read' },
      schema: {
        tags: ['admin'],
        summary: 'Organisationer i kommunen',
        response: responses({ 200: Type.Array(Organisation) }),
      },
    },
    async (request) => service.listOrganisations(authed(request)),
  );

  app.post(
    '/organisations',
    {
      config: { access: 'admin.organisations.manage' },
      schema: {
        tags: ['admin'],
        summary: 'Opret organisation',
        body: Type.Object(
          {
            name: Type.String({ minLength: 2, maxLength: 200 }),
            type: Type.String({
              pattern: '^[a-z][a-z0-9_]{1,39}$',
              description: 'A built-in type or the code of one of the municipality’s own types',
            }),
            address: Type.Optional(Nullable(Type.String({ maxLength: 300 }))),
          },
          { additionalProperties: false },
        ),
        response: responses({ 201: Organisation }),
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.createOrganisation(authed(request), request.body)),
  );

  app.patch(
    '/organisations/:id',
    {
      config: { access: 'admin.organisations.manage' },
      schema: {
        tags: ['admin'],
        summary: 'Ret organisation',
        params: Type.Object({ id: Uuid }),
        body: Type.Object(
          {
            name: Type.Optional(Type.String({ minLength: 2, maxLength: 200 })),
            address: Type.Optional(Nullable(Type.String({ maxLength: 300 }))),
            active: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false },
        ),
        response: responses({ 200: Organisation }),
      },
    },
    async (request) => service.updateOrganisation(authed(request), request.params.id, request.body),
  );

  app.get(
    '/organisation-types',
    {
      config: { access: 'admin.organisations.read' },
      schema: {
        tags: ['admin'],
        summary: 'Organisationstyper: de indbyggede og kommunens egne',
        response: responses({
          200: Type.Object({
            builtIn: Type.Array(Type.String()),
            own: Type.Array(OrganisationTypeSchema),
          }),
        }),
      },
    },
    async (request) => service.listOrganisationTypes(authed(request)),
  );

  app.post(
    '/organisation-types',
    {
      config: { access: 'admin.organisations.manage' },
      schema: {
        tags: ['admin'],
        summary: 'Opret kommunens egen organisationstype med en rettighedsprofil',
        body: Type.Object(
          { name: Type.String({ minLength: 2, maxLength: 120 }), profile: Profile },
          { additionalProperties: false },
        ),
        response: responses({ 201: OrganisationTypeSchema }),
      },
    },
    async (request, reply) => {
      reply.code(201);
      return service.createOrganisationType(authed(request), request.body);
    },
  );

  const TypeParams = Type.Object({ code: Type.String({ pattern: '^[a-z][a-z0-9_]{1,39}$' }) });

  app.patch(
    '/organisation-types/:code',
    {
      config: { access: 'admin.organisations.manage' },
      schema: {
        tags: ['admin'],
        summary: 'Omdøb kommunens egen organisationstype (koden og profilen bliver)',
        params: TypeParams,
        body: Type.Object(
          { name: Type.String({ minLength: 2, maxLength: 120 }) },
          { additionalProperties: false },
        ),
        response: responses({ 200: OrganisationTypeSchema }),
      },
    },
    async (request) =>
      service.renameOrganisationType(authed(request), request.params.code, request.body),
  );

  app.delete(
    '/organisation-types/:code',
    {
      config: { access: 'admin.organisations.manage' },
      schema: {
        tags: ['admin'],
        summary: 'Slet kommunens egen organisationstype, som ingen organisation bruger',
        params: TypeParams,
        response: responses({ 204: Type.Null() }),
      },
    },
    async (request, reply) => {
      await service.deleteOrganisationType(authed(request), request.params.code);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/export',
    {
      config: { access: 'admin.export' },
      schema: {
        tags: ['admin'],
        summary: 'Kommunens data: tabellerne der kan hentes som CSV',
        response: responses({
          200: Type.Array(Type.Object({ table: Type.String(), rows: Type.Integer() })),
        }),
      },
    },
    async (request) => service.listExport(authed(request)),
  );

  app.get(
    '/export/:table',
    {
      config: { access: 'admin.export' },
      schema: {
        tags: ['admin'],
        summary: 'Én tabel af kommunens data som CSV',
        params: Type.Object({ table: Type.String({ pattern: '^[a-z][a-z0-9_]{0,62}$' }) }),
        response: responses({ 200: Type.String({ format: 'binary', description: 'CSV' }) }),
      },
    },
    async (request, reply) => {
      const csv = await service.exportOneTable(authed(request), request.params.table);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${request.params.table}.csv"`)
        .header('cache-control', 'no-store')
        .send(csv);
    },
  );

  app.get(
    '/users',
    {
      config: { access: 'admin.users.read' },
      schema: {
        tags: ['admin'],
        summary: 'Brugere i kommunen',
        querystring: Type.Object({
          q: Type.Optional(Type.String({ maxLength: 100 })),
          limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
          offset: Type.Integer({ minimum: 0, default: 0 }),
        }),
        response: responses({
          200: Type.Object({
            items: Type.Array(User),
            total: Type.Integer(),
            limit: Type.Integer(),
            offset: Type.Integer(),
          }),
        }),
      },
    },
    async (request) =>
      service.listUsers(
        authed(request),
        request.query.q,
        request.query.limit,
        request.query.offset,
      ),
  );

  app.post(
    '/users',
    {
      config: { access: 'admin.users.manage' },
      schema: {
        tags: ['admin'],
        summary: 'Opret medarbejder',
        body: Type.Object(
          {
            username: Type.String({ pattern: '^[a-z0-9._-]{3,60}$' }),
            displayName: Type.String({ minLength: 2, maxLength: 200 }),
            email: Type.Optional(Nullable(Type.String({ format: 'email' }))),
            password: Type.String({ minLength: 12, maxLength: 200 }),
            roles: Type.Array(RoleInput, { maxItems: 20 }),
          },
          { additionalProperties: false },
        ),
        response: responses({ 201: Type.Object({ id: Uuid }) }),
      },
    },
    async (request, reply) =>
      reply.code(201).send(
        await service.createUser(authed(request), {
          ...request.body,
          roles: request.body.roles as { role: Role; organisationId: string | null }[],
        }),
      ),
  );

  app.post(
    '/users/:id/roles',
    {
      config: { access: 'admin.users.manage' },
      schema: {
        tags: ['admin'],
        summary: 'Giv bruger en rolle',
        params: Type.Object({ id: Uuid }),
        body: RoleInput,
        response: responses({ 204: NoContent }),
      },
    },
    async (request, reply) => {
      const body = request.body as { role: Role; organisationId: string | null };
      await service.addRole(authed(request), request.params.id, body.role, body.organisationId);
      return reply.code(204).send(null);
    },
  );

  app.delete(
    '/users/:id/roles/:roleId',
    {
      config: { access: 'admin.users.manage' },
      schema: {
        tags: ['admin'],
        summary: 'Fjern en rolle',
        params: Type.Object({ id: Uuid, roleId: Uuid }),
        response: responses({ 204: NoContent }),
      },
    },
    async (request, reply) => {
      await service.removeRole(authed(request), request.params.id, request.params.roleId);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/users/:id/deactivate',
    {
      config: { access: 'admin.users.manage' },
      schema: {
        tags: ['admin'],
        summary: 'Deaktiver bruger (alle sessioner afsluttes straks)',
        params: Type.Object({ id: Uuid }),
        response: responses({ 204: NoContent }),
      },
    },
    async (request, reply) => {
      await service.setUserActive(authed(request), request.params.id, false);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/users/:id/activate',
    {
      config: { access: 'admin.users.manage' },
      schema: {
        tags: ['admin'],
        summary: 'Genaktiver bruger',
        params: Type.Object({ id: Uuid }),
        response: responses({ 204: NoContent }),
      },
    },
    async (request, reply) => {
      await service.setUserActive(authed(request), request.params.id, true);
      return reply.code(204).send(null);
    },
  );

  const Egress = Type.Object({
    cidr: Type.String({ description: 'An address or network, e.g. 192.0.2.0/24' }),
    note: Nullable(Type.String()),
  });

  app.get(
    '/egress',
    {
      config: { access: 'admin.egress.read' },
      schema: {
        tags: ['admin'],
        summary: 'Kommunens udgående netværksadresser (hæver grænserne for login og anmodninger)',
        response: responses({ 200: Type.Object({ addresses: Type.Array(Egress) }) }),
      },
    },
    async (request) => ({ addresses: await service.listEgress(authed(request)) }),
  );

  app.put(
    '/egress',
    {
      config: { access: 'admin.egress.manage' },
      schema: {
        tags: ['admin'],
        summary: 'Ret kommunens udgående netværksadresser',
        body: Type.Object(
          {
            addresses: Type.Array(
              Type.Object(
                {
                  cidr: Type.String({ minLength: 2, maxLength: 60 }),
                  note: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
                },
                { additionalProperties: false },
              ),
              { maxItems: 50 },
            ),
          },
          { additionalProperties: false },
        ),
        response: responses({ 200: Type.Object({ addresses: Type.Array(Egress) }) }),
      },
    },
    async (request) => ({
      addresses: await service.replaceEgress(authed(request), request.body.addresses),
    }),
  );
}
