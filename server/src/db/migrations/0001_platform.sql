-- Platform: reference tables, organisations, users, sessions, citizens, audit log, tenant RLS.
--
-- Tenancy: every tenant table has municipality_code in its primary key and in its foreign keys
-- (ready for Citus, distributed by municipality). The application runs its queries as role
-- helhed_app with app.municipality_code set for the transaction; row-level security policies
-- for that role make a forgotten WHERE return nothing. The connecting role (table owner) is
-- used only by platform code that must cross tenants (login, session lookup, audit sealer).

do $$
begin
  if not exists (select 1 from pg_roles where rolname = 'helhed_app') then
    create role helhed_app nologin;
  end if;
end
$$;

grant usage on schema public to helhed_app;
alter default privileges in schema public grant select, insert, update, delete on tables to helhed_app;
alter default privileges in schema public grant usage, select on sequences to helhed_app;

-- The tenant of the current transaction, or null outside one.
create function helhed_tenant() returns text
  language sql stable
  as $$ select nullif(current_setting('app.municipality_code', true), '') $$;

-- Marks a table as a tenant table: RLS on, one policy for the application role.
create function helhed_tenant_table(tbl regclass) returns void
  language plpgsql
  as $$
begin
  execute format('alter table %s enable row level security', tbl);
  execute format(
    'create policy tenant_isolation on %s to helhed_app using (municipality_code = helhed_tenant()) with check (municipality_code = helhed_tenant())',
    tbl);
end
$$;

-- Reference tables (small, replicated to every node under Citus).
create table municipality (
  code text primary key check (code ~ '^[0-9]{3}$'),
  name text not null,
  region text,
  population integer
);

create table benefit_type (
  code text primary key,
  name_da text not null,
  name_en text not null,
  sort_order integer not null
);

insert into benefit_type (code, name_da, name_en, sort_order) values
  ('sygedagpenge', 'Sygedagpenge', 'Sickness benefit', 1),
  ('kontanthjaelp_jobparat', 'Kontanthjælp, jobparat', 'Cash benefit, job-ready', 2),
  ('kontanthjaelp_aktivitetsparat', 'Kontanthjælp, aktivitetsparat', 'Cash benefit, activity-ready', 3),
  ('uddannelseshjaelp', 'Uddannelseshjælp', 'Education benefit', 4),
  ('ressourceforloeb', 'Ressourceforløb', 'Resource course', 5),
  ('jobafklaringsforloeb', 'Jobafklaringsforløb', 'Job clarification course', 6),
  ('ledighedsydelse', 'Ledighedsydelse', 'Flex-job waiting benefit', 7),
  ('dagpenge', 'Dagpenge', 'Unemployment benefit', 8);

create table organisation (
  municipality_code text not null references municipality (code),
  id uuid not null default gen_random_uuid(),
  name text not null,
  type text not null check (type in ('jobcenter', 'sundhedscenter', 'traeningscenter',
    'forebyggelsescenter', 'rusmiddelcenter', 'provider', 'association', 'region')),
  address text,
  active boolean not null default true,
  created_at timestamptz not null default now(),
  primary key (municipality_code, id)
);
select helhed_tenant_table('organisation');

-- Identities are global (a login name is unique nationally and a session is found before the
-- tenant is known); each user belongs to one municipality.
create table app_user (
  id uuid primary key default gen_random_uuid(),
  municipality_code text not null references municipality (code),
  kind text not null check (kind in ('staff', 'citizen')),
  username text unique,
  password_hash text,
  display_name text not null,
  email text,
  oidc_subject text unique,
  citizen_id uuid,
  active boolean not null default true,
  created_at timestamptz not null default now(),
  deactivated_at timestamptz
);
create index app_user_municipality on app_user (municipality_code);
alter table app_user enable row level security;
create policy tenant_isolation on app_user to helhed_app
  using (municipality_code = helhed_tenant()) with check (municipality_code = helhed_tenant());

create table user_role (
  municipality_code text not null references municipality (code),
  id uuid not null default gen_random_uuid(),
  user_id uuid not null references app_user (id),
  role text not null check (role in ('caseworker', 'coordinating_caseworker',
    'health_professional', 'provider_staff', 'team_member', 'manager', 'administrator', 'citizen')),
  organisation_id uuid,
  primary key (municipality_code, id),
  unique nulls not distinct (municipality_code, user_id, role, organisation_id),
  foreign key (municipality_code, organisation_id) references organisation (municipality_code, id)
);
create index user_role_user on user_role (user_id);
select helhed_tenant_table('user_role');

-- Server-side sessions: the cookie holds a random token, the table holds its SHA-256.
create table user_session (
  token_hash text primary key,
  user_id uuid not null references app_user (id),
  municipality_code text not null,
  csrf_token text not null,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null,
  revoked_at timestamptz,
  ip text,
  user_agent text,
  via text not null default 'password' check (via in ('password', 'oidc'))
);
create index user_session_user on user_session (user_id) where revoked_at is null;
revoke all on user_session from helhed_app;

-- OpenID Connect logins in flight: state, nonce and PKCE verifier, kept for ten minutes.
create table oidc_flow (
  state text primary key,
  nonce text not null,
  code_verifier text not null,
  return_to text,
  created_at timestamptz not null default now()
);
revoke all on oidc_flow from helhed_app;

-- Failed-login throttling, per account and per IP (keys are hashed: no usernames at rest here).
create table login_throttle (
  key text primary key,
  failures integer not null,
  window_start timestamptz not null,
  locked_until timestamptz
);
revoke all on login_throttle from helhed_app;

create table citizen (
  municipality_code text not null references municipality (code),
  id uuid not null default gen_random_uuid(),
  cpr_hash bytea not null,
  cpr_encrypted bytea not null,
  birth_date date not null,
  gender text check (gender in ('female', 'male')),
  first_name text not null,
  last_name text not null,
  address text,
  postal_code text,
  city text,
  phone text,
  email text,
  preferred_language text not null default 'da',
  needs_interpreter boolean not null default false,
  responsible_caseworker_id uuid references app_user (id),
  organisation_id uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (municipality_code, id),
  unique (municipality_code, cpr_hash),
  foreign key (municipality_code, organisation_id) references organisation (municipality_code, id)
);
create index citizen_name on citizen (municipality_code, lower(last_name), lower(first_name));
create index citizen_caseworker on citizen (municipality_code, responsible_caseworker_id);
select helhed_tenant_table('citizen');

-- Audit log: one row per read, search, change or export of a citizen's personal data, written
-- in the same transaction as the work. Append-only: the trigger refuses UPDATE and DELETE (the
-- retention purge alone may delete, through helhed_audit_purge()). The hash chain is kept in
-- audit_seal by a sealer that runs after commit, so a request only inserts.
create table audit_event (
  municipality_code text not null references municipality (code),
  id bigint generated always as identity,
  occurred_at timestamptz not null default now(),
  actor_user_id uuid,
  actor_role text,
  actor_organisation_id uuid,
  proxy_for_citizen_id uuid,
  citizen_id uuid,
  action text not null,
  resource_type text not null,
  resource_id text,
  purpose text not null,
  request_id text,
  ip text,
  details jsonb,
  primary key (municipality_code, id)
);
create index audit_event_citizen on audit_event (municipality_code, citizen_id, occurred_at desc);
create index audit_event_id on audit_event (id);
select helhed_tenant_table('audit_event');
revoke update, delete on audit_event from helhed_app;

create table audit_seal (
  municipality_code text not null references municipality (code),
  seq bigint not null,
  event_id bigint not null,
  prev_hash text not null,
  hash text not null,
  sealed_at timestamptz not null default now(),
  primary key (municipality_code, seq),
  unique (municipality_code, event_id)
);
revoke all on audit_seal from helhed_app;

-- Where a purged chain resumes: the last purged seal of each municipality.
create table audit_anchor (
  municipality_code text primary key references municipality (code),
  seq bigint not null,
  hash text not null,
  purged_before timestamptz not null
);
revoke all on audit_anchor from helhed_app;

create function helhed_audit_append_only() returns trigger
  language plpgsql
  as $$
begin
  if tg_op = 'DELETE' and current_setting('helhed.audit_purge', true) = 'on' then
    return old;
  end if;
  raise exception 'audit log is append-only: % on % refused', tg_op, tg_table_name
    using errcode = 'insufficient_privilege';
end
$$;

create trigger audit_event_append_only before update or delete on audit_event
  for each row execute function helhed_audit_append_only();
create trigger audit_seal_append_only before update or delete on audit_seal
  for each row execute function helhed_audit_append_only();

-- Organisations that hold a citizen through their work (referrals, courses, meetings). The
-- policy layer gives health and provider staff access to a citizen only through this list.
-- Modules that link organisations to citizens replace this function in their migration.
create function helhed_citizen_organisations(m text, c uuid) returns uuid[]
  language sql stable
  as $$ select array[]::uuid[] $$;

-- Login names are unique nationally; an administrator sees only their own municipality's users,
-- so this answers "is the name taken" without showing whose it is.
create function helhed_username_taken(name text) returns boolean
  language sql stable security definer set search_path = public
  as $$ select exists (select 1 from app_user where lower(username) = lower(name)) $$;
grant execute on function helhed_username_taken(text) to helhed_app;
