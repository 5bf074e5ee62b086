-- FHIR Bulk Data export of a municipality (issue 17, decision 1040): one job per kick-off, run in
-- the background by the server, its NDJSON files stored with the job so a restart loses nothing
-- already written. Tenant tables like every other: the municipality in the keys, RLS on.
create table fhir_export_job (
  municipality_code text not null references municipality (code),
  id uuid not null default gen_random_uuid(),
  requested_by uuid not null references app_user (id),
  types text[] not null,
  status text not null default 'queued' check (status in ('queued', 'running', 'completed', 'failed')),
  -- Citizens done and in all: the progress the status URL reports.
  done integer not null default 0,
  total integer not null default 0,
  error text,
  request_url text not null,
  created_at timestamptz not null default now(),
  completed_at timestamptz,
  primary key (municipality_code, id)
);

create table fhir_export_file (
  municipality_code text not null,
  job_id uuid not null,
  resource_type text not null,
  part integer not null check (part > 0),
  line_count integer not null,
  ndjson text not null,
  primary key (municipality_code, job_id, resource_type, part),
  foreign key (municipality_code, job_id) references fhir_export_job (municipality_code, id)
);
select helhed_tenant_table('fhir_export_job');
select helhed_tenant_table('fhir_export_file');
