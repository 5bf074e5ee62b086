import { type RawBuilder, sql } from 'kysely';
import type { Tx } from '../../platform/context.js';

export interface OfferRow {
  id: string;
  municipality_code: string;
  provider_organisation_id: string;
  provider_name: string;
  title: string;
  description: string;
  kind: string;
  themes: string[];
  target_groups: string[];
  benefit_types: string[];
  referral_type: 'referred' | 'open';
  format: 'group' | 'individual';
  weeks: number | null;
  hours_per_week: string | number | null;
  days_per_week: number | null;
  place_name: string | null;
  address: string | null;
  postal_code: string | null;
  capacity: number | null;
  free_places: number | null;
  profession: string | null;
  cost_per_participant: string | number | null;
  intro_meeting: string | null;
  intro_required: boolean;
  mandatory_activation: boolean;
  min_hours_per_week: string | number | null;
  min_days_per_week: number | null;
  continue_after_work_weeks: number | null;
  languages: string[];
  accessibility: string | null;
  contact: string | null;
  status: 'draft' | 'published' | 'paused' | 'closed';
  next_start: string | null;
}

/**
 * Free places: capacity minus citizens enrolled on the offer's planned or running courses.
 * An offer without a capacity has room (null).
 */
const offerColumns = sql`
  o.id, o.municipality_code, o.provider_organisation_id, org.name as provider_name, o.title,
  o.description, o.kind, o.themes, o.target_groups, o.benefit_types, o.referral_type, o.format,
  o.weeks, o.hours_per_week, o.days_per_week, o.place_name, o.address, o.postal_code, o.capacity,
  case when o.capacity is null then null else greatest(o.capacity - coalesce(taken.n, 0), 0)::int end as free_places,
  o.profession, o.cost_per_participant, o.intro_meeting, o.intro_required,
  o.mandatory_activation, o.min_hours_per_week, o.min_days_per_week, o.continue_after_work_weeks, o.languages, o.accessibility, o.contact,
  o.status, to_char(o.next_start, 'YYYY-MM-DD') as next_start`;

const offerFrom = sql`
  from offer o
  join organisation org on org.municipality_code = o.municipality_code and org.id = o.provider_organisation_id
  left join lateral (
    select count(*)::int as n from enrolment e
    join course k on k.municipality_code = e.municipality_code and k.id = e.course_id
    where k.municipality_code = o.municipality_code and k.offer_id = o.id
      and k.status in ('planned', 'running') and e.status = 'enrolled'
  ) taken on true`;

export async function findOffer(tx: Tx, id: string): Promise<OfferRow | undefined> {
  const { rows } =
    await sql<OfferRow>`select ${offerColumns} ${offerFrom} where o.id = ${id}`.execute(tx);
  return rows[0];
}

/**
 * Turns what a user types into a Danish prefix tsquery: each word becomes `word:*` (stemmed by
 * the danish config, so "motionere" is looked up as "motion"), all words must match. Only
 * letters and digits survive, so the text cannot inject tsquery syntax. Empty → null.
 */
export function prefixQuery(text: string | undefined): string | null {
  const words = (text ?? '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, 8);
  return words.length ? words.map((w) => `${w}:*`).join(' & ') : null;
}

export interface SearchFilter {
  query: string | null;
  themes?: string[];
  kind?: string;
  targetGroup?: string;
  referralType?: string;
  format?: string;
  providerId?: string;
  startsWithinWeeks?: number;
  freePlaces?: boolean;
  /** Which statuses are visible: published only, or also these organisations' own offers. */
  visibility: { all: true } | { publishedOr: string[] };
  status?: string;
  sort: 'relevance' | 'next_start';
  limit: number;
  offset: number;
  today: string;
}

function conditions(f: SearchFilter): RawBuilder<unknown>[] {
  // A direct @@ lets PostgreSQL use the GIN index (an "or no query" form would not). A query of
  // Danish stop words only ("og") matches nothing; without text there is no text condition.
  const where: RawBuilder<unknown>[] = f.query
    ? [sql`o.search_vector @@ to_tsquery('danish', ${f.query})`]
    : [sql`true`];
  if ('publishedOr' in f.visibility) {
    const orgs = f.visibility.publishedOr;
    where.push(
      orgs.length
        ? sql`(o.status = 'published' or o.provider_organisation_id = any(${orgs}::uuid[]))`
        : sql`o.status = 'published'`,
    );
  }
  if (f.status) where.push(sql`o.status = ${f.status}`);
  if (f.themes?.length) where.push(sql`o.themes && ${f.themes}::text[]`);
  if (f.kind) where.push(sql`o.kind = ${f.kind}`);
  if (f.targetGroup) where.push(sql`${f.targetGroup} = any(o.target_groups)`);
  if (f.referralType) where.push(sql`o.referral_type = ${f.referralType}`);
  if (f.format) where.push(sql`o.format = ${f.format}`);
  if (f.providerId) where.push(sql`o.provider_organisation_id = ${f.providerId}`);
  if (f.startsWithinWeeks !== undefined) {
    where.push(
      sql`o.next_start between ${f.today}::date and ${f.today}::date + ${f.startsWithinWeeks * 7}::int`,
    );
  }
  if (f.freePlaces) {
    where.push(sql`(o.capacity is null or o.capacity > (
      select count(*) from enrolment e
      join course k on k.municipality_code = e.municipality_code and k.id = e.course_id
      where k.municipality_code = o.municipality_code and k.offer_id = o.id
        and k.status in ('planned', 'running') and e.status = 'enrolled'))`);
  }
  return where;
}

/**
 * One statement: the matching offers (hits) once, then the page of items, the total and the
 * facet counts from them. Free places are counted only for the page (and as a filter when
 * asked), not for every hit. One round trip keeps the search well under 50 ms (bench:search).
 */
export async function searchOffers(tx: Tx, f: SearchFilter) {
  const where = sql.join(conditions(f), sql` and `);
  const order =
    f.sort === 'next_start'
      ? sql`h.next_start asc nulls last, h.title, h.id`
      : sql`h.rank desc, h.next_start asc nulls last, h.title, h.id`;
  const { rows } = await sql<
    OfferRow & {
      rank: number | null;
      total: number;
      facets: { facet: string; value: string; n: number }[] | null;
    }
  >`
    with hits as materialized (
      select o.id, o.title, o.next_start, o.themes, o.kind, o.target_groups, o.referral_type, o.format,
        o.provider_organisation_id,
        ${f.query ? sql`ts_rank(o.search_vector, to_tsquery('danish', ${f.query}))` : sql`0::real`} as rank
      from offer o
      where ${where}
    ),
    page as (
      select h.id, h.rank, row_number() over (order by ${order}) as ord
      from hits h order by ${order} limit ${f.limit} offset ${f.offset}
    ),
    facet_rows as (
      select 'theme' as facet, t as value, count(*)::int as n from hits, unnest(themes) t group by t
      union all
      select 'kind', kind, count(*)::int from hits group by kind
      union all
      select 'targetGroup', g, count(*)::int from hits, unnest(target_groups) g group by g
      union all
      select 'referralType', referral_type, count(*)::int from hits group by referral_type
      union all
      select 'format', format, count(*)::int from hits group by format
      union all
      select 'provider', h.provider_organisation_id::text || '|' || min(org.name), count(*)::int
      from hits h join organisation org on org.id = h.provider_organisation_id
      group by h.provider_organisation_id
    ),
    meta as (
      select (select count(*) from hits)::int as total,
        (select json_agg(json_build_object('facet', facet, 'value', value, 'n', n)) from facet_rows) as facets
    )
    select meta.total, meta.facets, items.*
    from meta left join lateral (
      select ${offerColumns}, p.rank, p.ord
      ${offerFrom}
      join page p on p.id = o.id
    ) items on true
    order by items.ord`.execute(tx);
  const first = rows[0];
  return {
    rows: rows.filter((r) => r.id !== null),
    total: Number(first?.total ?? 0),
    facets: first?.facets ?? [],
  };
}

export async function organisationType(tx: Tx, id: string): Promise<string | undefined> {
  const { rows } = await sql<{
    type: string;
  }>`select type from organisation where id = ${id}`.execute(tx);
  return rows[0]?.type;
}

/** Published offers with the fields matching needs (the catalogue of one municipality). */
export async function publishedOffers(tx: Tx): Promise<OfferRow[]> {
  const { rows } = await sql<OfferRow>`select ${offerColumns} ${offerFrom}
    where o.status = 'published' order by o.title, o.id`.execute(tx);
  return rows;
}

const columnOf: Record<string, string> = {
  providerOrganisationId: 'provider_organisation_id',
  title: 'title',
  description: 'description',
  kind: 'kind',
  themes: 'themes',
  targetGroups: 'target_groups',
  benefitTypes: 'benefit_types',
  referralType: 'referral_type',
  format: 'format',
  weeks: 'weeks',
  hoursPerWeek: 'hours_per_week',
  daysPerWeek: 'days_per_week',
  placeName: 'place_name',
  address: 'address',
  capacity: 'capacity',
  profession: 'profession',
  costPerParticipant: 'cost_per_participant',
  introMeeting: 'intro_meeting',
  introRequired: 'intro_required',
  mandatoryActivation: 'mandatory_activation',
  minHoursPerWeek: 'min_hours_per_week',
  minDaysPerWeek: 'min_days_per_week',
  continueAfterWorkWeeks: 'continue_after_work_weeks',
  languages: 'languages',
  accessibility: 'accessibility',
  contact: 'contact',
  status: 'status',
  nextStart: 'next_start',
};
const arrayColumns = new Set(['themes', 'target_groups', 'benefit_types', 'languages']);

function valueFor(column: string, v: unknown) {
  return arrayColumns.has(column) ? sql`${v as string[]}::text[]` : sql`${v}`;
}

export async function insertOffer(
  tx: Tx,
  municipalityCode: string,
  input: Record<string, unknown>,
): Promise<string> {
  const entries = Object.entries(input).filter(([k, v]) => columnOf[k] && v !== undefined);
  const cols = entries.map(([k]) => sql.ref(columnOf[k]!));
  const vals = entries.map(([k, v]) => valueFor(columnOf[k]!, v));
  const { rows } = await sql<{ id: string }>`
    insert into offer (municipality_code, ${sql.join(cols)})
    values (${municipalityCode}, ${sql.join(vals)}) returning id`.execute(tx);
  return rows[0]!.id;
}

export async function updateOffer(
  tx: Tx,
  id: string,
  patch: Record<string, unknown>,
): Promise<void> {
  const sets = Object.entries(patch)
    .filter(([k, v]) => columnOf[k] && v !== undefined)
    .map(([k, v]) => sql`${sql.ref(columnOf[k]!)} = ${valueFor(columnOf[k]!, v)}`);
  // The address may have changed: let the trigger derive the postal code again.
  await sql`update offer set ${sql.join([...sets, sql`postal_code = null`, sql`updated_at = now()`])}
    where id = ${id}`.execute(tx);
}

export async function municipalityName(tx: Tx, code: string): Promise<string | undefined> {
  const { rows } = await sql<{
    name: string;
  }>`select name from municipality where code = ${code}`.execute(tx);
  return rows[0]?.name;
}
