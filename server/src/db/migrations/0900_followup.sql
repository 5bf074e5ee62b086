-- Sickness-benefit follow-up (sygedagpengeloven chapter 6; issue 21): the rules as versioned
-- data, and the case flow on a sygedagpenge benefit period. Deadlines are computed by
-- modules/followup/engine.ts; a met deadline is stored with the event that met it (due date and
-- rule version), so a later rule version moves only deadlines not yet met. See
-- docs/decisions/0900-followup-rules-as-data.md.

-- One row per municipality and version: the law is national, but a municipality's administrator
-- enters a new version (a changed executive order) for their own tenant, audited like any
-- configuration; the version in force on a day is the highest valid_from on or before it.
create table followup_rule_set (
  municipality_code text not null references municipality (code),
  version integer not null check (version > 0),
  valid_from date not null,
  parameters jsonb not null,
  note text not null default '',
  created_by uuid references app_user (id),
  created_at timestamptz not null default now(),
  primary key (municipality_code, version)
);
select helhed_tenant_table('followup_rule_set');

insert into followup_rule_set (municipality_code, version, valid_from, parameters, note)
select code, 1, date '2000-01-01', '{
  "informationFormDueDays": 8,
  "gpCertificateDays": 14,
  "gpCertificateMinDays": 8,
  "firstConversationDays": 55,
  "followUpIntervalDays": 28,
  "reassessmentDays": 153,
  "fastTrackDays": 14,
  "standbyHoldsConversations": false,
  "nonWorkingDayShift": "previous_working_day"
}'::jsonb, 'Sygedagpengeloven kap. 6 og bekendtgørelse om opfølgning i sygedagpengesager'
from municipality;

-- The follow-up case of one sickness-benefit period (created on the first action; until then
-- the engine works from the period's start as the first day of absence).
create table followup_case (
  municipality_code text not null,
  benefit_period_id uuid not null,
  citizen_id uuid not null,
  first_absence_day date not null,
  expected_back_within_8_weeks boolean,
  expected_duration_weeks integer check (expected_duration_weeks between 0 and 104),
  category smallint check (category in (1, 2, 3)),
  fast_track_requested_on date,
  fast_track_requested_by text check (fast_track_requested_by in ('employer', 'citizen')),
  standby boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (municipality_code, benefit_period_id),
  foreign key (municipality_code, benefit_period_id) references benefit_period (municipality_code, id),
  foreign key (municipality_code, citizen_id) references citizen (municipality_code, id)
);
create index followup_case_citizen on followup_case (municipality_code, citizen_id);
select helhed_tenant_table('followup_case');

-- The information form (oplysningsskema, § 11): the citizen's three answers.
create table followup_information_form (
  municipality_code text not null,
  benefit_period_id uuid not null,
  sent_on date not null,
  answered_on date,
  work_ability text,
  expected_duration text,
  can_still_do text,
  met_due_date date,
  met_rule_version integer,
  primary key (municipality_code, benefit_period_id),
  foreign key (municipality_code, benefit_period_id)
    references followup_case (municipality_code, benefit_period_id)
);
select helhed_tenant_table('followup_information_form');

-- The GP certificate (lægeattest LÆ 285, § 11 a): held by law, not by consent.
create table followup_gp_certificate (
  municipality_code text not null,
  benefit_period_id uuid not null,
  requested_on date not null,
  deadline date,
  deadline_rule_version integer,
  received_on date,
  met_due_date date,
  met_rule_version integer,
  primary key (municipality_code, benefit_period_id),
  foreign key (municipality_code, benefit_period_id)
    references followup_case (municipality_code, benefit_period_id),
  -- The minimum (8 days) is a rule parameter, checked by the service against the rule set.
  check (deadline is null or deadline > requested_on)
);
select helhed_tenant_table('followup_gp_certificate');

create table followup_conversation (
  municipality_code text not null,
  id uuid not null default gen_random_uuid(),
  benefit_period_id uuid not null,
  held_on date not null,
  form text not null check (form in ('in_person', 'phone', 'video')),
  category smallint check (category in (1, 2, 3)),
  next_date date,
  met_due_date date,
  met_rule_version integer,
  created_by uuid references app_user (id),
  created_at timestamptz not null default now(),
  primary key (municipality_code, id),
  foreign key (municipality_code, benefit_period_id)
    references followup_case (municipality_code, benefit_period_id)
);
create index followup_conversation_case on followup_conversation (municipality_code, benefit_period_id, held_on);
select helhed_tenant_table('followup_conversation');

-- Mulighedserklæring: part 1 by employer and employee together, part 2 by the GP.
create table followup_fitness_statement (
  municipality_code text not null,
  benefit_period_id uuid not null,
  part1_on date,
  part2_on date,
  primary key (municipality_code, benefit_period_id),
  foreign key (municipality_code, benefit_period_id)
    references followup_case (municipality_code, benefit_period_id)
);
select helhed_tenant_table('followup_fitness_statement');

-- The week-22 reassessment: extension on a ground of the law, or a job clarification course.
create table followup_reassessment (
  municipality_code text not null,
  benefit_period_id uuid not null,
  decided_on date not null,
  decision text not null check (decision in ('extension', 'jobafklaringsforloeb')),
  extension_ground text,
  met_due_date date,
  met_rule_version integer,
  decided_by uuid references app_user (id),
  primary key (municipality_code, benefit_period_id),
  foreign key (municipality_code, benefit_period_id)
    references followup_case (municipality_code, benefit_period_id),
  check ((decision = 'extension') = (extension_ground is not null))
);
select helhed_tenant_table('followup_reassessment');
