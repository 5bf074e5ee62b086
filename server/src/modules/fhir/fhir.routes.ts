/**
 * The FHIR R4 API under /fhir/R4 (decision 1040): JSON as application/fhir+json, errors as
 * OperationOutcome (platform/fhir-outcome.ts, chosen by path in sendProblem; the rest of the API
 * keeps problem+json).
 * Sessions, CSRF, the role check and rate limits are the app's own hooks, as for /api.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors.js';
import { FHIR_JSON } from '../../platform/fhir-outcome.js';
import { authed } from '../../platform/http.js';
import * as exports from './fhir.export.js';
import './fhir.policy.js';
import {
  BundleSchema,
  ExportFileParams,
  ExportJobParams,
  ExportQuery,
  ExportStatusSchema,
  FhirResourceSchema,
  fhirResponses,
  OperationOutcomeSchema,
  PatientIdParams,
  SearchQuery,
  TypeIdParams,
  TypeParams,
} from './fhir.schema.js';
import * as service from './fhir.service.js';

const fhir = (reply: FastifyReply) => reply.type(FHIR_JSON).serializer(JSON.stringify);

const requestUrl = (request: FastifyRequest) =>
  `${request.ctx.config.publicUrl.replace(/\/$/, '')}${request.url}`;

export default async function fhirRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.addContentTypeParser(
    ['application/fhir+json', 'application/json+fhir'],
    { parseAs: 'string' },
    (_request, body, done) => {
      try {
        done(null, body === '' ? {} : JSON.parse(String(body)));
      } catch {
        done(new AppError('validation', { da: 'Ugyldig JSON.', en: 'Invalid JSON.' }), undefined);
      }
    },
  );

  app.get(
    '/metadata',
    {
      config: { access: 'public' },
      schema: {
        tags: ['fhir'],
        summary: 'CapabilityStatement: hvad FHIR-grænsefladen understøtter',
        response: fhirResponses({ 200: FhirResourceSchema }),
      },
    },
    async (request, reply) => fhir(reply).send(service.capability(request.ctx)),
  );

  app.get(
    '/Patient/:id/$everything',
    {
      config: { access: 'fhir.read' },
      schema: {
        tags: ['fhir'],
        summary: 'Alt om borgeren, som den kaldende må se (Bundle)',
        params: PatientIdParams,
        response: fhirResponses({ 200: BundleSchema }),
      },
    },
    async (request, reply) =>
      fhir(reply).send(await service.everything(authed(request), request.params.id)),
  );

  app.post(
    '/$export',
    {
      config: { access: 'fhir.export' },
      schema: {
        tags: ['fhir'],
        summary: 'Start et FHIR Bulk Data-udtræk for kommunen (asynkront, NDJSON)',
        querystring: ExportQuery,
        response: fhirResponses({ 202: OperationOutcomeSchema }),
      },
    },
    async (request, reply) => kickOff(request, reply),
  );
  app.get(
    '/$export',
    {
      config: { access: 'fhir.export' },
      schema: {
        tags: ['fhir'],
        summary: 'Start et FHIR Bulk Data-udtræk (GET-formen af kick-off)',
        querystring: ExportQuery,
        response: fhirResponses({ 202: OperationOutcomeSchema }),
      },
    },
    async (request, reply) => kickOff(request, reply),
  );

  app.get(
    '/$export/:jobId',
    {
      config: { access: 'fhir.export' },
      schema: {
        tags: ['fhir'],
        summary: 'Udtrækkets status: 202 med fremdrift, 200 med filerne når det er færdigt',
        params: ExportJobParams,
        response: fhirResponses({ 200: ExportStatusSchema, 202: OperationOutcomeSchema }),
      },
    },
    async (request, reply) => {
      const s = await exports.status(authed(request), request.params.jobId);
      if (s.state === 'running') {
        return fhir(reply)
          .code(202)
          .header('x-progress', `${s.progress}% (${s.done}/${s.total})`)
          .header('retry-after', '2')
          .send({
            resourceType: 'OperationOutcome',
            issue: [
              {
                severity: 'information',
                code: 'informational',
                diagnostics: `${s.progress}% (${s.done}/${s.total})`,
              },
            ],
          });
      }
      if (s.state === 'failed') {
        throw new AppError('internal', { da: s.message, en: s.message });
      }
      return reply
        .type('application/json; charset=utf-8')
        .serializer(JSON.stringify)
        .send(s.manifest);
    },
  );

  app.get(
    '/$export/:jobId/:file',
    {
      config: { access: 'fhir.export' },
      schema: {
        tags: ['fhir'],
        summary: 'En NDJSON-fil fra et færdigt udtræk',
        params: ExportFileParams,
      },
    },
    async (request, reply) => {
      const body = await exports.file(authed(request), request.params.jobId, request.params.file);
      return reply
        .type('application/fhir+ndjson')
        .header('content-disposition', `attachment; filename="${request.params.file}"`)
        .send(body);
    },
  );

  app.get(
    '/:type/:id',
    {
      config: { access: 'session' },
      schema: {
        tags: ['fhir'],
        summary: 'Læs én ressource (404 for det, den kaldende ikke må se)',
        params: TypeIdParams,
        response: fhirResponses({ 200: FhirResourceSchema }),
      },
    },
    async (request, reply) =>
      fhir(reply).send(await service.read(authed(request), request.params.type, request.params.id)),
  );

  app.get(
    '/:type',
    {
      config: { access: 'session' },
      schema: {
        tags: ['fhir'],
        summary: 'Søg borgerens ressourcer af en type (patient= eller subject=)',
        params: TypeParams,
        querystring: SearchQuery,
        response: fhirResponses({ 200: BundleSchema }),
      },
    },
    async (request, reply) => {
      const { type } = request.params;
      const patient = request.query.patient ?? request.query.subject;
      if (!service.isSupportedType(type)) throw service.unsupportedType(type);
      if (!patient) {
        throw new AppError(
          'validation',
          {
            da: 'Søg med patient= eller subject= (Patient/{id}).',
            en: 'Search by patient= or subject= (Patient/{id}).',
          },
          { fhirCode: 'not-supported' },
        );
      }
      const self = `/${type}?${request.query.patient ? 'patient' : 'subject'}=${encodeURIComponent(patient)}`;
      return fhir(reply).send(await service.search(authed(request), type, patient, self));
    },
  );
}

async function kickOff(request: FastifyRequest, reply: FastifyReply) {
  const q = request.query as { _type?: string; _outputFormat?: string };
  const prefer = String(request.headers.prefer ?? '');
  if (!/respond-async/i.test(prefer)) {
    throw new AppError('validation', {
      da: 'Et udtræk kræver headeren Prefer: respond-async.',
      en: 'An export needs the header Prefer: respond-async.',
    });
  }
  const { statusUrl } = await exports.kickOff(authed(request), q, requestUrl(request));
  return reply
    .code(202)
    .header('content-location', statusUrl)
    .type(FHIR_JSON)
    .serializer(JSON.stringify)
    .send({
      resourceType: 'OperationOutcome',
      issue: [{ severity: 'information', code: 'informational', diagnostics: statusUrl }],
    });
}
