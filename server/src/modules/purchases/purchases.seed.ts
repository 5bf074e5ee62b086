/**
 * Demo: Rebild's private provider buys four places on the health centre's stage-2 course (seed
 * 001, "Privat aktør": the health department as the private actor's subcontractor), accepted by
 * the health centre, so the page has a purchase to show and a place to fill.
 */
import { sql } from 'kysely';
import type { DemoContext, DemoPart } from '../../db/seed/types.js';
import type { Tx } from '../../platform/context.js';

export const purchaseDemo: DemoPart = {
  name: 'purchases',
  async run(tx: Tx, demo: DemoContext) {
    const m = demo.municipalities.find((x) => x.code === '840');
    if (!m) return;
    const { rows } = await sql<{ id: string }>`
      select c.id from course c join offer o on o.municipality_code = c.municipality_code and o.id = c.offer_id
      where c.municipality_code = ${m.code} and o.provider_organisation_id = ${m.orgs.sundhedscenter}
        and c.status in ('planned', 'running')
      order by c.start_date, c.id limit 1`.execute(tx);
    const course = rows[0];
    if (!course) return;
    await sql`insert into place_purchase (municipality_code, buyer_organisation_id,
        seller_organisation_id, course_id, places, note, status, decided_by, decided_at, created_by)
      values (${m.code}, ${m.orgs.provider}, ${m.orgs.sundhedscenter}, ${course.id}, 4,
        'Sundhedsdelen af aktiveringsprojektet: træning i Sundhedscenter Rebild.', 'accepted',
        ${m.users.sundhed ?? null}, now(), ${m.users.udbyder!})`.execute(tx);
  },
};
