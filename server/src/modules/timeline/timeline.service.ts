import { audit } from '../../platform/audit.js';
import { type AuthedContext, tenantTx } from '../../platform/context.js';
import { loadCitizenFor } from '../citizens/citizens.service.js';
import { timelineQuery } from './timeline.registry.js';

export async function citizenTimeline(
  ctx: AuthedContext,
  citizenId: string,
  lang: 'da' | 'en' = 'da',
  limit = 200,
) {
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const { grant } = await loadCitizenFor(tx, ctx, citizenId, 'timeline.read');
    const query = timelineQuery(ctx.actor.municipalityCode, citizenId, limit);
    const rows = query ? (await query.execute(tx)).rows : [];
    await audit(tx, ctx, {
      action: 'read',
      policyAction: 'timeline.read',
      resourceType: 'citizen_timeline',
      resourceId: citizenId,
      citizenId,
      grant,
    });
    return {
      items: rows.map((r) => ({
        occurredAt: new Date(r.occurred_at).toISOString(),
        kind: r.kind,
        title: lang === 'en' ? r.title_en : r.title,
        detail: lang === 'en' ? r.detail_en : r.detail,
        refId: r.ref_id,
      })),
    };
  });
}
