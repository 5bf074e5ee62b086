/**
 * Every bench reads one variable, DATABASE_URL, like `npm run seed:national` and the server
 * (issue 20). No default and no other variable: a bench run against an empty database it
 * happened to default to measures nothing. A missing, empty or non-PostgreSQL value stops the
 * bench with one line saying what to set.
 *
 * `national`: the bench reads the national data set in that database (seed:national first).
 * `server`: the bench creates its own databases on that server beside the one named.
 */
export function benchDatabaseUrl(bench: string, needs: 'national' | 'server'): string {
  const url = process.env.DATABASE_URL?.trim();
  if (!url || !/^postgres(ql)?:\/\//.test(url)) {
    const example = 'postgres://postgres@127.0.0.1:5432/helhed_national';
    const what =
      needs === 'national'
        ? `the national data set (DATABASE_URL=${example} npm run seed:national, then DATABASE_URL=${example} npm run ${bench})`
        : `a PostgreSQL server the bench may create its own databases on (e.g. DATABASE_URL=${example} npm run ${bench})`;
    console.error(
      `${bench} kræver DATABASE_URL=postgres://... (${url ? `"${url}" er ikke en PostgreSQL-adresse` : 'mangler eller er tom'}). Requires DATABASE_URL pointing at ${what}.`,
    );
    process.exit(2);
  }
  return url;
}

/** The same server, another database: for benches that make their own. */
export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}
