-- Every insert into a table with a foreign key takes FOR KEY SHARE on the referenced row. For
-- audit_event that row is the municipality's: every audited request of a municipality would
-- lock the same row (concurrent lockers make multixacts), which is the per-municipality lock
-- the hot path must not have (docs/decisions/0600-hot-path.md). The audit log is written only
-- by platform code with the actor's own municipality, and municipality codes are never
-- deleted, so the key adds no protection there.
alter table audit_event drop constraint if exists audit_event_municipality_code_fkey;
