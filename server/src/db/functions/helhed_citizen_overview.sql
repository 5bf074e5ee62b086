-- The caseworker's citizen page in one statement (docs/decisions/0600-hot-path.md); how it
-- decides and why it is shaped this way: migrations 0601 (first version, with the helpers
-- helhed_policy_grant, helhed_rule_needs and helhed_consent_holders it falls back to) and 0610
-- (the fast path). The current definition lives here only (decision 0850).
--
-- The citizen page in fewer statements (docs/decisions/0600-hot-path.md, "Second round").
--
-- Measured per call on the national data set (pg_stat_statements, track = all): the 0601
-- function ran ~15 statements and ~7 nested PL/pgSQL calls (rule checks, consent holders,
-- policy grant), and that interpretation cost as much as the reads. This version:
--   * reads session, user and grants in ONE statement and digests the two rules per grant there
--     (which scopes each role has), so the refusal of a role without the action and the common
--     decisions need no further statement;
--   * decides the read grant directly when the first grant (in lookupSession's order) has an
--     always-true scope ('any' or 'municipality'), which is exactly what helhed_policy_grant()
--     returns then; the health decision directly when some grant has such a scope, or with one
--     consent query when the deciding scope is 'consent';
--   * falls back to the 0601 helpers (helhed_policy_grant and friends) for every other case
--     ('organisation', 'self', mixed grants), so the result is the same for every role; the
--     policy equivalence test covers both paths;
--   * reads the citizen and the current benefit period in one statement.
-- Session rules, tenant, RLS, the audit row and the page are unchanged.
--
-- Issue 16: the page opens with this one request, so it also answers what the page's first view
-- shows and offers: p_page_rules holds the rules of the page's other actions ({action: {allow}}),
-- and the function returns which of them the reader's grants allow on this citizen
-- ('allowed', sent to the web as allowedActions), every benefit period (when 'benefit.read' is
-- allowed) and the latest risk decision (when 'risk.read' is). The service refuses at start a
-- page rule with an 'organisation' or 'consent' scope, so the grants alone decide them here.

drop function if exists helhed_citizen_overview(text, uuid, integer, jsonb, jsonb, text, text, text);

create or replace function helhed_citizen_overview(
  p_token_hash text,
  p_citizen_id uuid,
  p_idle_minutes integer,
  p_read_rule jsonb,
  p_health_rule jsonb,
  p_page_rules jsonb,
  p_purpose text,
  p_request_id text,
  p_ip text
) returns jsonb
  language plpgsql volatile
  set plan_cache_mode = force_generic_plan
  as $$
declare
  s record;
  read_grant jsonb;
  page jsonb;
  health boolean;
  linked uuid[] := array[]::uuid[];
  consented uuid[] := array[]::uuid[];
  -- Purpose limitation (decision 0801): a reader whose health read rests on its organisation
  -- (health and provider staff) sees attendance and outcomes of its own organisations' courses
  -- only, never another organisation's course under another referral. Null: no such limit (the
  -- citizen's own page, or a reader under consent or with a municipality-wide scope).
  course_orgs uuid[];
  -- The page's actions and sections the reader's grants allow on this citizen.
  allowed jsonb;
begin
  -- 1. Session (the same conditions as lookupSession()) and the user's grants in the order
  --    lookupSession gives them, with each grant's scopes under the two rules.
  select u.id as user_id, u.kind, u.municipality_code, u.citizen_id,
    s0.last_seen_at < now() - make_interval(mins => p_idle_minutes) as idle,
    s0.last_seen_at < now() - interval '60 seconds' as touch,
    g.grants, g.may_attempt, g.first_read_always, g.health_always, g.health_consent_orgs,
    g.needs_general
  into s
  from user_session s0
  join app_user u on u.id = s0.user_id
  cross join lateral (
    select coalesce(jsonb_agg(jsonb_build_object('role', x.role, 'organisationId', x.organisation_id)
        order by x.role, x.org_name, x.organisation_id), '[]'::jsonb) as grants,
      coalesce(bool_or(cardinality(x.read_scopes) > 0), false) as may_attempt,
      coalesce((array_agg(x.read_scopes && array['any', 'municipality'] order by x.role, x.org_name, x.organisation_id))[1],
        false) as first_read_always,
      coalesce(bool_or(x.health_scopes && array['any', 'municipality']), false) as health_always,
      array_remove(array_agg(case when 'consent' = any(x.health_scopes) then x.organisation_id end),
        null) as health_consent_orgs,
      coalesce(bool_or(x.health_scopes && array['organisation', 'self']), false) as needs_general
    from (
      select r.role, r.organisation_id, o.name as org_name,
        case jsonb_typeof(p_read_rule -> 'allow' -> r.role)
          when 'string' then array[p_read_rule -> 'allow' ->> r.role]
          when 'array' then array(select jsonb_array_elements_text(p_read_rule -> 'allow' -> r.role))
          else array[]::text[] end as read_scopes,
        case jsonb_typeof(p_health_rule -> 'allow' -> r.role)
          when 'string' then array[p_health_rule -> 'allow' ->> r.role]
          when 'array' then array(select jsonb_array_elements_text(p_health_rule -> 'allow' -> r.role))
          else array[]::text[] end as health_scopes
      from user_role r
      left join organisation o on o.municipality_code = r.municipality_code and o.id = r.organisation_id
      where r.user_id = u.id and r.municipality_code = u.municipality_code
    ) x
  ) g
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
  -- A role without the action is refused before any row is looked at (mayAttempt()).
  -- The platform operator is outside every municipality: a citizen does not exist for it.
  if not s.may_attempt then
    return jsonb_build_object('status',
      case when s.kind = 'operator' then 'not_found' else 'forbidden' end);
  end if;

  -- 2. Tenant: from here on the statement runs as helhed_app under row-level security.
  perform set_config('app.municipality_code', s.municipality_code, true),
    set_config('role', 'helhed_app', true);

  -- 3. Policy: directly where the answer is certain, else as 0601 did. (A citizen that is not
  --    there or not visible under RLS gets no grant from the helpers and no page below.)
  if s.first_read_always then
    read_grant := s.grants -> 0;
  else
    if helhed_rule_needs(p_read_rule, s.grants, 'organisation')
        or helhed_rule_needs(p_health_rule, s.grants, 'organisation') then
      linked := helhed_citizen_organisations(s.municipality_code, p_citizen_id);
    end if;
    if helhed_rule_needs(p_read_rule, s.grants, 'consent') then
      consented := helhed_consent_holders(s.municipality_code, p_citizen_id,
        p_read_rule ->> 'consentCategory');
    end if;
    read_grant := helhed_policy_grant(p_read_rule, s.grants, s.citizen_id, p_citizen_id, linked,
      consented);
    if read_grant is null then
      return jsonb_build_object('status', 'not_found');
    end if;
  end if;
  if s.health_always then
    health := true;
  elsif s.needs_general then
    if cardinality(linked) = 0 then
      linked := helhed_citizen_organisations(s.municipality_code, p_citizen_id);
    end if;
    consented := array[]::uuid[];
    if helhed_rule_needs(p_health_rule, s.grants, 'consent') then
      consented := helhed_consent_holders(s.municipality_code, p_citizen_id,
        p_health_rule ->> 'consentCategory');
    end if;
    health := helhed_policy_grant(p_health_rule, s.grants, s.citizen_id, p_citizen_id, linked,
      consented) is not null;
  elsif cardinality(s.health_consent_orgs) > 0 then
    health := exists (
      select 1 from consent k
      where k.municipality_code = s.municipality_code and k.citizen_id = p_citizen_id
        and k.status = 'given' and k.withdrawn_at is null
        and (p_health_rule ->> 'consentCategory') = any(k.categories)
        and k.valid_from <= current_date and (k.valid_to is null or k.valid_to >= current_date)
        and k.recipient_organisation_id = any(s.health_consent_orgs));
  else
    health := false;
  end if;

  if health and not s.health_always and s.citizen_id is distinct from p_citizen_id then
    select array_agg((g ->> 'organisationId')::uuid) into course_orgs
    from jsonb_array_elements(s.grants) g
    where (p_health_rule -> 'allow' -> (g ->> 'role')) @> '"organisation"'::jsonb
      and g ->> 'organisationId' is not null;
  end if;

  -- 4b. The page's other actions: a grant allows one when its role's scope is 'any' or
  --     'municipality' (the row is of the reader's municipality: it was found under RLS), or
  --     'self' on the reader's own citizen, as permits() decides these scopes.
  select coalesce(jsonb_agg(a.key order by a.key), '[]'::jsonb) into allowed
  from jsonb_each(p_page_rules) a
  where exists (
    select 1 from jsonb_array_elements(s.grants) g
    where a.value -> 'allow' -> (g ->> 'role') ?| array['any', 'municipality']
      or (s.citizen_id = p_citizen_id and a.value -> 'allow' -> (g ->> 'role') ? 'self'));

  -- 4. The page's data (helhed_citizen_overview_page, which bench:page's bare twin runs too),
  --    under RLS: null when the citizen is not there or not in this municipality.
  page := helhed_citizen_overview_page(s.municipality_code, p_citizen_id, health, course_orgs,
    allowed ? 'benefit.read', allowed ? 'risk.read');
  if page is null then
    return jsonb_build_object('status', 'not_found');
  end if;

  -- 5. The one audit row (only for a page that is shown); the sealer chains it after commit.
  insert into audit_event (municipality_code, actor_user_id, actor_role, actor_organisation_id,
    citizen_id, action, resource_type, resource_id, purpose, request_id, ip, details)
  values (s.municipality_code, s.user_id, read_grant ->> 'role',
    (read_grant ->> 'organisationId')::uuid, p_citizen_id, 'read', 'citizen',
    p_citizen_id::text, p_purpose, p_request_id, p_ip,
    jsonb_build_object('view', 'overview', 'health', health,
      'benefitPeriods', allowed ? 'benefit.read', 'riskDecision', allowed ? 'risk.read'));

  return jsonb_build_object('status', 'ok', 'grant', read_grant, 'health', health,
    'allowed', allowed) || page;
end
$$;
