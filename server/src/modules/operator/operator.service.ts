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
import { canMail, sendMailNow } from '../../platform/mail.js';
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

/** The invitation mail: Danish first, English below; the link and when it expires. */
export function invitationMail(v: {
  municipalityName: string;
  displayName: string;
  username: string;
  url: string;
  expiresAt: Date;
}) {
  const when = v.expiresAt.toLocaleString('da-DK', {
    timeZone: 'Europe/Copenhagen',
    dateStyle: 'long',
    timeStyle: 'short',
  });
  const whenEn = v.expiresAt.toLocaleString('en-GB', {
    timeZone: 'Europe/Copenhagen',
    dateStyle: 'long',
    timeStyle: 'short',
  });
  return {
    subject: `Velkommen til Helhed, ${v.municipalityName} Kommune – vælg din adgangskode`,
    text: [
      `Hej ${v.displayName}`,
      '',
      `Du er oprettet som administrator for ${v.municipalityName} Kommune i Helhed med brugernavnet ${v.username}.`,
      `Vælg din adgangskode med dette link. Det virker én gang og udløber ${when}:`,
      v.url,
      '',
      'Har du ikke ventet denne mail, så slet den og sig det til den, der driver Helhed.',
      '',
      '---',
      '',
      `Hello ${v.displayName}`,
      '',
      `You have been made administrator for ${v.municipalityName} Municipality in Helhed, with the user name ${v.username}.`,
      `Choose your password with the link above. It works once and expires on ${whenEn}.`,
    ].join('\n'),
  };
}

/**
 * Mails the invitation to the administrator when they have an address and SMTP is configured;
 * after the transaction, so a refused mail never undoes the onboarding. When it went, the answer
 * holds no link (only the administrator gets it); otherwise the operator is shown the link once,
 * as before, to hand over. Neither the link nor the failure's text is logged.
 */
async function deliver(
  ctx: AuthedContext,
  v: {
    municipalityName: string;
    displayName: string;
    username: string;
    email: string | null;
    token: string;
    expiresAt: Date;
  },
) {
  const url = invitationLink(ctx, v.token);
  const shown = { token: v.token, url, expiresAt: v.expiresAt.toISOString() };
  if (!v.email || !canMail(ctx.config)) return { ...shown, emailedTo: null, emailFailed: false };
  try {
    await sendMailNow(ctx.config, { to: v.email, ...invitationMail({ ...v, url }) });
    return {
      token: null,
      url: null,
      expiresAt: shown.expiresAt,
      emailedTo: v.email,
      emailFailed: false,
    };
  } catch {
    // Not logged (the error may quote the message); the operator is told and shown the link.
    return { ...shown, emailedTo: null, emailFailed: true };
  }
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
  const done = await tenantTx(ctx, input.code, async (tx) => {
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
    return { result, invitation };
  });
  return {
    ...done.result,
    invitation: await deliver(ctx, {
      municipalityName: done.result.name,
      displayName: input.administrator.displayName,
      username: input.administrator.username.toLowerCase(),
      email: input.administrator.email ?? null,
      ...done.invitation,
    }),
  };
}

/** A new invitation for the first administrator who has not set a password (a lost link). */
export async function reinvite(ctx: AuthedContext, code: string) {
  authorize(ctx.actor, 'operator.municipalities.onboard');
  const done = await tenantTx(ctx, code, async (tx) => {
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
    return { m, admin, invitation };
  });
  return {
    username: done.admin.username,
    ...(await deliver(ctx, {
      municipalityName: done.m.name,
      displayName: done.admin.display_name,
      username: done.admin.username,
      email: done.admin.email,
      ...done.invitation,
    })),
  };
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
