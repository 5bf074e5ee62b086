-- Needs surveys on the questionnaire engine (#6): a survey's questions become a questionnaire
-- definition (key 'needs_survey:<survey id>', version 1, immutable like every definition) and
-- its answer sheets anonymous questionnaire responses (no citizen, no user, the day only).
-- needs_survey keeps what the engine has no place for: the public token, status and creator.
-- Question ids are the question positions ("1", "2", …), so stored answers keep their keys.

alter table needs_survey add column definition_key text;
alter table needs_survey add column definition_version integer;

insert into questionnaire_definition (key, version, title, definition)
select 'needs_survey:' || s.id, 1, s.title,
  jsonb_build_object(
    'key', 'needs_survey:' || s.id,
    'version', 1,
    'title', s.title,
    'intro', s.intro,
    'sections', jsonb_build_array(jsonb_build_object(
      'id', 'survey',
      'title', s.title,
      'questions', coalesce((
        select jsonb_agg(
          jsonb_build_object('id', q.position::text, 'label', q.text, 'required', q.required, 'type', q.kind)
          || case
            when q.kind in ('single', 'multiple') then jsonb_build_object('options',
              (select coalesce(jsonb_agg(jsonb_build_object('value', o, 'label', o) order by i), '[]'::jsonb)
                from unnest(q.options) with ordinality as u(o, i)))
            when q.kind = 'scale' then jsonb_build_object('min', coalesce(q.scale_min, 1), 'max', coalesce(q.scale_max, 5))
            else '{}'::jsonb end
          order by q.position)
        from needs_survey_question q
        where q.municipality_code = s.municipality_code and q.survey_id = s.id), '[]'::jsonb))))
from needs_survey s;

update needs_survey set definition_key = 'needs_survey:' || id, definition_version = 1;
alter table needs_survey alter column definition_key set not null;
alter table needs_survey alter column definition_version set not null;
alter table needs_survey add foreign key (definition_key, definition_version)
  references questionnaire_definition (key, version);

insert into questionnaire_response (municipality_code, id, definition_key, definition_version,
  subject_citizen_id, status, answers, filled_in_by, created_at, updated_at, completed_at)
select r.municipality_code, r.id, 'needs_survey:' || r.survey_id, 1, null, 'completed', r.answers,
  'anonymous', r.answered_on, r.answered_on, r.answered_on
from needs_survey_response r;

drop table needs_survey_response;
drop table needs_survey_question;
