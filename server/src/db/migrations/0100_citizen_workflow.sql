-- Issue 5: imports of citizens and benefit periods, the week-N screening queue with its form,
-- transparent risk-group rules with a caseworker's decision, and health facts read by the rules.

-- An import runs in two steps: upload + preview (every row parsed and validated into import_row,
-- nothing written to citizen or benefit_period), then commit (status 'queued'); the worker takes
-- valid, unprocessed rows in chunks, and each chunk's writes, its rows' processed flag and the
-- job's progress commit in one transaction, so a killed process resumes without loss or doubling.
create table import_job (
  municipality_code text not null references municipality (code),
  id uuid not null default gen_random_uuid(),
  created_by uuid not null references app_user (id),
  -- The role and organisation the import was committed under: the worker's audit rows name them.
  actor_role text,
  actor_organisation_id uuid,
  request_id text,
  file_name text not null,
  format text not null check (format in ('csv', 'xlsx')),
  status text not null default 'previewed' check (status in ('previewed', 'queued', 'running',
    'completed', 'failed', 'cancelled')),
  total_rows integer not null default 0,
  valid_rows integer not null default 0,
  error_rows integer not null default 0,
  processed integer not null default 0,
  created_citizens integer not null default 0,
  created_periods integer not null default 0,
  skipped_rows integer not null default 0,
  failure text,
  created_at timestamptz not null default now(),
  committed_at timestamptz,
  finished_at timestamptz,
  heartbeat_at timestamptz,
  primary key (municipality_code, id)
);
create index import_job_pending on import_job (status) where status in ('queued', 'running');
select helhed_tenant_table('import_job');

-- One row of the uploaded file. The CPR number is kept only as the lookup hash and the
-- encrypted value, as in citizen; the preview shows the masked number.
create table import_row (
  municipality_code text not null,
  job_id uuid not null,
  row_no integer not null,
  cpr_hash bytea,
  cpr_encrypted bytea,
  cpr_masked text,
  birth_date date,
  gender text,
  first_name text,
  last_name text,
  address text,
  postal_code text,
  city text,
  phone text,
  email text,
  benefit_type text,
  start_date date,
  end_date date,
  end_reason text,
  errors jsonb not null default '[]',
  valid boolean not null,
  processed boolean not null default false,
  outcome text check (outcome in ('created', 'existing', 'overlap')),
  primary key (municipality_code, job_id, row_no),
  foreign key (municipality_code, job_id) references import_job (municipality_code, id)
);
create index import_row_todo on import_row (municipality_code, job_id, row_no) where valid and not processed;
select helhed_tenant_table('import_row');

-- "Screen in week N" per municipality and benefit type (Rebild: sygedagpenge, week 5).
create table screening_rule (
  municipality_code text not null references municipality (code),
  benefit_type text not null references benefit_type (code),
  week_number integer not null check (week_number between 1 and 104),
  active boolean not null default true,
  updated_by uuid references app_user (id),
  updated_at timestamptz not null default now(),
  primary key (municipality_code, benefit_type)
);
select helhed_tenant_table('screening_rule');

-- A screening of one benefit period. The queue shows periods without a row as 'to_do'; the row
-- is created at the first action (assignment, booking, status).
create table screening (
  municipality_code text not null,
  id uuid not null default gen_random_uuid(),
  citizen_id uuid not null,
  benefit_period_id uuid not null,
  week_number integer not null,
  due_date date not null,
  status text not null default 'to_do' check (status in ('to_do', 'booked', 'screened', 'not_relevant')),
  status_reason text,
  assigned_to uuid references app_user (id),
  booked_at timestamptz,
  overall_recommendation text check (overall_recommendation in ('course', 'further_clarification', 'no_action')),
  recommendation_note text,
  completed_at timestamptz,
  completed_by uuid references app_user (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (municipality_code, id),
  unique (municipality_code, benefit_period_id),
  foreign key (municipality_code, citizen_id) references citizen (municipality_code, id),
  foreign key (municipality_code, benefit_period_id) references benefit_period (municipality_code, id),
  check (status <> 'not_relevant' or status_reason is not null),
  check (status <> 'screened' or overall_recommendation is not null)
);
create index screening_citizen on screening (municipality_code, citizen_id);
select helhed_tenant_table('screening');

create table screening_finding (
  municipality_code text not null,
  screening_id uuid not null,
  discipline text not null check (discipline in ('social', 'psychological', 'physical')),
  findings text not null,
  recommendation text not null,
  filled_by_name text not null,
  recorded_by uuid references app_user (id),
  recorded_at timestamptz not null default now(),
  primary key (municipality_code, screening_id, discipline),
  foreign key (municipality_code, screening_id) references screening (municipality_code, id)
);
select helhed_tenant_table('screening_finding');

-- Risk-group rules: a readable condition "fact operator value" giving a group.
create table risk_rule (
  municipality_code text not null references municipality (code),
  id uuid not null default gen_random_uuid(),
  fact text not null check (fact in ('age', 'weeks_on_benefit', 'benefit_periods_3y',
    'self_rated_health', 'who5', 'previous_dropouts')),
  operator text not null check (operator in ('lt', 'lte', 'eq', 'gte', 'gt')),
  value numeric not null,
  risk_group text not null check (risk_group in ('green', 'orange', 'red')),
  description text not null,
  sort_order integer not null default 0,
  updated_by uuid references app_user (id),
  updated_at timestamptz not null default now(),
  primary key (municipality_code, id)
);
select helhed_tenant_table('risk_rule');

-- A person's decision (GDPR art. 22): the suggestion and the rules that fired are kept as the
-- context the caseworker saw; the decided group is the caseworker's, never the suggestion alone.
create table risk_decision (
  municipality_code text not null,
  id uuid not null default gen_random_uuid(),
  citizen_id uuid not null,
  suggested_group text check (suggested_group in ('green', 'orange', 'red')),
  fired_rules jsonb not null default '[]',
  decided_group text not null check (decided_group in ('green', 'orange', 'red')),
  overridden boolean not null,
  reason text,
  decided_by uuid not null references app_user (id),
  decided_at timestamptz not null default now(),
  primary key (municipality_code, id),
  foreign key (municipality_code, citizen_id) references citizen (municipality_code, id),
  check (not overridden or (reason is not null and length(trim(reason)) > 0))
);
create index risk_decision_citizen on risk_decision (municipality_code, citizen_id, decided_at desc);
select helhed_tenant_table('risk_decision');

-- Health facts the risk rules may read (self_rated_health 1-5, who5 0-100). Empty here: the
-- health-profile module fills it (or replaces helhed_health_fact with a read of its own tables).
create table health_profile_fact (
  municipality_code text not null,
  citizen_id uuid not null,
  fact text not null check (fact in ('self_rated_health', 'who5')),
  value numeric not null,
  recorded_at timestamptz not null default now(),
  primary key (municipality_code, citizen_id, fact),
  foreign key (municipality_code, citizen_id) references citizen (municipality_code, id)
);
select helhed_tenant_table('health_profile_fact');

-- The newest value of a health fact, or null when the citizen has no health profile.
create or replace function helhed_health_fact(m text, c uuid, f text) returns numeric
  language sql stable
  as $$ select value from health_profile_fact where municipality_code = m and citizen_id = c and fact = f $$;

-- Benefit-period overlap checks and the screening queue read open periods by type and start.
create index benefit_period_citizen_type on benefit_period (municipality_code, citizen_id, benefit_type, start_date);
