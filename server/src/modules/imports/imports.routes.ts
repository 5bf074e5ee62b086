import multipart from '@fastify/multipart';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { IdParams, IsoDate, Nullable } from '@helhed/shared/common';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../platform/errors.js';
import { authed, responses } from '../../platform/http.js';
import './imports.policy.js';
import * as service from './imports.service.js';

const ImportJobSchema = Type.Object({
  id: Type.String(),
  fileName: Type.String(),
  format: Type.String(),
  status: Type.String({
    description: 'previewed, queued, running, completed, failed, cancelled (preview expired)',
  }),
  totalRows: Type.Integer(),
  validRows: Type.Integer(),
  errorRows: Type.Integer(),
  processed: Type.Integer(),
  createdCitizens: Type.Integer(),
  createdPeriods: Type.Integer(),
  skippedRows: Type.Integer(),
  failure: Nullable(Type.String()),
  createdByName: Nullable(Type.String()),
  createdAt: Type.String(),
  committedAt: Nullable(Type.String()),
  finishedAt: Nullable(Type.String()),
});

const ImportDetailSchema = Type.Composite(
  [
    ImportJobSchema,
    Type.Object({
      errors: Type.Array(
        Type.Object({
          row: Type.Integer(),
          column: Nullable(Type.String()),
          message: Type.String(),
        }),
      ),
      sample: Type.Array(
        Type.Object({
          row: Type.Integer(),
          cprMasked: Nullable(Type.String()),
          firstName: Nullable(Type.String()),
          lastName: Nullable(Type.String()),
          benefitType: Nullable(Type.String()),
          startDate: Nullable(IsoDate),
          endDate: Nullable(IsoDate),
          outcome: Nullable(Type.String()),
        }),
      ),
    }),
  ],
  { $id: 'ImportDetail' },
);

export default async function importRoutes(fastify: FastifyInstance) {
  await fastify.register(multipart, { limits: { fileSize: 50 * 1024 * 1024, files: 1 } });
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.addSchema(ImportDetailSchema);
  const detail = Type.Ref(ImportDetailSchema);

  app.post(
    '',
    {
      config: { access: 'import.run' },
      schema: {
        tags: ['imports'],
        summary: 'Upload CSV/XLSX: gennemsyn med fejl pr. række (intet skrives endnu)',
        consumes: ['multipart/form-data'],
        response: responses({ 201: detail }),
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
      if (!file) {
        throw new AppError('validation', { da: 'Vælg en fil.', en: 'Choose a file.' });
      }
      const buffer = await file.toBuffer();
      return reply
        .code(201)
        .send(await service.previewImport(ctx, file.filename, buffer, file.mimetype));
    },
  );

  app.get(
    '',
    {
      config: { access: 'import.read' },
      schema: {
        tags: ['imports'],
        summary: 'Seneste indlæsninger',
        response: responses({ 200: Type.Object({ items: Type.Array(ImportJobSchema) }) }),
      },
    },
    async (request) => service.listImports(authed(request)),
  );

  app.get(
    '/:id',
    {
      config: { access: 'import.read' },
      schema: {
        tags: ['imports'],
        summary: 'Indlæsningens status, fremdrift og fejl pr. række',
        params: IdParams,
        response: responses({ 200: detail }),
      },
    },
    async (request) => service.getImport(authed(request), request.params.id),
  );

  app.post(
    '/:id/commit',
    {
      config: { access: 'import.run' },
      schema: {
        tags: ['imports'],
        summary: 'Indlæs de gyldige rækker (kører som baggrundsjob)',
        params: IdParams,
        response: responses({ 202: detail }),
      },
    },
    async (request, reply) =>
      reply.code(202).send(await service.commitImport(authed(request), request.params.id)),
  );
}
