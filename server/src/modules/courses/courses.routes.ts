import { IdParams, IsoDate, Uuid } from '@helhed/shared/common';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { authed, responses } from '../../platform/http.js';
import './courses.policy.js';
import * as enrolment from '../enrolment/enrolment.service.js';
import {
  AttendanceInputSchema,
  AttendanceSheetSchema,
  CourseInputSchema,
  CourseSchema,
  CourseSummarySchema,
  DropOutInputSchema,
  IntroMeetingListSchema,
  OutcomeInputSchema,
  OutcomeSchema,
  OverviewSchema,
  SessionSchema,
  SessionUpdateSchema,
  SignupResultSchema,
  WeeklyRuleSchema,
} from './courses.schema.js';
import * as service from './courses.service.js';

const SessionParams = Type.Object({ id: Uuid, sessionId: Uuid });
const EnrolmentParams = Type.Object({ id: Uuid, enrolmentId: Uuid });
type P = { id: string; sessionId: string; enrolmentId: string };

export default async function courseRoutes(app: FastifyInstance) {
  app.addSchema(CourseSchema);
  const course = Type.Ref(CourseSchema);

  app.get(
    '',
    {
      config: { access: 'course.list' },
      schema: {
        tags: ['courses'],
        summary: 'Hold: udbyderens egne, jobcentrets alle, borgerens åbne',
        querystring: Type.Object({ offerId: Type.Optional(Uuid) }),
        response: responses({ 200: Type.Array(CourseSummarySchema) }),
      },
    },
    async (request) => service.listCourses(authed(request), request.query as never),
  );

  app.post(
    '',
    {
      config: { access: 'course.create' },
      schema: {
        tags: ['courses'],
        summary: 'Opret hold; gange dannes ud fra ugemønstret uden om helligdage',
        body: CourseInputSchema,
        response: responses({ 201: course }),
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.createCourse(authed(request), request.body as never)),
  );

  app.get(
    '/:id',
    {
      config: { access: 'course.read' },
      schema: {
        tags: ['courses'],
        summary: 'Hold med gange og deltagere',
        params: IdParams,
        response: responses({ 200: course }),
      },
    },
    async (request) => service.getCourse(authed(request), (request.params as P).id),
  );

  app.patch(
    '/:id/sessions/:sessionId',
    {
      config: { access: 'course.session_update' },
      schema: {
        tags: ['courses'],
        summary: 'Flyt eller aflys en gang',
        params: SessionParams,
        body: SessionUpdateSchema,
        response: responses({ 200: SessionSchema }),
      },
    },
    async (request) => {
      const p = request.params as P;
      return service.updateSession(authed(request), p.id, p.sessionId, request.body as never);
    },
  );

  app.get(
    '/:id/sessions/:sessionId/attendance',
    {
      config: { access: 'course.attendance' },
      schema: {
        tags: ['courses'],
        summary: 'Fremmøde for en gang (hele holdet)',
        params: SessionParams,
        response: responses({ 200: AttendanceSheetSchema }),
      },
    },
    async (request) => {
      const p = request.params as P;
      return service.getAttendance(authed(request), p.id, p.sessionId);
    },
  );

  app.put(
    '/:id/sessions/:sessionId/attendance',
    {
      config: { access: 'course.attendance' },
      schema: {
        tags: ['courses'],
        summary: 'Registrér fremmøde for en gang',
        params: SessionParams,
        body: AttendanceInputSchema,
        response: responses({ 200: AttendanceSheetSchema }),
      },
    },
    async (request) => {
      const p = request.params as P;
      return service.recordAttendance(
        authed(request),
        p.id,
        p.sessionId,
        (request.body as { records: never[] }).records,
      );
    },
  );

  app.post(
    '/:id/signup',
    {
      config: { access: 'course.signup' },
      schema: {
        tags: ['courses'],
        summary: 'Borgerens egen tilmelding til et åbent tilbud',
        params: IdParams,
        response: responses({ 201: SignupResultSchema }),
      },
    },
    async (request, reply) =>
      reply.code(201).send(await enrolment.signUp(authed(request), (request.params as P).id)),
  );

  app.post(
    '/:id/intro-meeting/request',
    {
      config: { access: 'course.signup' },
      schema: {
        tags: ['courses'],
        summary: 'Borgeren beder om at komme til tilbuddets intromøde (før tilmelding)',
        params: IdParams,
        response: responses({
          201: Type.Object({ myIntro: Type.Literal('requested') }),
        }),
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await service.requestIntroMeeting(authed(request), (request.params as P).id)),
  );

  app.get(
    '/:id/intro-meeting',
    {
      config: { access: 'course.attendance' },
      schema: {
        tags: ['courses'],
        summary: 'Borgere, der har bedt om intromødet, og hvem der har deltaget',
        params: IdParams,
        response: responses({ 200: IntroMeetingListSchema }),
      },
    },
    async (request) => service.introMeeting(authed(request), (request.params as P).id),
  );

  app.post(
    '/:id/intro-meeting',
    {
      config: { access: 'course.attendance' },
      schema: {
        tags: ['courses'],
        summary: 'Registrér, at en borger, der bad om det, har deltaget i intromødet',
        params: IdParams,
        body: Type.Object(
          { citizenId: Uuid, attendedOn: IsoDate },
          { additionalProperties: false },
        ),
        response: responses({ 200: IntroMeetingListSchema }),
      },
    },
    async (request) =>
      service.recordIntroMeetingOnCourse(
        authed(request),
        (request.params as P).id,
        request.body as { citizenId: string; attendedOn: string },
      ),
  );

  app.post(
    '/:id/enrolments/:enrolmentId/drop-out',
    {
      config: { access: 'course.drop_out' },
      schema: {
        tags: ['courses'],
        summary: 'Registrér frafald med årsag; pladsen går til den første på ventelisten',
        params: EnrolmentParams,
        body: DropOutInputSchema,
        response: responses({ 200: course }),
      },
    },
    async (request) => {
      const p = request.params as P;
      return enrolment.dropOut(authed(request), p.id, p.enrolmentId, request.body as never);
    },
  );

  app.post(
    '/:id/enrolments/:enrolmentId/outcome',
    {
      config: { access: 'course.outcome' },
      schema: {
        tags: ['courses'],
        summary: 'Registrér resultat efter forløbet (raskmeldt eller næste skridt)',
        params: EnrolmentParams,
        body: OutcomeInputSchema,
        response: responses({ 201: OutcomeSchema }),
      },
    },
    async (request, reply) => {
      const p = request.params as P;
      return reply
        .code(201)
        .send(
          await enrolment.recordOutcome(
            authed(request),
            p.id,
            p.enrolmentId,
            request.body as never,
          ),
        );
    },
  );

  app.get(
    '/:id/overview',
    {
      config: { access: 'course.overview' },
      schema: {
        tags: ['courses'],
        summary: 'Overblik: tilmeldte, fremmøde pr. borger og pr. gang, resultater',
        params: IdParams,
        response: responses({ 200: OverviewSchema }),
      },
    },
    async (request) => service.overview(authed(request), (request.params as P).id),
  );

  app.get(
    '/:id/weekly-rule',
    {
      config: { access: 'course.attendance' },
      schema: {
        tags: ['courses'],
        summary:
          'Obligatorisk aktiveringstilbud: ugens minimum (timer over mindst N dage) opfyldt eller ej, pr. uge og deltager; helligdage og aflyste gange sænker ugens krav',
        params: IdParams,
        response: responses({ 200: WeeklyRuleSchema }),
      },
    },
    async (request) => service.weeklyRule(authed(request), (request.params as P).id),
  );
}
