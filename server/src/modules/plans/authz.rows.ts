/**
 * Rows for the authorization matrix cases of plans, portal, meetings and continuation: each
 * helper returns a row that is 'own', 'other_org' or 'other_municipality' from the caller's side.
 * Written with the owner connection (past RLS); every run has its own throwaway database.
 */
import { sql } from 'kysely';
import type { AuthzCaller, AuthzContext, Owner } from '../../../test/authz/types.js';

const REBILD = '840';
const ODENSE = '461';

async function first<T>(ctx: AuthzContext, q: ReturnType<typeof sql<T>>): Promise<T> {
  const { rows } = await q.execute(ctx.database.db);
  if (!rows[0]) throw new Error('authz rows: no row found');
  return rows[0];
}

export const callerOrg = (caller: AuthzCaller): string | null =>
  caller.session.user.roles.find((r) => r.role === caller.role)?.organisationId ??
  caller.session.user.roles[0]?.organisationId ??
  null;

async function org(ctx: AuthzContext, m: string, type: string) {
  return (
    await first<{ id: string }>(
      ctx,
      sql`select id from organisation where municipality_code = ${m} and type = ${type} order by created_at limit 1`,
    )
  ).id;
}

/** Links a citizen to an organisation with a referral sent to it. */
async function linkCitizen(ctx: AuthzContext, citizenId: string, orgId: string) {
  const offer = await first<{ id: string }>(
    ctx,
    sql`select id from offer where municipality_code = ${REBILD} and kind = 'health' order by created_at limit 1`,
  );
  const user = await first<{ id: string }>(
    ctx,
    sql`select id from app_user where username = 'rebild.sagsbehandler'`,
  );
  await sql`insert into referral (municipality_code, citizen_id, offer_id, from_organisation_id,
      to_organisation_id, created_by, reason, participation, state)
    values (${REBILD}, ${citizenId}, ${offer.id}, ${await org(ctx, REBILD, 'jobcenter')}, ${orgId},
      ${user.id}, 'authz', 'voluntary', 'sent')`.execute(ctx.database.db);
}

/**
 * A citizen the caller reaches as `owner`: for a citizen caller their own record (own) or
 * another's; for staff a Rebild citizen linked to the caller's organisation (own) or one not
 * linked to it (other_org); an Odense citizen for other_municipality.
 */
export async function citizenFor(
  ctx: AuthzContext,
  caller: AuthzCaller,
  owner: Owner,
): Promise<string> {
  if (owner === 'other_municipality') {
    return (
      await first<{ id: string }>(
        ctx,
        sql`select id from citizen where municipality_code = ${ODENSE} order by id limit 1`,
      )
    ).id;
  }
  if (caller.role === 'citizen') {
    const own = caller.session.user.citizenId!;
    if (owner === 'own') return own;
    return (
      await first<{ id: string }>(
        ctx,
        sql`select id from citizen where municipality_code = ${REBILD} and id <> ${own} order by id limit 1`,
      )
    ).id;
  }
  const orgId = callerOrg(caller);
  if (owner === 'own') {
    const c = await first<{ id: string }>(
      ctx,
      sql`select id from citizen where municipality_code = ${REBILD} order by id limit 1`,
    );
    if (orgId) {
      const { rows } = await sql<{
        linked: boolean;
      }>`select ${orgId}::uuid = any(helhed_citizen_organisations(${REBILD}, ${c.id})) as linked`.execute(
        ctx.database.db,
      );
      if (!rows[0]?.linked) await linkCitizen(ctx, c.id, orgId);
    }
    return c.id;
  }
  return (
    await first<{ id: string }>(
      ctx,
      sql`select id from citizen where municipality_code = ${REBILD}
        and not (coalesce(${orgId}::uuid, '00000000-0000-0000-0000-000000000000') = any(helhed_citizen_organisations(${REBILD}, id)))
        and id not in (select citizen_id from app_user where citizen_id is not null)
        order by id desc limit 1`,
    )
  ).id;
}

/** A plan with one goal and one activity for the citizen; returns their ids. */
export async function planFor(ctx: AuthzContext, citizenId: string) {
  const m = (
    await first<{ m: string }>(
      ctx,
      sql`select municipality_code as m from citizen where id = ${citizenId}`,
    )
  ).m;
  await sql`insert into plan (municipality_code, citizen_id) values (${m}, ${citizenId})
    on conflict (municipality_code, citizen_id) do nothing`.execute(ctx.database.db);
  const plan = await first<{ id: string }>(
    ctx,
    sql`select id from plan where citizen_id = ${citizenId}`,
  );
  const goal = await first<{ id: string }>(
    ctx,
    sql`insert into plan_goal (municipality_code, plan_id, specific) values (${m}, ${plan.id}, 'Deltage i holdet') returning id`,
  );
  const activity = await first<{ id: string }>(
    ctx,
    sql`insert into plan_activity (municipality_code, plan_id, title) values (${m}, ${plan.id}, 'Holdet') returning id`,
  );
  return { planId: plan.id, goalId: goal.id, activityId: activity.id };
}

/** A team meeting whose organiser is the caller's organisation (own), an association (other_org) or in Odense. */
export async function meetingFor(ctx: AuthzContext, caller: AuthzCaller, owner: Owner) {
  const m = owner === 'other_municipality' ? ODENSE : REBILD;
  const organiser =
    owner === 'own' && callerOrg(caller)
      ? callerOrg(caller)!
      : owner === 'other_municipality'
        ? await org(ctx, ODENSE, 'jobcenter')
        : await org(ctx, REBILD, 'association');
  const citizen = await first<{ id: string }>(
    ctx,
    sql`select id from citizen where municipality_code = ${m} order by id limit 1`,
  );
  return (
    await first<{ id: string }>(
      ctx,
      sql`insert into team_meeting (municipality_code, citizen_id, kind, scheduled_at, organiser_organisation_id)
        values (${m}, ${citizen.id}, 'rehabilitation_team', now() + interval '7 days', ${organiser}) returning id`,
    )
  ).id;
}

/** A follow-up owned by the caller's organisation (own), an association (other_org) or in Odense. */
export async function followUpFor(ctx: AuthzContext, caller: AuthzCaller, owner: Owner) {
  const m = owner === 'other_municipality' ? ODENSE : REBILD;
  const ownerOrg =
    owner === 'own' && callerOrg(caller)
      ? callerOrg(caller)!
      : owner === 'other_municipality'
        ? await org(ctx, ODENSE, 'sundhedscenter')
        : await org(ctx, REBILD, 'association');
  const citizen = await first<{ id: string }>(
    ctx,
    sql`select id from citizen where municipality_code = ${m} order by id limit 1`,
  );
  return (
    await first<{ id: string }>(
      ctx,
      sql`insert into follow_up (municipality_code, citizen_id, owner_organisation_id, months, due_date, reason)
        values (${m}, ${citizen.id}, ${ownerOrg}, 3, current_date, ${`authz:${crypto.randomUUID()}`}) returning id`,
    )
  ).id;
}

/** A consent in force of the caller's own citizen (own), another Rebild citizen, or an Odense citizen. */
export async function consentFor(ctx: AuthzContext, caller: AuthzCaller, owner: Owner) {
  const citizenId = await citizenFor(ctx, caller, owner);
  const m = owner === 'other_municipality' ? ODENSE : REBILD;
  return (
    await first<{ id: string }>(
      ctx,
      sql`insert into consent (municipality_code, citizen_id, recipient_organisation_id, categories, purpose, given_how, status)
        values (${m}, ${citizenId}, ${await org(ctx, m, 'sundhedscenter')}, '{attendance}', 'authz', 'portal', 'given') returning id`,
    )
  ).id;
}

/** A fresh published open offer with a course with seats, so a sign-up never meets a 409. */
export async function openOffer(ctx: AuthzContext) {
  const provider = await org(ctx, REBILD, 'sundhedscenter');
  const offer = await first<{ id: string }>(
    ctx,
    sql`insert into offer (municipality_code, provider_organisation_id, title, referral_type, format, status)
      values (${REBILD}, ${provider}, 'Authz åbent hold', 'open', 'group', 'published') returning id`,
  );
  await sql`insert into course (municipality_code, offer_id, title, start_date, weeks, capacity)
    values (${REBILD}, ${offer.id}, 'Authz hold', current_date + 7, 4, 10)`.execute(
    ctx.database.db,
  );
  return offer.id;
}

export async function associationOffer(ctx: AuthzContext, m = REBILD) {
  return (
    await first<{ id: string }>(
      ctx,
      sql`select id from offer where municipality_code = ${m} and kind = 'association' limit 1`,
    )
  ).id;
}
