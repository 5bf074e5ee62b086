/**
 * Demo data for the sickness-benefit follow-up (issue 21): a few Rebild citizens on sygedagpenge
 * (the periods the screening demo gives citizens 1–6) get a follow-up case at different stages,
 * so the citizen page and the deadlines list are not empty.
 */
import { sql } from 'kysely';
import type { DemoPart } from '../../db/seed/types.js';
import { addDays, danishToday } from '../../platform/dates.js';
import { computeSteps, conversationDeadline, ruleSetV1 } from './engine.js';

export const followupDemo: DemoPart = {
  name: 'followup',
  async run(tx) {
    const today = danishToday();
    const { rows } = await sql<{ id: string; citizen_id: string; start_date: string }>`
      select id, citizen_id, start_date::text as start_date from benefit_period
      where municipality_code = '840' and benefit_type = 'sygedagpenge' and end_date is null
      order by start_date limit 4`.execute(tx);
    for (const [i, p] of rows.entries()) {
      const facts = {
        firstAbsenceDay: p.start_date,
        periodEndDate: null,
        expectedBackWithin8Weeks: null,
        fastTrackRequestedOn: null,
        standby: false,
        category: null,
        informationForm: null,
        gpCertificate: null,
        conversations: [],
        reassessment: null,
      };
      const steps = computeSteps(facts, ruleSetV1, today);
      await sql`insert into followup_case (municipality_code, benefit_period_id, citizen_id,
          first_absence_day, expected_back_within_8_weeks, category)
        values ('840', ${p.id}, ${p.citizen_id}, ${p.start_date}, ${i < 3 ? false : null},
          ${i < 2 ? 2 : null})
        on conflict do nothing`.execute(tx);
      // Every case has had the information form; the oldest two answered it.
      const threeDaysIn = addDays(p.start_date, 3);
      const sentOn = [threeDaysIn, today].sort()[0]!;
      await sql`insert into followup_information_form (municipality_code, benefit_period_id, sent_on,
          answered_on, work_ability, expected_duration, can_still_do, met_due_date, met_rule_version)
        values ('840', ${p.id}, ${sentOn}, ${i < 2 ? addDays(sentOn, 4) : null},
          ${i < 2 ? 'Kan ikke løfte eller stå i længere tid' : null},
          ${i < 2 ? 'Mere end 8 uger' : null}, ${i < 2 ? 'Let kontorarbejde nogle timer' : null},
          ${i < 2 ? addDays(sentOn, 8) : null}, ${i < 2 ? 1 : null})
        on conflict do nothing`.execute(tx);
      if (i < 2) {
        const first = addDays(p.start_date, 40);
        if (first <= today) {
          const met = conversationDeadline(steps);
          await sql`insert into followup_conversation (municipality_code, benefit_period_id, held_on,
              form, category, met_due_date, met_rule_version)
            values ('840', ${p.id}, ${first}, 'in_person', 2, ${met?.dueDate ?? null}, 1)`.execute(
            tx,
          );
        }
        await sql`insert into followup_gp_certificate (municipality_code, benefit_period_id,
            requested_on, received_on)
          values ('840', ${p.id}, ${addDays(p.start_date, 10)}, ${addDays(p.start_date, 20)})
          on conflict do nothing`.execute(tx);
      }
    }
  },
};
