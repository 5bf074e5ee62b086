/**
 * The platform operator (issue 18, decision 1050): onboards a municipality from the reference
 * table with its first organisations and administrator, and offboards one. It reads no citizen:
 * its transactions are tenant transactions for the one municipality it works on (row-level
 * security confines every write there) or, for the list, the reference table alone. Every
 * action is audited in the municipality's own chain.
 */
import { auditOperator } from '../../platform/audit.js';
import { type AuthedContext, tenantTx } from '../../platform/context.js';
import { AppError, notFound } from '../../platform/errors.js';
import {
  type BuiltInOrganisationType,
  createInvitation,
  onboardTenant,
} from '../../platform/onboarding.js';
import { authorize } from '../../platform/policy.js';
import { deleteTenantData, keptAtOffboarding } from '../../platform/tenant-data.js';
import * as repo from './operator.repo.js';

const present = (m: repo.MunicipalityRow) => ({
  code: m.code,
  name: m.name,
  region: m.region,
  status: m.onboarded_at ? 'onboarded' : m.offboarded_at ? 'offboarded' : 'not_onboarded',
  onboardedAt: m.onboarded_at ? new Date(m.onboarded_at).toISOString() : null,
  offboardedAt: m.offboarded_at ? new Date(m.offboarded_at).toISOString() : null,
});

/** The platform operator's "no tenant": row-level security shows no tenant row under it. */
const NO_TENANT = '';

export async function listMunicipalities(ctx: AuthedContext) {
  authorize(ctx.actor, 'operator.municipalities.read');
  return tenantTx(ctx, NO_TENANT, async (tx) => (await repo.listMunicipalities(tx)).map(present));
}

function invitationLink(ctx: AuthedContext, token: string) {
  return `${ctx.config.publicUrl.replace(/\/$/, '')}/velkommen#${token}`;
}

export async function onboard(
  ctx: AuthedContext,
  input: {
    code: string;
    name: string;
    organisations: { name: string; type: BuiltInOrganisationType; address?: string | null }[];
    administrator: { username: string; displayName: string; email?: string | null };
  },
) {
  authorize(ctx.actor, 'operator.municipalities.onboard');
  return tenantTx(ctx, input.code, async (tx) => {
    const result = await onboardTenant(tx, { ...input, onboardedBy: ctx.actor.userId });
    const invitation = await createInvitation(
      tx,
      result.code,
      result.administratorId,
      ctx.actor.userId,
    );
    await auditOperator(tx, ctx, result.code, {
      action: 'create',
      policyAction: 'operator.municipalities.onboard',
      resourceType: 'municipality',
      resourceId: result.code,
      details: {
        organisations: result.organisations.map((o) => ({ name: o.name, type: o.type })),
        administrator: input.administrator.username.toLowerCase(),
      },
    });
    return {
      ...result,
      invitation: {
        token: invitation.token,
        url: invitationLink(ctx, invitation.token),
        expiresAt: invitation.expiresAt.toISOString(),
      },
    };
  });
}

/** A new invitation for the first administrator who has not set a password (a lost link). */
export async function reinvite(ctx: AuthedContext, code: string) {
  authorize(ctx.actor, 'operator.municipalities.onboard');
  return tenantTx(ctx, code, async (tx) => {
    const m = await repo.findMunicipality(tx, code);
    if (!m?.onboarded_at) throw notFound();
    const admin = (await repo.administratorsWithoutPassword(tx))[0];
    if (!admin) {
      throw new AppError('conflict', {
        da: 'Kommunens administrator har allerede valgt en adgangskode.',
        en: 'The municipality’s administrator has already set a password.',
      });
    }
    const invitation = await createInvitation(tx, code, admin.id, ctx.actor.userId);
    await auditOperator(tx, ctx, code, {
      action: 'create',
      policyAction: 'operator.municipalities.onboard',
      resourceType: 'user_invitation',
      resourceId: admin.id,
    });
    return {
      username: admin.username,
      token: invitation.token,
      url: invitationLink(ctx, invitation.token),
      expiresAt: invitation.expiresAt.toISOString(),
    };
  });
}

export async function offboard(ctx: AuthedContext, code: string, confirmName: string) {
  authorize(ctx.actor, 'operator.municipalities.offboard');
  const m = await tenantTx(ctx, NO_TENANT, (tx) => repo.findMunicipality(tx, code));
  if (!m?.onboarded_at) throw notFound();
  if (m.name.toLocaleLowerCase('da') !== confirmName.trim().toLocaleLowerCase('da')) {
    throw new AppError(
      'validation',
      {
        da: `Skriv kommunens navn (${m.name}) for at bekræfte.`,
        en: `Type the municipality’s name (${m.name}) to confirm.`,
      },
      { errors: [{ in: 'body', pointer: '/confirmName', message: `Skriv ${m.name}` }] },
    );
  }
  const deleted = await deleteTenantData(ctx.database, code, (tx) =>
    auditOperator(tx, ctx, code, {
      action: 'delete',
      policyAction: 'operator.municipalities.offboard',
      resourceType: 'municipality',
      resourceId: code,
      details: { kept: keptAtOffboarding },
    }),
  );
  return {
    code,
    name: m.name,
    deletedRows: Object.values(deleted).reduce((a, b) => a + b, 0),
    kept: [...keptAtOffboarding],
  };
}
