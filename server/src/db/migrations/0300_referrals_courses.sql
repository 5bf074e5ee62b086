-- Referrals, consents and courses (issue 7): messages on a referral, the chain from one course to
-- the follow-on course (Rebild's stage 2), the coded drop-out reason, and the flags raised when a
-- citizen misses two sessions in a row without notice.

alter table referral add column previous_referral_id uuid;
alter table referral add foreign key (municipality_code, previous_referral_id)
  references referral (municipality_code, id);
alter table referral add column state_reason_code text check (state_reason_code in
  ('illness', 'started_work', 'started_education', 'lack_of_motivation', 'moved',
   'no_show', 'other'));

alter table course_outcome add column follow_on_referral_id uuid;
alter table course_outcome add foreign key (municipality_code, follow_on_referral_id)
  references referral (municipality_code, id);

alter table enrolment add column drop_out_reason_code text check (drop_out_reason_code in
  ('illness', 'started_work', 'started_education', 'lack_of_motivation', 'moved',
   'no_show', 'other'));

alter table consent add column withdrawn_by uuid references app_user (id);
alter table consent add column recorded_by_name text;
create index consent_valid on consent (municipality_code, citizen_id, status);

create table referral_message (
  municipality_code text not null,
  id uuid not null default gen_random_uuid(),
  referral_id uuid not null,
  author_user_id uuid not null references app_user (id),
  author_organisation_id uuid,
  body text not null check (length(body) between 1 and 4000),
  created_at timestamptz not null default now(),
  primary key (municipality_code, id),
  foreign key (municipality_code, referral_id) references referral (municipality_code, id)
);
create index referral_message_referral on referral_message (municipality_code, referral_id, created_at);
select helhed_tenant_table('referral_message');

-- Two absences in a row without notice: one open flag per enrolment until a caseworker resolves it.
create table attendance_flag (
  municipality_code text not null,
  id uuid not null default gen_random_uuid(),
  enrolment_id uuid not null,
  citizen_id uuid not null,
  course_id uuid not null,
  referral_id uuid,
  session_id uuid not null,
  raised_at timestamptz not null default now(),
  resolved_at timestamptz,
  resolved_by uuid references app_user (id),
  primary key (municipality_code, id),
  foreign key (municipality_code, enrolment_id) references enrolment (municipality_code, id),
  foreign key (municipality_code, citizen_id) references citizen (municipality_code, id),
  foreign key (municipality_code, course_id) references course (municipality_code, id),
  foreign key (municipality_code, referral_id) references referral (municipality_code, id),
  foreign key (municipality_code, session_id) references course_session (municipality_code, id)
);
create unique index attendance_flag_open on attendance_flag (municipality_code, enrolment_id)
  where resolved_at is null;
select helhed_tenant_table('attendance_flag');
