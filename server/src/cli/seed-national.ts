/**
 * npm run seed:national — fills the PostgreSQL database in DATABASE_URL with the national
 * synthetic data set (db/seed/national.ts). Replaces the case tables' contents: it refuses a
 * database that already holds citizens unless --replace is given.
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/helhed_national npm run seed:national
 * Options: --citizens=N (default 1,000,000), --seed=N (default 11), --replace.
 */
import { loadConfig } from '../config.js';
import { openPostgres } from '../db/database.js';
import { migrate } from '../db/migrate.js';
import { seedNational } from '../db/seed/national.js';

const arg = (name: string) =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? undefined;

const url = process.env.DATABASE_URL;
if (!url || !/^postgres(ql)?:/.test(url)) {
  console.error(
    'seed:national kræver DATABASE_URL=postgres://... (PostgreSQL; requires DATABASE_URL)',
  );
  process.exit(2);
}
const config = loadConfig({ ...process.env, SEED_DEMO: 'false' });
const database = openPostgres(url, 2);
await migrate(database);
const { rows } = await database.withConnection((c) =>
  c.query<{ n: number }>('select count(*)::int as n from citizen'),
);
await database.close();
if (Number(rows[0]?.n) > 0 && !process.argv.includes('--replace')) {
  console.error(
    `Databasen har allerede ${rows[0]!.n} borgere. Kør med --replace for at erstatte dem (refusing to overwrite).`,
  );
  process.exit(2);
}
const citizens = Number(arg('citizens') ?? 1_000_000);
const seed = Number(arg('seed') ?? 11);
console.log(`seed:national: ${citizens.toLocaleString('da-DK')} borgere, seed ${seed}`);
await seedNational({ databaseUrl: url, config, citizens, seed });
