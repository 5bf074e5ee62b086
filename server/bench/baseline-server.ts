/**
 * The bare twins of bench:hotpath (the one-row floor) and bench:page (the same page SQL).
 * The baseline for bench:hotpath: Fastify + pg doing only the bare work of a citizen read —
 * one select of the citizen row and one plain insert into an audit-shaped table, in one
 * transaction, on the same database with the same pool size and a response schema. No session,
 * tenant, policy, consent or chain. Started as a child process by hotpath.ts.
 *   DATABASE_URL=... PORT=... node --import tsx server/bench/baseline-server.ts
 */
import Fastify from 'fastify';
import pg from 'pg';
import { benchDatabaseUrl } from './database-url.js';

const pool = new pg.Pool({
  connectionString: benchDatabaseUrl('baseline-server', 'national'),
  max: 10,
});
const app = Fastify({ logger: false });

app.get(
  '/baseline/citizens/:id',
  {
    schema: {
      params: {
        type: 'object',
        properties: { id: { type: 'string', format: 'uuid' } },
        required: ['id'],
      },
      querystring: { type: 'object', properties: { m: { type: 'string' } }, required: ['m'] },
      response: {
        200: {
          type: 'object',
          properties: {
            id: { type: 'string' },
            municipalityCode: { type: 'string' },
            firstName: { type: 'string' },
            lastName: { type: 'string' },
            birthDate: { type: 'string' },
            address: { type: ['string', 'null'] },
          },
        },
      },
    },
  },
  async (request, reply) => {
    const { id } = request.params as { id: string };
    const { m } = request.query as { m: string };
    const client = await pool.connect();
    try {
      await client.query('begin');
      const { rows } = await client.query(
        `select id, municipality_code, first_name, last_name, birth_date::text, address
         from citizen where municipality_code = $1 and id = $2`,
        [m, id],
      );
      await client.query(
        `insert into bench_baseline_audit (municipality_code, citizen_id, action, resource_type,
           resource_id, purpose, request_id, ip)
         values ($1, $2, 'read', 'citizen', $3, 'Sagsbehandling og opfølgning', $4, $5)`,
        [m, id, id, String(request.id), request.ip],
      );
      await client.query('commit');
      const r = rows[0];
      if (!r) return reply.callNotFound();
      return {
        id: r.id,
        municipalityCode: r.municipality_code,
        firstName: r.first_name,
        lastName: r.last_name,
        birthDate: r.birth_date,
        address: r.address,
      };
    } catch (error) {
      await client.query('rollback').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  },
);

// bench:page's twin: the page's data by the same SQL function the real overview calls
// (helhed_citizen_overview_page), as the table owner in autocommit: no session, tenant, policy,
// consent or audit. Health fields are read (the most the page reads).
app.get(
  '/baseline/citizens/:id/page',
  {
    schema: {
      params: {
        type: 'object',
        properties: { id: { type: 'string', format: 'uuid' } },
        required: ['id'],
      },
      querystring: { type: 'object', properties: { m: { type: 'string' } }, required: ['m'] },
    },
  },
  async (request, reply) => {
    const { id } = request.params as { id: string };
    const { m } = request.query as { m: string };
    const { rows } = await pool.query(
      'select helhed_citizen_overview_page($1, $2, true, null, true, true) as page',
      [m, id],
    );
    const page = rows[0]?.page;
    if (!page) return reply.callNotFound();
    return page;
  },
);

await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
console.log('baseline ready');
process.on('SIGTERM', () => {
  // Keep-alive connections from autocannon can hold close() open; the bench is over.
  setTimeout(() => process.exit(0), 2000).unref();
  void app
    .close()
    .then(() => pool.end())
    .then(() => process.exit(0));
});
