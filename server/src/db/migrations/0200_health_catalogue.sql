-- Health conversation, questionnaires, health tests, and catalogue search (issue 6).
--
-- Questionnaire definitions are global reference data: (key, version) is immutable once stored,
-- so a response keeps the exact questions it was answered against forever. Responses are
-- tenant rows; subject_citizen_id is null for anonymous surveys (needs surveys, issue 9).

create table questionnaire_definition (
  key text not null,
  version integer not null check (version > 0),
  title text not null,
  definition jsonb not null,
  created_at timestamptz not null default now(),
  primary key (key, version)
);
revoke update, delete on questionnaire_definition from helhed_app;

create table questionnaire_response (
  municipality_code text not null references municipality (code),
  id uuid not null default gen_random_uuid(),
  definition_key text not null,
  definition_version integer not null,
  subject_citizen_id uuid,
  status text not null default 'draft' check (status in ('draft', 'completed')),
  answers jsonb not null default '{}',
  scores jsonb,
  filled_in_by text not null check (filled_in_by in ('staff_with_citizen', 'citizen', 'anonymous')),
  created_by uuid references app_user (id),
  updated_by uuid references app_user (id),
  organisation_id uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  completed_at timestamptz,
  primary key (municipality_code, id),
  foreign key (definition_key, definition_version) references questionnaire_definition (key, version),
  foreign key (municipality_code, subject_citizen_id) references citizen (municipality_code, id)
);
create index questionnaire_response_subject on questionnaire_response
  (municipality_code, subject_citizen_id, definition_key, created_at desc);
create index questionnaire_response_key on questionnaire_response
  (municipality_code, definition_key, status);
select helhed_tenant_table('questionnaire_response');

-- Facts from a completed health profile that other modules (screening/risk) read.
-- self_rated_health: 1 = excellent .. 5 = poor; who5: 0..100.
create table if not exists health_profile_fact (
  municipality_code text not null,
  citizen_id uuid not null,
  fact text not null,
  value numeric,
  updated_at timestamptz not null default now(),
  primary key (municipality_code, citizen_id, fact)
);
do $$
begin
  if not exists (select 1 from pg_policies where tablename = 'health_profile_fact') then
    perform helhed_tenant_table('health_profile_fact');
  end if;
end
$$;

-- Health tests: motivation for the citizen, never part of the job center's view. A row belongs
-- to the organisation that recorded it (a health organisation: only health professionals may
-- record), which is how the policy layer relates a health professional to the test.
create table health_test (
  municipality_code text not null,
  id uuid not null default gen_random_uuid(),
  citizen_id uuid not null,
  recorded_by_organisation_id uuid not null,
  recorded_by uuid references app_user (id),
  measured_on date not null default current_date,
  weight_kg numeric(5, 1) check (weight_kg between 20 and 400),
  height_cm numeric(5, 1) check (height_cm between 100 and 250),
  bmi numeric(4, 1),
  fat_percent numeric(4, 1) check (fat_percent between 1 and 80),
  co_ppm integer check (co_ppm between 0 and 200),
  systolic integer check (systolic between 60 and 260),
  diastolic integer check (diastolic between 30 and 160),
  note text,
  created_at timestamptz not null default now(),
  primary key (municipality_code, id),
  foreign key (municipality_code, citizen_id) references citizen (municipality_code, id),
  foreign key (municipality_code, recorded_by_organisation_id) references organisation (municipality_code, id)
);
create index health_test_citizen on health_test (municipality_code, citizen_id, measured_on desc);
select helhed_tenant_table('health_test');

-- Catalogue search: a Danish tsvector kept by a trigger (title A; themes, target groups,
-- profession B; description, place C), so "motionere" finds "motion" by stemming. A trigger
-- rather than a generated column because array_to_string is not immutable.
alter table offer add column search_vector tsvector;
alter table offer add column postal_code text;

create function helhed_offer_theme_words(themes text[]) returns text
  language sql immutable
  as $$
    select coalesce(string_agg(case t
      when 'kost' then 'kost mad ernæring'
      when 'rygning' then 'rygning rygestop'
      when 'alkohol' then 'alkohol'
      when 'motion' then 'motion træning bevægelse'
      when 'misbrug' then 'misbrug rusmidler'
      when 'psykisk_helbred' then 'psykisk helbred trivsel stress angst depression'
      else t end, ' '), '')
    from unnest(themes) t
  $$;

create function helhed_offer_search_vector() returns trigger
  language plpgsql
  as $$
begin
  new.search_vector :=
    setweight(to_tsvector('danish', coalesce(new.title, '')), 'A') ||
    setweight(to_tsvector('danish', helhed_offer_theme_words(new.themes) || ' ' ||
      array_to_string(new.target_groups, ' ') || ' ' || coalesce(new.profession, '')), 'B') ||
    setweight(to_tsvector('danish', coalesce(new.description, '') || ' ' ||
      coalesce(new.place_name, '') || ' ' || coalesce(new.address, '')), 'C');
  new.postal_code := coalesce(new.postal_code, substring(new.address from '([0-9]{4})'));
  return new;
end
$$;

create trigger offer_search_vector before insert or update on offer
  for each row execute function helhed_offer_search_vector();
update offer set title = title;

create index offer_search on offer using gin (search_vector);
create index offer_published on offer (municipality_code, status, next_start);
create index offer_themes on offer using gin (themes);
