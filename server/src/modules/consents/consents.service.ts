/**
 * Consent (samtykke): the citizen's informed consent (Danish Health Act §15, GDPR art. 9) that
 * names the recipient organisation, the data categories and the purpose, may expire, and can be
 * withdrawn at once. A refusal is recorded too. Access that relies on a consent is checked at read
 * time through platform/consent.ts, so a withdrawal is felt by the recipient's very next read.
 */
import { audit } from '../../platform/audit.js';
import { type AuthedContext, type Tx, tenantTx } from '../../platform/context.js';
import { AppError, notFound } from '../../platform/errors.js';
import { authorize } from '../../platform/policy.js';
import { loadCitizenFor } from '../citizens/citizens.service.js';
import * as repo from './consents.repo.js';
import type { ConsentInput } from './consents.schema.js';

function present(row: repo.ConsentRow) {
  return {
    id: row.id,
    citizenId: row.citizen_id,
    recipientOrganisationId: row.recipient_organisation_id,
    recipientOrganisationName: row.recipient_organisation_name,
    categories: row.categories,
    purpose: row.purpose,
    validFrom: row.valid_from,
    validTo: row.valid_to,
    givenHow: row.given_how,
    status: row.status,
    active: row.active,
    recordedByName: row.recorded_by_name,
    withdrawnAt: row.withdrawn_at ? new Date(row.withdrawn_at).toISOString() : null,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

export async function listConsents(ctx: AuthedContext, citizenId: string) {
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const { grant } = await loadCitizenFor(tx, ctx, citizenId, 'consent.read');
    const rows = await repo.listForCitizen(tx, citizenId);
    await audit(tx, ctx, {
      action: 'read',
      policyAction: 'consent.read',
      resourceType: 'consent',
      citizenId,
      grant,
    });
    return rows.map(present);
  });
}

export async function recordConsent(ctx: AuthedContext, input: ConsentInput) {
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const { grant } = await loadCitizenFor(tx, ctx, input.citizenId, 'consent.record');
    const isCitizen = grant.role === 'citizen';
    // A citizen gives consent in the portal; verbal and paper consents are recorded by named staff.
    if (isCitizen && input.givenHow !== 'portal') {
      throw new AppError(
        'validation',
        {
          da: 'Som borger giver du samtykke her i portalen.',
          en: 'As a citizen you give consent here in the portal.',
        },
        { errors: [{ in: 'body', pointer: '/givenHow', message: 'Skal være portal' }] },
      );
    }
    if (!isCitizen && input.givenHow === 'portal') {
      throw new AppError(
        'validation',
        {
          da: 'Medarbejdere registrerer samtykke givet mundtligt eller på papir.',
          en: 'Staff record consent given verbally or on paper.',
        },
        {
          errors: [
            { in: 'body', pointer: '/givenHow', message: 'Skal være verbal eller signed_paper' },
          ],
        },
      );
    }
    if (input.validTo && input.validFrom && input.validTo < input.validFrom) {
      throw new AppError(
        'validation',
        { da: 'Slutdatoen ligger før startdatoen.', en: 'The end date is before the start date.' },
        { errors: [{ in: 'body', pointer: '/validTo', message: 'Skal være efter gyldig fra' }] },
      );
    }
    if (!(await repo.findOrganisation(tx, input.recipientOrganisationId))) {
      throw new AppError(
        'validation',
        { da: 'Modtageren findes ikke.', en: 'The recipient does not exist.' },
        { errors: [{ in: 'body', pointer: '/recipientOrganisationId', message: 'Findes ikke' }] },
      );
    }
    const id = await repo.insertConsent(tx, {
      municipalityCode: ctx.actor.municipalityCode,
      citizenId: input.citizenId,
      recipientOrganisationId: input.recipientOrganisationId,
      categories: input.categories,
      purpose: input.purpose,
      validFrom: input.validFrom ?? null,
      validTo: input.validTo ?? null,
      givenHow: input.givenHow,
      status: input.status,
      recordedBy: ctx.actor.userId,
      recordedByName: ctx.actor.displayName,
    });
    await audit(tx, ctx, {
      action: 'create',
      policyAction: 'consent.record',
      resourceType: 'consent',
      resourceId: id,
      citizenId: input.citizenId,
      grant,
      details: { status: input.status, categories: input.categories, givenHow: input.givenHow },
    });
    return present((await repo.findConsent(tx, id))!);
  });
}

/**
 * A consent the citizen (or their proxy) gives in the portal, recorded inside the portal's
 * transaction: the portal has decided who acts for whom and writes its own audit row, so this
 * only records, with the acting user as the one who recorded it.
 */
export async function recordPortalConsent(
  tx: Tx,
  ctx: AuthedContext,
  input: {
    citizenId: string;
    recipientOrganisationId: string;
    categories: string[];
    purpose: string;
    validTo: string | null;
  },
): Promise<string> {
  return repo.insertConsent(tx, {
    municipalityCode: ctx.actor.municipalityCode,
    citizenId: input.citizenId,
    recipientOrganisationId: input.recipientOrganisationId,
    categories: input.categories,
    purpose: input.purpose,
    validFrom: null,
    validTo: input.validTo,
    givenHow: 'portal',
    status: 'given',
    recordedBy: ctx.actor.userId,
    recordedByName: ctx.actor.displayName,
  });
}

/**
 * Withdraws a consent inside the portal's transaction (the portal has found it among the
 * citizen's own, checked it is in force and writes the audit row).
 */
export async function withdrawPortalConsent(
  tx: Tx,
  ctx: AuthedContext,
  consentId: string,
): Promise<void> {
  await repo.withdrawConsent(tx, consentId, ctx.actor.userId);
}

/** Takes effect in this transaction: the next consent check anywhere no longer sees it. */
export async function withdrawConsent(ctx: AuthedContext, id: string) {
  return tenantTx(ctx, ctx.actor.municipalityCode, async (tx) => {
    const row = await repo.findConsent(tx, id);
    if (!row) throw notFound({ da: 'Samtykket findes ikke.', en: 'Consent not found.' });
    const grant = authorize(ctx.actor, 'consent.withdraw', {
      municipalityCode: row.municipality_code,
      citizenId: row.citizen_id,
    });
    if (row.status !== 'given') {
      throw new AppError(
        'conflict',
        {
          da: `Samtykket kan ikke tilbagekaldes; status er ${row.status}.`,
          en: `The consent cannot be withdrawn; its status is ${row.status}.`,
        },
        { currentStatus: row.status },
      );
    }
    await repo.withdrawConsent(tx, id, ctx.actor.userId);
    await audit(tx, ctx, {
      action: 'update',
      policyAction: 'consent.withdraw',
      resourceType: 'consent',
      resourceId: id,
      citizenId: row.citizen_id,
      grant,
      details: { status: 'withdrawn' },
    });
    return present((await repo.findConsent(tx, id))!);
  });
}

export async function listRecipients(ctx: AuthedContext) {
  authorize(ctx.actor, 'consent.recipients');
  return tenantTx(ctx, ctx.actor.municipalityCode, (tx) => repo.listOrganisations(tx));
}
