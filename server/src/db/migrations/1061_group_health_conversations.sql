-- København: group health conversations at the start of an employment course (15–20
-- participants, three hours, led by a health consultant). Each participant picks the Danish
-- Health Authority's wish cards (Ønskekort); they are recorded as the participant's wishes on
-- their own health profile (the profile's wish_cards answer), and the session keeps who took part.
create table group_health_session (
  municipality_code text not null,
  id uuid not null default gen_random_uuid(),
  organisation_id uuid,
  title text not null check (length(title) between 3 and 200),
  held_on date not null,
  created_by uuid references app_user (id),
  created_at timestamptz not null default now(),
  primary key (municipality_code, id),
  foreign key (municipality_code, organisation_id) references organisation (municipality_code, id)
);
select helhed_tenant_table('group_health_session');

create table group_health_participant (
  municipality_code text not null,
  session_id uuid not null,
  citizen_id uuid not null,
  wish_cards text[] not null default '{}',
  profile_response_id uuid,
  primary key (municipality_code, session_id, citizen_id),
  foreign key (municipality_code, session_id) references group_health_session (municipality_code, id),
  foreign key (municipality_code, citizen_id) references citizen (municipality_code, id)
);
select helhed_tenant_table('group_health_participant');
