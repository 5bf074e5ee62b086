import { sql } from 'kysely';
import type { TimelineRow, TimelineSource } from '../timeline/timeline.registry.js';

const label = (col: string) =>
  sql`case ${sql.ref(col)} when 'green' then 'grøn' when 'orange' then 'orange' else 'rød' end`;
const labelEn = (col: string) =>
  sql`case ${sql.ref(col)} when 'green' then 'green' when 'orange' then 'orange' else 'red' end`;

/** Registered with the timeline in modules/index.ts. */
export const riskTimeline: TimelineSource = {
  name: 'risk_decision',
  query: (m, citizenId) => sql<TimelineRow>`
    select d.decided_at as occurred_at, 'risk_decision' as kind,
      case when d.overridden
        then 'Risikogruppe besluttet: ' || ${label('d.decided_group')} || ' (forslaget var ' || ${label('d.suggested_group')} || ')'
        else 'Risikogruppe bekræftet: ' || ${label('d.decided_group')} end as title,
      case when d.overridden then 'Begrundelse: ' || d.reason else d.reason end as detail,
      case when d.overridden
        then 'Risk group decided: ' || ${labelEn('d.decided_group')} || ' (the suggestion was ' || ${labelEn('d.suggested_group')} || ')'
        else 'Risk group confirmed: ' || ${labelEn('d.decided_group')} end as title_en,
      case when d.overridden then 'Reason: ' || d.reason else d.reason end as detail_en,
      d.id::text as ref_id
    from risk_decision d where d.municipality_code = ${m} and d.citizen_id = ${citizenId}`,
};
