import { LoginBodySchema, SessionResponseSchema } from '@helhed/shared/auth';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../platform/context.js';
import { authed, NoContent, responses } from '../../platform/http.js';
import { allActions, mayAttempt } from '../../platform/policy.js';
import { revokeSession, SESSION_COOKIE } from '../../platform/sessions.js';
import './auth.policy.js';
import {
  loginWithPassword,
  logout,
  oidcCallback,
  oidcNotConfigured,
  oidcStart,
  setPasswordWithInvitation,
} from './auth.service.js';

export function toMe(actor: Actor) {
  return {
    user: {
      id: actor.userId,
      kind: actor.kind,
      displayName: actor.displayName,
      municipalityCode: actor.municipalityCode,
      municipalityName: actor.municipalityName,
      citizenId: actor.citizenId,
      roles: actor.grants.map((grant) => ({
        ...grant,
        allowedActions: allActions().filter((action) =>
          mayAttempt({ ...actor, grants: [grant] }, action),
        ),
      })),
      allowedActions: allActions().filter((action) => mayAttempt(actor, action)),
    },
    csrfToken: actor.csrfToken,
  };
}

function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string) {
  const config = request.ctx.config;
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: config.env === 'production' && config.publicUrl.startsWith('https:'),
    maxAge: config.sessionAbsoluteHours * 3600,
  });
}

export default async function authRoutes(app: FastifyInstance) {
  app.post(
    '/login',
    {
      // No route limit of its own: without a session, login counts against its address's
      // allowance (raised for a municipality's egress); failures are throttled in the service.
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Log ind med brugernavn og adgangskode',
        body: LoginBodySchema,
        response: responses({ 200: SessionResponseSchema }),
      },
    },
    async (request, reply) => {
      const { username, password } = request.body as { username: string; password: string };
      const { token, actor } = await loginWithPassword(
        request.ctx.database,
        request.ctx.config,
        username,
        password,
        { ip: request.ip, userAgent: request.headers['user-agent'] ?? null },
      );
      // A new login replaces the session the browser held (no session fixation, no orphans).
      if (request.ctx.actor) {
        await revokeSession(request.ctx.database, request.ctx.actor.sessionTokenHash);
      }
      setSessionCookie(request, reply, token);
      return toMe(actor);
    },
  );

  app.post(
    '/set-password',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Vælg adgangskode med et invitationslink (første login)',
        body: Type.Object(
          {
            token: Type.String({ minLength: 20, maxLength: 100, pattern: '^[A-Za-z0-9_-]+$' }),
            password: Type.String({ minLength: 12, maxLength: 200 }),
          },
          { additionalProperties: false },
        ),
        response: responses({ 200: SessionResponseSchema }),
      },
    },
    async (request, reply) => {
      const { token: invitation, password } = request.body as { token: string; password: string };
      const { token, actor } = await setPasswordWithInvitation(
        request.ctx.database,
        request.ctx.config,
        invitation,
        password,
        { ip: request.ip, userAgent: request.headers['user-agent'] ?? null },
      );
      if (request.ctx.actor) {
        await revokeSession(request.ctx.database, request.ctx.actor.sessionTokenHash);
      }
      setSessionCookie(request, reply, token);
      return toMe(actor);
    },
  );

  app.get(
    '/me',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Den indloggede bruger',
        response: responses({ 200: SessionResponseSchema }),
      },
    },
    async (request) => toMe(authed(request).actor),
  );

  app.post(
    '/logout',
    {
      config: { access: 'session' },
      schema: {
        tags: ['auth'],
        summary: 'Log ud',
        querystring: Type.Object({ everywhere: Type.Optional(Type.Boolean()) }),
        response: responses({ 204: NoContent }),
      },
    },
    async (request, reply) => {
      const ctx = authed(request);
      const { everywhere } = request.query as { everywhere?: boolean };
      await logout(ctx.database, ctx.actor, everywhere === true);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/methods',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Hvilke måder at logge ind på denne installation tilbyder',
        response: responses({
          200: Type.Object({
            password: Type.Boolean(),
            oidc: Type.Boolean({ description: 'MitID (OpenID Connect) is configured' }),
          }),
        }),
      },
    },
    // The login page offers MitID only where it is switched on.
    async (request) => ({ password: true, oidc: request.ctx.config.oidc !== null }),
  );

  app.get(
    '/oidc/start',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Start login med MitID (OpenID Connect)',
        response: responses({ 302: Type.Null() }),
      },
    },
    async (request, reply) => {
      const url = await oidcStart(request.ctx.database, request.ctx.config);
      return reply.redirect(url, 302);
    },
  );

  app.get(
    '/oidc/callback',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Modtag svar fra MitID (OpenID Connect)',
        querystring: Type.Object(
          {
            code: Type.Optional(Type.String({ maxLength: 2000 })),
            state: Type.Optional(Type.String({ maxLength: 500 })),
            iss: Type.Optional(Type.String({ maxLength: 500 })),
            error: Type.Optional(Type.String({ maxLength: 200 })),
          },
          { additionalProperties: true },
        ),
        response: responses({ 302: Type.Null() }),
      },
    },
    async (request, reply) => {
      const config = request.ctx.config;
      if (!config.oidc) throw oidcNotConfigured();
      const url = new URL(request.url, config.oidc.redirectUri);
      const { token } = await oidcCallback(request.ctx.database, config, url, {
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
      });
      setSessionCookie(request, reply, token);
      return reply.redirect('/', 302);
    },
  );
}
