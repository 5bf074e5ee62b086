/**
 * The offer catalogue (tilbudskatalog): offers with provider, themes, target groups, referred or
 * open, format, place, capacity and next start; Danish full-text search with filters and facet
 * counts; a public list of open offers per municipality. Offers are not personal data, so
 * searches are not audited; changes are recorded with the editor in updated_at only.
 */

import type { Database } from '../../db/database.js';
import { type AuthedContext, hasRole, orgIds, type Tx, tenantTx } from '../../platform/context.js';
import { danishToday } from '../../platform/dates.js';
import { AppError, notFound } from '../../platform/errors.js';
import { allowedActions, authorize, permits, type RowScope } from '../../platform/policy.js';
import * as repo from './catalogue.repo.js';
import type { Offer, OfferInput, OfferSearch } from './catalogue.schema.js';

export type { OfferRow } from './catalogue.repo.js';
export { prefixQuery } from './catalogue.repo.js';

export const themeLabels: Record<string, string> = {
  kost: 'Kost',
  rygning: 'Rygning',
  alkohol: 'Alkohol',
  motion: 'Motion',
  misbrug: 'Misbrug',
  psykisk_helbred: 'Psykisk helbred',
};
const referralLabels: Record<string, string> = {
  referred: 'Visiteret',
  open: 'Uvisiteret (åbent)',
};
const formatLabels: Record<string, string> = { group: 'Hold', individual: 'Individuelt' };
const kindLabels: Record<string, string> = {
  health: 'Sundhedstilbud',
  association: 'Forening',
  company_centre: 'Virksomhedscenter',
  mentor: 'Mentor',
  work_trial: 'Virksomhedspraktik',
};

const num = (v: string | number | null) => (v === null ? null : Number(v));

export function presentOffer(row: repo.OfferRow, actions?: string[]): Offer {
  return {
    id: row.id,
    municipalityCode: row.municipality_code,
    providerOrganisationId: row.provider_organisation_id,
    providerName: row.provider_name,
    title: row.title,
    description: row.description,
    kind: row.kind,
    themes: row.themes,
    targetGroups: row.target_groups,
    benefitTypes: row.benefit_types,
    referralType: row.referral_type,
    format: row.format,
    weeks: row.weeks,
    hoursPerWeek: num(row.hours_per_week),
    daysPerWeek: row.days_per_week,
    placeName: row.place_name,
    address: row.address,
    postalCode: row.postal_code,
    capacity: row.capacity,
    freePlaces: row.free_places,
    profession: row.profession,
    costPerParticipant: num(row.cost_per_participant),
    introMeeting: row.intro_meeting,
    introRequired: row.intro_required,
    mandatoryActivation: row.mandatory_activation,
    minHoursPerWeek: num(row.min_hours_per_week),
    minDaysPerWeek: row.min_days_per_week,
    continueAfterWorkWeeks: row.continue_after_work_weeks,
    languages: row.languages,
    accessibility: row.accessibility,
    contact: row.contact,
    status: row.status,
    nextStart: row.next_start,
    ...(actions ? { allowedActions: actions } : {}),
  };
}

function offerScope(row: {
  municipality_code: string;
  provider_organisation_id: string;
}): RowScope {
  return {
    municipalityCode: row.municipality_code,
    organisationIds: [row.provider_organisation_id],
  };
}

/** Organisations whose unpublished offers the actor may see: the ones they edit. */
function editorOrganisations(ctx: AuthedContext): { all: true } | { publishedOr: string[] } {
  if (hasRole(ctx.actor, 'administrator')) return { all: true };
  return {
    publishedOr: [
      ...orgIds(ctx.actor, 'provider_staff'),
      ...orgIds(ctx.actor, 'health_professional'),
      ...orgIds(ctx.actor, 'caseworker'),
      ...orgIds(ctx.actor, 'coordinating_caseworker'),
    ],
  };
}

function facetsWithLabels(facets: { facet: string; value: string; n: number }[]) {
  // Provider facets arrive as "id|name" (the name joined in the same statement).
  const split = (v: string) => {
    const i = v.indexOf('|');
    return i < 0 ? { value: v, label: v } : { value: v.slice(0, i), label: v.slice(i + 1) };
  };
  const pick = (facet: string, label: (v: string) => string) =>
    facets
      .filter((f) => f.facet === facet)
      .map((f) =>
        facet === 'provider'
          ? { ...split(f.value), count: Number(f.n) }
          : { value: f.value, label: label(f.value), count: Number(f.n) },
      )
      .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, 'da'));
  return {
    kind: pick('kind', (v) => kindLabels[v] ?? v),
    theme: pick('theme', (v) => themeLabels[v] ?? v),
    targetGroup: pick('targetGroup', (v) => v),
    referralType: pick('referralType', (v) => referralLabels[v] ?? v),
    format: pick('format', (v) => formatLabels[v] ?? v),
    provider: pick('provider', (v) => v),
  };
}

async function runSearch(
  tx: Tx,
  q: OfferSearch,
  visibility: repo.SearchFilter['visibility'],
  today: string,
) {
  const limit = q.limit ?? 20;
  const offset = q.offset ?? 0;
  const { rows, total, facets } = await repo.searchOffers(tx, {
    query: repo.prefixQuery(q.q),
    themes: q.themes,
    kind: q.kind,
    targetGroup: q.targetGroup,
    referralType: q.referralType,
    format: q.format,
    providerId: q.providerId,
    startsWithinWeeks: q.startsWithinWeeks,
    freePlaces: q.freePlaces,
    status: q.status,
    visibility,
    sort: q.sort ?? (q.q?.trim() ? 'relevance' : 'next_start'),
    limit,
    offset,
    today,
  });
  return {
    items: rows.map((r) => presentOffer(r)),
    total,
    limit,
    offset,
    facets: facetsWithLabels(facets),
  };
}

export async function searchOffers(ctx: AuthedContext, q: OfferSearch, today = danishToday()) {
  authorize(ctx.actor, 'catalogue.search');
  return tenantTx(ctx, ctx.actor.municipalityCode, (tx) =>
    runSearch(tx, q, editorOrganisations(ctx), today),
  );
}

/**
 * The public page of a municipality (no login): published, open (uvisiteret) offers only. Runs
 * in the municipality named in the URL, so RLS still confines it to that tenant.
 */
export async function searchPublicOffers(
  deps: { database: Database },
  municipalityCode: string,
  q: Omit<OfferSearch, 'referralType' | 'status' | 'providerId' | 'themes'> & { theme?: string[] },
  today = danishToday(),
) {
  return tenantTx(deps, municipalityCode, async (tx) => {
    const name = await repo.municipalityName(tx, municipalityCode);
    if (!name) throw notFound({ da: 'Kommunen findes ikke.', en: 'Municipality not found.' });
    const result = await runSearch(
      tx,
      {
        ...q,
        themes: q.theme?.length ? q.theme : undefined,
        referralType: 'open',
        status: 'published',
      },
      { publishedOr: [] },
      today,
    );
    return { municipalityName: name, ...result };
  });
}

export async function getPublicOffer(
  deps: { database: Database },
  municipalityCode: string,
  id: string,
) {
  return tenantTx(deps, municipalityCode, async (tx) => {
    const row = await repo.findOffer(tx, id);
    if (row?.status !== 'published' || row.referral_type !== 'open') {
      throw notFound({ da: 'Tilbuddet findes ikke.', en: 'Offer not found.' });
    }
    return presentOffer(row);
  });
}

function visibleTo(ctx: AuthedContext, row: repo.OfferRow): boolean {
  return (
    row.status === 'published' || permits(ctx.actor, 'catalogue.edit', offerScope(row)) !== null
  );
}

export async function getOffer(ctx: AuthedContext, id: string) {
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const row = await repo.findOffer(tx, id);
    if (!row || !visibleTo(ctx, row))
      throw notFound({ da: 'Tilbuddet findes ikke.', en: 'Offer not found.' });
    authorize(ctx.actor, 'catalogue.read', offerScope(row));
    return presentOffer(row, allowedActions(ctx.actor, ['catalogue.edit'], offerScope(row)));
  });
}

function defaultProvider(ctx: AuthedContext): string | undefined {
  return (
    orgIds(ctx.actor, 'provider_staff')[0] ??
    orgIds(ctx.actor, 'health_professional')[0] ??
    orgIds(ctx.actor, 'caseworker')[0] ??
    orgIds(ctx.actor, 'coordinating_caseworker')[0]
  );
}

/**
 * Middelfart's weekly rule (hours a week over a least number of days) belongs to an offer that
 * is a mandatory part of activation; on a voluntary offer it would be a demand the citizen never
 * accepted (seed 001, section 5).
 */
function checkWeeklyRule(o: {
  mandatoryActivation: boolean;
  minHoursPerWeek: number | null;
  minDaysPerWeek: number | null;
}) {
  if (!o.mandatoryActivation && (o.minHoursPerWeek !== null || o.minDaysPerWeek !== null)) {
    throw new AppError(
      'validation',
      {
        da: 'Et ugentligt minimum kræver, at tilbuddet er en obligatorisk del af aktiveringen.',
        en: 'A weekly minimum needs the offer to be a mandatory part of activation.',
      },
      {
        errors: [
          { in: 'body', pointer: '/mandatoryActivation', message: 'Markér tilbuddet obligatorisk' },
        ],
      },
    );
  }
}

export async function createOffer(ctx: AuthedContext, input: OfferInput) {
  checkWeeklyRule({
    mandatoryActivation: input.mandatoryActivation ?? false,
    minHoursPerWeek: input.minHoursPerWeek ?? null,
    minDaysPerWeek: input.minDaysPerWeek ?? null,
  });
  const providerId = input.providerOrganisationId ?? defaultProvider(ctx);
  if (!providerId) {
    throw new AppError(
      'validation',
      { da: 'Vælg udbyderen af tilbuddet.', en: 'Choose the provider of the offer.' },
      { errors: [{ in: 'body', pointer: '/providerOrganisationId', message: 'Vælg en udbyder' }] },
    );
  }
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    if (!(await repo.organisationType(tx, providerId))) {
      throw notFound({ da: 'Udbyderen findes ikke.', en: 'Provider not found.' });
    }
    authorize(ctx.actor, 'catalogue.edit', {
      municipalityCode: ctx.actor.municipalityCode,
      organisationIds: [providerId],
    });
    const id = await repo.insertOffer(tx, ctx.actor.municipalityCode, {
      ...input,
      providerOrganisationId: providerId,
    });
    const row = (await repo.findOffer(tx, id))!;
    return presentOffer(row, allowedActions(ctx.actor, ['catalogue.edit'], offerScope(row)));
  });
}

export async function updateOffer(ctx: AuthedContext, id: string, patch: Partial<OfferInput>) {
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const row = await repo.findOffer(tx, id);
    if (!row) throw notFound({ da: 'Tilbuddet findes ikke.', en: 'Offer not found.' });
    authorize(ctx.actor, 'catalogue.edit', offerScope(row));
    checkWeeklyRule({
      mandatoryActivation: patch.mandatoryActivation ?? row.mandatory_activation,
      minHoursPerWeek:
        patch.minHoursPerWeek !== undefined ? patch.minHoursPerWeek : num(row.min_hours_per_week),
      minDaysPerWeek:
        patch.minDaysPerWeek !== undefined ? patch.minDaysPerWeek : row.min_days_per_week,
    });
    if (
      patch.providerOrganisationId &&
      patch.providerOrganisationId !== row.provider_organisation_id
    ) {
      // Moving an offer to another provider needs edit rights there too.
      if (!(await repo.organisationType(tx, patch.providerOrganisationId))) {
        throw notFound({ da: 'Udbyderen findes ikke.', en: 'Provider not found.' });
      }
      authorize(ctx.actor, 'catalogue.edit', {
        municipalityCode: ctx.actor.municipalityCode,
        organisationIds: [patch.providerOrganisationId],
      });
    }
    await repo.updateOffer(tx, id, patch);
    const next = (await repo.findOffer(tx, id))!;
    return presentOffer(next, allowedActions(ctx.actor, ['catalogue.edit'], offerScope(next)));
  });
}

/** For matching (health module): the published offers of the tenant, inside its transaction. */
export function publishedOffers(tx: Tx) {
  return repo.publishedOffers(tx);
}
