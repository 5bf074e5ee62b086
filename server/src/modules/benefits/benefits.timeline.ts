import { sql } from 'kysely';
import type { TimelineRow, TimelineSource } from '../timeline/timeline.registry.js';

const reasons = sql`case p.end_reason when 'job' then 'job' when 'education' then 'uddannelse'
  when 'declared_fit' then 'raskmeldt' when 'early_retirement' then 'førtidspension'
  when 'moved' then 'fraflyttet' when 'death' then 'død' else 'andet' end`;
const reasonsEn = sql`case p.end_reason when 'job' then 'job' when 'education' then 'education'
  when 'declared_fit' then 'declared fit' when 'early_retirement' then 'early retirement pension'
  when 'moved' then 'moved away' when 'death' then 'death' else 'other' end`;

/** Registered with the timeline in modules/index.ts. */
export const benefitTimeline: TimelineSource = {
  name: 'benefit_period',
  query: (m, citizenId) => sql<TimelineRow>`
    select p.start_date::timestamptz as occurred_at, 'benefit_started' as kind,
      'Ydelsesforløb startet: ' || t.name_da as title,
      case when p.source = 'import' then 'Indlæst fra fagsystem' else null end as detail,
      'Benefit period started: ' || t.name_en as title_en,
      case when p.source = 'import' then 'Imported from the case system' else null end as detail_en,
      p.id::text as ref_id
    from benefit_period p join benefit_type t on t.code = p.benefit_type
    where p.municipality_code = ${m} and p.citizen_id = ${citizenId}
    union all
    select p.end_date::timestamptz, 'benefit_ended', 'Ydelsesforløb afsluttet: ' || t.name_da,
      'Ophørsårsag: ' || ${reasons}, 'Benefit period ended: ' || t.name_en,
      'Reason: ' || ${reasonsEn}, p.id::text
    from benefit_period p join benefit_type t on t.code = p.benefit_type
    where p.municipality_code = ${m} and p.citizen_id = ${citizenId} and p.end_date is not null`,
};
