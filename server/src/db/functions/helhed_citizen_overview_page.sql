-- The data of the caseworker's citizen page (docs/decisions/0600-hot-path.md, 1071): the citizen,
-- the current benefit period, all periods and the latest risk decision where the reader's
-- grants allow them (issue 16), open referrals, next sessions and, when `p_health` allows, the
-- attendance and last outcome (of `p_course_orgs`' courses only, when given). Null when the
-- citizen is not there or not visible. Every read names the municipality itself (the tables'
-- keys start with it), so the twin without RLS finds its rows by the same indexes.
--
-- helhed_citizen_overview calls it after session, tenant and policy (so under helhed_app and
-- row-level security) and before its audit row. bench:page's bare twin calls it as the table
-- owner with none of that, so the two run the same page SQL and a page that grows here grows
-- in both. The current definition lives here only (decision 0850).

drop function if exists helhed_citizen_overview_page(text, uuid, boolean, uuid[]);

create or replace function helhed_citizen_overview_page(
  p_municipality_code text,
  p_citizen_id uuid,
  p_health boolean,
  p_course_orgs uuid[],
  p_benefit_periods boolean,
  p_risk_decision boolean
) returns jsonb
  language plpgsql stable
  set plan_cache_mode = force_generic_plan
  as $$
declare
  person jsonb;
begin
  select jsonb_build_object('id', c.id, 'municipalityCode', c.municipality_code,
      'cprEncrypted', encode(c.cpr_encrypted, 'base64'), 'birthDate', c.birth_date,
      'gender', c.gender, 'firstName', c.first_name, 'lastName', c.last_name,
      'address', c.address, 'postalCode', c.postal_code, 'city', c.city, 'phone', c.phone,
      'email', c.email, 'preferredLanguage', c.preferred_language,
      'needsInterpreter', c.needs_interpreter, 'riskGroup', c.risk_group,
      'responsibleCaseworkerName', u.display_name,
      'benefitPeriod', (
        select jsonb_build_object('id', b.id, 'benefitType', b.benefit_type, 'nameDa', t.name_da,
          'nameEn', t.name_en, 'startDate', b.start_date, 'endDate', b.end_date)
        from benefit_period b join benefit_type t on t.code = b.benefit_type
        where b.municipality_code = c.municipality_code and b.citizen_id = c.id
          and b.start_date <= current_date
          and (b.end_date is null or b.end_date >= current_date)
        order by b.start_date desc
        limit 1))
  into person
  from citizen c left join app_user u on u.id = c.responsible_caseworker_id
  where c.municipality_code = p_municipality_code and c.id = p_citizen_id;
  if person is null then
    return null;
  end if;
  return jsonb_build_object(
    'citizen', person - 'benefitPeriod',
    'benefitPeriod', person -> 'benefitPeriod',
    'benefitPeriods', case when p_benefit_periods then coalesce((
      select jsonb_agg(jsonb_build_object('id', b.id, 'benefitType', b.benefit_type,
          'nameDa', t.name_da, 'nameEn', t.name_en, 'startDate', b.start_date,
          'endDate', b.end_date, 'endReason', b.end_reason, 'source', b.source)
        order by b.start_date desc, b.id)
      from benefit_period b join benefit_type t on t.code = b.benefit_type
      where b.municipality_code = p_municipality_code and b.citizen_id = p_citizen_id),
      '[]'::jsonb) end,
    'riskDecision', case when p_risk_decision then (
      select jsonb_build_object('id', d.id, 'suggestedGroup', d.suggested_group,
          'decidedGroup', d.decided_group, 'overridden', d.overridden, 'reason', d.reason,
          'decidedByName', u.display_name, 'decidedAt', d.decided_at)
      from risk_decision d left join app_user u on u.id = d.decided_by
      where d.municipality_code = p_municipality_code and d.citizen_id = p_citizen_id
      order by d.decided_at desc, d.id desc limit 1) end,
    'openReferrals', coalesce((
      select jsonb_agg(jsonb_build_object('id', r.id, 'state', r.state, 'offerTitle', f.title,
          'toOrganisationName', g.name, 'createdAt', r.created_at) order by r.created_at desc)
      from referral r
      join offer f on f.municipality_code = r.municipality_code and f.id = r.offer_id
      join organisation g on g.municipality_code = r.municipality_code and g.id = r.to_organisation_id
      where r.municipality_code = p_municipality_code and r.citizen_id = p_citizen_id
        and r.state in ('sent', 'received', 'accepted', 'waitlisted', 'enrolled', 'started')),
      '[]'::jsonb),
    'nextSessions', coalesce((
      select jsonb_agg(x.j order by x.starts_at) from (
        select cs.starts_at, jsonb_build_object('id', cs.id, 'courseTitle', k.title,
          'place', k.place, 'startsAt', cs.starts_at, 'endsAt', cs.ends_at) as j
        from enrolment e
        join course k on k.municipality_code = e.municipality_code and k.id = e.course_id
        join course_session cs on cs.municipality_code = k.municipality_code and cs.course_id = k.id
        where e.municipality_code = p_municipality_code and e.citizen_id = p_citizen_id
          and e.status = 'enrolled' and cs.status = 'planned'
          and cs.starts_at >= now()
        order by cs.starts_at
        limit 5) x),
      '[]'::jsonb),
    'attendance', case when p_health then (
      select jsonb_build_object(
        'present', count(*) filter (where a.status = 'present'),
        'absent', count(*) filter (where a.status <> 'present'))
      from enrolment e
      join attendance a on a.municipality_code = e.municipality_code and a.enrolment_id = e.id
      join course k on k.municipality_code = e.municipality_code and k.id = e.course_id
      join offer f on f.municipality_code = k.municipality_code and f.id = k.offer_id
      where e.municipality_code = p_municipality_code and e.citizen_id = p_citizen_id
        and (p_course_orgs is null or f.provider_organisation_id = any(p_course_orgs))) end,
    'lastOutcome', case when p_health then (
      select jsonb_build_object('declaredFit', o.declared_fit, 'nextStep', o.next_step,
        'recordedAt', o.recorded_at)
      from course_outcome o
      join course k on k.municipality_code = o.municipality_code and k.id = o.course_id
      join offer f on f.municipality_code = k.municipality_code and f.id = k.offer_id
      where o.municipality_code = p_municipality_code and o.citizen_id = p_citizen_id
        and (p_course_orgs is null or f.provider_organisation_id = any(p_course_orgs))
      order by o.recorded_at desc limit 1) end
  );
end
$$;
