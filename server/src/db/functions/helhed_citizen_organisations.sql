-- Organisations that hold a citizen through their work: the recipient of a live or finished
-- referral, the provider of a course the citizen is enrolled in, the owner of a continued
-- activity, and the organisations taking part in a team meeting about the citizen.
-- History: 0001, 0002, 0400. The current definition lives here only (decision 0850).
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
