-- The practice of the seed municipalities (issue 18, the municipal part):
-- Middelfart's mandatory activation offer with a weekly rule (5 hours over at least 2 days) and
-- the period a citizen may keep using the offer after returning to work; Randers' intro meeting
-- before sign-up; Skive's and Vordingborg's citizen feedback after every course; Skive's and
-- København's bridge to a local club at the course's end.

alter table offer add column mandatory_activation boolean not null default false;
alter table offer add column min_hours_per_week numeric(4, 1) check (min_hours_per_week > 0 and min_hours_per_week <= 60);
alter table offer add column min_days_per_week integer check (min_days_per_week between 1 and 7);
alter table offer add column continue_after_work_weeks integer check (continue_after_work_weeks between 1 and 104);
alter table offer add column intro_required boolean not null default false;
-- A weekly rule belongs to a mandatory activation offer only.
alter table offer add constraint offer_weekly_rule_mandatory
  check (mandatory_activation or (min_hours_per_week is null and min_days_per_week is null));

-- Middelfart: after the return to work the citizen may keep the place until this day.
alter table enrolment add column continue_until date;

-- Randers: the citizen attended the offer's informal intro meeting; enrolment waits for it.
create table intro_meeting_attendance (
  municipality_code text not null,
  id uuid not null default gen_random_uuid(),
  offer_id uuid not null,
  citizen_id uuid not null,
  attended_on date not null,
  recorded_by uuid references app_user (id),
  recorded_at timestamptz not null default now(),
  primary key (municipality_code, id),
  unique (municipality_code, offer_id, citizen_id),
  foreign key (municipality_code, offer_id) references offer (municipality_code, id),
  foreign key (municipality_code, citizen_id) references citizen (municipality_code, id)
);
select helhed_tenant_table('intro_meeting_attendance');

-- Skive, Vordingborg: the citizen's short feedback after a course, one per enrolment.
create table course_feedback (
  municipality_code text not null,
  id uuid not null default gen_random_uuid(),
  course_id uuid not null,
  enrolment_id uuid not null,
  citizen_id uuid not null,
  satisfaction integer not null check (satisfaction between 1 and 5),
  made_difference text not null check (made_difference in ('yes', 'partly', 'no')),
  would_continue boolean not null,
  comment text check (length(comment) <= 2000),
  submitted_at timestamptz not null default now(),
  primary key (municipality_code, id),
  unique (municipality_code, enrolment_id),
  foreign key (municipality_code, course_id) references course (municipality_code, id),
  foreign key (municipality_code, enrolment_id) references enrolment (municipality_code, id),
  foreign key (municipality_code, citizen_id) references citizen (municipality_code, id)
);
create index course_feedback_course on course_feedback (municipality_code, course_id);
select helhed_tenant_table('course_feedback');

-- Skive, København: the bridge the provider records at the course's end (which club, the
-- discount agreed, the first visit), and whether the citizen continued, seen at the follow-up.
-- A club outside the catalogue is named in club_name.
alter table association_bridge alter column offer_id drop not null;
alter table association_bridge add column enrolment_id uuid;
alter table association_bridge add foreign key (municipality_code, enrolment_id)
  references enrolment (municipality_code, id);
alter table association_bridge add column club_name text check (length(club_name) <= 200);
alter table association_bridge add column discount text check (length(discount) <= 500);
alter table association_bridge add column first_visit date;
alter table association_bridge add column recorded_by_organisation_id uuid;
alter table association_bridge add column continued boolean;
alter table association_bridge add column continued_recorded_at timestamptz;
alter table association_bridge add constraint association_bridge_club
  check (offer_id is not null or club_name is not null);
create index association_bridge_enrolment on association_bridge (municipality_code, enrolment_id);

-- Randers: the health centre's and job centre's recurring dialogue meetings with the
-- municipality's GPs and the practice consultant. Minutes and the GPs' questions; never a citizen.
create table gp_meeting (
  municipality_code text not null,
  id uuid not null default gen_random_uuid(),
  organiser_organisation_id uuid not null,
  held_on date not null,
  title text not null check (length(title) between 3 and 200),
  participants text not null default '' check (length(participants) <= 2000),
  minutes text not null default '' check (length(minutes) <= 20000),
  next_meeting_on date,
  created_by uuid references app_user (id),
  created_at timestamptz not null default now(),
  primary key (municipality_code, id),
  foreign key (municipality_code, organiser_organisation_id) references organisation (municipality_code, id)
);
create index gp_meeting_held on gp_meeting (municipality_code, held_on desc);
select helhed_tenant_table('gp_meeting');

create table gp_meeting_question (
  municipality_code text not null,
  id uuid not null default gen_random_uuid(),
  meeting_id uuid not null,
  question text not null check (length(question) between 3 and 2000),
  answer text check (length(answer) <= 4000),
  status text not null default 'open' check (status in ('open', 'answered')),
  created_at timestamptz not null default now(),
  primary key (municipality_code, id),
  foreign key (municipality_code, meeting_id) references gp_meeting (municipality_code, id)
);
create index gp_meeting_question_meeting on gp_meeting_question (municipality_code, meeting_id);
select helhed_tenant_table('gp_meeting_question');
