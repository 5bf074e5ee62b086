-- Min Plan (one living plan per citizen, SMART goals, versions the citizen accepts), the
-- citizen portal (messages, proxies, portal consents), team meetings, continuation after job
-- and the follow-ups that feed the staff task list.

create table plan (
  municipality_code text not null,
  id uuid not null default gen_random_uuid(),
  citizen_id uuid not null,
  goal_kind text not null default 'job' check (goal_kind in ('job', 'education')),
  job_goal text not null default '',
  status text not null default 'active' check (status in ('active', 'closed')),
  owner_organisation_id uuid,
  review_due date,
  current_version integer not null default 0,
  created_by uuid references app_user (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (municipality_code, id),
  unique (municipality_code, citizen_id),
  foreign key (municipality_code, citizen_id) references citizen (municipality_code, id),
  foreign key (municipality_code, owner_organisation_id) references organisation (municipality_code, id)
);
select helhed_tenant_table('plan');

-- category: 'lifestyle_outcome' (weight, BMI, smoking...) may never be a requirement; the
-- service also checks the text, so a mis-categorised "tabe 10 kg" is refused too.
create table plan_goal (
  municipality_code text not null,
  id uuid not null default gen_random_uuid(),
  plan_id uuid not null,
  parent_goal_id uuid,
  specific text not null,
  measurable text not null default '',
  agreed_with_citizen boolean not null default false,
  relevance text not null default '',
  due_date date,
  category text not null default 'participation' check (category in ('participation',
    'lifestyle_outcome', 'job', 'education', 'other')),
  requirement boolean not null default false,
  status text not null default 'open' check (status in ('open', 'in_progress', 'achieved', 'dropped')),
  sort_order integer not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (municipality_code, id),
  foreign key (municipality_code, plan_id) references plan (municipality_code, id),
  foreign key (municipality_code, parent_goal_id) references plan_goal (municipality_code, id),
  check (not (requirement and category = 'lifestyle_outcome'))
);
create index plan_goal_plan on plan_goal (municipality_code, plan_id);
select helhed_tenant_table('plan_goal');

create table plan_activity (
  municipality_code text not null,
  id uuid not null default gen_random_uuid(),
  plan_id uuid not null,
  goal_id uuid,
  title text not null,
  category text not null default 'participation' check (category in ('participation',
    'lifestyle_outcome', 'job', 'education', 'other')),
  requirement boolean not null default false,
  referral_id uuid,
  course_id uuid,
  status text not null default 'planned' check (status in ('planned', 'active', 'completed', 'dropped')),
  created_at timestamptz not null default now(),
  primary key (municipality_code, id),
  foreign key (municipality_code, plan_id) references plan (municipality_code, id),
  foreign key (municipality_code, goal_id) references plan_goal (municipality_code, id),
  foreign key (municipality_code, referral_id) references referral (municipality_code, id),
  foreign key (municipality_code, course_id) references course (municipality_code, id),
  check (not (requirement and category = 'lifestyle_outcome'))
);
create index plan_activity_plan on plan_activity (municipality_code, plan_id);
select helhed_tenant_table('plan_activity');

create table plan_note (
  municipality_code text not null,
  id uuid not null default gen_random_uuid(),
  plan_id uuid not null,
  goal_id uuid,
  body text not null,
  author_user_id uuid references app_user (id),
  created_at timestamptz not null default now(),
  primary key (municipality_code, id),
  foreign key (municipality_code, plan_id) references plan (municipality_code, id),
  foreign key (municipality_code, goal_id) references plan_goal (municipality_code, id)
);
select helhed_tenant_table('plan_note');

-- Every save publishes a version (a snapshot); the citizen accepts a version in the portal.
create table plan_version (
  municipality_code text not null,
  plan_id uuid not null,
  version integer not null,
  snapshot jsonb not null,
  published_by uuid references app_user (id),
  published_at timestamptz not null default now(),
  seen_by_citizen_at timestamptz,
  accepted_at timestamptz,
  accepted_by uuid references app_user (id),
  accepted_by_proxy boolean not null default false,
  primary key (municipality_code, plan_id, version),
  foreign key (municipality_code, plan_id) references plan (municipality_code, id)
);
select helhed_tenant_table('plan_version');

-- Fuldmagt: a user may act for a citizen within the scopes the citizen chose.
create table proxy_grant (
  municipality_code text not null,
  id uuid not null default gen_random_uuid(),
  citizen_id uuid not null,
  proxy_user_id uuid not null references app_user (id),
  scopes text[] not null check (scopes <@ array['plan', 'sessions', 'referrals', 'consents',
    'offers', 'messages']::text[]),
  valid_from date not null default current_date,
  valid_to date,
  revoked_at timestamptz,
  created_at timestamptz not null default now(),
  primary key (municipality_code, id),
  foreign key (municipality_code, citizen_id) references citizen (municipality_code, id)
);
create index proxy_grant_user on proxy_grant (municipality_code, proxy_user_id);
select helhed_tenant_table('proxy_grant');

create table portal_message (
  municipality_code text not null,
  id uuid not null default gen_random_uuid(),
  citizen_id uuid not null,
  sender_user_id uuid references app_user (id),
  from_citizen boolean not null,
  proxy_for_citizen_id uuid,
  body text not null check (length(body) between 1 and 4000),
  created_at timestamptz not null default now(),
  read_at timestamptz,
  primary key (municipality_code, id),
  foreign key (municipality_code, citizen_id) references citizen (municipality_code, id)
);
create index portal_message_citizen on portal_message (municipality_code, citizen_id, created_at);
select helhed_tenant_table('portal_message');

create table team_meeting (
  municipality_code text not null,
  id uuid not null default gen_random_uuid(),
  citizen_id uuid not null,
  kind text not null check (kind in ('rehabilitation_team', 'health_clarifying_team')),
  scheduled_at timestamptz not null,
  agenda text not null default '',
  minutes text,
  recommendation text,
  status text not null default 'planned' check (status in ('planned', 'held', 'cancelled')),
  organiser_organisation_id uuid not null,
  created_by uuid references app_user (id),
  created_at timestamptz not null default now(),
  primary key (municipality_code, id),
  foreign key (municipality_code, citizen_id) references citizen (municipality_code, id),
  foreign key (municipality_code, organiser_organisation_id) references organisation (municipality_code, id)
);
select helhed_tenant_table('team_meeting');

create table team_meeting_participant (
  municipality_code text not null,
  meeting_id uuid not null,
  id uuid not null default gen_random_uuid(),
  organisation_id uuid,
  user_id uuid references app_user (id),
  participant_role text not null check (participant_role in ('caseworker', 'health_professional',
    'gp_consultant', 'citizen', 'other')),
  name text not null,
  primary key (municipality_code, id),
  foreign key (municipality_code, meeting_id) references team_meeting (municipality_code, id),
  foreign key (municipality_code, organisation_id) references organisation (municipality_code, id)
);
create index team_meeting_participant_meeting on team_meeting_participant (municipality_code, meeting_id);
select helhed_tenant_table('team_meeting_participant');

create table team_meeting_health_item (
  municipality_code text not null,
  id uuid not null default gen_random_uuid(),
  meeting_id uuid not null,
  category text not null,
  body text not null,
  recorded_by uuid references app_user (id),
  created_at timestamptz not null default now(),
  primary key (municipality_code, id),
  foreign key (municipality_code, meeting_id) references team_meeting (municipality_code, id)
);
select helhed_tenant_table('team_meeting_health_item');

-- Continuation after job: owner changes of health activities, bridges to associations and
-- follow-up reminders at 3, 6 and 12 months.
create table activity_owner_change (
  municipality_code text not null,
  id uuid not null default gen_random_uuid(),
  citizen_id uuid not null,
  enrolment_id uuid,
  referral_id uuid,
  from_organisation_id uuid,
  to_organisation_id uuid not null,
  reason text not null,
  changed_by uuid references app_user (id),
  changed_at timestamptz not null default now(),
  primary key (municipality_code, id),
  foreign key (municipality_code, citizen_id) references citizen (municipality_code, id),
  foreign key (municipality_code, enrolment_id) references enrolment (municipality_code, id)
);
select helhed_tenant_table('activity_owner_change');

alter table enrolment add column owner_organisation_id uuid;

create table association_bridge (
  municipality_code text not null,
  id uuid not null default gen_random_uuid(),
  citizen_id uuid not null,
  offer_id uuid not null,
  note text not null default '',
  created_by uuid references app_user (id),
  created_at timestamptz not null default now(),
  primary key (municipality_code, id),
  foreign key (municipality_code, citizen_id) references citizen (municipality_code, id),
  foreign key (municipality_code, offer_id) references offer (municipality_code, id)
);
select helhed_tenant_table('association_bridge');

create table follow_up (
  municipality_code text not null,
  id uuid not null default gen_random_uuid(),
  citizen_id uuid not null,
  owner_organisation_id uuid not null,
  months integer not null check (months in (3, 6, 12)),
  due_date date not null,
  reason text not null,
  done_at timestamptz,
  created_at timestamptz not null default now(),
  primary key (municipality_code, id),
  unique (municipality_code, citizen_id, reason, months),
  foreign key (municipality_code, citizen_id) references citizen (municipality_code, id),
  foreign key (municipality_code, owner_organisation_id) references organisation (municipality_code, id)
);
create index follow_up_owner on follow_up (municipality_code, owner_organisation_id, due_date) where done_at is null;
select helhed_tenant_table('follow_up');

-- The body of 0002 plus the organisations taking part in a team meeting about the citizen and
-- the owner of a continued activity.
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
      union all
      select e.owner_organisation_id from enrolment e
      where e.municipality_code = m and e.citizen_id = c and e.owner_organisation_id is not null
      union all
      select p.organisation_id from team_meeting_participant p
      join team_meeting t on t.municipality_code = p.municipality_code and t.id = p.meeting_id
      where t.municipality_code = m and t.citizen_id = c and p.organisation_id is not null
        and t.status <> 'cancelled'
    ) orgs
  $$;
