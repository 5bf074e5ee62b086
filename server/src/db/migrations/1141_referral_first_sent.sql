-- Evaluation: each referral's first "sent" kept on the referral row (decision 1141), so the
-- dashboard's waiting-time table reads one row per referral instead of every referral event of
-- the municipality (446,000 events for København's 89,000 referrals on the national seed).
-- first_sent_at = min(occurred_at) of the referral's events with to_state = 'sent', null when it
-- has none. Kept by statement triggers on referral_event, in the same transaction as the write,
-- whichever module writes it. A bulk load with triggers off (session_replication_role =
-- replica, the national seed) sets it afterwards, as this migration's backfill does.

alter table referral add column first_sent_at timestamptz;

-- Events are appended: an insert can only move the first "sent" earlier.
create function helhed_referral_first_sent_inserted() returns trigger
  language plpgsql
  as $$
begin
  update referral r set first_sent_at = n.sent_at
  from (select municipality_code, referral_id, min(occurred_at) as sent_at
    from new_rows where to_state = 'sent' group by 1, 2) n
  where r.municipality_code = n.municipality_code and r.id = n.referral_id
    and (r.first_sent_at is null or r.first_sent_at > n.sent_at);
  return null;
end
$$;

-- A changed or removed event (no module does either today) recounts its referrals from the events.
create function helhed_referral_first_sent_updated() returns trigger
  language plpgsql
  as $$
begin
  update referral r set first_sent_at = (select min(e.occurred_at) from referral_event e
      where e.municipality_code = r.municipality_code and e.referral_id = r.id and e.to_state = 'sent')
  from (select municipality_code, referral_id from old_rows
    union select municipality_code, referral_id from new_rows) x
  where r.municipality_code = x.municipality_code and r.id = x.referral_id;
  return null;
end
$$;

create function helhed_referral_first_sent_deleted() returns trigger
  language plpgsql
  as $$
begin
  update referral r set first_sent_at = (select min(e.occurred_at) from referral_event e
      where e.municipality_code = r.municipality_code and e.referral_id = r.id and e.to_state = 'sent')
  from (select distinct municipality_code, referral_id from old_rows) x
  where r.municipality_code = x.municipality_code and r.id = x.referral_id;
  return null;
end
$$;

create trigger referral_first_sent_insert after insert on referral_event
  referencing new table as new_rows for each statement
  execute function helhed_referral_first_sent_inserted();
create trigger referral_first_sent_update after update on referral_event
  referencing old table as old_rows new table as new_rows for each statement
  execute function helhed_referral_first_sent_updated();
create trigger referral_first_sent_delete after delete on referral_event
  referencing old table as old_rows for each statement
  execute function helhed_referral_first_sent_deleted();

-- One set-based backfill.
update referral r set first_sent_at = s.sent_at
from (select municipality_code, referral_id, min(occurred_at) as sent_at
  from referral_event where to_state = 'sent' group by 1, 2) s
where r.municipality_code = s.municipality_code and r.id = s.referral_id;
