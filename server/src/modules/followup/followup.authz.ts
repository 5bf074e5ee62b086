import { sql } from 'kysely';
import type { AuthzCaller, AuthzCase, AuthzContext, Owner } from '../../../test/authz/types.js';
import { citizenFor } from '../../../test/fixtures/workflow-authz.js';

const codeOf = (owner: Owner) => (owner === 'other_municipality' ? '461' : '840');
let n = 0;

/**
 * A citizen whose only open sickness-benefit period is a fresh one (started 40 days ago, a new
 * start date each call), so every cell acts on a case of its own. Created as the owner.
 */
async function freshSickCitizen(ctx: AuthzContext, caller: AuthzCaller, owner: Owner) {
  const citizenId = await citizenFor(ctx, caller, owner);
  n++;
  const db = ctx.database.db;
  await sql`update benefit_period set end_date = start_date, end_reason = 'other'
    where citizen_id = ${citizenId} and benefit_type = 'sygedagpenge' and end_date is null`.execute(
    db,
  );
  // A demo citizen may already have a period that started on the first candidate day (the
  // unique key is citizen, type and start date): take the first free day from 40 + n days ago.
  await sql`insert into benefit_period (municipality_code, citizen_id, benefit_type, start_date, source)
    select ${codeOf(owner)}, ${citizenId}, 'sygedagpenge', current_date - d, 'synthetic'
    from generate_series(${40 + n}::int, ${40 + n + 365}::int) d
    where not exists (
      select 1 from benefit_period b
      where b.municipality_code = ${codeOf(owner)} and b.citizen_id = ${citizenId}
        and b.benefit_type = 'sygedagpenge' and b.start_date = current_date - d)
    order by d
    limit 1`.execute(db);
  return citizenId;
}

/** As freshSickCitizen, with the information form sent (for the citizen's own form). */
async function citizenWithForm(ctx: AuthzContext, caller: AuthzCaller, owner: Owner) {
  const citizenId = await freshSickCitizen(ctx, caller, owner);
  const db = ctx.database.db;
  await sql`insert into followup_case (municipality_code, benefit_period_id, citizen_id, first_absence_day)
    select municipality_code, id, citizen_id, start_date from benefit_period
    where citizen_id = ${citizenId} and benefit_type = 'sygedagpenge' and end_date is null`.execute(
    db,
  );
  await sql`insert into followup_information_form (municipality_code, benefit_period_id, sent_on)
    select municipality_code, benefit_period_id, current_date from followup_case
    where citizen_id = ${citizenId} and benefit_period_id in (select id from benefit_period
      where citizen_id = ${citizenId} and benefit_type = 'sygedagpenge' and end_date is null)`.execute(
    db,
  );
  return citizenId;
}

const onCitizen = (
  route: string,
  path: string,
  payload?: () => unknown,
  prepare = freshSickCitizen,
): AuthzCase => ({
  route,
  row: true,
  request: async (ctx, caller, owner) => ({
    url: path.replace(':id', await prepare(ctx, caller, owner)),
    ...(payload ? { payload: payload() } : {}),
  }),
});

const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000).toISOString().slice(0, 10);

export const authzCases: AuthzCase[] = [
  onCitizen('GET /api/citizens/:id/follow-up', '/api/citizens/:id/follow-up'),
  onCitizen('GET /api/follow-up/citizen/:id', '/api/follow-up/citizen/:id'),
  onCitizen('PUT /api/follow-up/citizen/:id/case', '/api/follow-up/citizen/:id/case', () => ({
    standby: true,
  })),
  onCitizen(
    'POST /api/follow-up/citizen/:id/information-form',
    '/api/follow-up/citizen/:id/information-form',
    () => ({}),
  ),
  onCitizen(
    'POST /api/follow-up/citizen/:id/gp-certificate',
    '/api/follow-up/citizen/:id/gp-certificate',
    () => ({ requestedOn: daysAgo(5) }),
  ),
  {
    route: 'POST /api/follow-up/citizen/:id/gp-certificate/received',
    row: true,
    request: async (ctx, caller, owner) => {
      const citizenId = await freshSickCitizen(ctx, caller, owner);
      await sql`insert into followup_case (municipality_code, benefit_period_id, citizen_id, first_absence_day)
        select municipality_code, id, citizen_id, start_date from benefit_period
        where citizen_id = ${citizenId} and benefit_type = 'sygedagpenge' and end_date is null`.execute(
        ctx.database.db,
      );
      await sql`insert into followup_gp_certificate (municipality_code, benefit_period_id, requested_on)
        select municipality_code, benefit_period_id, current_date - 10 from followup_case
        where citizen_id = ${citizenId} and benefit_period_id in (select id from benefit_period
          where citizen_id = ${citizenId} and benefit_type = 'sygedagpenge' and end_date is null)`.execute(
        ctx.database.db,
      );
      return {
        url: `/api/follow-up/citizen/${citizenId}/gp-certificate/received`,
        payload: { receivedOn: daysAgo(1) },
      };
    },
  },
  onCitizen(
    'POST /api/follow-up/citizen/:id/conversations',
    '/api/follow-up/citizen/:id/conversations',
    () => ({ heldOn: daysAgo(2), form: 'phone', category: 2 }),
  ),
  onCitizen(
    'PUT /api/follow-up/citizen/:id/fitness-statement',
    '/api/follow-up/citizen/:id/fitness-statement',
    () => ({ part1On: daysAgo(3) }),
  ),
  onCitizen(
    'POST /api/follow-up/citizen/:id/reassessment',
    '/api/follow-up/citizen/:id/reassessment',
    () => ({ decidedOn: daysAgo(1), decision: 'jobafklaringsforloeb' }),
  ),
  {
    route: 'GET /api/follow-up/my/information-form',
    row: false,
    request: async (ctx, caller) => {
      if (caller.role === 'citizen') await citizenWithForm(ctx, caller, 'own');
      return { url: '/api/follow-up/my/information-form' };
    },
  },
  {
    route: 'PUT /api/follow-up/my/information-form',
    row: false,
    request: async (ctx, caller) => {
      if (caller.role === 'citizen') await citizenWithForm(ctx, caller, 'own');
      return {
        url: '/api/follow-up/my/information-form',
        payload: {
          workAbility: 'Kan ikke løfte',
          expectedDuration: '10 uger',
          canStillDo: 'Kontor',
        },
      };
    },
  },
  {
    route: 'GET /api/follow-up/deadlines',
    row: false,
    request: async () => ({ url: '/api/follow-up/deadlines' }),
  },
  {
    route: 'GET /api/follow-up/outbox',
    row: false,
    request: async () => ({ url: '/api/follow-up/outbox' }),
  },
  {
    route: 'GET /api/follow-up/rules',
    row: false,
    request: async () => ({ url: '/api/follow-up/rules' }),
  },
  {
    route: 'POST /api/follow-up/rules',
    row: false,
    ok: 201,
    request: async () => ({
      url: '/api/follow-up/rules',
      payload: {
        validFrom: '2099-01-01',
        note: 'Authz',
        parameters: {
          informationFormDueDays: 8,
          gpCertificateDays: 14,
          gpCertificateMinDays: 8,
          firstConversationDays: 55,
          followUpIntervalDays: 28,
          reassessmentDays: 153,
          fastTrackDays: 14,
          standbyHoldsConversations: false,
          nonWorkingDayShift: 'previous_working_day',
        },
      },
    }),
  },
];
