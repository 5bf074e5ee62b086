/**
 * Every module's routes, mounted under its prefix. A module adds one line here; its policy
 * (definePolicy) is imported by its routes, so the registry is complete before routes register.
 */
import type { FastifyInstance } from 'fastify';
import adminRoutes from './admin/admin.routes.js';
import auditRoutes from './audit/audit.routes.js';
import authRoutes from './auth/auth.routes.js';
import citizenRoutes from './citizens/citizens.routes.js';
import evaluationRoutes from './evaluation/evaluation.routes.js';

export interface ModuleDef {
  name: string;
  prefix: string;
  routes: (app: FastifyInstance) => Promise<void>;
}

export const modules: ModuleDef[] = [
  { name: 'auth', prefix: '/api/auth', routes: authRoutes },
  { name: 'admin', prefix: '/api/admin', routes: adminRoutes },
  { name: 'audit', prefix: '/api/audit', routes: auditRoutes },
  { name: 'citizens', prefix: '/api/citizens', routes: citizenRoutes },
  { name: 'evaluation', prefix: '/api/evaluation', routes: evaluationRoutes },
];
