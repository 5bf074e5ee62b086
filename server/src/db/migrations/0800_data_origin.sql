-- Where health data came from (issue 15): the cross-organisation view builder (modules/sharing)
-- decides what another organisation may see by the data's origin, not by the reader's role.
--
-- A health profile's origin is questionnaire_response.organisation_id: the organisation whose
-- staff recorded it with the citizen (a job centre's caseworker in Odense's model, a health
-- centre's professional in Rebild's). A profile the citizen filled in alone has no organisation:
-- it is the citizen's own and reaches an organisation only under the citizen's consent.
--
-- Backfill: a staff-recorded profile without an organisation takes the organisation of the user
-- who started it (their first role that has one); a citizen's own profile stays without one.
update questionnaire_response r
set organisation_id = (
  select ur.organisation_id from user_role ur
  where ur.municipality_code = r.municipality_code and ur.user_id = r.created_by
    and ur.organisation_id is not null
  order by case ur.role when 'caseworker' then 0 when 'coordinating_caseworker' then 1
    when 'health_professional' then 2 else 3 end, ur.id
  limit 1)
where r.definition_key = 'health_profile' and r.organisation_id is null
  and r.filled_in_by = 'staff_with_citizen' and r.created_by is not null;

-- The WHO-5 and self-rated health facts the risk rules read carry the profile they came from, so
-- the risk view can withhold them exactly where the profile itself is withheld.
alter table health_profile_fact add column source_response_id uuid;
alter table health_profile_fact add column origin_organisation_id uuid;
alter table health_profile_fact add foreign key (municipality_code, source_response_id)
  references questionnaire_response (municipality_code, id);
alter table health_profile_fact add foreign key (municipality_code, origin_organisation_id)
  references organisation (municipality_code, id);

-- Backfill: each fact from the citizen's latest completed profile (the one that wrote it).
update health_profile_fact f
set source_response_id = l.id, origin_organisation_id = l.organisation_id
from (
  select distinct on (municipality_code, subject_citizen_id) municipality_code,
    subject_citizen_id, id, organisation_id
  from questionnaire_response
  where definition_key = 'health_profile' and status = 'completed' and subject_citizen_id is not null
  order by municipality_code, subject_citizen_id, completed_at desc, id) l
where l.municipality_code = f.municipality_code and l.subject_citizen_id = f.citizen_id;
