import { IdParams } from '@helhed/shared/common';
import {
  CourseEvaluationSchema,
  CourseSummarySchema,
  CriteriaInputSchema,
  CriteriaSetSchema,
  DashboardQuerySchema,
  DashboardSchema,
  OfferCriteriaInputSchema,
  PublicSurveySchema,
  SurveyAnswerSchema,
  SurveyInputSchema,
  SurveyResultsSchema,
  SurveySchema,
} from '@helhed/shared/evaluation';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { authed, NoContent, responses } from '../../platform/http.js';
import './evaluation.policy.js';
import { dashboardXlsx, evaluationPdf, evaluationXlsx } from './evaluation.export.js';
import * as service from './evaluation.service.js';
import * as surveys from './surveys.service.js';

const Binary = Type.String({ format: 'binary', description: 'File' });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const PublicParams = Type.Object({
  municipality: Type.String({ pattern: '^[0-9]{3}$' }),
  token: Type.String({ pattern: '^[A-Za-z0-9_-]{8,64}$' }),
});

function sendFile(reply: FastifyReply, body: Buffer, type: string, filename: string) {
  return reply
    .header('content-type', type)
    .header('content-disposition', `attachment; filename="${filename}"`)
    .header('cache-control', 'no-store')
    .send(body);
}

const id = (request: { params: unknown }) => (request.params as { id: string }).id;

export default async function evaluationRoutes(app: FastifyInstance) {
  const tags = ['evaluation'];

  app.get(
    '/courses',
    {
      config: { access: 'evaluation.course.read' },
      schema: {
        tags,
        summary: 'Hold til evaluering',
        response: responses({ 200: Type.Array(CourseSummarySchema) }),
      },
    },
    async (request) => service.listCourses(authed(request)),
  );

  app.get(
    '/courses/:id/criteria',
    {
      config: { access: 'evaluation.course.read' },
      schema: {
        tags,
        summary: 'Holdets succeskriterier (null når ingen er sat)',
        params: IdParams,
        response: responses({ 200: Type.Union([CriteriaSetSchema, Type.Null()]) }),
      },
    },
    async (request) => service.getCourseCriteria(authed(request), id(request)),
  );

  app.put(
    '/courses/:id/criteria',
    {
      config: { access: 'evaluation.criteria.write' },
      schema: {
        tags,
        summary: 'Sæt holdets succeskriterier før start (409 når holdet er startet)',
        params: IdParams,
        body: CriteriaInputSchema,
        response: responses({ 200: CriteriaSetSchema }),
      },
    },
    async (request) =>
      service.setCourseCriteria(authed(request), id(request), request.body as never),
  );

  app.get(
    '/offers/:id/criteria',
    {
      config: { access: 'evaluation.course.read' },
      schema: {
        tags,
        summary: 'Tilbuddets nyeste succeskriterier (criteria er null når ingen er sat)',
        params: IdParams,
        response: responses({
          200: Type.Object({
            offerId: Type.String(),
            offerTitle: Type.String(),
            criteria: Type.Union([CriteriaSetSchema, Type.Null()]),
          }),
        }),
      },
    },
    async (request) => service.getOfferCriteria(authed(request), id(request)),
  );

  app.put(
    '/offers/:id/criteria',
    {
      config: { access: 'evaluation.criteria.write' },
      schema: {
        tags,
        summary: 'Sæt tilbuddets succeskriterier (ny version med newVersion; 409 når låst)',
        params: IdParams,
        body: OfferCriteriaInputSchema,
        response: responses({ 200: CriteriaSetSchema }),
      },
    },
    async (request) =>
      service.setOfferCriteria(authed(request), id(request), request.body as never),
  );

  app.get(
    '/courses/:id',
    {
      config: { access: 'evaluation.course.read' },
      schema: {
        tags,
        summary: 'Evaluering af et hold: faktisk mod kriterier, tilfredshed, effekt',
        params: IdParams,
        response: responses({ 200: CourseEvaluationSchema }),
      },
    },
    async (request) => service.courseEvaluation(authed(request), id(request)),
  );

  app.get(
    '/courses/:id/export.xlsx',
    {
      config: { access: 'evaluation.course.export' },
      schema: {
        tags,
        summary: 'Holdevaluering som XLSX',
        params: IdParams,
        response: responses({ 200: Binary }),
      },
    },
    async (request, reply) => {
      const e = await service.courseEvaluationForExport(authed(request), id(request), 'xlsx');
      return sendFile(
        reply,
        await evaluationXlsx(e),
        XLSX,
        `evaluering-${e.course.startDate}.xlsx`,
      );
    },
  );

  app.get(
    '/courses/:id/report.pdf',
    {
      config: { access: 'evaluation.course.export' },
      schema: {
        tags,
        summary: 'Holdevaluering som PDF-rapport',
        params: IdParams,
        response: responses({ 200: Binary }),
      },
    },
    async (request, reply) => {
      const e = await service.courseEvaluationForExport(authed(request), id(request), 'pdf');
      return sendFile(
        reply,
        await evaluationPdf(e),
        'application/pdf',
        `evaluering-${e.course.startDate}.pdf`,
      );
    },
  );

  app.get(
    '/dashboard',
    {
      config: { access: 'evaluation.dashboard.read' },
      schema: {
        tags,
        summary: 'Ledelsesoverblik for kommunen (aggregeret, små tal skjult)',
        querystring: DashboardQuerySchema,
        response: responses({ 200: DashboardSchema }),
      },
    },
    async (request) => service.dashboard(authed(request), request.query as never),
  );

  app.get(
    '/dashboard/export.xlsx',
    {
      config: { access: 'evaluation.dashboard.export' },
      schema: {
        tags,
        summary: 'Ledelsesoverblik som XLSX',
        querystring: DashboardQuerySchema,
        response: responses({ 200: Binary }),
      },
    },
    async (request, reply) => {
      const d = await service.dashboardForExport(authed(request), request.query as never);
      return sendFile(
        reply,
        await dashboardXlsx(d),
        XLSX,
        `overblik-${d.filters.from}-${d.filters.to}.xlsx`,
      );
    },
  );

  app.get(
    '/surveys',
    {
      config: { access: 'evaluation.survey.manage' },
      schema: {
        tags,
        summary: 'Behovsundersøgelser',
        response: responses({ 200: Type.Array(SurveySchema) }),
      },
    },
    async (request) => surveys.listSurveys(authed(request)),
  );

  app.post(
    '/surveys',
    {
      config: { access: 'evaluation.survey.manage' },
      schema: {
        tags,
        summary: 'Opret anonym behovsundersøgelse',
        body: SurveyInputSchema,
        response: responses({ 201: SurveySchema }),
      },
    },
    async (request, reply) =>
      reply.code(201).send(await surveys.createSurvey(authed(request), request.body as never)),
  );

  app.post(
    '/surveys/:id/close',
    {
      config: { access: 'evaluation.survey.manage' },
      schema: {
        tags,
        summary: 'Luk undersøgelsen for svar',
        params: IdParams,
        response: responses({ 200: SurveySchema }),
      },
    },
    async (request) => surveys.closeSurvey(authed(request), id(request)),
  );

  app.get(
    '/surveys/:id/results',
    {
      config: { access: 'evaluation.survey.results' },
      schema: {
        tags,
        summary: 'Samlede svar (aggregeret, små tal skjult, intet under 5 svar)',
        params: IdParams,
        response: responses({ 200: SurveyResultsSchema }),
      },
    },
    async (request) => surveys.surveyResults(authed(request), id(request)),
  );

  app.get(
    '/surveys/:id/qr.svg',
    {
      config: { access: 'evaluation.survey.manage' },
      schema: {
        tags,
        summary: 'QR-kode (SVG) med undersøgelsens offentlige link',
        params: IdParams,
        response: responses({ 200: Type.String({ description: 'SVG image (image/svg+xml)' }) }),
      },
    },
    async (request, reply) =>
      reply
        .header('content-type', 'image/svg+xml; charset=utf-8')
        .header('cache-control', 'private, no-store')
        .send(await surveys.surveyQrSvg(authed(request), id(request))),
  );

  app.get(
    '/public/surveys/:municipality/:token',
    {
      config: { access: 'public', rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'Offentlig undersøgelse (uden login)',
        params: PublicParams,
        response: responses({ 200: PublicSurveySchema }),
      },
    },
    async (request) => {
      const p = request.params as { municipality: string; token: string };
      return surveys.publicSurvey(request.ctx, p.municipality, p.token);
    },
  );

  app.post(
    '/public/surveys/:municipality/:token/responses',
    {
      config: { access: 'public', rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'Besvar undersøgelsen anonymt (uden login, begrænset antal pr. minut)',
        params: PublicParams,
        body: SurveyAnswerSchema,
        response: responses({ 204: NoContent }),
      },
    },
    async (request, reply) => {
      const p = request.params as { municipality: string; token: string };
      await surveys.answerSurvey(request.ctx, p.municipality, p.token, request.body as never);
      return reply.code(204).send();
    },
  );

  app.post(
    '/demo/courses/:id/advance',
    {
      config: { access: 'evaluation.demo.advance' },
      schema: {
        tags,
        summary: 'Kun demo: start eller afslut et planlagt hold med opdigtede data',
        params: IdParams,
        body: Type.Object(
          { to: Type.Union([Type.Literal('running'), Type.Literal('completed')]) },
          { additionalProperties: false },
        ),
        response: responses({ 204: NoContent }),
      },
    },
    async (request, reply) => {
      const to = (request.body as { to: 'running' | 'completed' }).to;
      await service.advanceDemo(authed(request), id(request), to);
      return reply.code(204).send();
    },
  );
}
