-- Randers and Rebild (seed 001, "Privat aktør"): a private actor that runs an activation project
-- buys the health part from the municipal health department, which becomes its subcontractor.
-- A place purchase is the buyer's order for a number of places on one of the health department's
-- courses; the health department accepts or declines it. The buyer places citizens it holds a
-- referral for on the bought places: the enrolment names the purchase, the referral stays the
-- buyer's. Decision 1100.
create table place_purchase (
  municipality_code text not null,
  id uuid not null default gen_random_uuid(),
  buyer_organisation_id uuid not null,
  seller_organisation_id uuid not null,
  course_id uuid not null,
  places integer not null check (places between 1 and 200),
  note text not null default '' check (length(note) <= 2000),
  status text not null default 'requested'
    check (status in ('requested', 'accepted', 'declined', 'cancelled')),
  decision_reason text check (length(decision_reason) <= 2000),
  decided_by uuid references app_user (id),
  decided_at timestamptz,
  created_by uuid not null references app_user (id),
  created_at timestamptz not null default now(),
  primary key (municipality_code, id),
  foreign key (municipality_code, buyer_organisation_id) references organisation (municipality_code, id),
  foreign key (municipality_code, seller_organisation_id) references organisation (municipality_code, id),
  foreign key (municipality_code, course_id) references course (municipality_code, id),
  -- A subcontract is between two organisations.
  check (buyer_organisation_id <> seller_organisation_id),
  check (status <> 'declined' or decision_reason is not null)
);
create index place_purchase_buyer on place_purchase (municipality_code, buyer_organisation_id, created_at);
create index place_purchase_seller on place_purchase (municipality_code, seller_organisation_id, created_at);
select helhed_tenant_table('place_purchase');

-- The bought place a citizen holds (null: an ordinary place on the course).
alter table enrolment add column place_purchase_id uuid;
alter table enrolment add foreign key (municipality_code, place_purchase_id)
  references place_purchase (municipality_code, id);
create index enrolment_place_purchase on enrolment (municipality_code, place_purchase_id)
  where place_purchase_id is not null;

-- Which side recorded the outcome (the seller running the course, or the buyer): shown to both.
alter table course_outcome add column recorded_by_organisation_id uuid;
alter table course_outcome add foreign key (municipality_code, recorded_by_organisation_id)
  references organisation (municipality_code, id);
