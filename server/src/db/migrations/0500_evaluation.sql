-- Evaluation: success criteria set before a course starts (locked from the start), and
-- anonymous needs surveys (Rødovre). The survey tables are the module's own small engine until
-- the questionnaire engine (#6) can carry them; answers hold no citizen or session reference.

create table success_criteria_set (
  municipality_code text not null,
  id uuid not null default gen_random_uuid(),
  -- Exactly one of offer_id / course_id: criteria for every course of an offer, or one course.
  offer_id uuid,
  course_id uuid,
  version integer not null default 1 check (version > 0),
  -- [{"metric": "attendance_rate", "operator": ">=", "threshold": 80}]
  criteria jsonb not null,
  note text not null default '',
  previous_id uuid,
  created_by uuid references app_user (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (municipality_code, id),
  foreign key (municipality_code, offer_id) references offer (municipality_code, id),
  foreign key (municipality_code, course_id) references course (municipality_code, id),
  check ((offer_id is null) <> (course_id is null))
);
create unique index success_criteria_course on success_criteria_set (municipality_code, course_id)
  where course_id is not null;
create unique index success_criteria_offer_version on success_criteria_set (municipality_code, offer_id, version)
  where offer_id is not null;
select helhed_tenant_table('success_criteria_set');

create table needs_survey (
  municipality_code text not null,
  id uuid not null default gen_random_uuid(),
  -- The public link carries this token, not the id.
  public_token text not null unique,
  title text not null,
  intro text not null default '',
  status text not null default 'open' check (status in ('draft', 'open', 'closed')),
  created_by uuid references app_user (id),
  created_at timestamptz not null default now(),
  primary key (municipality_code, id)
);
select helhed_tenant_table('needs_survey');

create table needs_survey_question (
  municipality_code text not null,
  survey_id uuid not null,
  position integer not null,
  kind text not null check (kind in ('single', 'multiple', 'scale', 'text')),
  text text not null,
  options text[] not null default '{}',
  scale_min integer,
  scale_max integer,
  required boolean not null default false,
  primary key (municipality_code, survey_id, position),
  foreign key (municipality_code, survey_id) references needs_survey (municipality_code, id)
);
select helhed_tenant_table('needs_survey_question');

-- One row per submitted answer sheet; no citizen, user, IP or timestamp finer than a day, so a
-- response cannot be tied back to a person.
create table needs_survey_response (
  municipality_code text not null,
  id uuid not null default gen_random_uuid(),
  survey_id uuid not null,
  answered_on date not null default current_date,
  -- {"1": "Motion", "2": ["Kost", "Søvn"], "3": 4, "4": "fri tekst"} keyed by question position
  answers jsonb not null,
  primary key (municipality_code, id),
  foreign key (municipality_code, survey_id) references needs_survey (municipality_code, id)
);
create index needs_survey_response_survey on needs_survey_response (municipality_code, survey_id);
select helhed_tenant_table('needs_survey_response');

-- The dashboard and effect queries read these.
create index if not exists enrolment_course on enrolment (municipality_code, course_id);
create index if not exists course_outcome_course on course_outcome (municipality_code, course_id);
create index if not exists benefit_period_citizen on benefit_period (municipality_code, citizen_id, start_date);
create index if not exists referral_offer on referral (municipality_code, offer_id, state);
-- Lets the dashboard count attendance per enrolment from the index alone.
create index if not exists attendance_enrolment_status on attendance (municipality_code, enrolment_id, status);
-- The effect estimate reads every benefit period open at a course start and the birth date of
-- its citizen: covering indexes let it read the indexes alone.
create index if not exists benefit_period_span on benefit_period (municipality_code, start_date)
  include (citizen_id, benefit_type, end_date, end_reason);
create index if not exists citizen_birth on citizen (municipality_code, id) include (birth_date);
