import { sql } from 'kysely';
import type { TimelineRow, TimelineSource } from '../timeline/timeline.registry.js';

const recommendation = sql`case s.overall_recommendation when 'course' then 'forløb/kursus'
  when 'further_clarification' then 'yderligere afklaring' else 'ingen indsats' end`;
const recommendationEn = sql`case s.overall_recommendation when 'course' then 'course'
  when 'further_clarification' then 'further clarification' else 'no intervention' end`;

/** Registered with the timeline in modules/index.ts. */
export const screeningTimeline: TimelineSource = {
  name: 'screening',
  query: (m, citizenId) => sql<TimelineRow>`
    select coalesce(s.completed_at, s.updated_at) as occurred_at,
      case s.status when 'screened' then 'screening_completed' when 'not_relevant' then 'screening_not_relevant'
        when 'booked' then 'screening_booked' else 'screening_to_do' end as kind,
      case s.status
        when 'screened' then 'Screening gennemført – anbefaling: ' || ${recommendation}
        when 'not_relevant' then 'Screening ikke relevant'
        when 'booked' then 'Screening booket (uge ' || s.week_number || ')'
        else 'Screening til behandling (uge ' || s.week_number || ')' end as title,
      case s.status
        when 'screened' then concat_ws(' · ', s.recommendation_note,
          (select 'Fagligheder: ' || string_agg(case f.discipline when 'social' then 'social'
              when 'psychological' then 'psykologisk' else 'fysisk' end, ', '
              order by array_position(array['social', 'psychological', 'physical'], f.discipline))
           from screening_finding f where f.municipality_code = s.municipality_code and f.screening_id = s.id))
        when 'not_relevant' then s.status_reason
        else null end as detail,
      case s.status
        when 'screened' then 'Screening completed – recommendation: ' || ${recommendationEn}
        when 'not_relevant' then 'Screening not relevant'
        when 'booked' then 'Screening booked (week ' || s.week_number || ')'
        else 'Screening to do (week ' || s.week_number || ')' end as title_en,
      case s.status
        when 'screened' then concat_ws(' · ', s.recommendation_note,
          (select 'Disciplines: ' || string_agg(case f.discipline when 'social' then 'social'
              when 'psychological' then 'psychological' else 'physical' end, ', '
              order by array_position(array['social', 'psychological', 'physical'], f.discipline))
           from screening_finding f where f.municipality_code = s.municipality_code and f.screening_id = s.id))
        when 'not_relevant' then s.status_reason
        else null end as detail_en,
      s.id::text as ref_id
    from screening s where s.municipality_code = ${m} and s.citizen_id = ${citizenId}`,
};
