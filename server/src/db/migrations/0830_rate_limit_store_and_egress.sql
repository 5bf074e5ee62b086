-- Rate limiting that fits how municipalities connect (docs/decisions/0830-rate-limit-keys.md).
--
-- rate_limit_counter: the request limiter's counters when the service runs on PostgreSQL, so
-- every instance counts against the same allowance. One row per key (a session's token hash, a
-- user id or an address, never a raw token) with a fixed window; a row whose window has ended
-- is restarted by the next increment and swept by the server. Losing the counters in a crash
-- only resets the allowance, so the table is unlogged (no WAL for every request).
create unlogged table rate_limit_counter (
  key text primary key,
  hits integer not null,
  expires_at timestamptz not null
);
create index rate_limit_counter_expires on rate_limit_counter (expires_at);
revoke all on rate_limit_counter from helhed_app;

-- The addresses a municipality's staff reach the service from (its NAT / proxy egress). Login
-- failures and anonymous requests from these addresses are counted against raised limits, so one
-- office of many people is not treated as one person. Edited by the municipality's administrator.
create table municipality_egress (
  municipality_code text not null references municipality (code),
  cidr cidr not null,
  note text,
  created_at timestamptz not null default now(),
  primary key (municipality_code, cidr)
);
select helhed_tenant_table('municipality_egress');
