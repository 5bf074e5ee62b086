-- Evaluation: attendance counted per enrolment as it is written, so the dashboard reads one row
-- per enrolment instead of every attendance row of the municipality (160,000 rows for 50,000
-- citizens). Kept by statement triggers on attendance, in the same transaction as the write,
-- whichever module writes it. A bulk load with triggers off (session_replication_role =
-- replica, the national seed) rebuilds it afterwards.

create table attendance_summary (
  municipality_code text not null,
  enrolment_id uuid not null,
  present integer not null default 0,
  absent_notice integer not null default 0,
  absent_no_notice integer not null default 0,
  sick integer not null default 0,
  primary key (municipality_code, enrolment_id),
  foreign key (municipality_code, enrolment_id) references enrolment (municipality_code, id)
    on delete cascade
);
select helhed_tenant_table('attendance_summary');

create function helhed_attendance_summary_inserted() returns trigger
  language plpgsql
  as $$
begin
  insert into attendance_summary as s (municipality_code, enrolment_id, present, absent_notice, absent_no_notice, sick)
  select n.municipality_code, n.enrolment_id,
    count(*) filter (where n.status = 'present'),
    count(*) filter (where n.status = 'absent_notice'),
    count(*) filter (where n.status = 'absent_no_notice'),
    count(*) filter (where n.status = 'sick')
  from new_rows n group by 1, 2
  on conflict (municipality_code, enrolment_id) do update set
    present = s.present + excluded.present,
    absent_notice = s.absent_notice + excluded.absent_notice,
    absent_no_notice = s.absent_no_notice + excluded.absent_no_notice,
    sick = s.sick + excluded.sick;
  return null;
end
$$;

create function helhed_attendance_summary_deleted() returns trigger
  language plpgsql
  as $$
begin
  update attendance_summary s set
    present = s.present - d.present,
    absent_notice = s.absent_notice - d.absent_notice,
    absent_no_notice = s.absent_no_notice - d.absent_no_notice,
    sick = s.sick - d.sick
  from (select o.municipality_code, o.enrolment_id,
      count(*) filter (where o.status = 'present') as present,
      count(*) filter (where o.status = 'absent_notice') as absent_notice,
      count(*) filter (where o.status = 'absent_no_notice') as absent_no_notice,
      count(*) filter (where o.status = 'sick') as sick
    from old_rows o group by 1, 2) d
  where s.municipality_code = d.municipality_code and s.enrolment_id = d.enrolment_id;
  return null;
end
$$;

create function helhed_attendance_summary_updated() returns trigger
  language plpgsql
  as $$
begin
  -- Old rows out, new rows in, netted per enrolment in one upsert.
  insert into attendance_summary as s (municipality_code, enrolment_id, present, absent_notice, absent_no_notice, sick)
  select x.municipality_code, x.enrolment_id,
    coalesce(sum(x.sign) filter (where x.status = 'present'), 0),
    coalesce(sum(x.sign) filter (where x.status = 'absent_notice'), 0),
    coalesce(sum(x.sign) filter (where x.status = 'absent_no_notice'), 0),
    coalesce(sum(x.sign) filter (where x.status = 'sick'), 0)
  from (select municipality_code, enrolment_id, status, -1 as sign from old_rows
    union all select municipality_code, enrolment_id, status, 1 from new_rows) x
  group by 1, 2
  on conflict (municipality_code, enrolment_id) do update set
    present = s.present + excluded.present,
    absent_notice = s.absent_notice + excluded.absent_notice,
    absent_no_notice = s.absent_no_notice + excluded.absent_no_notice,
    sick = s.sick + excluded.sick;
  return null;
end
$$;

create trigger attendance_summary_insert after insert on attendance
  referencing new table as new_rows for each statement
  execute function helhed_attendance_summary_inserted();
create trigger attendance_summary_update after update on attendance
  referencing old table as old_rows new table as new_rows for each statement
  execute function helhed_attendance_summary_updated();
create trigger attendance_summary_delete after delete on attendance
  referencing old table as old_rows for each statement
  execute function helhed_attendance_summary_deleted();

insert into attendance_summary (municipality_code, enrolment_id, present, absent_notice, absent_no_notice, sick)
select municipality_code, enrolment_id,
  count(*) filter (where status = 'present'),
  count(*) filter (where status = 'absent_notice'),
  count(*) filter (where status = 'absent_no_notice'),
  count(*) filter (where status = 'sick')
from attendance group by 1, 2;
