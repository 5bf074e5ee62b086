-- Offers once seeded with English theme codes ('diet', 'exercise', 'mental_health', ...) while
-- the catalogue and the health profile use the Danish codes ('kost', 'motion', ...): such an
-- offer never covered a theme, and the dashboard listed covered themes as catalogue gaps.
-- Translate the English codes in place; Danish codes are left as they are.
update offer set themes = array(
  select distinct case t
    when 'diet' then 'kost'
    when 'smoking' then 'rygning'
    when 'alcohol' then 'alkohol'
    when 'exercise' then 'motion'
    when 'substance_abuse' then 'misbrug'
    when 'mental_health' then 'psykisk_helbred'
    else t end
  from unnest(themes) as t)
where themes && array['diet', 'smoking', 'alcohol', 'exercise', 'substance_abuse', 'mental_health']::text[];
