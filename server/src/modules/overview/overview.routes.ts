import { IdParams } from '@helhed/shared/common';
import type { FastifyInstance } from 'fastify';
import { responses } from '../../platform/http.js';
import { SESSION_COOKIE } from '../../platform/sessions.js';
import { CitizenOverviewSchema } from './overview.schema.js';
import * as service from './overview.service.js';

export default async function overviewRoutes(app: FastifyInstance) {
  app.addSchema(CitizenOverviewSchema);

  app.get(
    '/:id/overview',
    {
      // The session, tenant and policy are checked inside the route's one SQL statement
      // (sessionInQuery), not by the request hook: see overview.service.ts.
      config: { access: 'citizen.read', sessionInQuery: true },
      schema: {
        tags: ['citizens'],
        summary: 'Borgerens overblik: ydelse, risikogruppe, henvisninger, næste aftaler',
        params: IdParams,
        response: responses({ 200: { $ref: 'CitizenOverview' } as never }),
      },
    },
    async (request) =>
      service.getCitizenOverview(
        request.ctx,
        request.cookies?.[SESSION_COOKIE],
        (request.params as { id: string }).id,
      ),
  );
}
