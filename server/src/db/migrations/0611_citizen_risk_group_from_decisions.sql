-- One source for a citizen's risk group: the risk module's decisions (risk_decision, decided by a
-- person). citizen.risk_group, which the citizen page (hot path, 0601/0610) reads in the same row
-- as the citizen, is now kept equal to the latest decision by a trigger in the deciding
-- transaction, and uses the risk module's groups (green / orange / red) instead of 0601's
-- green / yellow / red.
alter table citizen drop constraint if exists citizen_risk_group_check;
update citizen set risk_group = 'orange' where risk_group = 'yellow';
alter table citizen add constraint citizen_risk_group_check
  check (risk_group in ('green', 'orange', 'red'));

-- The latest decision per citizen, as risk.repo.ts orders them (decided_at, then id).
update citizen c set risk_group = d.decided_group
from (
  select distinct on (municipality_code, citizen_id) municipality_code, citizen_id, decided_group
  from risk_decision
  order by municipality_code, citizen_id, decided_at desc, id desc
) d
where c.municipality_code = d.municipality_code and c.id = d.citizen_id
  and c.risk_group is distinct from d.decided_group;

create function helhed_citizen_risk_group_from_decision() returns trigger
  language plpgsql
  as $$
  begin
    update citizen set risk_group = new.decided_group
    where municipality_code = new.municipality_code and id = new.citizen_id
      and risk_group is distinct from new.decided_group
      and not exists (
        select 1 from risk_decision d
        where d.municipality_code = new.municipality_code and d.citizen_id = new.citizen_id
          and (d.decided_at, d.id) > (new.decided_at, new.id));
    return null;
  end
  $$;

create trigger risk_decision_sets_citizen_risk_group
  after insert on risk_decision
  for each row execute function helhed_citizen_risk_group_from_decision();
