-- Issue 18, first part: a municipality is onboarded through the product (decision 1050).
--
-- 1. The platform operator: a user outside every municipality (kind 'operator', no
--    municipality, no role in user_role). Row-level security gives such a user nothing: every
--    tenant transaction it could open has no tenant. Its own routes open a tenant transaction
--    for the one municipality it onboards or offboards.
alter table app_user drop constraint app_user_kind_check;
alter table app_user add constraint app_user_kind_check
  check (kind in ('staff', 'citizen', 'operator'));
alter table app_user alter column municipality_code drop not null;
alter table app_user add constraint app_user_operator_outside_municipalities
  check ((kind = 'operator') = (municipality_code is null));
alter table user_session alter column municipality_code drop not null;

-- 2. A municipality's place in the product: onboarded (by whom, when) or offboarded. The
--    reference row itself (code, name) is never deleted: the audit trail kept after offboarding
--    points to it.
alter table municipality add column onboarded_at timestamptz;
alter table municipality add column onboarded_by uuid;
alter table municipality add column offboarded_at timestamptz;
-- A municipality that already has organisations (the demo and national seeds, databases from
-- before this change) counts as onboarded.
update municipality m set onboarded_at = now()
  where exists (select 1 from organisation o where o.municipality_code = m.code);

-- 3. One-time invitations: the first administrator (and anyone an invitation is made for) sets
--    a password with a token sent outside the product. Only the token's SHA-256 is stored; it
--    is used once and expires. Written in the tenant's transaction; looked up by platform code
--    (the token arrives before any tenant is known).
create table user_invitation (
  token_hash text primary key,
  municipality_code text not null references municipality (code),
  user_id uuid not null references app_user (id),
  created_by uuid,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz
);
create index user_invitation_user on user_invitation (user_id);
alter table user_invitation enable row level security;
create policy tenant_isolation on user_invitation to helhed_app
  using (municipality_code = helhed_tenant()) with check (municipality_code = helhed_tenant());

-- 4. Organisation types as data (decision 1051): a municipality names its own types; each maps
--    onto one of the eight built-in types, its permission profile. organisation.type keeps the
--    profile, so the policy, the sharing rules and every query by type work unchanged;
--    organisation.local_type names the municipality's own type where one is chosen.
create table organisation_type (
  municipality_code text not null references municipality (code),
  code text not null check (code ~ '^[a-z][a-z0-9_]{1,39}$'),
  name text not null check (length(name) between 2 and 120),
  profile text not null check (profile in ('jobcenter', 'sundhedscenter', 'traeningscenter',
    'forebyggelsescenter', 'rusmiddelcenter', 'provider', 'association', 'region')),
  created_at timestamptz not null default now(),
  primary key (municipality_code, code)
);
select helhed_tenant_table('organisation_type');
alter table organisation add column local_type text;
alter table organisation add constraint organisation_local_type_fkey
  foreign key (municipality_code, local_type) references organisation_type (municipality_code, code);

-- 5. Offer kinds beyond health and association (decision 1052): the job centre's own offers.
alter table offer drop constraint offer_kind_check;
alter table offer add constraint offer_kind_check
  check (kind in ('health', 'association', 'company_centre', 'mentor', 'work_trial'));
