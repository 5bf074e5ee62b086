-- Randers' intro meeting for a citizen who comes by themself (decision 1110): on an open offer
-- that begins with an intro meeting, the citizen asks to come to it from Min side; the offer's
-- provider sees who asked on the course page and records the attendance, which opens the
-- sign-up (the gate reads intro_meeting_attendance, migration 1060). The request is the
-- citizen's own act: without one the provider has no relation to the citizen to record for.
create table intro_meeting_request (
  municipality_code text not null,
  offer_id uuid not null,
  citizen_id uuid not null,
  -- The course the citizen looked at when asking: the provider's page lists it there.
  course_id uuid not null,
  requested_at timestamptz not null default now(),
  primary key (municipality_code, offer_id, citizen_id),
  foreign key (municipality_code, offer_id) references offer (municipality_code, id),
  foreign key (municipality_code, citizen_id) references citizen (municipality_code, id),
  foreign key (municipality_code, course_id) references course (municipality_code, id)
);
create index intro_meeting_request_course on intro_meeting_request (municipality_code, course_id);
select helhed_tenant_table('intro_meeting_request');
