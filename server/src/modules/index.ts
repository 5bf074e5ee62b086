/**
 * Every module's routes, mounted under its prefix, and what it registers with other modules
 * (timeline sources). A module adds one line here; its policy (definePolicy) is imported by its
 * routes, so the registry is complete before routes register. Registrations go through this
 * list so that a module offering a registration (the timeline) imports none of its users.
 */
import type { FastifyInstance } from 'fastify';
import adminRoutes from './admin/admin.routes.js';
import auditRoutes from './audit/audit.routes.js';
import authRoutes from './auth/auth.routes.js';
import benefitRoutes from './benefits/benefits.routes.js';
import { benefitTimeline } from './benefits/benefits.timeline.js';
import catalogueRoutes, { publicOfferRoutes } from './catalogue/catalogue.routes.js';
import citizenRoutes from './citizens/citizens.routes.js';
import consentRoutes from './consents/consents.routes.js';
import continuationRoutes from './continuation/continuation.routes.js';
import courseRoutes from './courses/courses.routes.js';
import evaluationRoutes from './evaluation/evaluation.routes.js';
import feedbackRoutes from './feedback/feedback.routes.js';
import fhirRoutes from './fhir/fhir.routes.js';
import followUpRoutes, { followUpCitizenRoutes } from './followup/followup.routes.js';
import gpMeetingRoutes from './gpmeetings/gpmeetings.routes.js';
import healthRoutes from './health/health.routes.js';
import importRoutes from './imports/imports.routes.js';
import meetingRoutes from './meetings/meetings.routes.js';
import operatorRoutes from './operator/operator.routes.js';
import overviewRoutes from './overview/overview.routes.js';
import planRoutes from './plans/plans.routes.js';
import portalRoutes from './portal/portal.routes.js';
import purchaseRoutes from './purchases/purchases.routes.js';
import referralRoutes from './referrals/referrals.routes.js';
import riskRoutes from './risk/risk.routes.js';
import { riskTimeline } from './risk/risk.timeline.js';
import screeningRoutes from './screening/screening.routes.js';
import { screeningTimeline } from './screening/screening.timeline.js';
import taskRoutes from './tasks/tasks.routes.js';
import type { TimelineSource } from './timeline/timeline.registry.js';
import timelineRoutes from './timeline/timeline.routes.js';

export interface ModuleDef {
  name: string;
  prefix: string;
  routes: (app: FastifyInstance) => Promise<void>;
  /** Entries this module adds to the citizen timeline (registered by app.ts at build). */
  timeline?: TimelineSource[];
}

export const modules: ModuleDef[] = [
  { name: 'auth', prefix: '/api/auth', routes: authRoutes },
  { name: 'admin', prefix: '/api/admin', routes: adminRoutes },
  { name: 'operator', prefix: '/api/operator', routes: operatorRoutes },
  { name: 'audit', prefix: '/api/audit', routes: auditRoutes },
  { name: 'citizens', prefix: '/api/citizens', routes: citizenRoutes },
  { name: 'plans', prefix: '/api/plans', routes: planRoutes },
  { name: 'portal', prefix: '/api/portal', routes: portalRoutes },
  { name: 'meetings', prefix: '/api/meetings', routes: meetingRoutes },
  { name: 'continuation', prefix: '/api/continuation', routes: continuationRoutes },
  { name: 'tasks', prefix: '/api/tasks', routes: taskRoutes },
  { name: 'consents', prefix: '/api/consents', routes: consentRoutes },
  { name: 'referrals', prefix: '/api/referrals', routes: referralRoutes },
  { name: 'courses', prefix: '/api/courses', routes: courseRoutes },
  { name: 'purchases', prefix: '/api/place-purchases', routes: purchaseRoutes },
  { name: 'catalogue', prefix: '/api/catalogue', routes: catalogueRoutes },
  { name: 'catalogue-public', prefix: '/api/public/offers', routes: publicOfferRoutes },
  { name: 'health', prefix: '/api/health', routes: healthRoutes },
  { name: 'overview', prefix: '/api/citizens', routes: overviewRoutes },
  {
    name: 'benefits',
    prefix: '/api/benefit-periods',
    routes: benefitRoutes,
    timeline: [benefitTimeline],
  },
  { name: 'imports', prefix: '/api/imports', routes: importRoutes },
  {
    name: 'screening',
    prefix: '/api/screening',
    routes: screeningRoutes,
    timeline: [screeningTimeline],
  },
  { name: 'risk', prefix: '/api/risk', routes: riskRoutes, timeline: [riskTimeline] },
  { name: 'timeline', prefix: '/api/timeline', routes: timelineRoutes },
  { name: 'evaluation', prefix: '/api/evaluation', routes: evaluationRoutes },
  { name: 'feedback', prefix: '/api/feedback', routes: feedbackRoutes },
  { name: 'gpmeetings', prefix: '/api/gp-meetings', routes: gpMeetingRoutes },
  { name: 'followup', prefix: '/api/follow-up', routes: followUpRoutes },
  { name: 'followup-citizen', prefix: '/api/citizens', routes: followUpCitizenRoutes },
  { name: 'fhir', prefix: '/fhir/R4', routes: fhirRoutes },
];
