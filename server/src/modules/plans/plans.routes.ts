import multipart from '@fastify/multipart';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../platform/errors.js';
import { authed, responses } from '../../platform/http.js';
import './plans.policy.js';
import * as s from './plans.schema.js';
import * as service from './plans.service.js';

export default async function planRoutes(fastify: FastifyInstance) {
  // Only the file import reads multipart; a goal file is small (200 goals at most).
  await fastify.register(multipart, { limits: { fileSize: 2 * 1024 * 1024, files: 1 } });
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const plan = responses({ 200: s.PlanSchema });
  const created = responses({ 201: s.PlanSchema });
  const tags = ['plans'];

  app.get(
    '/:citizenId',
    {
      config: { access: 'plan.read' },
      schema: {
        tags,
        summary: 'Borgerens plan (Min Plan)',
        params: s.CitizenParams,
        response: plan,
      },
    },
    async (request) => service.getPlan(authed(request), request.params.citizenId),
  );

  app.put(
    '/:citizenId',
    {
      config: { access: 'plan.write' },
      schema: {
        tags,
        summary: 'Gem planens job-/uddannelsesmål (ny version)',
        params: s.CitizenParams,
        body: s.PlanHeaderInput,
        response: plan,
      },
    },
    async (request) => service.saveHeader(authed(request), request.params.citizenId, request.body),
  );

  app.post(
    '/:citizenId/goals',
    {
      config: { access: 'plan.write' },
      schema: {
        tags,
        summary:
          'Tilføj SMART-mål eller delmål (lovgivningsværn: livsstilsresultater kan ikke være krav)',
        params: s.CitizenParams,
        body: s.GoalInput,
        response: created,
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await service.createGoal(authed(request), request.params.citizenId, request.body)),
  );

  app.patch(
    '/:citizenId/goals/:goalId',
    {
      config: { access: 'plan.write' },
      schema: { tags, summary: 'Ret mål', params: s.GoalParams, body: s.GoalPatch, response: plan },
    },
    async (request) =>
      service.updateGoal(
        authed(request),
        request.params.citizenId,
        request.params.goalId,
        request.body,
      ),
  );

  app.post(
    '/:citizenId/activities',
    {
      config: { access: 'plan.write' },
      schema: {
        tags,
        summary: 'Tilføj aktivitet (henvisning/hold; frivillig eller del af aktiveringen)',
        params: s.CitizenParams,
        body: s.ActivityInput,
        response: created,
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await service.createActivity(authed(request), request.params.citizenId, request.body),
        ),
  );

  app.patch(
    '/:citizenId/activities/:activityId',
    {
      config: { access: 'plan.write' },
      schema: {
        tags,
        summary: 'Ret aktivitet',
        params: s.ActivityParams,
        body: s.ActivityPatch,
        response: plan,
      },
    },
    async (request) =>
      service.updateActivity(
        authed(request),
        request.params.citizenId,
        request.params.activityId,
        request.body,
      ),
  );

  app.post(
    '/:citizenId/notes',
    {
      config: { access: 'plan.write' },
      schema: {
        tags,
        summary: 'Tilføj statusnotat',
        params: s.CitizenParams,
        body: s.NoteInput,
        response: created,
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await service.addNote(authed(request), request.params.citizenId, request.body)),
  );

  app.post(
    '/:citizenId/import',
    {
      config: { access: 'plan.import' },
      schema: {
        tags,
        summary:
          'Importér mål (JSON-rækker eller CSV); alt eller intet, hver række gennem lovgivningsværnet',
        params: s.CitizenParams,
        body: s.ImportInput,
        response: created,
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await service.importGoals(authed(request), request.params.citizenId, request.body)),
  );

  app.post(
    '/:citizenId/import/file',
    {
      config: { access: 'plan.import' },
      schema: {
        tags,
        summary:
          'Importér mål fra en fil (CSV i UTF-8 eller Windows-1252, eller XLSX) i feltet «file»; alt eller intet',
        consumes: ['multipart/form-data'],
        params: s.CitizenParams,
        response: created,
      },
    },
    async (request, reply) => {
      const ctx = authed(request);
      if (!request.isMultipart()) {
        throw new AppError('unsupported_media_type', {
          da: 'Send filen som multipart/form-data i feltet «file».',
          en: 'Send the file as multipart/form-data in the field "file".',
        });
      }
      const file = await request.file();
      if (!file) throw new AppError('validation', { da: 'Vælg en fil.', en: 'Choose a file.' });
      const bytes = await file.toBuffer();
      return reply.code(201).send(
        await service.importGoalsFile(ctx, request.params.citizenId, {
          bytes,
          fileName: file.filename,
          contentType: file.mimetype,
        }),
      );
    },
  );
}
