-- The caseworker's citizen page in one statement (the hot path; docs/decisions/0600-hot-path.md).
--
-- helhed_citizen_overview() does every platform step a request needs in one round trip, in
-- autocommit: it checks the session exactly as platform/sessions.ts does (revoked, expired,
-- deactivated user, idle timeout, last_seen_at touched at most once a minute), takes the
-- user's grants in the order lookupSession gives them to policy.ts, refuses a role that has no
-- scope for the action (403), then switches to role helhed_app with the tenant set (SET LOCAL,
-- so it ends with the statement's own transaction) and reads the citizen under row-level
-- security, decides the grant with helhed_policy_grant() from the rule policy.ts holds (passed
-- in as JSON, so the rule has one source), inserts the one audit row and returns the page as
-- JSON. A denied read returns a status and writes nothing. The function is SECURITY INVOKER:
-- SET ROLE is not allowed inside a security definer function, and the caller is the platform's
-- connecting role, which may read sessions.
--
-- The hash chain is not touched here: the audit sealer (platform/audit-chain.ts) chains rows
-- after commit, so there is no row that all requests of a municipality lock.

-- Risk group (green / yellow / red) as the page shows it. The risk-group module keeps it
-- current; until then it is null and the page says "not assessed".
alter table citizen add column risk_group text check (risk_group in ('green', 'yellow', 'red'));

-- The page's health fields count a citizen's attendance; without this index that is a scan.
create index attendance_enrolment on attendance (municipality_code, enrolment_id);
create index course_outcome_citizen on course_outcome (municipality_code, citizen_id, recorded_at);

-- policy.ts permits() in SQL: the first grant (in the given order) whose role has a scope in
-- the rule that matches the row. `rule` is {"allow": {role: scope | [scope]}} as definePolicy
-- holds it; the row is always in the caller's municipality here (it was read under RLS).
-- A test compares this with permits() for every role and every kind of row.
-- The helpers here are PL/pgSQL, not SQL: PostgreSQL 15 plans a non-inlined SQL function's
-- query on every call, PL/pgSQL keeps the plan for the connection.
create function helhed_policy_grant(rule jsonb, grants jsonb, actor_citizen uuid,
  row_citizen uuid, linked_organisations uuid[], consent_organisations uuid[])
  returns jsonb
  language plpgsql immutable
  as $$
  begin
    return (
    select jsonb_build_object('role', g.value ->> 'role', 'organisationId', g.value -> 'organisationId')
    from jsonb_array_elements(grants) with ordinality as g(value, gi)
    cross join lateral jsonb_array_elements_text(
      case jsonb_typeof(rule -> 'allow' -> (g.value ->> 'role'))
        when 'array' then rule -> 'allow' -> (g.value ->> 'role')
        when 'string' then jsonb_build_array(rule -> 'allow' -> (g.value ->> 'role'))
        else '[]'::jsonb
      end) with ordinality as s(scope, si)
    where case s.scope
      when 'any' then true
      when 'municipality' then true
      when 'organisation' then (g.value ->> 'organisationId')::uuid = any(linked_organisations)
      when 'consent' then (g.value ->> 'organisationId')::uuid = any(consent_organisations)
      when 'self' then actor_citizen is not null and actor_citizen = row_citizen
      else false
    end
    order by g.gi, s.si
    limit 1);
  end
  $$;

-- Whether some grant's role has `scope` in the rule: the row facts a scope needs (linked
-- organisations, consent holders) are looked up only then.
create function helhed_rule_needs(rule jsonb, grants jsonb, scope text) returns boolean
  language plpgsql immutable
  as $$
  begin
    return exists (
      select 1 from jsonb_array_elements(grants) g
      where rule -> 'allow' -> (g ->> 'role') = to_jsonb(scope)
        or (jsonb_typeof(rule -> 'allow' -> (g ->> 'role')) = 'array'
          and rule -> 'allow' -> (g ->> 'role') ? scope));
  end
  $$;

-- Organisations holding a valid consent from the citizen that covers the category, today.
create function helhed_consent_holders(m text, c uuid, category text) returns uuid[]
  language plpgsql stable
  as $$
  begin
    return (select coalesce(array_agg(distinct k.recipient_organisation_id), array[]::uuid[])
    from consent k
    where k.municipality_code = m and k.citizen_id = c and k.status = 'given'
      and k.withdrawn_at is null and category = any(k.categories)
      and k.valid_from <= current_date and (k.valid_to is null or k.valid_to >= current_date));
  end
  $$;

create function helhed_citizen_overview(
  p_token_hash text,
  p_citizen_id uuid,
  p_idle_minutes integer,
  p_read_rule jsonb,
  p_health_rule jsonb,
  p_purpose text,
  p_request_id text,
  p_ip text
) returns jsonb
  language plpgsql volatile
  -- Keep one plan per statement for the connection: re-planning the page's queries for each
  -- call (custom plans) cost more than running them. The SET clause also confines the role
  -- and tenant set below to this call.
  set plan_cache_mode = force_generic_plan
  as $$
declare
  s record;
  grants jsonb;
  read_grant jsonb;
  person jsonb;
  health boolean;
  linked uuid[] := array[]::uuid[];
  consented uuid[] := array[]::uuid[];
begin
  -- 1. Session: the same conditions as lookupSession(); nothing about it is cached anywhere.
  select u.id as user_id, u.municipality_code, u.citizen_id,
    s0.last_seen_at < now() - make_interval(mins => p_idle_minutes) as idle,
    s0.last_seen_at < now() - interval '60 seconds' as touch
  into s
  from user_session s0 join app_user u on u.id = s0.user_id
  where s0.token_hash = p_token_hash and s0.revoked_at is null and s0.expires_at > now()
    and u.active;
  if not found then
    return jsonb_build_object('status', 'unauthenticated');
  end if;
  if s.idle then
    update user_session set revoked_at = now() where token_hash = p_token_hash and revoked_at is null;
    return jsonb_build_object('status', 'unauthenticated');
  end if;
  if s.touch then
    update user_session set last_seen_at = now() where token_hash = p_token_hash;
  end if;

  -- 2. Grants, ordered as lookupSession orders them; a role without the action is refused
  --    before any row is looked at (the mayAttempt() step of the request hook).
  select coalesce(jsonb_agg(jsonb_build_object('role', r.role, 'organisationId', r.organisation_id)
      order by r.role, o.name), '[]'::jsonb)
  into grants
  from user_role r
  left join organisation o on o.municipality_code = r.municipality_code and o.id = r.organisation_id
  where r.user_id = s.user_id and r.municipality_code = s.municipality_code;
  if not exists (select 1 from jsonb_array_elements(grants) g
      where jsonb_typeof(p_read_rule -> 'allow' -> (g ->> 'role')) in ('string', 'array')
        and p_read_rule -> 'allow' -> (g ->> 'role') <> '[]'::jsonb) then
    return jsonb_build_object('status', 'forbidden');
  end if;

  -- 3. Tenant: from here on the statement runs as helhed_app under row-level security.
  perform set_config('app.municipality_code', s.municipality_code, true);
  perform set_config('role', 'helhed_app', true);

  -- 4. Policy on the row.
  select jsonb_build_object('id', c.id, 'municipalityCode', c.municipality_code,
      'cprEncrypted', encode(c.cpr_encrypted, 'base64'), 'birthDate', c.birth_date,
      'gender', c.gender, 'firstName', c.first_name, 'lastName', c.last_name,
      'address', c.address, 'postalCode', c.postal_code, 'city', c.city, 'phone', c.phone,
      'email', c.email, 'preferredLanguage', c.preferred_language,
      'needsInterpreter', c.needs_interpreter, 'riskGroup', c.risk_group,
      'responsibleCaseworkerName', u.display_name)
  into person
  from citizen c left join app_user u on u.id = c.responsible_caseworker_id
  where c.id = p_citizen_id;
  if person is null then
    return jsonb_build_object('status', 'not_found');
  end if;
  --    The row facts a scope needs are read only when a grant has that scope (a caseworker's
  --    'municipality' needs neither); the result is the same as reading them always.
  if helhed_rule_needs(p_read_rule, grants, 'organisation')
      or helhed_rule_needs(p_health_rule, grants, 'organisation') then
    linked := helhed_citizen_organisations(s.municipality_code, p_citizen_id);
  end if;
  if helhed_rule_needs(p_read_rule, grants, 'consent') then
    consented := helhed_consent_holders(s.municipality_code, p_citizen_id,
      p_read_rule ->> 'consentCategory');
  end if;
  read_grant := helhed_policy_grant(p_read_rule, grants, s.citizen_id, p_citizen_id, linked,
    consented);
  if read_grant is null then
    return jsonb_build_object('status', 'not_found');
  end if;
  consented := array[]::uuid[];
  if helhed_rule_needs(p_health_rule, grants, 'consent') then
    consented := helhed_consent_holders(s.municipality_code, p_citizen_id,
      p_health_rule ->> 'consentCategory');
  end if;
  health := helhed_policy_grant(p_health_rule, grants, s.citizen_id, p_citizen_id, linked,
    consented) is not null;

  -- 5. The one audit row; the sealer chains it after commit.
  insert into audit_event (municipality_code, actor_user_id, actor_role, actor_organisation_id,
    citizen_id, action, resource_type, resource_id, purpose, request_id, ip, details)
  values (s.municipality_code, s.user_id, read_grant ->> 'role',
    (read_grant ->> 'organisationId')::uuid, p_citizen_id, 'read', 'citizen',
    p_citizen_id::text, p_purpose, p_request_id, p_ip,
    jsonb_build_object('view', 'overview', 'health', health));

  -- 6. The page.
  return jsonb_build_object(
    'status', 'ok',
    'grant', read_grant,
    'health', health,
    'citizen', person,
    'benefitPeriod', (
      select jsonb_build_object('id', b.id, 'benefitType', b.benefit_type, 'nameDa', t.name_da,
        'nameEn', t.name_en, 'startDate', b.start_date, 'endDate', b.end_date)
      from benefit_period b join benefit_type t on t.code = b.benefit_type
      where b.citizen_id = p_citizen_id and b.start_date <= current_date
        and (b.end_date is null or b.end_date >= current_date)
      order by b.start_date desc
      limit 1),
    'openReferrals', coalesce((
      select jsonb_agg(jsonb_build_object('id', r.id, 'state', r.state, 'offerTitle', f.title,
          'toOrganisationName', g.name, 'createdAt', r.created_at) order by r.created_at desc)
      from referral r
      join offer f on f.municipality_code = r.municipality_code and f.id = r.offer_id
      join organisation g on g.municipality_code = r.municipality_code and g.id = r.to_organisation_id
      where r.citizen_id = p_citizen_id
        and r.state in ('sent', 'received', 'accepted', 'waitlisted', 'enrolled', 'started')),
      '[]'::jsonb),
    'nextSessions', coalesce((
      select jsonb_agg(x.j order by x.starts_at) from (
        select cs.starts_at, jsonb_build_object('id', cs.id, 'courseTitle', k.title,
          'place', k.place, 'startsAt', cs.starts_at, 'endsAt', cs.ends_at) as j
        from enrolment e
        join course k on k.municipality_code = e.municipality_code and k.id = e.course_id
        join course_session cs on cs.municipality_code = k.municipality_code and cs.course_id = k.id
        where e.citizen_id = p_citizen_id and e.status = 'enrolled' and cs.status = 'planned'
          and cs.starts_at >= now()
        order by cs.starts_at
        limit 5) x),
      '[]'::jsonb),
    'attendance', case when health then (
      select jsonb_build_object(
        'present', count(*) filter (where a.status = 'present'),
        'absent', count(*) filter (where a.status <> 'present'))
      from enrolment e
      join attendance a on a.municipality_code = e.municipality_code and a.enrolment_id = e.id
      where e.citizen_id = p_citizen_id) end,
    'lastOutcome', case when health then (
      select jsonb_build_object('declaredFit', o.declared_fit, 'nextStep', o.next_step,
        'recordedAt', o.recorded_at)
      from course_outcome o where o.citizen_id = p_citizen_id
      order by o.recorded_at desc limit 1) end
  );
end
$$;
