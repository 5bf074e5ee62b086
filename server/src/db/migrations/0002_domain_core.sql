-- The domain's shared core: benefit periods, the offer catalogue, courses with sessions,
-- consents, referrals with their history, enrolments, attendance and outcomes. Modules own the
-- behaviour (and may add columns in their own migrations); the tables live here because
-- several modules read them. Every table is a tenant table keyed by municipality_code.

create table benefit_period (
  municipality_code text not null,
  id uuid not null default gen_random_uuid(),
  citizen_id uuid not null,
  benefit_type text not null references benefit_type (code),
  start_date date not null,
  end_date date,
  end_reason text check (end_reason in ('job', 'education', 'declared_fit', 'early_retirement',
    'moved', 'death', 'other')),
  source text not null default 'manual' check (source in ('manual', 'import', 'synthetic')),
  created_at timestamptz not null default now(),
  primary key (municipality_code, id),
  foreign key (municipality_code, citizen_id) references citizen (municipality_code, id),
  check (end_date is null or end_date >= start_date),
  check ((end_date is null) = (end_reason is null))
);
create unique index benefit_period_natural on benefit_period (municipality_code, citizen_id, benefit_type, start_date);
create index benefit_period_open on benefit_period (municipality_code, benefit_type, start_date) where end_date is null;
select helhed_tenant_table('benefit_period');

create table offer (
  municipality_code text not null,
  id uuid not null default gen_random_uuid(),
  provider_organisation_id uuid not null,
  title text not null,
  description text not null default '',
  kind text not null default 'health' check (kind in ('health', 'association')),
  themes text[] not null default '{}',
  target_groups text[] not null default '{}',
  benefit_types text[] not null default '{}',
  referral_type text not null check (referral_type in ('referred', 'open')),
  format text not null check (format in ('group', 'individual')),
  weeks integer check (weeks > 0),
  hours_per_week numeric(5, 1) check (hours_per_week >= 0),
  days_per_week integer check (days_per_week between 1 and 7),
  place_name text,
  address text,
  capacity integer check (capacity > 0),
  profession text,
  cost_per_participant numeric(10, 2),
  intro_meeting text,
  languages text[] not null default '{da}',
  accessibility text,
  contact text,
  status text not null default 'draft' check (status in ('draft', 'published', 'paused', 'closed')),
  next_start date,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (municipality_code, id),
  foreign key (municipality_code, provider_organisation_id) references organisation (municipality_code, id)
);
create index offer_provider on offer (municipality_code, provider_organisation_id);
select helhed_tenant_table('offer');

create table course (
  municipality_code text not null,
  id uuid not null default gen_random_uuid(),
  offer_id uuid not null,
  title text not null,
  start_date date not null,
  weeks integer not null check (weeks between 1 and 104),
  -- [{"weekday": 1-7 (Monday = 1), "start": "09:00", "end": "11:00"}]
  weekly_pattern jsonb not null default '[]',
  place text,
  instructor_user_ids uuid[] not null default '{}',
  capacity integer not null check (capacity > 0),
  status text not null default 'planned' check (status in ('planned', 'running', 'completed', 'cancelled')),
  -- Rebild's stage 2: the course those not yet fit continue in.
  follow_on_course_id uuid,
  created_at timestamptz not null default now(),
  primary key (municipality_code, id),
  foreign key (municipality_code, offer_id) references offer (municipality_code, id)
);
create index course_offer on course (municipality_code, offer_id);
select helhed_tenant_table('course');

create table course_session (
  municipality_code text not null,
  id uuid not null default gen_random_uuid(),
  course_id uuid not null,
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  status text not null default 'planned' check (status in ('planned', 'cancelled')),
  note text,
  primary key (municipality_code, id),
  foreign key (municipality_code, course_id) references course (municipality_code, id)
);
create index course_session_course on course_session (municipality_code, course_id, starts_at);
select helhed_tenant_table('course_session');

-- Consent (Danish Health Act §15, GDPR art. 9): names the recipient organisation, the data
-- categories and the purpose; can expire; a withdrawal takes effect at once.
create table consent (
  municipality_code text not null,
  id uuid not null default gen_random_uuid(),
  citizen_id uuid not null,
  recipient_organisation_id uuid not null,
  categories text[] not null check (categories <@ array['health_profile', 'health_tests',
    'screening_notes', 'attendance', 'outcome']::text[]),
  purpose text not null,
  valid_from date not null default current_date,
  valid_to date,
  given_how text not null check (given_how in ('portal', 'signed_paper', 'verbal')),
  recorded_by uuid references app_user (id),
  status text not null check (status in ('given', 'refused', 'withdrawn')),
  withdrawn_at timestamptz,
  created_at timestamptz not null default now(),
  primary key (municipality_code, id),
  foreign key (municipality_code, citizen_id) references citizen (municipality_code, id),
  foreign key (municipality_code, recipient_organisation_id) references organisation (municipality_code, id)
);
create index consent_citizen on consent (municipality_code, citizen_id, recipient_organisation_id);
select helhed_tenant_table('consent');

create table referral (
  municipality_code text not null,
  id uuid not null default gen_random_uuid(),
  citizen_id uuid not null,
  offer_id uuid not null,
  from_organisation_id uuid not null,
  to_organisation_id uuid not null,
  created_by uuid not null references app_user (id),
  reason text not null,
  participation text not null check (participation in ('voluntary', 'mandatory')),
  shared_categories text[] not null default '{}',
  consent_id uuid,
  state text not null default 'draft' check (state in ('draft', 'sent', 'received', 'accepted',
    'waitlisted', 'rejected', 'enrolled', 'started', 'completed', 'dropped_out', 'cancelled')),
  state_reason text,
  course_id uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (municipality_code, id),
  foreign key (municipality_code, citizen_id) references citizen (municipality_code, id),
  foreign key (municipality_code, offer_id) references offer (municipality_code, id),
  foreign key (municipality_code, from_organisation_id) references organisation (municipality_code, id),
  foreign key (municipality_code, to_organisation_id) references organisation (municipality_code, id),
  foreign key (municipality_code, consent_id) references consent (municipality_code, id),
  foreign key (municipality_code, course_id) references course (municipality_code, id)
);
create index referral_citizen on referral (municipality_code, citizen_id);
create index referral_inbox on referral (municipality_code, to_organisation_id, state);
select helhed_tenant_table('referral');

create table referral_event (
  municipality_code text not null,
  id bigint generated always as identity,
  referral_id uuid not null,
  from_state text,
  to_state text not null,
  reason text,
  actor_user_id uuid references app_user (id),
  actor_organisation_id uuid,
  occurred_at timestamptz not null default now(),
  primary key (municipality_code, id),
  foreign key (municipality_code, referral_id) references referral (municipality_code, id)
);
create index referral_event_referral on referral_event (municipality_code, referral_id, id);
select helhed_tenant_table('referral_event');

create table enrolment (
  municipality_code text not null,
  id uuid not null default gen_random_uuid(),
  course_id uuid not null,
  citizen_id uuid not null,
  referral_id uuid,
  status text not null check (status in ('enrolled', 'waitlisted', 'completed', 'dropped_out', 'cancelled')),
  waitlist_position integer,
  drop_out_reason text,
  enrolled_at timestamptz not null default now(),
  ended_at timestamptz,
  primary key (municipality_code, id),
  unique (municipality_code, course_id, citizen_id),
  foreign key (municipality_code, course_id) references course (municipality_code, id),
  foreign key (municipality_code, citizen_id) references citizen (municipality_code, id),
  foreign key (municipality_code, referral_id) references referral (municipality_code, id)
);
create index enrolment_citizen on enrolment (municipality_code, citizen_id);
select helhed_tenant_table('enrolment');

create table attendance (
  municipality_code text not null,
  session_id uuid not null,
  enrolment_id uuid not null,
  status text not null check (status in ('present', 'absent_notice', 'absent_no_notice', 'sick')),
  recorded_by uuid references app_user (id),
  recorded_at timestamptz not null default now(),
  primary key (municipality_code, session_id, enrolment_id),
  foreign key (municipality_code, session_id) references course_session (municipality_code, id),
  foreign key (municipality_code, enrolment_id) references enrolment (municipality_code, id)
);
select helhed_tenant_table('attendance');

-- Rebild's registration after each course: declared fit, or the next step.
create table course_outcome (
  municipality_code text not null,
  id uuid not null default gen_random_uuid(),
  enrolment_id uuid not null,
  citizen_id uuid not null,
  course_id uuid not null,
  declared_fit boolean not null,
  next_step text check (next_step in ('resource_clarification', 'job_ready', 'treatment',
    'follow_on_course')),
  satisfaction integer check (satisfaction between 1 and 5),
  comment text,
  recorded_by uuid references app_user (id),
  recorded_at timestamptz not null default now(),
  primary key (municipality_code, id),
  unique (municipality_code, enrolment_id),
  foreign key (municipality_code, enrolment_id) references enrolment (municipality_code, id),
  foreign key (municipality_code, citizen_id) references citizen (municipality_code, id),
  foreign key (municipality_code, course_id) references course (municipality_code, id),
  check (not declared_fit or next_step is null)
);
select helhed_tenant_table('course_outcome');

-- Organisations that hold a citizen through their work: the recipient of a live or finished
-- referral, and the provider of a course the citizen is enrolled in.
create or replace function helhed_citizen_organisations(m text, c uuid) returns uuid[]
  language sql stable
  as $$
    select coalesce(array_agg(distinct org), array[]::uuid[]) from (
      select r.to_organisation_id as org from referral r
      where r.municipality_code = m and r.citizen_id = c
        and r.state not in ('draft', 'cancelled', 'rejected')
      union all
      select o.provider_organisation_id from enrolment e
      join course k on k.municipality_code = e.municipality_code and k.id = e.course_id
      join offer o on o.municipality_code = k.municipality_code and o.id = k.offer_id
      where e.municipality_code = m and e.citizen_id = c
    ) orgs
  $$;
