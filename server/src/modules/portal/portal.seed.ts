/**
 * Demo for Min Plan and Min side: a health course (motion og kost) with weekly sessions the
 * demo citizen is referred to and enrolled in, an open walking group to sign up for, a local
 * boxing club (an association to bridge to, as in Skive), a consent to the health centre, a
 * proxy user (<prefix>.fuldmagt) acting for the demo citizen, and a rehabilitation team meeting.
 */
import { sql } from 'kysely';
import type { DemoPart } from '../../db/seed/types.js';
import type { Tx } from '../../platform/context.js';
import { addDays, danishToday, mondayOf } from '../../platform/dates.js';

/** 08:00 UTC on a date: the sessions' and the meeting's time of day. */
const at8Utc = (date: string) => new Date(`${date}T08:00:00Z`);

async function one<T>(tx: Tx, q: ReturnType<typeof sql<T>>): Promise<T> {
  const { rows } = await q.execute(tx);
  return rows[0]!;
}

export const portalDemo: DemoPart = {
  name: 'plans-portal',
  async run(tx, demo) {
    for (const m of demo.municipalities) {
      const { code, orgs } = m;
      const borger = await one<{ id: string; citizen_id: string }>(
        tx,
        sql`select id, citizen_id from app_user where username = ${`${m.prefix}.borger`}`,
      );
      const citizenId = borger.citizen_id;
      const caseworker = m.users.koordinator ?? m.users.sagsbehandler ?? null;
      // Monday of next week.
      const start = addDays(mondayOf(danishToday()), 7);

      const offer = await one<{ id: string }>(
        tx,
        sql`insert into offer (municipality_code, provider_organisation_id, title, description, kind,
            themes, referral_type, format, weeks, hours_per_week, days_per_week, place_name, capacity,
            status, next_start)
          values (${code}, ${orgs.sundhedscenter}, 'Sundt liv – motion og kost',
            'Otte uger med træning to gange om ugen og kostvejledning i små hold.', 'health',
            '{motion,kost}', 'referred', 'group', 8, 4, 2, ${`Sundhedscenter ${m.name}, sal 2`}, 14,
            'published', ${start}) returning id`,
      );
      const course = await one<{ id: string }>(
        tx,
        sql`insert into course (municipality_code, offer_id, title, start_date, weeks, weekly_pattern,
            place, capacity, status)
          values (${code}, ${offer.id}, 'Sundt liv – hold 1', ${start}, 8,
            '[{"weekday":1,"start":"09:00","end":"11:00"},{"weekday":4,"start":"09:00","end":"11:00"}]',
            ${`Sundhedscenter ${m.name}, sal 2`}, 14, 'planned') returning id`,
      );
      for (let w = 0; w < 8; w++) {
        for (const offset of [0, 3]) {
          const s = at8Utc(addDays(start, w * 7 + offset));
          const e = new Date(s.getTime() + 2 * 3_600_000);
          await sql`insert into course_session (municipality_code, course_id, starts_at, ends_at)
            values (${code}, ${course.id}, ${s.toISOString()}, ${e.toISOString()})`.execute(tx);
        }
      }
      const referral = await one<{ id: string }>(
        tx,
        sql`insert into referral (municipality_code, citizen_id, offer_id, from_organisation_id,
            to_organisation_id, created_by, reason, participation, state, course_id)
          values (${code}, ${citizenId}, ${offer.id}, ${orgs.jobcenter}, ${orgs.sundhedscenter},
            ${caseworker}, 'Borgeren ønsker at komme i bedre form før jobstart.', 'voluntary', 'enrolled',
            ${course.id}) returning id`,
      );
      await sql`insert into referral_event (municipality_code, referral_id, from_state, to_state, actor_user_id)
        values (${code}, ${referral.id}, null, 'sent', ${caseworker}),
               (${code}, ${referral.id}, 'sent', 'enrolled', ${m.users.sundhed ?? null})`.execute(
        tx,
      );
      await sql`insert into enrolment (municipality_code, course_id, citizen_id, referral_id, status)
        values (${code}, ${course.id}, ${citizenId}, ${referral.id}, 'enrolled')`.execute(tx);

      // An open offer anyone may sign up for, with a course that has seats.
      const walk = await one<{ id: string }>(
        tx,
        sql`insert into offer (municipality_code, provider_organisation_id, title, description, kind,
            themes, referral_type, format, weeks, place_name, capacity, status)
          values (${code}, ${orgs.sundhedscenter}, 'Gåhold – kom godt i gang',
            'Gåture på en time i roligt tempo. Alle kan være med.', 'health', '{motion}', 'open',
            'group', 6, 'Mødested ved biblioteket', 20, 'published') returning id`,
      );
      await sql`insert into course (municipality_code, offer_id, title, start_date, weeks, place, capacity, status)
        values (${code}, ${walk.id}, 'Gåhold – forår', ${addDays(start, 14)},
          6, 'Mødested ved biblioteket', 20, 'planned')`.execute(tx);

      // A local boxing club: an association to bridge to after job start.
      const club = await one<{ id: string }>(
        tx,
        sql`insert into organisation (municipality_code, name, type, address)
          values (${code}, ${`${m.name} Bokseklub`}, 'association', ${`Idrætsvej 4, ${m.name}`}) returning id`,
      );
      await sql`insert into offer (municipality_code, provider_organisation_id, title, description, kind,
          themes, referral_type, format, status)
        values (${code}, ${club.id}, 'Motionsboksning i den lokale bokseklub',
          'Træning for alle niveauer; nedsat kontingent det første halve år.', 'association',
          '{motion}', 'open', 'group', 'published')`.execute(tx);

      await sql`insert into consent (municipality_code, citizen_id, recipient_organisation_id, categories,
          purpose, given_how, recorded_by, status)
        values (${code}, ${citizenId}, ${orgs.sundhedscenter}, '{health_profile,attendance}',
          'Sundhedscentret må se min sundhedsprofil og mit fremmøde for at tilrettelægge forløbet.',
          'portal', ${borger.id}, 'given')`.execute(tx);

      // A relative with fuldmagt: a citizen user of their own who may act for the demo citizen.
      const other = await one<{ id: string }>(
        tx,
        sql`select id from citizen where municipality_code = ${code} and id <> ${citizenId}
          order by last_name, first_name limit 1`,
      );
      const hash = await one<{ password_hash: string }>(
        tx,
        sql`select password_hash from app_user where id = ${borger.id}`,
      );
      const proxy = await one<{ id: string }>(
        tx,
        sql`insert into app_user (municipality_code, kind, username, password_hash, display_name, citizen_id)
          values (${code}, 'citizen', ${`${m.prefix}.fuldmagt`}, ${hash.password_hash}, 'Frida Fuldmægtig', ${other.id})
          returning id`,
      );
      await sql`insert into user_role (municipality_code, user_id, role) values (${code}, ${proxy.id}, 'citizen')`.execute(
        tx,
      );
      await sql`insert into proxy_grant (municipality_code, citizen_id, proxy_user_id, scopes)
        values (${code}, ${citizenId}, ${proxy.id}, '{plan,sessions,referrals,offers,messages}')`.execute(
        tx,
      );

      const meeting = await one<{ id: string }>(
        tx,
        sql`insert into team_meeting (municipality_code, citizen_id, kind, scheduled_at, agenda,
            organiser_organisation_id, created_by)
          values (${code}, ${citizenId}, 'rehabilitation_team', ${at8Utc(addDays(start, 2)).toISOString()},
            '1. Borgerens ønsker og mål\n2. Helbred og sundhedsindsats\n3. Indstilling', ${orgs.jobcenter}, ${caseworker})
          returning id`,
      );
      await sql`insert into team_meeting_participant (municipality_code, meeting_id, organisation_id, user_id,
          participant_role, name)
        values (${code}, ${meeting.id}, ${orgs.jobcenter}, ${caseworker}, 'caseworker', 'Karin Koordinator'),
               (${code}, ${meeting.id}, ${orgs.sundhedscenter}, ${m.users.sundhed ?? null}, 'health_professional', 'Finn Fysioterapeut'),
               (${code}, ${meeting.id}, null, null, 'gp_consultant', 'Klinisk lægekonsulent'),
               (${code}, ${meeting.id}, null, null, 'citizen', 'Borgeren')`.execute(tx);

      await sql`insert into portal_message (municipality_code, citizen_id, sender_user_id, from_citizen, body)
        values (${code}, ${citizenId}, ${caseworker}, false,
          'Hej. Vi ses til samtalen om din plan. Skriv endelig, hvis du har spørgsmål.')`.execute(
        tx,
      );
    }
  },
};
