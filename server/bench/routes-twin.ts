/**
 * bench:routes' bare twin: Fastify + pg replaying, for sample i of a route, the statements the
 * real route sent for that sample (recorded by routes.ts, platform statements removed), in
 * autocommit on a pool of the real server's size. No session, tenant statement, policy, consent or
 * audit (each connection is set once to the app role and the municipality, so RLS filters alike).
 *   DATABASE_URL=... PORT=... BENCH_SAMPLES=file.json node --import tsx server/bench/routes-twin.ts
 */
import fs from 'node:fs';
import Fastify from 'fastify';
import pg from 'pg';
import { benchDatabaseUrl } from './database-url.js';

const samples = JSON.parse(fs.readFileSync(process.env.BENCH_SAMPLES!, 'utf8')) as Record<
  string,
  { statements: { sql: string; parameters: unknown[] }[] }[]
>;
const pool = new pg.Pool({
  connectionString: benchDatabaseUrl('routes-twin', 'national'),
  max: 10,
});
// Several routes leave the municipality to row-level security (their SQL names no
// municipality_code); run bare, the same SQL would read all 98 municipalities by other plans.
// So each pooled connection is set once, when it opens, to the application role and the bench's
// municipality: the same RLS filters as the real route, without a tenant statement per request.
const municipality = process.env.BENCH_MUNICIPALITY ?? '101';
pool.on('connect', (client) => {
  void client.query(
    "select set_config('role', 'helhed_app', false), set_config('app.municipality_code', $1, false)",
    [municipality],
  );
});
const app = Fastify({ logger: false });

app.get('/twin/:route/:i', async (request, reply) => {
  const { route, i } = request.params as { route: string; i: string };
  const sample = samples[decodeURIComponent(route)]?.[Number(i)];
  if (!sample) return reply.callNotFound();
  const client = await pool.connect();
  try {
    const results: unknown[] = [];
    for (const s of sample.statements) {
      results.push((await client.query(s.sql, s.parameters)).rows);
    }
    return { results };
  } finally {
    client.release();
  }
});

await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
console.log('twin ready');
process.on('SIGTERM', () => {
  // Keep-alive connections from autocannon can hold close() open; the bench is over.
  setTimeout(() => process.exit(0), 2000).unref();
  void app
    .close()
    .then(() => pool.end())
    .then(() => process.exit(0));
});
