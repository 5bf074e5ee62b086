/**
 * The citizen timeline is a union of sources that modules register. A source is one SQL select
 * returning (occurred_at timestamptz, kind text, title text, detail text, title_en text,
 * detail_en text, ref_id text) for a citizen — title and detail in Danish and in English (text a
 * person typed, such as a reason, is the same in both); it runs inside the reader's tenant
 * transaction, so RLS applies. To add entries (health profiles, referrals, courses, outcomes…),
 * export a TimelineSource from your module's <m>.timeline.ts and list it under `timeline` in
 * your module's entry in modules/index.ts; the app registers it when it is built. The timeline
 * imports none of its sources, so a module's entries change without touching this one.
 */
import { type RawBuilder, sql } from 'kysely';

export interface TimelineRow {
  occurred_at: Date;
  kind: string;
  title: string;
  detail: string | null;
  title_en: string;
  detail_en: string | null;
  ref_id: string | null;
}

export interface TimelineSource {
  /** Unique name, e.g. 'benefit_period'. */
  name: string;
  query(municipalityCode: string, citizenId: string): RawBuilder<TimelineRow>;
}

const sources = new Map<string, TimelineSource>();

export function addTimelineSource(source: TimelineSource): void {
  sources.set(source.name, source);
}

export function timelineQuery(municipalityCode: string, citizenId: string, limit: number) {
  const parts = [...sources.values()].map((s) => sql`(${s.query(municipalityCode, citizenId)})`);
  if (parts.length === 0) return null;
  return sql<TimelineRow>`select * from (${sql.join(parts, sql` union all `)}) t
    order by occurred_at desc, kind limit ${limit}`;
}
