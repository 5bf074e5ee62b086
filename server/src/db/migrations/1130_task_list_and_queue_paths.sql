-- Issue 20: the read routes caseworkers use most, at national scale (decision 1130).

-- The task list's attendance flag ("two absences without notice in a row": the last two
-- recorded sessions of an enrolment by session start) is kept per enrolment as attendance is
-- written, beside the counts of migration 0700, instead of ranking every attendance row of the
-- municipality on each request. Recomputed for the enrolments a statement touched, and for the
-- enrolments of a session whose start moves (that changes which sessions are the last two).
alter table attendance_summary add column tail_absent_no_notice boolean not null default false;

create function helhed_attendance_tail(m text[], e uuid[]) returns void
  language sql
  as $$
  update attendance_summary s set tail_absent_no_notice = coalesce((
      select count(*) = 2 from (
        select a.status from attendance a
        join course_session cs on cs.municipality_code = a.municipality_code and cs.id = a.session_id
        where a.municipality_code = s.municipality_code and a.enrolment_id = s.enrolment_id
        order by cs.starts_at desc limit 2) last_two
      where last_two.status = 'absent_no_notice'), false)
  from unnest(m, e) as t(municipality_code, enrolment_id)
  where s.municipality_code = t.municipality_code and s.enrolment_id = t.enrolment_id
$$;

create function helhed_attendance_tail_changed() returns trigger
  language plpgsql
  as $$
begin
  if tg_op = 'INSERT' then
    perform helhed_attendance_tail(array_agg(municipality_code), array_agg(enrolment_id))
      from (select distinct municipality_code, enrolment_id from new_rows) x;
  elsif tg_op = 'DELETE' then
    perform helhed_attendance_tail(array_agg(municipality_code), array_agg(enrolment_id))
      from (select distinct municipality_code, enrolment_id from old_rows) x;
  else
    perform helhed_attendance_tail(array_agg(municipality_code), array_agg(enrolment_id))
      from (select municipality_code, enrolment_id from new_rows
        union select municipality_code, enrolment_id from old_rows) x;
  end if;
  return null;
end
$$;

-- Named to sort after 0700's attendance_summary_* triggers, which create the summary row.
create trigger attendance_tail_insert after insert on attendance
  referencing new table as new_rows for each statement
  execute function helhed_attendance_tail_changed();
create trigger attendance_tail_update after update on attendance
  referencing old table as old_rows new table as new_rows for each statement
  execute function helhed_attendance_tail_changed();
create trigger attendance_tail_delete after delete on attendance
  referencing old table as old_rows for each statement
  execute function helhed_attendance_tail_changed();

create function helhed_attendance_tail_session_moved() returns trigger
  language plpgsql
  as $$
begin
  perform helhed_attendance_tail(array_agg(municipality_code), array_agg(enrolment_id))
    from (select distinct a.municipality_code, a.enrolment_id
      from new_rows n join old_rows o on o.municipality_code = n.municipality_code and o.id = n.id
      join attendance a on a.municipality_code = n.municipality_code and a.session_id = n.id
      where n.starts_at is distinct from o.starts_at) x;
  return null;
end
$$;

create trigger course_session_attendance_tail after update on course_session
  referencing old table as old_rows new table as new_rows for each statement
  execute function helhed_attendance_tail_session_moved();

update attendance_summary s set tail_absent_no_notice = true
from (select municipality_code, enrolment_id from (
    select a.municipality_code, a.enrolment_id, a.status,
      row_number() over (partition by a.municipality_code, a.enrolment_id order by cs.starts_at desc) as n
    from attendance a
    join course_session cs on cs.municipality_code = a.municipality_code and cs.id = a.session_id) r
  where r.n <= 2 and r.status = 'absent_no_notice'
  group by 1, 2 having count(*) = 2) t
where s.municipality_code = t.municipality_code and s.enrolment_id = t.enrolment_id;

create index attendance_summary_tail on attendance_summary (municipality_code, enrolment_id)
  where tail_absent_no_notice;
-- The new column has no statistics yet: without them the planner reads every enrolment first.
analyze attendance_summary;

-- The screening queue's page per rule in (start_date, id) order, and its total from the index
-- alone (the id meets the screening table's anti-join); replaces benefit_period_open (its prefix).
create index benefit_period_open_queue on benefit_period (municipality_code, benefit_type, start_date, id)
  where end_date is null;
drop index benefit_period_open;

-- Citizen search: the list's order (last name, first name, id) with the searched name string of
-- citizens.repo.ts (searchName) as a key column, and what a page's ids and sort keys need, so
-- both the page and the count of the matches read this index only, with no lower() per row.
create index citizen_search on citizen (municipality_code, lower(last_name), lower(first_name), id,
  lower(first_name || ' ' || last_name || E'\n' || last_name || ' ' || first_name))
  include (first_name, last_name, birth_date, created_at);

-- The portal start page's "who may act for me" reads proxy grants by citizen.
create index proxy_grant_citizen on proxy_grant (municipality_code, citizen_id);
