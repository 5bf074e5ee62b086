/**
 * Demo: Rebild's two-stage exercise course. Six weeks at the private provider, then six weeks at
 * the municipal health department for those not yet fit. The offers are looked up by title (the
 * catalogue module may have made them) and created only when missing; a few citizens have given
 * consent and been referred.
 */
import { sql } from 'kysely';
import type { DemoContext, DemoPart } from '../../db/seed/types.js';
import type { Tx } from '../../platform/context.js';
import { plannedSessions } from './courses.service.js';

export const STAGE_1_TITLE = 'Motion og træning – trin 1 (privat udbyder)';
export const STAGE_2_TITLE = 'Motion og træning – trin 2 (Sundhedscenter Rebild)';

async function offerId(
  tx: Tx,
  code: string,
  providerId: string,
  title: string,
  description: string,
) {
  const { rows } = await sql<{ id: string }>`
    select id from offer where municipality_code = ${code} and title = ${title} limit 1`.execute(
    tx,
  );
  if (rows[0]) return rows[0].id;
  const { rows: made } = await sql<{ id: string }>`
    insert into offer (municipality_code, provider_organisation_id, title, description, themes,
      target_groups, benefit_types, referral_type, format, weeks, hours_per_week, days_per_week,
      capacity, profession, status)
    values (${code}, ${providerId}, ${title}, ${description}, ${['motion']}, ${['sygemeldte']},
      ${['sygedagpenge']}, 'referred', 'group', 6, 10, 3, 12, 'fysioterapeut', 'published')
    returning id`.execute(tx);
  return made[0]!.id;
}

/** The next Monday on or after today plus the given days. */
function nextMonday(afterDays: number): string {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + afterDays);
  while (d.getUTCDay() !== 1) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

async function course(
  tx: Tx,
  code: string,
  offer: string,
  title: string,
  startDate: string,
  place: string,
  followOn: string | null,
) {
  const pattern = [
    { weekday: 1, start: '09:00', end: '12:20' },
    { weekday: 3, start: '09:00', end: '12:20' },
    { weekday: 5, start: '09:00', end: '12:20' },
  ];
  const { rows } = await sql<{ id: string }>`
    insert into course (municipality_code, offer_id, title, start_date, weeks, weekly_pattern, place,
      capacity, follow_on_course_id)
    values (${code}, ${offer}, ${title}, ${startDate}, 6, ${JSON.stringify(pattern)}::jsonb, ${place},
      12, ${followOn}) returning id`.execute(tx);
  const id = rows[0]!.id;
  for (const s of plannedSessions(startDate, 6, pattern).sessions) {
    await sql`insert into course_session (municipality_code, course_id, starts_at, ends_at)
      values (${code}, ${id}, (${s.date}::date + ${s.start}::time) at time zone 'Europe/Copenhagen',
        (${s.date}::date + ${s.end}::time) at time zone 'Europe/Copenhagen')`.execute(tx);
  }
  return id;
}

export const courseDemo: DemoPart = {
  name: 'courses',
  async run(tx: Tx, demo: DemoContext) {
    const m = demo.municipalities.find((x) => x.code === '840');
    if (!m) return;
    const stage1 = await offerId(
      tx,
      m.code,
      m.orgs.provider,
      STAGE_1_TITLE,
      'Motion 10 timer om ugen i 6 uger for sygemeldte borgere, hos privat udbyder.',
    );
    const stage2 = await offerId(
      tx,
      m.code,
      m.orgs.sundhedscenter,
      STAGE_2_TITLE,
      'Seks ugers fortsat træning i Sundhedscenter Rebild for dem, der endnu ikke er raskmeldt.',
    );
    const start1 = nextMonday(7);
    const start2Date = new Date(`${start1}T00:00:00Z`);
    start2Date.setUTCDate(start2Date.getUTCDate() + 42);
    const start2 = start2Date.toISOString().slice(0, 10);
    const c2 = await course(
      tx,
      m.code,
      stage2,
      `Trin 2 – hold fra ${start2}`,
      start2,
      'Sundhedsvej 2, Støvring',
      null,
    );
    const c1 = await course(
      tx,
      m.code,
      stage1,
      `Trin 1 – hold fra ${start1}`,
      start1,
      'Erhvervsvej 10, Støvring',
      c2,
    );

    const caseworker = m.users.sagsbehandler!;
    const provider = m.users.udbyder!;
    for (const [i, state] of [
      [1, 'sent'],
      [2, 'received'],
      [3, 'enrolled'],
    ] as const) {
      const citizen = m.citizens[i]!;
      const { rows: consent } = await sql<{ id: string }>`
        insert into consent (municipality_code, citizen_id, recipient_organisation_id, categories,
          purpose, given_how, recorded_by, status)
        values (${m.code}, ${citizen}, ${m.orgs.provider}, ${['attendance', 'outcome']},
          'Henvisning til træningsforløb', 'verbal', ${caseworker}, 'given') returning id`.execute(
        tx,
      );
      const { rows: r } = await sql<{ id: string }>`
        insert into referral (municipality_code, citizen_id, offer_id, from_organisation_id,
          to_organisation_id, created_by, reason, participation, shared_categories, consent_id, state,
          course_id)
        values (${m.code}, ${citizen}, ${stage1}, ${m.orgs.jobcenter}, ${m.orgs.provider}, ${caseworker},
          'Sygemeldt med smerter i ryggen; ønsker at komme i gang med træning.', 'voluntary',
          ${['attendance']}, ${consent[0]!.id}, ${state}, ${state === 'enrolled' ? c1 : null})
        returning id`.execute(tx);
      const path = ['draft', 'sent', 'received', 'accepted', 'enrolled'];
      for (let s = 0; s <= path.indexOf(state); s++) {
        await sql`insert into referral_event (municipality_code, referral_id, from_state, to_state,
            actor_user_id, actor_organisation_id)
          values (${m.code}, ${r[0]!.id}, ${s === 0 ? null : path[s - 1]!}, ${path[s]!},
            ${s < 2 ? caseworker : provider}, ${s < 2 ? m.orgs.jobcenter : m.orgs.provider})`.execute(
          tx,
        );
      }
      if (state === 'enrolled') {
        await sql`insert into enrolment (municipality_code, course_id, citizen_id, referral_id, status)
          values (${m.code}, ${c1}, ${citizen}, ${r[0]!.id}, 'enrolled')`.execute(tx);
      }
    }
  },
};
