-- Reminders (issue 21): an outbox in the database, written in the same transaction as the event
-- that causes it and sent by a worker with retries. A row is never deleted by sending: it ends
-- 'sent' or, after the last attempt, 'failed' (still listed), so nothing is lost. The text holds
-- no health data: it says that something waits on Min side and when, never what about.
create table reminder_outbox (
  municipality_code text not null references municipality (code),
  id uuid not null default gen_random_uuid(),
  channel text not null check (channel in ('email', 'sms')),
  recipient text not null,
  subject text not null,
  body text not null,
  kind text not null,
  citizen_id uuid,
  -- One reminder per event: sending the same form twice does not mail twice.
  dedup_key text not null,
  status text not null default 'pending' check (status in ('pending', 'sent', 'failed')),
  attempts integer not null default 0,
  next_attempt_at timestamptz not null default now(),
  last_error text,
  sent_at timestamptz,
  created_at timestamptz not null default now(),
  primary key (municipality_code, id),
  unique (municipality_code, dedup_key),
  foreign key (municipality_code, citizen_id) references citizen (municipality_code, id)
);
create index reminder_outbox_due on reminder_outbox (next_attempt_at) where status = 'pending';
select helhed_tenant_table('reminder_outbox');
