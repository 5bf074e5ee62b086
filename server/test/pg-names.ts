/**
 * Names of the PostgreSQL test databases, scoped by the database named in TEST_DATABASE_URL, so
 * runs pointed at different databases on one server (parallel worktrees, CI jobs) neither share
 * a template nor drop each other's databases as "leftovers".
 */
export function pgTestNames(url: string): { template: string; prefix: string } {
  const base =
    new URL(url).pathname.replace(/^\//, '').replace(/[^A-Za-z0-9_]/g, '_') || 'postgres';
  return { template: `helhed_tpl_${base}`, prefix: `helhed_t_${base}_` };
}
